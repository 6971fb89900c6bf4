import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFiles, MAX_FOLDER_FILES, ProjectFileError, UnknownRuleError } from '../../../src/extension/chat/check-files';
import { testEngine } from '../../support/wasm';

const ORDERS = ['def load(path, seen=[]):', '    try:', '        return open(path).read()', '    except:', '        print("failed")', ''].join('\n');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'omni-chat-check-'));
  await mkdir(join(root, '.omni'));
  await writeFile(join(root, 'orders.py'), ORDERS);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const inRoot = (path: string): string | undefined => (path.startsWith(root) ? root : undefined);
const ids = (files: Awaited<ReturnType<typeof checkFiles>>): string[] => files.flatMap((file) => file.findings.map((finding) => finding.ruleId)).sort();

describe('chat: checking files with the project\'s config', () => {
  it('reports the findings of the file on disk, or of the editor\'s text when given', async () => {
    const engine = await testEngine();
    const [disk] = await checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot);
    expect(disk?.shown).toBe('orders.py');
    expect(ids(disk ? [disk] : [])).toEqual(['py/bare-except', 'py/mutable-default-arg', 'py/open-without-with', 'py/print-call']);
    const edited = await checkFiles(engine, [{ path: join(root, 'orders.py'), text: 'def load(path):\n    return path\n' }], inRoot);
    expect(ids(edited)).toEqual([]);
  });

  it('applies rule levels from .omni/config.json and the user\'s overrides, and the baseline', async () => {
    const engine = await testEngine();
    await writeFile(join(root, '.omni', 'config.json'), JSON.stringify({ rules: { 'py/print-call': 'off' } }));
    expect(ids(await checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot, { overrides: { 'py/open-without-with': 'off' } }))).toEqual(['py/bare-except', 'py/mutable-default-arg']);
    const [first] = await checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot, { ruleIds: ['py/bare-except'] });
    const finding = first?.findings[0];
    await writeFile(join(root, '.omni', 'baseline.json'), JSON.stringify({ version: 1, findings: [{ path: 'orders.py', ruleId: 'py/bare-except', fingerprint: finding?.fingerprint, line: 3, message: finding?.message }] }));
    const [after] = await checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot, { ruleIds: ['py/bare-except'] });
    expect(after?.findings).toEqual([]);
    expect(after?.hidden).toBe(1);
  });

  it('only the lines asked for, only the rules asked for', async () => {
    const engine = await testEngine();
    expect(ids(await checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot, { lines: { first: 3, last: 3 } }))).toEqual(['py/bare-except']);
    await expect(checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot, { ruleIds: ['py/nope'] })).rejects.toThrow(UnknownRuleError);
  });

  it('says why a file was not checked: outside the workspace, excluded, not a supported language, missing', async () => {
    const engine = await testEngine();
    await writeFile(join(root, '.omni', 'config.json'), JSON.stringify({ exclude: ['generated/**'] }));
    await mkdir(join(root, 'generated'));
    await writeFile(join(root, 'generated', 'x.py'), ORDERS);
    const files = await checkFiles(engine, [{ path: '/elsewhere/a.py' }, { path: join(root, 'generated', 'x.py') }, { path: join(root, 'notes.txt') }, { path: join(root, 'gone.py') }], inRoot);
    expect(files.map((file) => [file.shown, file.notes[0]])).toEqual([
      ['/elsewhere/a.py', 'outside the workspace folders: not checked'],
      ['generated/x.py', 'left out by the include/exclude globs of .omni/config.json'],
      ['notes.txt', 'not a language the rules engine checks (Python, TypeScript/JavaScript, Go, Rust)'],
      ['gone.py', 'no such file'],
    ]);
  });

  it('a folder means its supported files, as omni check walks them, with a bound', async () => {
    const engine = await testEngine();
    await writeFile(join(root, '.omni', 'config.json'), JSON.stringify({ exclude: ['generated/**'] }));
    await mkdir(join(root, 'generated'));
    await writeFile(join(root, 'generated', 'x.py'), ORDERS);
    await writeFile(join(root, 'notes.txt'), 'except:');
    const files = await checkFiles(engine, [{ path: root }], inRoot);
    expect(files.map((file) => file.shown)).toEqual(['orders.py']);
    expect(files[0]?.findings.length).toBe(4);

    await mkdir(join(root, 'many'));
    await Promise.all(Array.from({ length: MAX_FOLDER_FILES + 1 }, (_, index) => writeFile(join(root, 'many', `m${index}.py`), 'x = 1\n')));
    const many = await checkFiles(engine, [{ path: join(root, 'many') }], inRoot);
    expect(many.filter((file) => file.notes.length === 0)).toHaveLength(MAX_FOLDER_FILES);
    expect(many.flatMap((file) => file.notes)).toEqual([`stopped after ${MAX_FOLDER_FILES} files: name a smaller folder or the files themselves`]);
  });

  it('an invalid .omni/config.json is an error naming the file and line; nothing is checked', async () => {
    const engine = await testEngine();
    await writeFile(join(root, '.omni', 'config.json'), '{\n  "rules": { "py/print-call": "loud" }\n}\n');
    await expect(checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot)).rejects.toThrow(ProjectFileError);
    await expect(checkFiles(engine, [{ path: join(root, 'orders.py') }], inRoot)).rejects.toThrow(new RegExp(`${join(root, '.omni', 'config.json').replace(/[.\\/]/g, '\\$&')}:2: `));
  });
});
