import { inspect } from 'node:util';

// A minimal runner with mocha's TDD interface (suite, test, teardown), so the suite needs no
// test framework inside the extension host. Tests carry no time limits: the harness bounds the run.

type Body = () => unknown;

interface Group {
  readonly title: string;
  readonly cases: { readonly title: string; readonly body: Body }[];
  readonly teardowns: Body[];
}

const STILL_RUNNING_MS = 30_000;

const groups: Group[] = [];
let open: Group | undefined;

/** Declares a group of tests; `define` registers them with `test` and `teardown`. */
export function suite(title: string, define: () => void): void {
  if (open) throw new Error(`suite('${title}') inside suite('${open.title}'): suites do not nest`);
  const group: Group = { title, cases: [], teardowns: [] };
  open = group;
  try {
    define();
  } finally {
    open = undefined;
  }
  groups.push(group);
}

export function test(title: string, body: Body): void {
  within(`test('${title}')`).cases.push({ title, body });
}

/** Runs after each test of the enclosing suite, whether it passed or not. */
export function teardown(body: Body): void {
  within('teardown()').teardowns.push(body);
}

function within(what: string): Group {
  if (!open) throw new Error(`${what} must be called inside suite()`);
  return open;
}

export interface Results {
  readonly passed: number;
  readonly failed: number;
}

/** Runs every registered test whose "suite title + test title" contains `grep`, in order, one at a time. */
export async function runRegistered(grep: string | undefined, log: (line: string) => void): Promise<Results> {
  let passed = 0;
  let failed = 0;
  for (const group of groups) {
    const cases = group.cases.filter((entry) => grep === undefined || `${group.title} ${entry.title}`.includes(grep));
    if (cases.length === 0) continue;
    log(group.title);
    for (const entry of cases) {
      const started = performance.now();
      // Not a time limit: a notice, so a test waiting for an event that never comes is named in the log.
      const notice = setInterval(() => log(`  … still running after ${Math.round((performance.now() - started) / 1000)} s: ${entry.title}`), STILL_RUNNING_MS);
      try {
        try {
          await entry.body();
        } finally {
          clearInterval(notice);
          for (const body of group.teardowns) await body();
        }
        passed++;
        log(`  ✓ ${entry.title} (${Math.round(performance.now() - started)} ms)`);
      } catch (error) {
        failed++;
        log(`  ✗ ${entry.title}`);
        const detail = error instanceof Error ? (error.stack ?? error.message) : inspect(error);
        log(detail.replace(/^/gm, '      '));
      }
    }
  }
  return { passed, failed };
}
