// `npm run bench`: prints figures for the rules engine and `omni check` on a real corpus, next to
// the bars we aim at and to peer linters on the same files. It never asserts: figures only.
// See bench/README.md for what each figure means. Flags:
//   --no-prepare    do not run bench/corpus.mjs first (the corpus must already be there)
//   --skip-cli      in-process figures only      --skip-peers   no flake8 / ESLint
//   --skip-rules    no cost-per-rule table
//   --peer-jobs2    also run the peers with two workers (flake8 --jobs 2, ESLint --concurrency 2)
//   --runs N        runs per `omni check` configuration (median printed; default 3)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Tree } from 'web-tree-sitter';
import type { WasmSource } from '../src/core/ports/wasm';
import { AnchoredQueries } from '../src/core/rules/anchored-query';
import { CompiledQuery } from '../src/core/rules/compiled-query';
import { RulesEngine } from '../src/core/rules/engine';
import { LANGUAGE_IDS, LANGUAGES, languageForPath, type LanguageId } from '../src/core/rules/languages';
import { BUILTIN_RULES } from '../src/core/rules/registry';
import type { Finding } from '../src/core/rules/finding';
import { anchorFor, type RuleDefinition } from '../src/core/rules/rule';
import { TreeSitterRuntime } from '../src/core/rules/runtime';

// dist/bench.js sits in dist/, next to dist/wasm and dist/cli.js; the corpus lives in the repo.
const repo = existsSync(join(__dirname, '..', 'bench', 'corpus.mjs')) ? resolve(__dirname, '..') : process.cwd();
const wasm: WasmSource = { load: (name) => readFile(join(__dirname, 'wasm', name)) };
const cliPath = join(__dirname, 'cli.js');
const toolsDir = join(repo, '.cache', 'bench-tools');
const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const RUNS = Math.max(1, Number(args[args.indexOf('--runs') + 1]) || 3);
const COLD_RUNS = 5;

/** The bars from the brief; each figure is printed with its bar and PASS/MISS. */
const BARS = {
  workspace1: { text: '>= 4.5 MB/s', pass: (v: number) => v >= 4.5 },
  workspace2: { text: '>= 8 MB/s', pass: (v: number) => v >= 8 },
  queryShare: { text: '<= 35 %', pass: (v: number) => v <= 35 },
  rss: { text: '<= 200 MB', pass: (v: number) => v <= 200 },
  cached: { text: '>= 100 MB/s', pass: (v: number) => v >= 100 },
  ready: { text: '<= 35 ms', pass: (v: number) => v <= 35 },
  firstFindings: { text: '<= 50 ms', pass: (v: number) => v <= 50 },
} as const;
type BarName = keyof typeof BARS;
const verdicts: { name: string; value: string; bar: string; pass: boolean }[] = [];

function verdict(bar: BarName, name: string, value: number, shown: string): string {
  const { text, pass } = BARS[bar];
  const ok = pass(value);
  verdicts.push({ name, value: shown, bar: text, pass: ok });
  return `${shown}  (bar ${text}: ${ok ? 'PASS' : 'MISS'})`;
}

/** The bench parses without a time budget; a missing tree is a bug worth stopping for. */
async function parsedTree(engine: RulesEngine, language: LanguageId, text: string): Promise<Tree> {
  const tree = await engine.runtime.parse(language, text);
  if (!tree) throw new Error(`no ${language} tree`);
  return tree;
}

interface Manifest {
  readonly dir: string;
  readonly sources: readonly { group: string; name: string; origin: string; licence: string; files: number; bytes: number }[];
}

interface CorpusFile {
  readonly path: string;
  readonly language: LanguageId;
  readonly text: string;
  readonly bytes: number;
}

/** CPU milliseconds of this process (user + system): unlike wall time, not inflated when other processes take the core. */
const cpuNow = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
/** The clock of the in-process figures: CPU time by default, wall time with --wall. */
const clock = flag('--wall') ? () => performance.now() : cpuNow;
const clockName = flag('--wall') ? 'wall time' : 'CPU time of the bench process (--wall for wall time)';

