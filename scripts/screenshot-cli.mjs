// Renders `omni check sample-project` as a terminal would and saves media/screenshot-cli.png for
// the README. Needs Debian's chromium. Run: node esbuild.mjs && node scripts/screenshot-cli.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const run = spawnSync(process.execPath, ['dist/cli.js', 'check', 'sample-project'], {
  env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' },
  encoding: 'utf8',
});
const colours = { 1: 'font-weight:bold', 2: 'opacity:.6', 31: 'color:#f14c4c', 33: 'color:#e5c07b', 36: 'color:#56b6c2' };
const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
let html = '';
let open = 0;
for (const part of `$ npx omni check sample-project\n${run.stdout}`.split(/(\x1b\[[0-9;]*m)/)) {
  const code = /^\x1b\[([0-9;]*)m$/.exec(part);
  if (!code) {
    html += escape(part);
    continue;
  }
  const n = Number(code[1]);
  if (colours[n]) {
    html += `<span style="${colours[n]}">`;
    open++;
  } else if (open > 0) {
    html += '</span>';
    open--;
  }
}
const lines = html.split('\n').length;
const page = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e;overflow:hidden">
<pre style="margin:0;padding:18px 22px;color:#d4d4d4;font:13px/1.45 'DejaVu Sans Mono',monospace;white-space:pre-wrap">${html}</pre>`;
const folder = mkdtempSync(join(tmpdir(), 'omni-shot-'));
writeFileSync(join(folder, 'index.html'), page);
const height = Math.ceil(lines * 18.9 + 44);
execFileSync('chromium', [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', `--user-data-dir=${join(folder, 'profile')}`,
  `--screenshot=${resolve('media/screenshot-cli.png')}`, `--window-size=1920,${height}`, `file://${join(folder, 'index.html')}`,
], { stdio: 'ignore' });
console.log(`media/screenshot-cli.png: ${lines} lines`);
