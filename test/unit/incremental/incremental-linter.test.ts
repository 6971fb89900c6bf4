import { afterEach, describe, expect, it, vi } from 'vitest';
import { Tree } from 'web-tree-sitter';
import type { TextChange } from '../../../src/core/rules/document-linter';
import type { FileResult } from '../../../src/core/rules/finding';
import { IncrementalLinter, UnknownDocumentError } from '../../../src/core/rules/incremental/incremental-linter';
import type { LanguageId } from '../../../src/core/rules/languages';
import { testEngine } from '../../support/wasm';
import { applyChange } from './edits';

const settings = (): undefined => undefined;
const bareExcept = 'try:\n    x()\nexcept:\n    handle()\n';

function at(line: number, column: number, endLine = line, endColumn = column): TextChange['range'] {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

async function full(path: string, language: LanguageId, text: string): Promise<FileResult> {
  return (await testEngine()).lintFile({ path, text, language }, settings);
}

function ids(result: FileResult): string[] {
  return result.findings.map((finding) => `${finding.ruleId}@${finding.range.start.line}:${finding.range.start.column}`);
}

describe('IncrementalLinter', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('adds a finding when a bare except is typed and removes it when it is fixed', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const opened = await linter.open('u', 'a.py', 'python', 'try:\n    x()\nexcept ValueError:\n    handle()\n', settings);
    expect(ids(opened)).toEqual([]);
    const broken = await linter.change('u', [{ range: at(2, 6, 2, 17), text: '' }], settings);
    expect(ids(broken)).toEqual(['py/bare-except@2:0']);
    const fixed = await linter.change('u', [{ range: at(2, 6), text: ' OSError' }], settings);
    expect(ids(fixed)).toEqual([]);
    linter.dispose();
  });

  it('maps UTF-16 columns on lines with emoji and CJK text', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = 's = "漢字😀"\nt = "😀😀"\n' + bareExcept;
    await linter.open('u', 'a.py', 'python', text, settings);
    // Between the two emoji of line 1, then after the closing quote of line 0.
    const changes: TextChange[] = [
      { range: at(1, 7), text: '字' },
      { range: at(0, 9), text: '  # 😀 note' },
    ];
    const expected = changes.reduce(applyChange, text);
    const result = await linter.change('u', changes, settings);
    expect(linter.text('u')).toBe(expected);
    expect(expected.split('\n')[1]).toBe('t = "😀字😀"');
    expect(result).toEqual(await full('a.py', 'python', expected));
    expect(ids(result)).toEqual(['py/bare-except@4:0']);
    linter.dispose();
  });

  it('keeps CRLF line ends and never splits one', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = bareExcept.replace(/\n/g, '\r\n');
    await linter.open('u', 'a.py', 'python', text, settings);
    // Column past the end of line 0 clamps before its `\r\n`, as LSP says.
    const change: TextChange = { range: at(0, 99), text: ' # c' };
    const result = await linter.change('u', [change], settings);
    expect(linter.text('u')).toBe('try: # c\r\n    x()\r\nexcept:\r\n    handle()\r\n');
    expect(result).toEqual(await full('a.py', 'python', linter.text('u') ?? ''));
    const deleted = await linter.change('u', [{ range: at(0, 0, 1, 0), text: 'import os\r\ntry:\r\n' }], settings);
    expect(ids(deleted)).toEqual(['py/bare-except@3:0']);
    expect(deleted).toEqual(await full('a.py', 'python', linter.text('u') ?? ''));
    linter.dispose();
  });

  it('applies several changes of one batch in order, each against the text the previous left', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = 'function f() {\n  try { g(); } catch (e) { report(e); }\n}\n';
    await linter.open('u', 'a.ts', 'typescript', text, settings);
    const changes: TextChange[] = [
      { range: at(1, 27, 1, 37), text: '' },
      { range: at(0, 0), text: '// header\n' },
      { range: at(3, 0), text: 'console.log(1);\n' },
    ];
    const expected = changes.reduce(applyChange, text);
    const result = await linter.change('u', changes, settings);
    expect(linter.text('u')).toBe(expected);
    expect(result).toEqual(await full('a.ts', 'typescript', expected));
    expect(result.findings.map((finding) => finding.ruleId)).toContain('js/empty-catch');
    linter.dispose();
  });

  it('serves changes sent before the previous lint finished, in order', async () => {
    const linter = new IncrementalLinter(await testEngine());
    void linter.open('u', 'a.py', 'python', 'x = 1\n', settings);
    const first = linter.change('u', [{ range: at(1, 0), text: bareExcept }], settings);
    const second = linter.change('u', [{ range: at(0, 0), text: '\n' }], settings);
    expect(ids(await first)).toEqual(['py/bare-except@3:0']);
    expect(ids(await second)).toEqual(['py/bare-except@4:0']);
    linter.dispose();
  });

  it('frees evicted trees, rebuilds them from the text on next use, and frees on close', async () => {
    const engine = await testEngine();
    const deleted = vi.spyOn(Tree.prototype, 'delete');
    const linter = new IncrementalLinter(engine, { maxTrees: 2, maxTextLength: 1_000_000 });
    for (const uri of ['a', 'b', 'c']) await linter.open(uri, `${uri}.py`, 'python', bareExcept, settings);
    expect(linter.cachedTrees).toBe(2);
    // Opening `c` evicted `a`, the least recently used, and freed its tree.
    expect(deleted).toHaveBeenCalledTimes(1);
    const result = await linter.change('a', [{ range: at(0, 0), text: 'import os\n' }], settings);
    expect(ids(result)).toEqual(['py/bare-except@3:0']);
    expect(result).toEqual(await full('a.py', 'python', `import os\n${bareExcept}`));
    expect(linter.cachedTrees).toBe(2);
    const before = deleted.mock.calls.length;
    linter.close('a');
    linter.close('c');
    expect(linter.cachedTrees).toBe(0);
    expect(deleted.mock.calls.length).toBe(before + 2);
    expect(linter.text('a')).toBeUndefined();
    await expect(linter.relint('b', settings)).resolves.toEqual(await full('b.py', 'python', bareExcept));
    linter.dispose();
  });

  it('keeps no tree for a document larger than the cache allows, and still lints it', async () => {
    const deleted = vi.spyOn(Tree.prototype, 'delete');
    const linter = new IncrementalLinter(await testEngine(), { maxTrees: 4, maxTextLength: 10 });
    const result = await linter.open('u', 'a.py', 'python', bareExcept, settings);
    expect(ids(result)).toEqual(['py/bare-except@2:0']);
    expect(linter.cachedTrees).toBe(0);
    expect(deleted).toHaveBeenCalledTimes(1);
    linter.dispose();
  });

  it('frees the tree of a document closed while its lint runs', async () => {
    const deleted = vi.spyOn(Tree.prototype, 'delete');
    const linter = new IncrementalLinter(await testEngine());
    const opened = linter.open('u', 'a.py', 'python', bareExcept, settings);
    linter.close('u');
    expect(ids(await opened)).toEqual(['py/bare-except@2:0']);
    expect(linter.cachedTrees).toBe(0);
    expect(deleted).toHaveBeenCalledTimes(1);
  });

  it('relints with new settings without a change, and settles to a fresh parse', async () => {
    const linter = new IncrementalLinter(await testEngine());
    await linter.open('u', 'a.py', 'python', bareExcept, settings);
    const off = await linter.relint('u', (id) => (id === 'py/bare-except' ? 'off' : undefined));
    expect(ids(off)).toEqual([]);
    const error = await linter.relint('u', (id) => (id === 'py/bare-except' ? 'error' : undefined));
    expect(error.findings[0]?.severity).toBe('error');
    expect(await linter.settle('u', settings)).toEqual(await full('a.py', 'python', bareExcept));
    linter.dispose();
  });

  it('lints only the function around an edit in its body, and the whole file for an edit at module level', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = `import os\n\n\ndef f():\n    x = 1\n\n\n${bareExcept}\n\ndef g():\n    return 2\n`;
    await linter.open('u', 'a.py', 'python', text, settings);
    const inBody: TextChange = { range: at(4, 9), text: '0' };
    const body = await linter.change('u', [inBody], settings);
    expect(linter.lastScope).toBe('region');
    expect(body).toEqual(await full('a.py', 'python', applyChange(text, inBody)));
    // The kept finding moved with the line inserted above it.
    const moved = await linter.change('u', [{ range: at(5, 0), text: '    y = 2\n' }], settings);
    expect(linter.lastScope).toBe('region');
    expect(ids(moved)).toEqual(['py/bare-except@10:0']);
    expect(moved).toEqual(await full('a.py', 'python', linter.text('u') ?? ''));
    const topLevel = await linter.change('u', [{ range: at(0, 0), text: 'import sys\n' }], settings);
    expect(linter.lastScope).toBe('file');
    expect(topLevel).toEqual(await full('a.py', 'python', linter.text('u') ?? ''));
    linter.dispose();
  });

  it('lints the whole file when an edit in a body touches what a rule reads file-wide', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = 'def f(p):\n    x = 1\n    return open(p).read()\n';
    await linter.open('u', 'a.py', 'python', text, settings);
    // Binding `open` in the body changes py/open-without-with everywhere in the file.
    const change: TextChange = { range: at(1, 4, 1, 9), text: 'open = 1' };
    const result = await linter.change('u', [change], settings);
    expect(linter.lastScope).toBe('file');
    expect(result).toEqual(await full('a.py', 'python', applyChange(text, change)));
    linter.dispose();
  });

  it('sees a functools import typed in a body, which py/method-lru-cache reads from the whole text', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = 'def setup():\n    pass\n\n\nclass Catalog:\n    @cache\n    def price(self, sku):\n        return sku\n';
    await linter.open('u', 'a.py', 'python', text, settings);
    // Indented imports count too; the names may sit on lines of their own inside parentheses.
    for (const change of [
      { range: at(1, 4, 1, 8), text: 'from functools import (\n        lru_cache,\n    )' },
      { range: at(2, 8, 2, 17), text: 'cache' },
    ]) {
      const result = await linter.change('u', [change], settings);
      expect(result).toEqual(await full('a.py', 'python', linter.text('u') ?? ''));
    }
    expect(ids(await linter.settle('u', settings))).toEqual(['py/method-lru-cache@7:4']);
    linter.dispose();
  });

  it('lints a Go file whole when an edit declares a function the package facts list', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const text = 'package p\n\nfunc run() {\n\tsave()\n}\n\nfunc save() {\n}\n';
    await linter.open('u', 'p.go', 'go', text, settings);
    const change: TextChange = { range: at(6, 11), text: ' error' };
    const result = await linter.change('u', [change], settings);
    expect(linter.lastScope).toBe('file');
    const expected = await full('p.go', 'go', applyChange(text, change));
    expect(result).toEqual(expected);
    expect(expected.findings.map((finding) => finding.ruleId)).toContain('go/unchecked-error');
    linter.dispose();
  });

  it('lints a file holding a private key whole: the key rule reads past its literal', async () => {
    const linter = new IncrementalLinter(await testEngine());
    const header = `-----BEGIN RSA ${'PRIVATE'} KEY-----`;
    const text = `def f():\n    key = "${header}\\n"\n    return key\n`;
    await linter.open('u', 'a.py', 'python', text, settings);
    const change: TextChange = { range: at(2, 4), text: '"MIIEowIBAAKCAQEAx4Tq8m2yVb3Jk9Lq0pZt7Hc1Wn5Rf6Ue8Da2Xs4Gv9Bn3Mk1YpQ"\n    ' };
    const result = await linter.change('u', [change], settings);
    expect(linter.lastScope).toBe('file');
    expect(result).toEqual(await full('a.py', 'python', applyChange(text, change)));
    linter.dispose();
  });

  it('refuses a change to a document that is not open', async () => {
    const linter = new IncrementalLinter(await testEngine());
    expect(() => linter.change('nope', [], settings)).toThrow(UnknownDocumentError);
  });
});