const rulesFor = (language: LanguageId) => BUILTIN_RULES.filter((rule) => rule.queries[language] !== undefined);
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const rate = (bytes: number, millis: number): number => bytes / 1e6 / (millis / 1000);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((cell, index) => Math.max(cell.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ');
  console.log(`  ${line(header)}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

// ---------------------------------------------------------------------------------------------
// Child-process probes: cold figures need a fresh process each time.

/** Elapsed wall and CPU milliseconds since it was started. */
function stopwatch(): () => Lap {
  const wall = performance.now();
  const cpu = cpuNow();
  return () => ({ wall: performance.now() - wall, cpu: cpuNow() - cpu });
}

interface Lap {
  readonly wall: number;
  readonly cpu: number;
}

interface ReadyProbe {
  readonly init: Lap;
  readonly grammar: Lap;
  readonly compile: Lap;
}

interface FirstProbe {
  readonly engineAndLint: Lap;
  /** With `prepare`: RulesEngine.create + prepare(language) (WASM init, grammar, query compile), then the lint alone. */
  readonly prepare?: Lap;
  readonly afterPrepare?: Lap;
  /** From the process's time origin: Node start-up and loading the bundle included. */
  readonly sinceProcessStart: Lap;
  readonly findings: number;
}

/** WASM init and every grammar, as a host that meets all six languages pays once. */
async function probeAllGrammars(): Promise<{ total: Lap }> {
  const lap = stopwatch();
  const runtime = await TreeSitterRuntime.create(wasm);
  for (const language of LANGUAGE_IDS) await runtime.language(language);
  return { total: lap() };
}

/** What a host waits for before it can lint its first file of `language`. */
async function probeReady(language: LanguageId): Promise<ReadyProbe> {
  let lap = stopwatch();
  const runtime = await TreeSitterRuntime.create(wasm);
  const init = lap();
  lap = stopwatch();
  const grammar = await runtime.language(language);
  const grammarLap = lap();
  lap = stopwatch();
  CompiledQuery.compile(grammar, language, rulesFor(language)).delete();
  return { init, grammar: grammarLap, compile: lap() };
}

/** `rules: false` is the floor under any rule pack: WASM init, the grammar, a cold parse and an empty lint. */
async function probeFirst(path: string, prepare: boolean, rules = true): Promise<FirstProbe> {
  const text = readFileSync(path, 'utf8');
  const lap = stopwatch();
  const engine = await RulesEngine.create(wasm, rules ? BUILTIN_RULES : []);
  let prepared: { prepare: Lap; afterPrepare: Lap } | undefined;
  const language = languageForPath(path);
  if (prepare && language) {
    // What an editor can do: compile while the file is being opened, then lint it.
    await engine.prepare(language);
    const prepareLap = lap();
    const lintLap = stopwatch();
    await engine.lintFile({ path, text });
    prepared = { prepare: prepareLap, afterPrepare: lintLap() };
  }
  const result = await engine.lintFile({ path, text });
  const engineAndLint = lap();
  return { engineAndLint, ...prepared, sinceProcessStart: { wall: performance.now(), cpu: cpuNow() }, findings: result.findings.length };
}

function runProbe<T>(probeArgs: readonly string[]): T {
  const child = spawnSync(process.execPath, [__filename, '--probe', ...probeArgs], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`probe ${probeArgs.join(' ')} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

// ---------------------------------------------------------------------------------------------
// Corpus

function prepareCorpus(): Manifest {
  const script = join(repo, 'bench', 'corpus.mjs');
  if (!flag('--no-prepare')) {
    const prepared = spawnSync(process.execPath, [script], { stdio: 'inherit' });
    if (prepared.status !== 0) {
      console.error(`corpus preparation failed: run \`node bench/corpus.mjs\` (as root for apt-get) and see its output`);
      process.exit(2);
    }
  }
  const listed = spawnSync(process.execPath, [script, '--json'], { encoding: 'utf8' });
  if (listed.status !== 0) {
    console.error('no corpus: run `node bench/corpus.mjs` first');
    process.exit(2);
  }
  return JSON.parse(listed.stdout) as Manifest;
}

function* walkFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path);
    else if (entry.isFile()) yield path;
  }
}

function loadCorpus(manifest: Manifest): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (const path of walkFiles(manifest.dir)) {
    const language = languageForPath(path);
    if (!language) continue;
    const buffer = readFileSync(path);
    files.push({ path, language, text: buffer.toString('utf8'), bytes: buffer.length });
  }
  return files;
}

