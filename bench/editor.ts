// `npm run bench:editor`: what the language server pays per keystroke. On one real 4,000-5,000-line
// file per language it times `DocumentLinter.change` (tree edit, incremental reparse, findings
// computed) for ordinary and syntax-breaking edits, the first analysis after `prepare`, a full
// reparse and `settle`; then the memory of one DocumentLinter holding 50 open files. It prints
// figures next to the bars of issue 3 and never asserts. Flags:
//   --edits N    edits timed per kind and file (default 300)
//   --language L only that language
//   --memory     only the memory figure (the full run measures it in a child process)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WasmSource } from '../src/core/ports/wasm';
import type { TextChange } from '../src/core/rules/document-linter';
import { RulesEngine } from '../src/core/rules/engine';
import { IncrementalLinter } from '../src/core/rules/incremental/incremental-linter';
import { languageForPath, type LanguageId } from '../src/core/rules/languages';
import { BUILTIN_RULES } from '../src/core/rules/registry';

const require = createRequire(__filename);
const wasm: WasmSource = {
  load: (name) => readFile(name === 'web-tree-sitter.wasm' ? require.resolve('web-tree-sitter/web-tree-sitter.wasm') : require.resolve(`@vscode/tree-sitter-wasm/wasm/${name}`)),
};
const args = process.argv.slice(2);
const option = (name: string): string | undefined => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const EDITS = Math.max(10, Number(option('--edits')) || 300);
const ONLY = option('--language');
const settings = (): undefined => undefined;
/** The project's own node_modules: `npm run` starts scripts in the repository root. */
const modules = join(process.cwd(), 'node_modules');

/**
 * Real files of 4,000-5,000 lines (none generated): the Debian sources `bench/corpus.mjs` installs
 * and packages in node_modules. The first that exists per language is used.
 */
const FILES: Record<string, readonly string[]> = {
  python: ['/usr/lib/python3.11/turtle.py', '/root/.pyenv/versions/3.11.7/lib/python3.11/turtle.py'],
  go: ['/usr/lib/go-1.19/src/database/sql/sql_test.go', '/usr/share/go-1.19/src/database/sql/sql_test.go'],
  // No real Rust file of 4,000-5,000 lines of code here (libc's are declarations): this one has 5,930.
  rust: ['/usr/share/cargo/registry/regex-syntax-0.6.27/src/ast/parse.rs'],
  // zod's hand-written types (5,138 lines); openai's 4,630-line live.ts is generated declarations.
  typescript: [join(modules, 'zod/src/v3/types.ts')],
  javascript: [join(modules, 'chai/index.js')],
};

/** Folders the 50 files held open for the memory figure come from: the largest files of each. */
const MEMORY_DIRS = ['/usr/lib/python3.11', '/usr/lib/go-1.19/src/net/http', '/usr/share/cargo/registry/syn-1.0.107/src', join(modules, 'zod/src/v4/core'), join(modules, 'openai/src/resources')];

type EditKind = 'type a character' | 'type a word' | 'delete a line' | 'paste 5 lines' | 'open a string' | 'open a bracket';
const ORDINARY: readonly EditKind[] = ['type a character', 'type a word', 'delete a line', 'paste 5 lines'];
const BREAKING: readonly EditKind[] = ['open a string', 'open a bracket'];

/** Seedable PRNG (mulberry32) so every run times the same edits. */
function prng(seed: number): (max: number) => number {
  let state = seed >>> 0;
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * max);
  };
}

interface Lines {
  readonly lines: string[];
}

