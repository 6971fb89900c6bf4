import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUILTIN_RULES } from '../../../src/core/rules/registry';
import { testDist } from '../../support/dist';

const run = promisify(execFile);

/** Each `webview-ui/<panel>/main.ts` ships as its script and stylesheet; the codicons beside them. */
async function webviewFiles(): Promise<string[]> {
  const panels = (await readdir('webview-ui', { withFileTypes: true })).filter((dir) => dir.isDirectory() && existsSync(join('webview-ui', dir.name, 'main.ts')));
  return ['codicon.css', 'codicon.ttf', ...panels.flatMap((dir) => [`${dir.name}.js`, `${dir.name}.css`])].map((file) => `dist/webview/${file}`);
}

describe('the .vsix', () => {
  it('holds the extension, the language server, the rule pages, the six grammars, the runtime WASM and the panels, and nothing else', async () => {
    const stage = await mkdtemp(join(tmpdir(), 'omni-vsix-'));
    for (const file of ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media']) await cp(resolve(file), join(stage, file), { recursive: true });
    await cp(testDist(), join(stage, 'dist'), { recursive: true });
    const vsce = resolve('node_modules/@vscode/vsce/vsce');
    const { stdout } = await run(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: stage });
    const files = stdout.trim().split('\n').map((line) => line.trim()).sort();
    expect(files).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'dist/extension.js',
        'dist/extension-lazy.js',
        'dist/extension-specs.js',
        'dist/server.js',
        ...BUILTIN_RULES.map((rule) => `dist/rules/${rule.id}.md`),
        'dist/schemas/omni-config.schema.json',
        'dist/wasm/tree-sitter-go.wasm',
        'dist/wasm/tree-sitter-javascript.wasm',
        'dist/wasm/tree-sitter-python.wasm',
        'dist/wasm/tree-sitter-rust.wasm',
        'dist/wasm/tree-sitter-tsx.wasm',
        'dist/wasm/tree-sitter-typescript.wasm',
        'dist/wasm/web-tree-sitter.wasm',
        ...(await webviewFiles()),
        'media/icon.png',
        'package.json',
      ].sort(),
    );
  });
});

describe('npm run package', () => {
  it("packages the extension with the script's own vsce arguments: the rule pages' example GitHub and Slack tokens are allowed", async () => {
    const stage = await mkdtemp(join(tmpdir(), 'omni-vsix-'));
    for (const file of ['package.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media']) await cp(resolve(file), join(stage, file), { recursive: true });
    await cp(testDist(), join(stage, 'dist'), { recursive: true });
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> };
    const vsceArgs = (manifest.scripts.package ?? '').split('&& vsce ')[1]?.split(' ') ?? [];
    const out = vsceArgs.indexOf('--out');
    expect(vsceArgs[0]).toBe('package');
    expect(out).toBeGreaterThan(0);
    vsceArgs[out + 1] = join(stage, 'omni.vsix');
    await run(process.execPath, [resolve('node_modules/@vscode/vsce/vsce'), ...vsceArgs], { cwd: stage });
    expect((await readFile(join(stage, 'omni.vsix'))).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the omni command', () => {
  it('is an executable file with a node shebang, as package.json `bin` needs for `npx omni`', async () => {
    const cli = join(testDist(), 'cli.js');
    const { stdout } = await run(cli, ['--version']);
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as { version: string; bin: Record<string, string> };
    expect(stdout.trim()).toBe(manifest.version);
    expect(manifest.bin.omni).toBe('dist/cli.js');
  });
});

describe('the README', () => {
  it('lists every built-in rule (regenerate with scripts/readme-rules.mjs)', async () => {
    const readme = await readFile('README.md', 'utf8');
    const missing = BUILTIN_RULES.map((rule) => rule.id).filter((id) => !readme.includes(`| \`${id}\` |`));
    expect(missing).toEqual([]);
  });
});
