import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { omni, project } from '../../support/cli';

const BARE = 'try:\n    x()\nexcept:\n    handle()\n';

interface JsonReport {
  summary: { files: number; findings: number; suppressed: number; cached: number; jobs: number; skipped: number; fixed: number };
  notices: { path: string; message: string }[];
  results: { path: string; findings: { ruleId: string; range: { start: { line: number } }; suppression?: { kind: string } }[]; notices: { message: string }[] }[];
}

const json = (stdout: string): JsonReport => JSON.parse(stdout) as JsonReport;
const ids = (report: JsonReport): string[] =>
  report.results.flatMap((r) => r.findings.filter((f) => !f.suppression).map((f) => `${r.path}:${f.range.start.line + 1}:${f.ruleId}`));

describe('omni check', () => {
  it('reports findings as path:line:col and exits 1', async () => {
    const root = await project({ 'src/app.py': BARE });
    const run = await omni(['check'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/app.py:3:1: warning py/bare-except');
    expect(run.stdout).toMatch(/1 finding \(1 warning\); 1 file checked/);
  });

  it('exits 0 on a clean project and on an empty one', async () => {
    expect((await omni(['check'], await project({ 'ok.py': 'x = 1\n' }))).code).toBe(0);
    const empty = await omni(['check'], await project({}));
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No findings; 0 files checked');
  });

  it('never checks installed packages, virtual environments or tool caches, even without a .gitignore', async () => {
    const root = await project({
      'src/app.py': BARE,
      'node_modules/pkg/index.js': 'try { f(); } catch (e) {}\n',
      'venv/lib/python3.11/site-packages/pkg/a.py': BARE,
      '.venv/lib/a.py': BARE,
      '.mypy_cache/a.py': BARE,
      '.pytest_cache/a.py': BARE,
      '.ruff_cache/a.py': BARE,
      '.tox/py311/a.py': BARE,
      'vendor/site-packages/a.py': BARE,
    });
    const report = json((await omni(['check', '--format', 'json'], root)).stdout);
    expect(report.results.map((result) => result.path)).toEqual(['src/app.py']);
  });

  it('checks the other files when the parser crashes on one', async () => {
    const deep = `def f():\n${Array.from({ length: 800 }, (_, i) => `${' '.repeat(i + 1)}if x:\n`).join('')}${' '.repeat(801)}print("x")\n`;
    const root = await project({ 'a_deep.py': deep, 'b.py': BARE, 'c.py': BARE });
    const run = await omni(['check', '--format', 'json', '--jobs', '1'], root);
    const report = json(run.stdout);
    expect(ids(report)).toEqual(['b.py:3:py/bare-except', 'c.py:3:py/bare-except']);
    expect(report.results.find((result) => result.path === 'a_deep.py')?.notices.map((notice) => notice.message)).toEqual([
      expect.stringMatching(/^skipped: the parser crashed on this file/),
    ]);
  });

  it('exits 2 for a path that does not exist, after checking the others', async () => {
    const root = await project({ 'a.py': BARE });
    const run = await omni(['check', 'a.py', 'missing.py'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('a.py:3:1');
    expect(run.stdout).toContain('missing.py: error no such file or folder');
  });

  it('--fail-on and --max-warnings set the threshold', async () => {
    const root = await project({ 'a.py': BARE });
    expect((await omni(['check', '--fail-on', 'error'], root)).code).toBe(0);
    expect((await omni(['check', '--max-warnings', '1'], root)).code).toBe(0);
    expect((await omni(['check', '--max-warnings', '0'], root)).code).toBe(1);
  });

  it('writes SARIF 2.1.0 with rule metadata, CWE tags, fingerprints and suppressions', async () => {
    const root = await project({ 'a.py': `${BARE}try:\n    y()\nexcept:  # omni-ignore py/bare-except: vendored\n    handle()\n` });
    const run = await omni(['check', '--format', 'sarif'], root);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as Sarif.Log;
    expect(log.version).toBe('2.1.0');
    const sarifRun = log.runs[0];
    const rule = sarifRun?.tool.driver.rules?.find((r) => r.id === 'py/bare-except');
    expect(rule?.properties?.tags).toContain('external/cwe/cwe-396');
    expect(rule?.defaultConfiguration?.level).toBe('warning');
    const results = sarifRun?.results ?? [];
    expect(results).toHaveLength(2);
    expect(results[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('a.py');
    expect(results[0]?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(3);
    expect(results[0]?.partialFingerprints?.['omniFingerprint/v1']).toMatch(/^[0-9a-f]{14}$/);
    expect(results[1]?.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'vendored' }]);
    expect(rule && sarifRun?.tool.driver.rules?.[results[0]?.ruleIndex ?? -1]?.id).toBe('py/bare-except');
  });

  it('--fix applies safe fixes, keeps BOM and CRLF, and leaves undecodable files alone', async () => {
    // The safe fix used here: removing a suppression that suppresses nothing.
    const STALE = 'x = 1  # omni-ignore py/bare-except: stale\n';
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${STALE}`)]);
    const root = await project({ 'bom.py': `\ufeff${STALE}y = 2\n`, 'crlf.py': `${STALE}y = 2\n`.replaceAll('\n', '\r\n'), 'latin1.py': latin1 });
    const run = await omni(['check', '--fix', '--format', 'json'], root);
    const report = json(run.stdout);
    expect(report.summary.fixed).toBe(2);
    expect(await readFile(join(root, 'bom.py'), 'utf8')).toBe('\ufeffx = 1\ny = 2\n');
    expect(await readFile(join(root, 'crlf.py'), 'utf8')).toBe('x = 1\r\ny = 2\r\n');
    expect(await readFile(join(root, 'latin1.py'))).toEqual(latin1);
    expect(ids(report)).toEqual(['latin1.py:2:omni/unused-suppression']);
    expect(report.results.find((r) => r.path === 'latin1.py')?.notices.map((n) => n.message).join()).toContain('not valid UTF-8');
  });

  it('a baseline hides accepted findings, survives line shifts, and still reports new ones', async () => {
    const root = await project({ 'a.py': BARE });
    const write = await omni(['check', '--write-baseline'], root);
    expect(write.code).toBe(0);
    const baseline = JSON.parse(await readFile(join(root, '.omni/baseline.json'), 'utf8')) as { findings: { ruleId: string; path: string }[] };
    expect(baseline.findings).toMatchObject([{ ruleId: 'py/bare-except', path: 'a.py', line: 3 }]);
    await writeFile(join(root, 'a.py'), `import os\n\n${BARE}`);
    expect((await omni(['check'], root)).code).toBe(0);
    await writeFile(join(root, 'a.py'), `import os\n\n${BARE}try:\n    z()\nexcept:\n    handle()\n`);
    const report = json((await omni(['check', '--format', 'json'], root)).stdout);
    expect(ids(report)).toEqual(['a.py:9:py/bare-except']);
    expect(report.summary.suppressed).toBe(1);
  });

  it('--fix leaves the findings a baseline accepted as they are and fixes the new ones, on one worker and on two', async () => {
    const HEAD = 'import logging\n\nlog = logging.getLogger(__name__)\n';
    const call = (name: string, level: string) => `\n\ndef ${name}(user):\n    log.${level}("${name} %s" % (user,))\n`;
    const fixed = (name: string, level: string) => `\n\ndef ${name}(user):\n    log.${level}("${name} %s", user)\n`;
    for (const jobs of ['1', '2']) {
      // Past 512 KB of source the run takes a second worker thread: the baseline must reach it too.
      const padding = 'value = compute(1, 2, 3)  # padding to make the project bigger\n'.repeat(5000);
      const root = await project({ 'a.py': `${HEAD}${call('greet', 'info')}`, 'pad/one.py': padding, 'pad/two.py': padding });
      expect((await omni(['check', '--write-baseline'], root)).code).toBe(0);
      await writeFile(join(root, 'a.py'), `${HEAD}${call('greet', 'info')}${call('leave', 'warning')}`);
      await writeFile(join(root, 'b.py'), `${HEAD}${call('join', 'info')}`);
      const run = await omni(['check', '--fix', '--jobs', jobs, '--format', 'json'], root);
      const report = json(run.stdout);
      expect(report.summary.jobs).toBe(Number(jobs));
      expect(report.summary.fixed, run.stderr).toBe(2);
      expect(await readFile(join(root, 'a.py'), 'utf8')).toBe(`${HEAD}${call('greet', 'info')}${fixed('leave', 'warning')}`);
      expect(await readFile(join(root, 'b.py'), 'utf8')).toBe(`${HEAD}${fixed('join', 'info')}`);
      expect(report.summary.suppressed).toBe(1);
    }
  });

  it('honours .omni/config.json: rules off, severity overrides, include and exclude, .gitignore', async () => {
    const root = await project({
      '.omni/config.json': '{\n  // comments are fine\n  "rules": { "py/bare-except": "error" },\n  "exclude": ["vendor/**"],\n}\n',
      '.gitignore': 'build/\n',
      'src/a.py': BARE,
      'vendor/b.py': BARE,
      'build/c.py': BARE,
    });
    const run = await omni(['check'], root);
    expect(run.stdout).toContain('src/a.py:3:1: error py/bare-except');
    expect(run.stdout).not.toContain('vendor/b.py');
    expect(run.stdout).not.toContain('build/c.py');
    await writeFile(join(root, '.omni/config.json'), '{ "rules": { "py/bare-except": "off" } }');
    expect((await omni(['check'], root)).code).toBe(0);
  });

  it('rejects an invalid config with the file, line and key, and exits 2', async () => {
    const root = await project({ '.omni/config.json': '{\n  "rules": {\n    "py/bare-excpt": "error"\n  },\n  "maxFileSizeKb": -1\n}\n', 'a.py': BARE });
    const run = await omni(['check'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.omni/config.json:3:5: rules.py/bare-excpt: unknown key (no such rule; did you mean "py/bare-except"?)');
    expect(run.stderr).toMatch(/config\.json:5:20: maxFileSizeKb: /);
    const syntax = await omni(['check'], await project({ '.omni/config.json': '{ "rules": ', 'a.py': BARE }));
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/config\.json:1:\d+: invalid JSON/);
  });

  it('handles binary files, oversized files, broken symlinks and symlink loops without stopping', async () => {
    const root = await project({
      '.omni/config.json': '{ "maxFileSizeKb": 1 }',
      'bin.py': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]),
      'big.py': `${'x = 1\n'.repeat(400)}`,
      'sub/a.py': BARE,
    });
    await symlink(join(root, 'sub'), join(root, 'sub', 'loop'));
    await symlink(join(root, 'nowhere.py'), join(root, 'dangling.py'));
    const run = await omni(['check', '--format', 'json'], root);
    const report = json(run.stdout);
    expect(ids(report)).toEqual(['sub/a.py:3:py/bare-except']);
    const notes = [...report.notices.map((n) => `${n.path}: ${n.message}`), ...report.results.flatMap((r) => r.notices.map((n) => `${r.path}: ${n.message}`))];
    expect(notes).toContainEqual(expect.stringMatching(/^big\.py: skipped: \d+ KiB is over the 1 KiB limit/));
    expect(notes).toContainEqual('bin.py: skipped: binary file');
    expect(notes).toContainEqual(expect.stringMatching(/^dangling\.py: skipped: broken symlink/));
    expect(notes).toContainEqual(expect.stringMatching(/^sub\/loop: skipped: symlink loop/));
  });

  it('gives the same findings on one worker and on two', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`pkg/m${i}.py`] = `${'value = compute(1, 2, 3)  # padding to make the file bigger\n'.repeat(400)}${BARE}`;
    const root = await project(files);
    const one = json((await omni(['check', '--jobs', '1', '--format', 'json'], root)).stdout);
    const two = json((await omni(['check', '--jobs', '2', '--format', 'json'], root)).stdout);
    expect(one.summary.jobs).toBe(1);
    expect(two.summary.jobs).toBe(2);
    expect(ids(two)).toEqual(ids(one));
    expect(ids(one)).toHaveLength(40);
  });

  it('--cache reuses results of unchanged files and re-checks changed ones', async () => {
    const root = await project({ 'a.py': BARE, 'b.py': 'x = 1\n' });
    const first = json((await omni(['check', '--cache', '--format', 'json'], root)).stdout);
    expect(first.summary.cached).toBe(0);
    const second = json((await omni(['check', '--cache', '--format', 'json'], root)).stdout);
    expect(second.summary.cached).toBe(2);
    expect(ids(second)).toEqual(ids(first));
    await writeFile(join(root, 'b.py'), BARE);
    const third = json((await omni(['check', '--cache', '--format', 'json'], root)).stdout);
    expect(third.summary.cached).toBe(1);
    expect(ids(third)).toEqual(['a.py:3:py/bare-except', 'b.py:3:py/bare-except']);
    expect(await readFile(join(root, '.omni/cache/.gitignore'), 'utf8')).toBe('*\n');
  });
});

describe('omni rules and omni explain', () => {
  it('lists every rule with its equivalents as JSON', async () => {
    const run = await omni(['rules', '--format', 'json'], process.cwd());
    const rules = JSON.parse(run.stdout) as { id: string; equivalents: string[] }[];
    expect(rules.find((rule) => rule.id === 'py/bare-except')?.equivalents).toContain('ruff:E722');
  });

  it('explains a rule with its examples, and rejects an unknown id with exit 2', async () => {
    const run = await omni(['explain', 'py/bare-except'], process.cwd());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ruff:E722');
    expect(run.stdout).toContain('except Exception:');
    const unknown = await omni(['explain', 'py/bare-excep'], process.cwd());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "py/bare-excep"');
  });
});