/** An edit of `kind` somewhere in the code (a line with something on it), and the edit that undoes it. */
function editOf(kind: EditKind, doc: Lines, random: (max: number) => number): { change: TextChange; undo: TextChange } {
  let line = random(doc.lines.length);
  for (let tries = 0; tries < 50 && (doc.lines[line] ?? '').trim() === ''; tries++) line = random(doc.lines.length);
  const content = doc.lines[line] ?? '';
  const indent = /^\s*/.exec(content)?.[0].length ?? 0;
  const column = indent + random(Math.max(1, content.length - indent));
  const at = (l: number, c: number): TextChange['range'] => ({ start: { line: l, column: c }, end: { line: l, column: c } });
  const insert = (text: string): { change: TextChange; undo: TextChange } => ({
    change: { range: at(line, column), text },
    undo: { range: { start: { line, column }, end: { line, column: column + text.length } }, text: '' },
  });
  switch (kind) {
    case 'type a character':
      return insert('x');
    case 'type a word':
      return insert('value');
    case 'open a string':
      return insert('"');
    case 'open a bracket':
      return insert('(');
    case 'delete a line':
      return {
        change: { range: { start: { line, column: 0 }, end: { line: line + 1, column: 0 } }, text: '' },
        undo: { range: at(line, 0), text: `${content}\n` },
      };
    case 'paste 5 lines': {
      const from = random(Math.max(1, doc.lines.length - 5));
      const block = `${doc.lines.slice(from, from + 5).join('\n')}\n`;
      return { change: { range: at(line, 0), text: block }, undo: { range: { start: { line, column: 0 }, end: { line: line + 5, column: 0 } }, text: '' } };
    }
  }
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}

const verdicts: string[] = [];
function bar(name: string, value: number, limit: number): string {
  const pass = value <= limit;
  if (!pass) verdicts.push(`${name}: ${ms(value)} > ${limit} ms`);
  return `${pass ? 'PASS' : 'MISS'} (<= ${limit} ms)`;
}

/** Wall time in ms, what the user waits; the CPU time is printed beside it when the machine is busy. */
async function timed<T>(run: () => Promise<T>): Promise<[number, T, number]> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return [wall, result, (used.user + used.system) / 1000];
}

async function benchFile(engine: RulesEngine, language: LanguageId, path: string): Promise<void> {
  const text = readFileSync(path, 'utf8');
  const doc: Lines = { lines: text.split('\n') };
  console.log(`\n${language}: ${basename(path)} (${doc.lines.length} lines, ${(text.length / 1024).toFixed(0)} KB)  ${path}`);
  await engine.prepare(language, settings);
  const linter = new IncrementalLinter(engine);
  const [openMs, opened] = await timed(() => linter.open('bench', path, language, text, settings));
  const reopen: number[] = [];
  for (let run = 0; run < 5; run++) reopen.push((await timed(() => linter.open('bench', path, language, text, settings)))[0]);
  const reparse: number[] = [];
  for (let run = 0; run < 5; run++) {
    const [took, tree] = await timed(() => engine.runtime.parse(language, text));
    tree?.delete();
    reparse.push(took);
  }
  const settle: number[] = [];
  for (let run = 0; run < 5; run++) settle.push((await timed(() => linter.settle('bench', settings)))[0]);
  console.log(`  findings ${opened.findings.length}, syntax errors ${opened.syntaxErrors}`);
  console.log(`  analyse on open (after prepare): first ${ms(openMs)} ${bar(`${language} open`, openMs, 25)}; again, median ${ms(quantile(reopen.sort((a, b) => a - b), 0.5))}`);
  console.log(`  full reparse: median ${ms(quantile(reparse.sort((a, b) => a - b), 0.5))}; settle (reparse + full lint): median ${ms(quantile(settle.sort((a, b) => a - b), 0.5))}`);
  const random = prng(0x5eed ^ doc.lines.length);
  for (const kind of [...ORDINARY, ...BREAKING]) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const byScope = { region: [] as number[], file: [] as number[] };
    let regional = 0;
    for (let run = 0; run < EDITS; run++) {
      const { change, undo } = editOf(kind, doc, random);
      const [wall, , cpu] = await timed(() => linter.change('bench', [change], settings));
      times.push(wall);
      cpuTimes.push(cpu);
      byScope[linter.lastScope ?? 'file'].push(wall);
      if (linter.lastScope === 'region') regional++;
      await linter.change('bench', [undo], settings);
    }
    if (linter.text('bench') !== text) throw new Error(`${kind}: the undo edits did not restore ${path}`);
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    const median = quantile(times, 0.5);
    const p95 = quantile(times, 0.95);
    const cpu = `cpu median ${ms(quantile(cpuTimes, 0.5))} p95 ${ms(quantile(cpuTimes, 0.95))}`;
    const verdict = ORDINARY.includes(kind)
      ? `median ${bar(`${language} ${kind} median`, median, 1)}, p95 ${bar(`${language} ${kind} p95`, p95, 3)}`
      : `p95 ${bar(`${language} ${kind} p95`, p95, 16)}`;
    const split = (['region', 'file'] as const)
      .map((scope) => {
        const list = byScope[scope].sort((a, b) => a - b);
        return list.length ? `${scope} ${ms(quantile(list, 0.5))}/${ms(quantile(list, 0.95))}` : `${scope} -`;
      })
      .join(', ');
    console.log(`  ${kind.padEnd(17)} median ${ms(median).padStart(9)}  p95 ${ms(p95).padStart(9)}  max ${ms(times[times.length - 1] ?? NaN).padStart(9)}  by region ${((100 * regional) / EDITS).toFixed(0).padStart(3)} %  ${verdict}  (${cpu}; median/p95 by ${split})`);
  }
  linter.dispose();
}