/** The corpus file closest to 1,000 lines in a language: the "open one real file" case. */
function thousandLineFile(files: readonly CorpusFile[], language: LanguageId): CorpusFile | undefined {
  let best: CorpusFile | undefined;
  let bestDistance = Infinity;
  for (const file of files) {
    if (file.language !== language) continue;
    const distance = Math.abs(file.text.split('\n').length - 1000);
    if (distance < bestDistance) {
      best = file;
      bestDistance = distance;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Sections

/**
 * Cold figures are latencies, so wall time; on a busy machine wall time mostly measures the other
 * processes, so the verdict then uses the probe's CPU time (all its threads) and says so.
 */
function coldClock(): keyof Lap {
  if (flag('--wall')) return 'wall';
  return cpuShare() < 0.85 ? 'cpu' : 'wall';
}

let measuredShare: number | undefined;

/** The share of a core this process gets while spinning for 300 ms: about 1 on an idle machine. */
function cpuShare(): number {
  if (measuredShare === undefined) {
    const lap = stopwatch();
    let spins = 0;
    while (lap().wall < 300) spins++;
    const { wall, cpu } = lap();
    if (spins === 0) return 1;
    measuredShare = cpu / wall;
  }
  return measuredShare;
}

function engineReady(): void {
  const use = coldClock();
  const other = use === 'wall' ? 'cpu' : 'wall';
  section(`Engine ready (a fresh process per language, median of ${COLD_RUNS}, ${use} time): WASM init + grammar load; the query compiles lazily on the first file`);
  let worst = 0;
  const rows = LANGUAGE_IDS.map((language) => {
    const probes = Array.from({ length: COLD_RUNS }, () => runProbe<ReadyProbe>(['ready', language]));
    const of = (pick: (probe: ReadyProbe) => number) => median(probes.map(pick));
    const ready = of((probe) => probe.init[use] + probe.grammar[use]);
    worst = Math.max(worst, ready);
    return [
      language,
      ms(of((probe) => probe.init[use])),
      ms(of((probe) => probe.grammar[use])),
      ms(ready),
      ms(of((probe) => probe.init[other] + probe.grammar[other])),
      String(rulesFor(language).length),
      ms(of((probe) => probe.compile[use])),
    ];
  });
  table(['language', 'WASM init', 'grammar load', 'ready (init + grammar)', `ready, ${other}`, 'rules', 'query compile (lazy)'], rows);
  const all = Array.from({ length: COLD_RUNS }, () => runProbe<{ total: Lap }>(['all-grammars']).total);
  console.log(`  WASM init + all six grammars in one process: ${ms(median(all.map((lap) => lap[use])))} (${other} ${ms(median(all.map((lap) => lap[other])))})`);
  console.log(`  slowest language ready: ${verdict('ready', `engine ready: WASM init + grammar (slowest language, ${use})`, worst, ms(worst))}`);
}

async function firstFindings(engine: RulesEngine, files: readonly CorpusFile[], corpusDir: string): Promise<void> {
  const use = coldClock();
  const other = use === 'wall' ? 'cpu' : 'wall';
  section(`First findings for a ~1,000-line file, in-process (cold: fresh process, median of ${COLD_RUNS}, ${use} time; warm: engine ready, median of 5)`);
  const rows: string[][] = [];
  let worstCold = 0;
  for (const language of ['python', 'typescript', 'javascript', 'go', 'rust'] as const) {
    const file = thousandLineFile(files, language);
    if (!file) continue;
    const cold = Array.from({ length: COLD_RUNS }, () => runProbe<FirstProbe>(['first', file.path]));
    const coldMs = median(cold.map((probe) => probe.engineAndLint[use]));
    const prepared = Array.from({ length: COLD_RUNS }, () => runProbe<FirstProbe>(['first-prepared', file.path]));
    const floor = Array.from({ length: COLD_RUNS }, () => runProbe<FirstProbe>(['first-no-rules', file.path]));
    worstCold = Math.max(worstCold, coldMs);
    const warm: number[] = [];
    for (let run = 0; run < 6; run++) {
      const start = clock();
      await engine.lintFile({ path: file.path, text: file.text });
      if (run > 0) warm.push(clock() - start);
    }
    rows.push([
      language,
      relative(corpusDir, file.path),
      String(file.text.split('\n').length),
      ms(coldMs),
      ms(median(cold.map((probe) => probe.engineAndLint[other]))),
      ms(median(cold.map((probe) => probe.sinceProcessStart[use]))),
      ms(median(prepared.map((probe) => probe.prepare?.[use] ?? NaN))),
      ms(median(prepared.map((probe) => probe.afterPrepare?.[use] ?? NaN))),
      ms(median(floor.map((probe) => probe.engineAndLint[use]))),
      ms(median(warm)),
      String(cold[0]?.findings ?? 0),
    ]);
  }
  table(['language', 'file', 'lines', 'cold', `cold, ${other}`, 'cold from process start', 'create + prepare', 'then lint', 'cold, no rules', 'warm', 'findings'], rows);
  console.log('  cold = RulesEngine.create + lintFile in a fresh process (WASM init, grammar, query compile, parse, query, predicates);');
  console.log('  create + prepare = a fresh process compiling the language ahead (what an editor can do while a file opens), then lint = its first lintFile;');
  console.log('  cold, no rules = the same cold run with an empty rule pack: the floor under any rules (WASM init, grammar, cold parse);');
  console.log(`  "from process start" adds Node start-up and loading the bundle; warm = lintFile on a ready engine (${clockName})`);
  console.log(`  slowest cold: ${verdict('firstFindings', `first findings, 1,000-line file, cold in-process (slowest, ${use})`, worstCold, ms(worstCold))}`);
}

/** Inputs no corpus file has: generated functions and embedded data, at two sizes. */
const LARGE_INPUTS: readonly { name: string; language: LanguageId; make: (count: number) => string }[] = [
  { name: 'Go: base64 literal', language: 'go', make: (n) => `package p\n\nvar blob = "${'ab/cd'.repeat(n * 20)}"\n` },
  { name: 'Go: function of calls', language: 'go', make: (n) => `package p\n\nimport "os"\n\nfunc f() {\n${Array.from({ length: n }, (_, i) => `\tv${i}, _ := os.Open("x")\n\tv${i}.Close()\n`).join('')}}\n` },
  { name: 'Python: function of queries', language: 'python', make: (n) => `def f(cur, x):\n${Array.from({ length: n }, (_, i) => `    sql${i} = "SELECT * FROM t WHERE id = %s" % x\n    cur.execute(sql${i})\n`).join('')}` },
  { name: 'Python: nested functions', language: 'python', make: (n) => `def f():\n${Array.from({ length: n }, (_, i) => `    def g${i}():\n        return open("a").read()\n`).join('')}` },
  { name: 'TypeScript: base64url JSON', language: 'typescript', make: (n) => `export const blob = "${'eyJ'.repeat(n * 33)}";\n` },
  { name: 'Rust: `a:` literal', language: 'rust', make: (n) => `pub const T: &str = "${'a:'.repeat(n * 50)}";\n` },
];

/**
 * Each input linted at 1,000 and 4,000 units: a time about 4x as long is linear. A regular expression
 * that scans from every candidate start, or a predicate that walks a whole function per statement,
 * shows here as 16x; unit tests check the findings of such inputs, the bench shows the growth.
 */
async function largeInputs(engine: RulesEngine): Promise<void> {
  section('Generated code and embedded data: lint time at 1x and 4x the size (about 4x is linear)');
  const rows: string[][] = [];
  for (const { name, language, make } of LARGE_INPUTS) {
    const times: number[] = [];
    for (const count of [1000, 4000]) {
      const text = make(count);
      const start = clock();
      await engine.lintFile({ path: `src/large${LANGUAGES[language].extensions[0] ?? ''}`, text, language });
      times.push(clock() - start);
    }
    const [small = 0, large = 0] = times;
    rows.push([name, `${(make(1000).length / 1e3).toFixed(0)} KB`, ms(small), ms(large), `${(large / Math.max(small, 0.1)).toFixed(1)}x`]);
  }
  table(['input', 'size at 1x', '1x', '4x', 'growth'], rows);
}

async function parseAndQuery(engine: RulesEngine, files: readonly CorpusFile[]): Promise<void> {
  section('Parse and query pass per language, in-process (one pass over the corpus, one core)');
  const rows: string[][] = [];
  const total = { bytes: 0, parse: 0, query: 0, rules: 0, compile: 0 };
  let worstShare = 0;
  for (const language of LANGUAGE_IDS) {
    const group = files.filter((file) => file.language === language);
    if (group.length === 0) continue;
    const compiledBefore = engine.compileStats();
    let bytes = 0;
    let parse = 0;
    let query = 0;
    let rules = 0;
    let compile = 0;
    let findings = 0;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    for (const file of group) {
      const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
      let start = clock();
      const tree = await parsedTree(engine, language, text);
      parse += clock() - start;
      // Queries compile on first use: pay that outside the timed passes (the engine counts it).
      const compiledQueries = engine.compileStats().queries;
      start = clock();
      await engine.queryTree(language, text, tree);
      const queryTime = clock() - start;
      if (engine.compileStats().queries === compiledQueries) query += queryTime;
      else {
        start = clock();
        await engine.queryTree(language, text, tree);
        query += clock() - start;
      }
      start = clock();
      const result = await engine.lintTree(file.path, language, text, tree);
      rules += clock() - start;
      findings += result.findings.length;
      bytes += file.bytes;
      tree.delete();
    }
    const cpu = process.cpuUsage(cpuBefore);
    const onCpu = (100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - wallBefore);
    const compiledAfter = engine.compileStats();
    const compiledCount = compiledAfter.queries - compiledBefore.queries;
    compile = compiledAfter.ms - compiledBefore.ms;
    const share = (100 * query) / parse;
    // A language with a handful of small files measures JIT warm-up, not the query.
    if (bytes >= 0.5e6) worstShare = Math.max(worstShare, share);
    total.bytes += bytes;
    total.parse += parse;
    total.query += query;
    total.rules += rules;
    total.compile += compile;
    rows.push([
      language,
      String(group.length),
      mb(bytes),
      `${rate(bytes, parse).toFixed(2)} MB/s`,
      `${share.toFixed(1)} %`,
      `${((100 * rules) / parse).toFixed(1)} %`,
      `${rate(bytes, parse + rules).toFixed(2)} MB/s`,
      `${compiledCount} in ${ms(compile)}`,
      String(findings),
      `${onCpu.toFixed(0)} %`,
    ]);
  }
  rows.push([
    'all',
    String(files.length),
    mb(total.bytes),
    `${rate(total.bytes, total.parse).toFixed(2)} MB/s`,
    `${((100 * total.query) / total.parse).toFixed(1)} %`,
    `${((100 * total.rules) / total.parse).toFixed(1)} %`,
    `${rate(total.bytes, total.parse + total.rules).toFixed(2)} MB/s`,
    ms(total.compile),
    '',
    '',
  ]);
  table(['language', 'files', 'size', 'parse', 'query / parse', 'rules pass / parse', 'parse + rules', 'query compiles', 'findings', 'on CPU'], rows);
  console.log('  query = engine.queryTree: the joined query over the tree plus the anchored rules at their anchors (what lintTree runs);');
  console.log('  rules pass = engine.lintTree on the parsed tree (query + predicates + fixes + suppressions); query compiles = joined');
  console.log('  and anchored queries compiled and their time, paid once per process (per worker in the CLI), not in the columns before');
  console.log('  on CPU = process CPU time / wall time over the loop: well under 100 % means other processes took the core (figures pessimistic)');
  console.log('  languages under 0.5 MB in the corpus (tsx) are shown but left out of the verdict: too little code to measure');
  console.log(`  worst language query share: ${verdict('queryShare', 'query pass / parse time (worst language)', worstShare, `${worstShare.toFixed(1)} %`)}`);
}

/** Every k-th file of a language until about `budget` bytes: a spread-out sample of the corpus. */
function sampleOf(files: readonly CorpusFile[], language: LanguageId, budget: number): CorpusFile[] {
  const group = files.filter((file) => file.language === language);
  const total = group.reduce((sum, file) => sum + file.bytes, 0);
  const stride = Math.max(1, Math.floor(total / budget));
  const sample: CorpusFile[] = [];
  let bytes = 0;
  for (let index = 0; index < group.length && bytes < budget; index += stride) {
    const file = group[index];
    if (!file) continue;
    sample.push(file);
    bytes += file.bytes;
  }
  return sample;
}

/** A rule that matches (almost) nothing: one node type, one text test. */
function floorRule(language: LanguageId): RuleDefinition {
  const query = `((${LANGUAGES[language].commentTypes[0] ?? 'comment'}) @match (#eq? @match "-"))`;
  return { id: 'bench/walk-floor', title: '', severity: 'hint', category: 'performance', message: '', rationale: '', queries: { [language]: query }, equivalents: [], examples: [] };
}

interface RuleCost {
  /** Joined query time with the rule minus without it (ms), min of ROUNDS. */
  marginal: number;
  predicate: number;
  compile: number;
  parse: number;
}

/** Times a rule's predicate and fix into `cost`, leaving behaviour unchanged. */
function instrumented(rule: RuleDefinition, cost: RuleCost): RuleDefinition {
  const timed = <A, R>(fn: ((arg: A) => R) | undefined) =>
    fn &&
    ((arg: A): R => {
      const start = clock();
      try {
        return fn(arg);
      } finally {
        cost.predicate += clock() - start;
      }
    });
  return { ...rule, predicate: timed(rule.predicate), fix: timed(rule.fix) };
}

/** Milliseconds for one walk of `query` over every tree, best of `rounds` (noise only ever adds). */
function walkTime(compiled: CompiledQuery, trees: readonly Tree[], rounds: number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = clock();
    for (const tree of trees) compiled.query.matches(tree.rootNode);
    best = Math.min(best, clock() - start);
  }
  return best;
}

/** Milliseconds for an anchored rule's query over every file, best of `rounds`. */
function anchoredTime(query: AnchoredQueries, parsed: readonly { file: CorpusFile; tree: Tree }[], rounds: number): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = clock();
    for (const { file, tree } of parsed) query.matches(tree, file.text, () => true, () => false);
    best = Math.min(best, clock() - start);
  }
  return best;
}

