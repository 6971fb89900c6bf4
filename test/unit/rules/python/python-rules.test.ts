import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../../src/core/rules/apply-edits';
import type { Finding } from '../../../../src/core/rules/finding';
import { testEngine } from '../../../support/wasm';

const FIXTURES = join(__dirname, '../../../fixtures/python');

/** Lints a fixture as if it lived at `path` (the fixture folder itself is a test path). */
async function lint(fixture: string, path = `src/app/${fixture}`): Promise<Finding[]> {
  const text = await readFile(join(FIXTURES, fixture), 'utf8');
  return lintText(text, path);
}

async function lintText(text: string, path = 'src/app/module.py'): Promise<Finding[]> {
  const result = await (await testEngine()).lintFile({ path, text });
  expect(result.notices.filter((notice) => notice.kind === 'rule-crash')).toEqual([]);
  return result.findings.filter((finding) => finding.ruleId.startsWith('py/'));
}

/** `rule:line` (one-based), in file order. */
function where(findings: readonly Finding[], rule?: string): string[] {
  return findings.filter((finding) => !rule || finding.ruleId === rule).map((finding) => `${finding.ruleId}:${finding.range.start.line + 1}`);
}

function at(findings: readonly Finding[], rule: string, line: number): Finding | undefined {
  return findings.find((finding) => finding.ruleId === rule && finding.range.start.line + 1 === line);
}

/** The text of line `line` (one-based) after applying the fix of the finding of `rule` there. */
async function fixedLine(fixture: string, rule: string, line: number): Promise<{ line: string; safe: boolean } | undefined> {
  const text = await readFile(join(FIXTURES, fixture), 'utf8');
  const fix = at(await lintText(text, `src/app/${fixture}`), rule, line)?.fix;
  if (!fix) return undefined;
  return { line: applyEdits(text, fix.edits).text.split('\n')[line - 1] ?? '', safe: fix.safe };
}

describe('exception handling rules (handlers.py)', () => {
  it('reports bare, swallowing, broad and chain-losing handlers, and only those', async () => {
    const findings = await lint('handlers.py');
    expect(where(findings)).toEqual([
      'py/bare-except:14',
      'py/swallowed-exception:14',
      'py/swallowed-exception:18',
      'py/broad-except:18',
      'py/swallowed-exception:23',
      'py/broad-except:23',
      'py/broad-except:80',
      'py/broad-except:84',
      'py/broad-except:88',
      'py/raise-without-from:98',
      'py/raise-without-from:100',
      'py/raise-without-from:123',
      'py/raise-without-from:135',
    ]);
  });

  it('reports on the `except` keyword and on the broad name, not on the whole handler', async () => {
    const findings = await lint('handlers.py');
    expect(at(findings, 'py/bare-except', 14)?.range).toEqual({ start: { line: 13, column: 8 }, end: { line: 13, column: 14 } });
    expect(at(findings, 'py/broad-except', 84)?.range).toEqual({ start: { line: 83, column: 24 }, end: { line: 83, column: 33 } });
    expect(at(findings, 'py/broad-except', 23)?.message).toContain('`except BaseException`');
    expect(at(findings, 'py/swallowed-exception', 18)?.message).toContain('`continue`');
  });

  it('offers `except Exception:` for a bare except, but not as a safe fix', async () => {
    expect(await fixedLine('handlers.py', 'py/bare-except', 14)).toEqual({ line: '        except Exception:', safe: false });
  });

  it('chains the bound name with `from`, and offers nothing when the handler binds none', async () => {
    expect(await fixedLine('handlers.py', 'py/raise-without-from', 100)).toEqual({ line: '        raise ConfigError(f"{key} must be an integer") from err', safe: false });
    expect(await fixedLine('handlers.py', 'py/raise-without-from', 98)).toBeUndefined();
  });

  it('does not treat a raise in a function defined in the handler as raised there', async () => {
    const findings = await lintText('try:\n    run()\nexcept Exception:\n    def fail():\n        raise RuntimeError("later")\n    hooks.append(fail)\n');
    expect(where(findings)).toEqual(['py/broad-except:3']);
  });

  it('counts a bare-except handler that re-raises as fine, even after cleanup', async () => {
    expect(where(await lintText('try:\n    run()\nexcept:\n    cleanup()\n    raise\n'))).toEqual([]);
  });
});