function largestFiles(dir: string, count: number): string[] {
  if (!existsSync(dir)) return [];
  const files: { path: string; size: number }[] = [];
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (languageForPath(path) && !name.endsWith('.d.ts') && stat.size < 250_000) files.push({ path, size: stat.size });
    }
  };
  walk(dir);
  return files.sort((a, b) => b.size - a.size).slice(0, count).map((file) => file.path);
}

async function benchMemory(engine: RulesEngine): Promise<void> {
  const files = MEMORY_DIRS.flatMap((dir) => largestFiles(dir, 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const linter = new IncrementalLinter(engine);
  let bytes = 0;
  let lines = 0;
  for (const [index, path] of files.entries()) {
    const language = languageForPath(path);
    if (!language) continue;
    const text = readFileSync(path, 'utf8');
    bytes += text.length;
    lines += text.split('\n').length;
    await linter.open(`file${index}`, path, language, text, settings);
  }
  gc?.();
  const rss = process.memoryUsage().rss;
  console.log(`\nmemory (fresh process): ${files.length} open files (${lines} lines, ${(bytes / 1e6).toFixed(1)} MB of text, ${linter.cachedTrees} trees cached)`);
  console.log(`  RSS ${(rss / 1e6).toFixed(0)} MB with them open (engine alone ${(before / 1e6).toFixed(0)} MB) ${rss / 1e6 <= 200 ? 'PASS' : 'MISS'} (<= 200 MB)`);
  if (rss / 1e6 > 200) verdicts.push(`memory: ${(rss / 1e6).toFixed(0)} MB > 200 MB`);
  linter.dispose();
}

async function main(): Promise<void> {
  if (args.includes('--memory')) {
    await benchMemory(await RulesEngine.create(wasm, BUILTIN_RULES));
    return;
  }
  console.log(`Editor figures: DocumentLinter.change from the change to findings computed, ${EDITS} edits per kind (each undone untimed).`);
  console.log(`Node ${process.version}; wall time on this machine, other work included.`);
  const engine = await RulesEngine.create(wasm, BUILTIN_RULES);
  for (const [language, candidates] of Object.entries(FILES) as [LanguageId, readonly string[]][]) {
    if (ONLY && ONLY !== language) continue;
    const path = candidates.find((candidate) => existsSync(candidate));
    if (!path) {
      console.log(`\n${language}: no file found (run node bench/corpus.mjs); looked for ${candidates.join(', ')}`);
      continue;
    }
    await benchFile(engine, language, path);
  }
  engine.dispose();
  if (!ONLY) {
    // In a fresh process: the edits above have grown the heaps, which never give memory back.
    const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--memory'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    process.stdout.write(child.stdout);
    if (/MISS/.test(child.stdout)) verdicts.push('memory: see above');
  }
  console.log(verdicts.length === 0 ? '\nAll bars met.' : `\nMissed bars:\n  ${verdicts.join('\n  ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
