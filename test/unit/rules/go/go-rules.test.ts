import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../src/core/rules/apply-edits';
import type { FileResult, Finding } from '../../../../src/core/rules/finding';
import { testEngine } from '../../../support/wasm';

/**
 * Lints a fixture directory as one Go package (as the CLI does), each file placed under `as`:
 * fixtures live under test/, which would give them the `test` role.
 */
async function lintPackage(dir: string, as: string, only?: readonly string[]): Promise<Map<string, FileResult>> {
  const root = resolve('test/fixtures/go', dir);
  const names = readdirSync(root).filter((name) => name.endsWith('.go') && (!only || only.includes(name)));
  const engine = await testEngine();
  const results = await engine.lintBatch(names.map((name) => ({ path: `${as}/${name}`, text: readFileSync(resolve(root, name), 'utf8') })));
  for (const result of results) expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
  return new Map(results.map((result) => [result.path, result]));
}

function findings(results: Map<string, FileResult>, path: string, ruleId: string): Finding[] {
  return (results.get(path)?.findings ?? []).filter((finding) => finding.ruleId === ruleId);
}

function lines(results: Map<string, FileResult>, path: string, ruleId: string): number[] {
  return findings(results, path, ruleId).map((finding) => finding.range.start.line + 1);
}

async function lintSnippet(path: string, text: string, ruleId: string): Promise<Finding[]> {
  const engine = await testEngine();
  const result = await engine.lintFile({ path, text });
  expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

describe('go/unchecked-error', () => {
  it('reports dropped errors like errcheck: writes, flushes, encoders, deferred closes of written files, go statements', async () => {
    const results = await lintPackage('store', 'store');
    // Not: a deferred close of os.Open and of an HTTP body (50, 55), in-memory writers and hashes
    // (65-72), fmt.Print*, csv.Writer.Flush (81), closures and methods without an error (85, 87),
    // sync.WaitGroup and sync.Mutex.
    expect(lines(results, 'store/store.go', 'go/unchecked-error')).toEqual([31, 34, 36, 37, 38, 39, 40, 80, 83, 86, 92, 93]);
    expect(lines(results, 'store/store_test.go', 'go/unchecked-error')).toEqual([10]);
  });

  it('names the callee', async () => {
    const results = await lintPackage('store', 'store');
    const messages = findings(results, 'store/store.go', 'go/unchecked-error').map((finding) => `${finding.range.start.line + 1}: ${finding.message}`);
    expect(messages).toContain('31: The error returned by `f.Close` is not checked');
    expect(messages).toContain('37: The error returned by `json.NewEncoder(s.sink).Encode` is not checked');
    expect(messages).toContain('39: The error returned by `s.sync` is not checked');
  });

  it('reaches call statements laid out every way gofmt and people write them', async () => {
    const results = await lintPackage('shapes', 'shapes');
    // Each call statement of `shapes` (lines 23-59) that returns an error; not the closures that
    // return nothing (39-42), `break`, `goto` or the `case` and `default` lines themselves.
    expect(lines(results, 'shapes/shapes.go', 'go/unchecked-error')).toEqual([
      23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 36, 37, 39, 41, 43, 44, 45, 46, 48, 48, 51, 52, 54, 56, 57, 57, 59,
    ]);
  });

  it('knows the package’s own functions from the other files of the batch', async () => {
    const alone = await lintPackage('store', 'store', ['store.go']);
    // s.sync() is declared in sync.go: without it, nothing says it returns an error.
    expect(lines(alone, 'store/store.go', 'go/unchecked-error')).not.toContain(39);
    expect(lines(alone, 'store/store.go', 'go/unchecked-error')).not.toContain(40);
  });

  it('follows types: embedded fields, interfaces declared here, asserted types, exec.Cmd, shadowed packages', async () => {
    const results = await lintPackage('edge', 'internal/edge');
    // Not: writes through an embedded bytes.Buffer (35, 36, 44), an interface method without an error (39),
    // time.Timer.Stop (52), a local variable named like a package (65), http.Flusher (76, 79).
    expect(lines(results, 'internal/edge/edge.go', 'go/unchecked-error')).toEqual([38, 40, 49, 50, 56, 78]);
  });

  it('reads dot imports of standard packages', async () => {
    const text =
      'package pipe_test\n\nimport (\n\t. "io"\n\t"testing"\n)\n\nfunc TestPipe(t *testing.T) {\n\tr, w := Pipe()\n\tgo w.Write([]byte("x"))\n' +
      '\tw.CloseWithError(nil)\n\tReadAll(r)\n}\n';
    const found = await lintSnippet('pipe/pipe_test.go', text, 'go/unchecked-error');
    // PipeWriter.CloseWithError is one of errcheck's exclusions.
    expect(found.map((finding) => finding.range.start.line + 1)).toEqual([10, 12]);
  });

  it('excludes fmt.Print* only, not every method named Print', async () => {
    const text =
      'package dump\n\nimport (\n\t"fmt"\n\t"go/ast"\n\t"go/token"\n)\n\nfunc Dump(fset *token.FileSet, node ast.Node) {\n' +
      '\tfmt.Println("node:")\n\tfmt.Printf("%v\\n", node)\n\tast.Print(fset, node)\n}\n';
    const found = await lintSnippet('dump/dump.go', text, 'go/unchecked-error');
    expect(found.map((finding) => `${finding.range.start.line + 1}: ${finding.message}`)).toEqual(['12: The error returned by `ast.Print` is not checked']);
  });

  it('reads interfaces declared here whatever their name, `p` and `e` included', async () => {
    const text =
      'package sink\n\ntype e interface {\n\tFlush()\n}\n\ntype p interface {\n\tFlush() error\n}\n\n' +
      'func Drain(a e, b p) {\n\ta.Flush()\n\tb.Flush()\n}\n';
    const found = await lintSnippet('sink/sink.go', text, 'go/unchecked-error');
    expect(found.map((finding) => finding.range.start.line + 1)).toEqual([13]);
  });
});

describe('go/blank-error', () => {
  it('reports errors assigned to `_`, unless a comment explains the discard', async () => {
    const results = await lintPackage('store', 'store');
    // Not: 104 (comment on the line), 106 (comment above), `_, err :=` (108), fmt.Sprint (109).
    expect(lines(results, 'store/store.go', 'go/blank-error')).toEqual([103, 107, 110]);
    const edge = await lintPackage('edge', 'internal/edge');
    expect(lines(edge, 'internal/edge/edge.go', 'go/blank-error')).toEqual([54]);
  });
});

describe('go/errorf-without-wrap', () => {
  it('reports error arguments printed with a verb other than %w', async () => {
    const results = await lintPackage('config', 'internal/config');
    // Not: %w (67), a string named errMsg and a bool named wantErr (78), err.Error() with %s (82 reports only the %v).
    expect(lines(results, 'internal/config/config.go', 'go/errorf-without-wrap')).toEqual([51, 62, 73, 82, 88, 92]);
    const edge = await lintPackage('edge', 'internal/edge');
    expect(lines(edge, 'internal/edge/edge.go', 'go/errorf-without-wrap')).toEqual([58]);
  });

  it('offers %w as an unsafe fix, for %v and %s only', async () => {
    const results = await lintPackage('config', 'internal/config');
    const text = readFileSync(resolve('test/fixtures/go/config/config.go'), 'utf8');
    const byLine = new Map(findings(results, 'internal/config/config.go', 'go/errorf-without-wrap').map((finding) => [finding.range.start.line + 1, finding]));
    const fixedLine = (line: number): string | undefined => {
      const fix = byLine.get(line)?.fix;
      return fix ? applyEdits(text, fix.edits).text.split('\n')[line - 1]?.trim() : undefined;
    };
    expect(fixedLine(51)).toBe('return nil, fmt.Errorf("parse %s: %w", name, err)');
    expect(fixedLine(62)).toBe('return nil, fmt.Errorf("parse config: %w", err)');
    expect(fixedLine(88)).toBe('return fmt.Errorf("merge: %w and %w", a, b)');
    expect(byLine.get(88)?.fix?.title).toBe('Wrap the errors with %w (Go 1.20 or later)');
    expect(byLine.get(92)?.fix).toBeUndefined();
    expect([...byLine.values()].every((finding) => finding.fix?.safe !== true)).toBe(true);
  });

  it('follows explicit argument indexes and `*` widths', async () => {
    const text =
      'package x\n\nimport "fmt"\n\nfunc f(name string, width int, err error) error {\n\tif name == "" {\n\t\treturn fmt.Errorf("%[2]s: %[1]v", err, name)\n\t}\n' +
      '\treturn fmt.Errorf("%*s: %w", width, name, err)\n}\n';
    const found = await lintSnippet('x/x.go', text, 'go/errorf-without-wrap');
    expect(found.map((finding) => [finding.range.start.line + 1, finding.message])).toEqual([[7, '`%v` formats the error `err`; use `%w` so callers can unwrap it']]);
  });
});

describe('go/unwrapped-return', () => {
  it('reports errors from other packages and interfaces returned as they came', async () => {
    const results = await lintPackage('config', 'internal/config');
    // Not: the package's own calls (34, 58), the thin wrapper Remove (41), io.Reader's Read (100, 103).
    expect(lines(results, 'internal/config/config.go', 'go/unwrapped-return')).toEqual([27, 31, 47]);
    expect(findings(results, 'internal/config/config.go', 'go/unwrapped-return')[0]?.message).toBe(
      'The error from `os.ReadFile` is returned without context; wrap it with fmt.Errorf("...: %w", err)',
    );
  });

  it('reaches returns on one line, with a comment, and over several lines', async () => {
    const results = await lintPackage('shapes', 'shapes');
    expect(lines(results, 'shapes/shapes.go', 'go/unwrapped-return')).toEqual([65, 68, 71, 73]);
  });

  it('stays quiet in test code', async () => {
    const results = await lintPackage('config', 'internal/config/testdata');
    expect(lines(results, 'internal/config/testdata/config.go', 'go/unwrapped-return')).toEqual([]);
  });
});

describe('go/panic-in-library', () => {
  it('reports panics that handle errors in library code', async () => {
    const results = await lintPackage('config', 'internal/config');
    // Not: a package-level initialiser (14), init (21), MustLoad (29), an invariant (48), API misuse in a
    // function without an error result (56), a re-panic (65), an invariant explained by a comment (72).
    expect(lines(results, 'internal/config/must.go', 'go/panic-in-library')).toEqual([38, 45]);
    expect(findings(results, 'internal/config/must.go', 'go/panic-in-library').map((finding) => finding.message)).toEqual([
      '`panic(fmt.Sprintf("read %s: %v", path, err))` turns an error into a crash of the calling program; return the error instead',
      '`panic` in a function that returns an error: return an error instead',
    ]);
  });

  it('spares package main and tests', async () => {
    const tool = await lintPackage('cmd/tool', 'cmd/tool');
    expect(lines(tool, 'cmd/tool/main.go', 'go/panic-in-library')).toEqual([]);
    const store = await lintPackage('store', 'store');
    expect(lines(store, 'store/store_test.go', 'go/panic-in-library')).toEqual([]);
  });
});