describe('py/logging-eager-format (logging_calls.py)', () => {
  it('reports f-strings with fields, % and .format messages of logger-looking receivers only', async () => {
    const findings = await lint('logging_calls.py');
    expect(where(findings, 'py/logging-eager-format')).toEqual([
      'py/logging-eager-format:12',
      'py/logging-eager-format:13',
      'py/logging-eager-format:14',
      'py/logging-eager-format:15',
      'py/logging-eager-format:16',
      'py/logging-eager-format:17',
      'py/logging-eager-format:18',
      'py/logging-eager-format:21',
      'py/logging-eager-format:24',
      'py/logging-eager-format:27',
      'py/logging-eager-format:28',
      'py/logging-eager-format:29',
    ]);
    expect(at(findings, 'py/logging-eager-format', 15)?.message).toContain('`%` formatting');
    expect(at(findings, 'py/logging-eager-format', 17)?.message).toContain('`.format()`');
  });

  it('marks the rewrite safe only when the output cannot change', async () => {
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 12)).toEqual({ line: '        self.logger.info("starting %r", job)', safe: true });
    // `{job}` calls format(job, ""), not str(job): equal for most types, not all.
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 13)).toEqual({ line: '        self.logger.info("starting %s", job)', safe: false });
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 14)).toEqual({ line: '        logger.debug("took %.3fs for %s", took, job.name)', safe: false });
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 15)).toEqual({ line: '        _log.warning("retry %d of %d", attempt, limit)', safe: true });
    // `attempt` could hold a tuple, which `%` spreads and logging would not.
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 16)).toEqual({ line: '        _log.warning("retry %d", attempt)', safe: false });
  });

  it('escapes % only when arguments are added, since logging formats only then', async () => {
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 17)).toEqual({ line: '        LOGGER.error("job %s failed at %s%%", job, attempt)', safe: false });
    expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', 18)).toEqual({
      line: '        logging.log(logging.INFO, "progress: %s/%s done, 100%% soon", attempt, limit)',
      safe: false,
    });
  });

  it('rewrites an implicitly concatenated message part by part', async () => {
    const text = await readFile(join(FIXTURES, 'logging_calls.py'), 'utf8');
    const fix = at(await lintText(text), 'py/logging-eager-format', 21)?.fix;
    expect(fix?.edits.map((edit) => edit.newText)).toEqual(['"multi-line %s"\n            " message", job']);
  });

  it('offers no rewrite for `{x=}`, nested format specs, a parenthesised template or a trailing positional argument', async () => {
    for (const line of [24, 27, 28, 29]) expect(await fixedLine('logging_calls.py', 'py/logging-eager-format', line)).toBeUndefined();
  });
});

describe('py/mutable-default-arg (defaults.py)', () => {
  it('reports displays, comprehensions and container calls, but not behind a read-only annotation', async () => {
    expect(where(await lint('defaults.py'))).toEqual([
      'py/mutable-default-arg:5',
      'py/mutable-default-arg:14',
      'py/mutable-default-arg:14',
      'py/mutable-default-arg:14',
      'py/mutable-default-arg:19',
      'py/mutable-default-arg:24',
      'py/mutable-default-arg:24',
      'py/mutable-default-arg:28',
      'py/mutable-default-arg:31',
    ]);
  });

  it('defaults to None and initialises after the docstring, at the body indentation', async () => {
    const text = await readFile(join(FIXTURES, 'defaults.py'), 'utf8');
    const findings = await lintText(text);
    const fix = at(findings, 'py/mutable-default-arg', 5)?.fix;
    expect(fix?.safe).toBe(false);
    const lines = applyEdits(text, fix?.edits ?? []).text.split('\n');
    expect(lines.slice(4, 13)).toEqual([
      'def add_tag(tag, tags=None):',
      '    """Append tag.',
      '',
      '    Returns the list.',
      '    """',
      '    if tags is None:',
      '        tags = []',
      '    tags.append(tag)',
      '    return tags',
    ]);
    const method = at(findings, 'py/mutable-default-arg', 24)?.fix;
    expect(applyEdits(text, method?.edits ?? []).text.split('\n').slice(23, 27)).toEqual([
      '    def __init__(self, items=None, squares=[x * x for x in range(3)]):',
      '        if items is None:',
      '            items = deque()',
      '        self.items = items',
    ]);
  });

  it('keeps the annotation, appends after a docstring-only body, and gives up on a one-line def', async () => {
    const text = await readFile(join(FIXTURES, 'defaults.py'), 'utf8');
    const findings = await lintText(text);
    const annotated = at(findings, 'py/mutable-default-arg', 19)?.fix;
    expect(applyEdits(text, annotated?.edits ?? []).text.split('\n').slice(18, 22)).toEqual([
      'async def fetch(url, headers: dict[str, str] = None):',
      '    if headers is None:',
      '        headers = {}',
      '    return await client.get(url, headers=headers)',
    ]);
    const docOnly = at(findings, 'py/mutable-default-arg', 31)?.fix;
    expect(applyEdits(text, docOnly?.edits ?? []).text.split('\n').slice(30, 34)).toEqual([
      'def only_docstring(x=None):',
      '    """Nothing else."""',
      '    if x is None:',
      '        x = {}',
    ]);
    expect(at(findings, 'py/mutable-default-arg', 28)?.fix).toBeUndefined();
  });

  it('copies tab indentation', async () => {
    const text = 'def f(x=[]):\n\treturn x\n';
    const fix = (await lintText(text))[0]?.fix;
    expect(applyEdits(text, fix?.edits ?? []).text).toBe('def f(x=None):\n\tif x is None:\n\t\tx = []\n\treturn x\n');
  });
});