async function costPerRule(files: readonly CorpusFile[]): Promise<void> {
  const budget = 1e6;
  const rounds = 2;
  section(`Cost per rule, in-process, on a ${mb(budget)} sample per language (share of that sample's parse time)`);
  const costs = new Map<string, RuleCost>();
  const floors: string[] = [];
  const costOf = (rule: RuleDefinition, language: LanguageId): RuleCost => {
    const key = `${rule.id}\u0000${language}`;
    let cost = costs.get(key);
    if (!cost) costs.set(key, (cost = { marginal: 0, predicate: 0, compile: 0, parse: 0 }));
    return cost;
  };
  for (const language of LANGUAGE_IDS) {
    const sample = sampleOf(files, language, budget);
    const rules = rulesFor(language);
    if (sample.length === 0 || rules.length === 0) continue;
    const engine = await RulesEngine.create(wasm, BUILTIN_RULES.map((rule) => (rule.queries[language] ? instrumented(rule, costOf(rule, language)) : rule)));
    const grammar = await engine.runtime.language(language);
    let parse = 0;
    const parsed: { file: CorpusFile; tree: Tree }[] = [];
    for (const file of sample) {
      const start = clock();
      parsed.push({ file, tree: await parsedTree(engine, language, file.text) });
      parse += clock() - start;
    }
    for (const { file, tree } of parsed) await engine.lintTree(file.path, language, file.text, tree);
    const trees = parsed.map((item) => item.tree);
    const floor = CompiledQuery.compile(grammar, language, [floorRule(language)]);
    floors.push(`${language} ${((100 * walkTime(floor, trees, rounds)) / parse).toFixed(1)} %`);
    floor.delete();
    const joined = rules.filter((rule) => anchorFor(rule, language) === undefined);
    const all = CompiledQuery.compile(grammar, language, joined);
    const base = walkTime(all, trees, rounds);
    all.delete();
    for (const rule of rules) {
      const cost = costOf(rule, language);
      const start = clock();
      CompiledQuery.compile(grammar, language, [rule]).delete();
      cost.compile = clock() - start;
      cost.parse = parse;
      if (anchorFor(rule, language) !== undefined) {
        const anchored = AnchoredQueries.compile(grammar, language, [rule]);
        cost.marginal = anchoredTime(anchored, parsed, rounds);
        anchored.delete();
        continue;
      }
      const without = CompiledQuery.compile(grammar, language, joined.filter((other) => other !== rule));
      cost.marginal = base - walkTime(without, trees, rounds);
      without.delete();
    }
    for (const tree of trees) tree.delete();
    engine.dispose();
  }
  const share = (value: number, cost: RuleCost): string => `${((100 * value) / cost.parse).toFixed(1)} %`;
  const rows = [...costs.entries()]
    .sort(([, a], [, b]) => (b.marginal + b.predicate) / b.parse - (a.marginal + a.predicate) / a.parse)
    .slice(0, 20)
    .map(([key, cost]) => {
      const [id, language] = key.split('\u0000');
      return [id ?? '', language ?? '', share(cost.marginal, cost), share(cost.predicate, cost), ms(cost.compile)];
    });
  table(['rule (costliest 20)', 'language', 'query', 'predicate + fix', 'compile alone'], rows);
  console.log(`  query = for an anchored rule, its query at its anchors (text scan included); for the others, the joined query of`);
  console.log(`  the un-anchored rules with the rule minus without it; best of ${rounds}; negative or tiny values are noise`);
  console.log(`  floor = a one-node-type query walk, paid once by any query: ${floors.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// Whole-workspace runs of the CLI and of the peers, from process start

interface RunResult {
  readonly code: number | null;
  readonly wallMs: number;
  /** Peak RSS in MB: the larger of GNU time's %M and the sampled sum over the process tree. */
  readonly peakRssMb: number;
  /** User + system CPU seconds (GNU time), NaN without it. */
  readonly cpuS: number;
  readonly stdout: string;
  readonly stderr: string;
}

const gnuTime = existsSync('/usr/bin/time');

/** Sum of VmRSS (kB) over `pid` and its descendants, read from /proc. */
function treeRssKb(pid: number): number {
  let total = 0;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const stack = [pid];
  for (let current = stack.pop(); current !== undefined; current = stack.pop()) {
    try {
      const status = readFileSync(`/proc/${current}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // Gone.
    }
    stack.push(...(children.get(current) ?? []));
  }
  return total;
}

function timed(command: string, commandArgs: readonly string[], cwd: string): Promise<RunResult> {
  const [file, argv] = gnuTime ? ['/usr/bin/time', ['-f', '@@rss %M %U %S', command, ...commandArgs]] : [command, [...commandArgs]];
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    let sampledKb = 0;
    const sampler = setInterval(() => {
      if (child.pid) sampledKb = Math.max(sampledKb, treeRssKb(child.pid));
    }, 50);
    child.on('error', (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on('close', (code) => {
      const wallMs = performance.now() - start;
      clearInterval(sampler);
      let stderr = Buffer.concat(err).toString('utf8');
      const marker = /@@rss (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      if (marker) stderr = stderr.slice(0, marker.index);
      const timeKb = Number(marker?.[1] ?? 0);
      const cpuS = marker ? Number(marker[2]) + Number(marker[3]) : NaN;
      resolvePromise({ code, wallMs, peakRssMb: Math.max(timeKb, sampledKb) / 1024, cpuS, stdout: Buffer.concat(out).toString('utf8'), stderr });
    });
  });
}

interface CheckSummary {
  readonly files: number;
  readonly bytes: number;
  readonly findings: number;
  readonly skipped: number;
  readonly durationMs: number;
  readonly cached: number;
}

interface CheckRun extends RunResult {
  readonly summary: CheckSummary;
}

async function omniCheck(target: string, extra: readonly string[], cwd: string): Promise<CheckRun> {
  const run = await timed(process.execPath, [cliPath, 'check', target, '--format', 'json', ...extra], cwd);
  if (run.code !== 0 && run.code !== 1) throw new Error(`omni check exited ${run.code}: ${run.stderr.slice(0, 2000)}`);
  const parsed = JSON.parse(run.stdout) as { summary?: CheckSummary };
  if (!parsed.summary) throw new Error('omni check printed JSON without a summary');
  return { ...run, summary: parsed.summary };
}

/** Runs a configuration RUNS times and keeps the median run by wall time. */
async function medianRun(make: () => Promise<CheckRun>): Promise<{ run: CheckRun; walls: number[] }> {
  const runs: CheckRun[] = [];
  for (let index = 0; index < RUNS; index++) runs.push(await make());
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const run = runs[runs.length >> 1];
  if (!run) throw new Error('no run');
  return { run, walls: runs.map((item) => item.wallMs) };
}

function freshCwd(): string {
  return mkdtempSync(join(tmpdir(), 'omni-bench-'));
}

async function workspace(manifest: Manifest): Promise<void> {
  section(`Whole workspace: \`omni check <corpus> --format json\` from process start (median of ${RUNS}; fresh temp cwd, corpus untouched)`);
  if (!existsSync(cliPath)) {
    console.log(`  skipped: ${relative(repo, cliPath)} is missing (build it with \`node esbuild.mjs\` once src/cli/main.ts exists)`);
    return;
  }
  const rows: string[][] = [];
  const row = (name: string, result: { run: CheckRun; walls: number[] }, bar?: BarName): void => {
    const { run, walls } = result;
    const speed = rate(run.summary.bytes, run.wallMs);
    const shown = `${speed.toFixed(2)} MB/s`;
    rows.push([
      name,
      String(run.summary.files),
      mb(run.summary.bytes),
      `${(run.wallMs / 1000).toFixed(2)} s`,
      walls.length > 1 ? `${((walls[0] ?? 0) / 1000).toFixed(2)}-${((walls[walls.length - 1] ?? 0) / 1000).toFixed(2)} s` : '',
      bar ? verdict(bar, `omni check ${name}`, speed, shown) : shown,
      `${(run.summary.files / (run.wallMs / 1000)).toFixed(0)}`,
      `${run.cpuS.toFixed(2)} s`,
      `${(run.summary.bytes / 1e6 / run.cpuS).toFixed(2)}`,
      verdict('rss', `peak RSS ${name}`, run.peakRssMb, `${run.peakRssMb.toFixed(0)} MB`),
      String(run.summary.findings),
      String(run.summary.skipped),
      String(run.summary.cached),
    ]);
  };
  const cwd = freshCwd();
  try {
    row('--jobs 1 --no-cache', await medianRun(() => omniCheck(manifest.dir, ['--jobs', '1', '--no-cache'], cwd)), 'workspace1');
    row('--jobs 2 --no-cache', await medianRun(() => omniCheck(manifest.dir, ['--jobs', '2', '--no-cache'], cwd)), 'workspace2');
    const cacheCwd = freshCwd();
    try {
      row('--cache, first run (fills the cache)', { run: await omniCheck(manifest.dir, ['--jobs', '2', '--cache'], cacheCwd), walls: [] });
      row('--cache, warm re-run', await medianRun(() => omniCheck(manifest.dir, ['--jobs', '2', '--cache'], cacheCwd)), 'cached');
    } finally {
      rmSync(cacheCwd, { recursive: true, force: true });
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  table(['run', 'files', 'size', 'wall', 'range', 'MB/s', 'files/s', 'CPU', 'MB/CPU-s', 'peak RSS', 'findings', 'skipped', 'cached'], rows);
  console.log('  wall = spawn to exit, Node start-up and JSON output included; MB/s = checked bytes (summary.bytes) / wall; CPU = user + system');
  console.log(`  peak RSS = max of GNU time %M and the sampled RSS sum of the process tree${gnuTime ? '' : ' (GNU time missing: sampled only)'}`);
}

interface PeerFigure {
  readonly tool: string;
  readonly wallMs: number;
  readonly cpuS: number;
  readonly findings: number;
  readonly peakRssMb: number;
}

async function peers(manifest: Manifest): Promise<void> {
  section('Peers on the same files, from process start (one run each)');
  const groups = new Map<string, number>();
  for (const source of manifest.sources) groups.set(source.group, (groups.get(source.group) ?? 0) + source.bytes);
  const pythonDir = join(manifest.dir, 'python');
  const tsDir = join(manifest.dir, 'ts-js');
  const eslintBin = join(toolsDir, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const jobs = flag('--peer-jobs2') ? [1, 2] : [1];
  const rows: string[][] = [];
  const cwd = freshCwd();
  const compare = async (group: string, dir: string, peer: (jobs: number) => Promise<PeerFigure | string>): Promise<void> => {
    const bytes = groups.get(group) ?? 0;
    for (const count of jobs) {
      const ours = await omniCheck(dir, ['--jobs', String(count), '--no-cache'], cwd);
      const theirs = await peer(count);
      const ourRate = rate(ours.summary.bytes, ours.wallMs);
      rows.push([group, `omni check --jobs ${count}`, mb(ours.summary.bytes), `${(ours.wallMs / 1000).toFixed(2)} s`, `${ours.cpuS.toFixed(2)} s`, `${ourRate.toFixed(2)} MB/s`, `${ours.peakRssMb.toFixed(0)} MB`, String(ours.summary.findings), '']);
      if (typeof theirs === 'string') {
        rows.push([group, theirs, '', '', '', '', '', '', '']);
        continue;
      }
      const theirRate = rate(bytes, theirs.wallMs);
      rows.push([group, theirs.tool, mb(bytes), `${(theirs.wallMs / 1000).toFixed(2)} s`, `${theirs.cpuS.toFixed(2)} s`, `${theirRate.toFixed(2)} MB/s`, `${theirs.peakRssMb.toFixed(0)} MB`, String(theirs.findings), `${(ourRate / theirRate).toFixed(1)}x`]);
    }
  };
  try {
    if (existsSync(cliPath)) {
      await compare('python', pythonDir, async (count) => {
        if (!existsSync('/usr/bin/flake8')) return 'flake8 missing: apt-get install flake8';
        const run = await timed('/usr/bin/flake8', ['--jobs', String(count), pythonDir], cwd);
        const findings = run.stdout.split('\n').filter((line) => line.trim()).length;
        return { tool: `flake8 --jobs ${count}`, wallMs: run.wallMs, cpuS: run.cpuS, findings, peakRssMb: run.peakRssMb };
      });
      await compare('ts-js', tsDir, async (count) => {
        if (!existsSync(eslintBin)) return 'ESLint missing: run node bench/corpus.mjs';
        const concurrency = count === 1 ? 'off' : String(count);
        const run = await timed(process.execPath, [eslintBin, '-c', join(toolsDir, 'eslint.config.mjs'), '--concurrency', concurrency, '-f', 'json', '.'], tsDir);
        let findings = 0;
        try {
          findings = (JSON.parse(run.stdout) as { messages: unknown[] }[]).reduce((sum, file) => sum + file.messages.length, 0);
        } catch {
          return `ESLint failed (exit ${run.code}): ${run.stderr.slice(0, 300)}`;
        }
        return { tool: `eslint + typescript-eslint (--concurrency ${concurrency})`, wallMs: run.wallMs, cpuS: run.cpuS, findings, peakRssMb: run.peakRssMb };
      });
    } else {
      console.log('  skipped: dist/cli.js is missing');
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  table(['part', 'tool', 'size', 'wall', 'CPU', 'MB/s', 'peak RSS', 'findings', 'ours / theirs'], rows);
  console.log('  flake8 5 (pycodestyle + pyflakes + mccabe defaults); ESLint with js + typescript-eslint recommended, no type information.');
  console.log('  Findings are not comparable one to one: each tool checks different things. go vet and clippy are left out:');
  console.log('  they compile and type-check the code (and cache the results), so their MB/s says little next to a linter.');
}

/** A section that fails (the CLI still being written, a peer missing) must not hide the others. */
async function guarded(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.log(`  ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A busy machine slows every figure: say so next to them. */
function printLoad(when: string): void {
  const [one, five] = loadavg();
  const busy = (one ?? 0) > cpus().length * 0.5;
  console.log(`load average ${when}: ${one?.toFixed(2)} (1 min), ${five?.toFixed(2)} (5 min)${busy ? `: the machine is busy, figures are pessimistic` : ''}`);
}

// ---------------------------------------------------------------------------------------------

/**
 * `--check-anchors`: lints the corpus with anchored rules at their anchors and over the whole tree,
 * and prints per rule what the anchors miss or add. Anchors must lose nothing.
 */
async function checkAnchors(files: readonly CorpusFile[]): Promise<void> {
  section('Anchored rules against the whole-tree query, on the corpus');
  const fast = await RulesEngine.create(wasm, BUILTIN_RULES);
  const whole = await RulesEngine.create(wasm, BUILTIN_RULES, { anchors: false });
  const counts = new Map<string, { whole: number; missing: string[]; extra: string[] }>();
  const key = (finding: Finding) => `${finding.path}:${finding.range.start.line + 1}:${finding.range.start.column + 1} ${finding.message}`;
  let fastTime = 0;
  let wholeTime = 0;
  for (const file of files) {
    let start = clock();
    const a = await fast.lintFile({ path: file.path, text: file.text, language: file.language });
    fastTime += clock() - start;
    start = clock();
    const b = await whole.lintFile({ path: file.path, text: file.text, language: file.language });
    wholeTime += clock() - start;
    const seen = new Set(a.findings.map((finding) => `${finding.ruleId} ${key(finding)}`));
    const expected = new Set(b.findings.map((finding) => `${finding.ruleId} ${key(finding)}`));
    for (const finding of b.findings) {
      const entry = counts.get(finding.ruleId) ?? { whole: 0, missing: [], extra: [] };
      entry.whole++;
      if (!seen.has(`${finding.ruleId} ${key(finding)}`)) entry.missing.push(key(finding));
      counts.set(finding.ruleId, entry);
    }
    for (const finding of a.findings) {
      if (expected.has(`${finding.ruleId} ${key(finding)}`)) continue;
      const entry = counts.get(finding.ruleId) ?? { whole: 0, missing: [], extra: [] };
      entry.extra.push(key(finding));
      counts.set(finding.ruleId, entry);
    }
  }
  table(
    ['rule', 'anchored', 'whole tree', 'missing', 'extra'],
    [...counts.entries()]
      .sort((x, y) => x[0].localeCompare(y[0]))
      .map(([id, entry]) => [id, BUILTIN_RULES.find((rule) => rule.id === id)?.anchor ? 'yes' : 'no', String(entry.whole), String(entry.missing.length), String(entry.extra.length)]),
  );
  for (const [id, entry] of counts) {
    for (const line of entry.missing.slice(0, 5)) console.log(`  missing ${id}: ${line}`);
    for (const line of entry.extra.slice(0, 5)) console.log(`  extra ${id}: ${line}`);
  }
  console.log(`  lintFile over the corpus: anchored ${ms(fastTime)}, whole tree ${ms(wholeTime)} (${clockName})`);
  fast.dispose();
  whole.dispose();
}

async function main(): Promise<void> {
  if (args[0] === '--probe') {
    const kind = args[1];
    const result =
      kind === 'ready'
        ? await probeReady((args[2] ?? 'python') as LanguageId)
        : kind === 'all-grammars'
          ? await probeAllGrammars()
          : await probeFirst(args[2] ?? '', kind === 'first-prepared', kind !== 'first-no-rules');
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const manifest = prepareCorpus();
  console.log(`\nOmni Elite bench: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
  console.log(`${BUILTIN_RULES.length} built-in rules; MB = 10^6 bytes; figures vary a few % between runs; bars are targets, not assertions`);
  printLoad('at start');
  console.log(`share of a core this process got while spinning 300 ms: ${(100 * cpuShare()).toFixed(0)} %${cpuShare() < 0.85 ? ' (busy: cold verdicts use CPU time)' : ''}`);
  console.log(`in-process figures: ${clockName}`);
  engineReady();
  const files = loadCorpus(manifest);
  if (flag('--check-anchors')) {
    await checkAnchors(files.filter((file) => !args.includes('--language') || file.language === args[args.indexOf('--language') + 1]));
    return;
  }
  const engine = await RulesEngine.create(wasm, BUILTIN_RULES);
  await firstFindings(engine, files, manifest.dir);
  engine.dispose();
  // A fresh engine, so the compile column counts every query the corpus needs.
  const passEngine = await RulesEngine.create(wasm, BUILTIN_RULES);
  await parseAndQuery(passEngine, files);
  await largeInputs(passEngine);
  passEngine.dispose();
  if (!flag('--skip-rules')) await costPerRule(files);
  if (!flag('--skip-cli')) await guarded('whole workspace', () => workspace(manifest));
  if (!flag('--skip-cli') && !flag('--skip-peers')) await guarded('peers', () => peers(manifest));
  printLoad('at end');
  section('Bars');
  table(
    ['figure', 'value', 'bar', ''],
    verdicts.map((item) => [item.name, item.value, item.bar, item.pass ? 'PASS' : 'MISS']),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(2);
});