describe('py/open-without-with (files.py)', () => {
  it('reports leaked files and spares with, hand-overs, owners, returns and try/finally', async () => {
    const findings = await lint('files.py');
    expect(where(findings, 'py/open-without-with')).toEqual([
      'py/open-without-with:9',
      'py/open-without-with:13',
      'py/open-without-with:17',
      'py/open-without-with:24',
      'py/open-without-with:25',
      'py/open-without-with:27',
      'py/open-without-with:28',
    ]);
    expect(at(findings, 'py/open-without-with', 25)?.message).toMatch(/^`pathlib\.Path\(dst\)\.open\(\.\.\.\)` outside `with`/);
  });

  it('skips a module that defines its own open()', async () => {
    expect(where(await lintText('def open(path):\n    return _open(path)\n\ndef load(path):\n    return open(path).read()\n'))).toEqual([]);
  });
});

describe('py/sql-string-format (queries.py)', () => {
  it('reports formatted SQL reaching a driver call, directly or through a variable', async () => {
    const findings = await lint('queries.py');
    expect(where(findings, 'py/sql-string-format')).toEqual([
      'py/sql-string-format:9',
      'py/sql-string-format:10',
      'py/sql-string-format:11',
      'py/sql-string-format:12',
      'py/sql-string-format:13',
      'py/sql-string-format:17',
      'py/sql-string-format:38',
      'py/sql-string-format:43',
    ]);
  });

  it('points at the assignment that built the variable', async () => {
    const finding = at(await lint('queries.py'), 'py/sql-string-format', 17);
    expect(finding?.related?.map((item) => item.range.start.line + 1)).toEqual([16]);
    const wrapped = at(await lint('queries.py'), 'py/sql-string-format', 43);
    expect(wrapped?.range).toEqual({ start: { line: 42, column: 29 }, end: { line: 42, column: 32 } });
    expect(wrapped?.related?.map((item) => item.range.start.line + 1)).toEqual([42]);
  });
});

describe('py/method-lru-cache (caching.py)', () => {
  it('reports caches on instance methods only, and says whether they are bounded', async () => {
    const findings = await lint('caching.py');
    expect(where(findings)).toEqual(['py/method-lru-cache:10', 'py/method-lru-cache:14', 'py/method-lru-cache:18', 'py/method-lru-cache:22']);
    expect(at(findings, 'py/method-lru-cache', 14)?.message).toContain('stays alive as long as the class');
    expect(at(findings, 'py/method-lru-cache', 18)?.message).toContain('keeps up to maxsize instances alive');
  });

  it('needs bare cache/lru_cache to come from functools', async () => {
    expect(where(await lintText('from mylib import cache\n\nclass A:\n    @cache\n    def m(self):\n        return 1\n'))).toEqual([]);
  });
});

describe('py/print-call (cli.py, script.py)', () => {
  it('reports prints in library code, not in entry points, file streams or __main__ blocks', async () => {
    expect(where(await lint('cli.py'))).toEqual(['py/print-call:5', 'py/print-call:6', 'py/print-call:8', 'py/print-call:21']);
  });

  it('spares scripts and tests', async () => {
    expect(where(await lint('script.py'))).toEqual([]);
    expect(where(await lint('cli.py', 'tests/test_cli.py'))).toEqual([]);
  });
});
