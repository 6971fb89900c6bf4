import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompleteness, type CompletenessReport } from '../../../src/core/specs/completeness';
import { printSpec } from '../../../src/core/specs/print-spec';
import { SPEC_SECTIONS } from '../../../src/core/specs/sections';
import { parseSpec } from '../../../src/core/specs/spec-file';
import { sampleDraft, TASK_ID } from './drafts';

const good = readFileSync('test/fixtures/specs/hand-written.md', 'utf8');
const ITEM_IDS = ['sections', 'no-placeholders', 'requirement-ids', 'acceptance-criteria', 'measurable-nfrs', 'error-taxonomy', 'security', 'testing-strategy', 'dependencies', 'rollback-plan'];

function check(text: string): CompletenessReport {
  return checkCompleteness(parseSpec(text, 'spec.md'));
}

function edit(text: string, from: string | RegExp, to: string): string {
  const next = text.replace(from, to);
  if (next === text) throw new Error(`the fixture does not contain ${String(from)}`);
  return next;
}

function lineOfText(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

/** Only the item `id` fails, and its problems are at these lines. */
function expectOnlyFailing(report: CompletenessReport, id: string, lines: number[]): void {
  expect(report.items.filter((item) => !item.passed).map((item) => item.id)).toEqual([id]);
  expect(report.complete).toBe(false);
  expect(report.items.find((item) => item.id === id)?.problems.map((problem) => problem.line)).toEqual(lines);
}

describe('checkCompleteness', () => {
  it('passes a realistic hand-written spec and a printed draft, always with ten items in order', () => {
    for (const text of [good, printSpec(sampleDraft(), { taskId: TASK_ID, status: 'draft' })]) {
      const report = check(text);
      expect(report.items.map((item) => item.id)).toEqual(ITEM_IDS);
      expect(report.items.filter((item) => !item.passed)).toEqual([]);
      expect(report.complete).toBe(true);
    }
  });

  it('reports every failing point of an incomplete spec, each at its line', () => {
    const text = readFileSync('test/fixtures/specs/incomplete.md', 'utf8');
    const report = check(text);
    expect(report.items.map((item) => item.id)).toEqual(ITEM_IDS);
    const problems = Object.fromEntries(report.items.map((item) => [item.id, item.problems.map((problem) => problem.line)]));
    expect(problems).toEqual({
      sections: [lineOfText(text, '## Error Taxonomy')],
      'no-placeholders': [lineOfText(text, 'TBD'), lineOfText(text, '## Data Models')],
      'requirement-ids': [lineOfText(text, '- The app has a dark theme.')],
      'acceptance-criteria': [lineOfText(text, '  - It works correctly.')],
      'measurable-nfrs': [lineOfText(text, '- It should be fast.')],
      'error-taxonomy': [lineOfText(text, '- Theme load failure.')],
      security: [lineOfText(text, '## Security'), lineOfText(text, '## Security'), lineOfText(text, '## Security')],
      'testing-strategy': [lineOfText(text, '## Testing Strategy')],
      dependencies: [lineOfText(text, '- `color-convert`')],
      'rollback-plan': [lineOfText(text, '## Rollback Plan'), lineOfText(text, '## Rollback Plan')],
    });
    expect(report.items[0]?.problems[0]?.message).toBe('missing section "## API Contracts"');
  });

  it('(1) a missing section, pointed at where it belongs', () => {
    const text = edit(good, /## 4\. API Contracts\n\n.*\n\n/, '');
    expectOnlyFailing(check(text), 'sections', [lineOfText(text, '## 5. Error Taxonomy')]);
  });

  it('(2) placeholders: TODO, TBD, lorem ipsum, "...", <fill in>, a bare N/A, an empty section', () => {
    const dataModels = 'No new tables. A row is `number, date, customer, amount, currency`.';
    const cases = ['No new tables. TODO: the audit columns', 'TBD', 'Lorem ipsum dolor sit amet.', '...', '<fill in the row format>', '- Rows: N/A'];
    for (const to of cases) {
      const text = edit(good, dataModels, to);
      expectOnlyFailing(check(text), 'no-placeholders', [lineOfText(text, to)]);
    }
    const empty = edit(good, /(## 8\. Architecture Decision\n\n).*\n/, '$1<!-- later -->\n');
    expectOnlyFailing(check(empty), 'no-placeholders', [lineOfText(empty, '## 8.')]);
  });

  it('(2) accepts N/A with a reason and lower-case "todo" in prose', () => {
    const text = edit(good, 'No new tables.', 'Rows: N/A, the export reads existing tables only. The todo app is out of scope.');
    expect(check(text).complete).toBe(true);
  });

  it('(3) a functional requirement without an id', () => {
    const text = edit(good, '**R3**: The file is named after the month.', '- The file is named after the month.');
    expectOnlyFailing(check(text), 'requirement-ids', [lineOfText(text, '- The file is named after the month.')]);
  });

  it('(4) a requirement whose only criterion is not testable, or that has none', () => {
    const vague = edit(good, /  - WHEN the accountant requests .*\n  - WHEN the month has no .*\n/, '  - The export works correctly and is user friendly.\n');
    expectOnlyFailing(check(vague), 'acceptance-criteria', [lineOfText(vague, '  - The export works correctly')]);
    const none = edit(good, /\*\*R3\*\*: The file is named after the month\.\n- WHEN .*\n/, '**R3**: The file is named after the month.\n');
    expectOnlyFailing(check(none), 'acceptance-criteria', [lineOfText(none, '**R3**')]);
  });

  it('(4) accepts a concrete observable check that is neither EARS nor Given/When/Then', () => {
    const text = edit(good, /  - WHEN the accountant requests .*\n  - WHEN the month has no .*\n/, '  - `GET /invoices.csv?month=2026-11` returns 200 and 3 rows for the seeded month.\n');
    expect(check(text).complete).toBe(true);
  });

  it('(5) a non-functional requirement without a number and unit', () => {
    const text = edit(good, '- Memory stays under 64 MB during an export.', '- Memory use stays reasonable.');
    expectOnlyFailing(check(text), 'measurable-nfrs', [lineOfText(text, '- Memory use stays reasonable.')]);
  });

  it('(5) no numbers anywhere when there are no non-functional requirements', () => {
    const text = edit(
      edit(good, /### Non-functional requirements\n\n- .*\n- .*\n/, ''),
      'The service runs on Node 20 with 512 MB per instance; exports must not block other requests for more than 50 ms.',
      'The service runs on the existing stack.',
    );
    expectOnlyFailing(check(text), 'measurable-nfrs', [lineOfText(text, '## 2. Constraints')]);
  });

  it('(6) an error without its handling', () => {
    const text = edit(good, '| 503; the client retries once after 5 s |', '| the export is slow |');
    expectOnlyFailing(check(text), 'error-taxonomy', [lineOfText(text, '| `ExportTimeoutError`')]);
  });

  it('(7) security that leaves out authorization', () => {
    const text = edit(good, '- Authorization: only users with the `finance` role may export.\n', '');
    const report = check(text);
    expectOnlyFailing(report, 'security', [lineOfText(text, '## 6. Security')]);
    expect(report.items[6]?.problems[0]?.message).toMatch(/authorization/);
  });

  it('(7) accepts a topic said not to apply, with the reason', () => {
    const text = edit(good, '- Authorization: only users with the `finance` role may export.', '- Authorization does not apply: every signed-in user sees the same data.');
    expect(check(text).complete).toBe(true);
  });

  it('(8) a testing strategy without integration tests', () => {
    const text = edit(good, '; integration tests that call the endpoint against a seeded database', '');
    expectOnlyFailing(check(text), 'testing-strategy', [lineOfText(text, '## 7. Testing Strategy')]);
  });

  it('(9) a dependency without a reason; "None" explicitly is fine', () => {
    const text = edit(good, /- `csv-stringify` 6: .*/, '- `csv-stringify` 6\n- `date-fns`: formats the month in the file name, which Intl cannot do in Node 20.');
    expectOnlyFailing(check(text), 'dependencies', [lineOfText(text, '- `csv-stringify` 6')]);
    expect(check(edit(good, /- `csv-stringify` 6: .*/, 'None.')).complete).toBe(true);
    expect(check(edit(good, /- `csv-stringify` 6: .*/, 'No new dependencies: the CSV writer is 40 lines.')).complete).toBe(true);
  });

  it('(10) a rollback plan that is not concrete, and one that ignores a migration', () => {
    const vague = edit(good, /1\. Turn off [\s\S]*$/, 'Revert if needed.\n');
    expectOnlyFailing(check(vague), 'rollback-plan', [lineOfText(vague, '## 10. Rollback Plan')]);
    const migration = edit(edit(good, 'requires_migration: false', 'requires_migration: true'), '3. Nothing is written by the export, so no data needs cleaning up.', '3. Tell finance.');
    expectOnlyFailing(check(migration), 'rollback-plan', [lineOfText(migration, '## 10. Rollback Plan')]);
    expect(check(migration).items[9]?.problems[0]?.message).toMatch(/migration/);
  });
});

describe('checkCompleteness on an engineer-style spec (setext headings, section aliases, GWT paragraphs, NFR headings)', () => {
  const text = readFileSync('test/fixtures/specs/engineer-style.md', 'utf8');

  it('reads it and finds it complete', () => {
    const spec = parseSpec(text, 'spec.md');
    expect(spec.title).toBe('Retry webhook deliveries');
    expect(spec.sections.map((section) => section.key)).toEqual(SPEC_SECTIONS.map((section) => section.key));
    expect(spec.requirements.map((requirement) => [requirement.id, requirement.line, requirement.acceptanceCriteria.length])).toEqual([
      ['R1', lineOfText(text, '### R1'), 2],
      ['R2', lineOfText(text, '### R2'), 1],
      ['NFR1', lineOfText(text, '#### NFR1'), 0],
      ['NFR2', lineOfText(text, '#### NFR2'), 0],
    ]);
    expect(spec.requirements[2]?.statement).toBe('Backlog The retry queue holds up to 1000000 pending deliveries in under 2 GB.');
    const report = checkCompleteness(spec);
    expect(report.items.filter((item) => !item.passed)).toEqual([]);
  });

  it('still fails the points a careless edit breaks', () => {
    const broken = edit(edit(text, '- Integration: a scripted receiver returning 503/410/timeouts against a real Postgres in Docker.\n- End-to-end: one staging run with 10000 deliveries.\n', ''), /\*\*Data protection:\*\*.*\n/, '');
    const report = check(broken);
    expect(report.items.filter((item) => !item.passed).map((item) => item.id)).toEqual(['security', 'testing-strategy']);
  });
});

describe('checkCompleteness on a model-written draft', () => {
  it('accepts the usual ways a model words a complete spec', () => {
    const draft = {
      ...sampleDraft(),
      requirements: {
        functional: [
          { id: 'R1', statement: 'Reject malformed months.', acceptanceCriteria: ['The system shall return 400 when `month` is `2026-13`.'] },
          { id: 'R2', statement: 'Show progress.', acceptanceCriteria: ['When the export runs longer than 2 s, then the UI shows a progress bar.'] },
        ],
        nonFunctional: ['Response time under 200ms at p95', '99.9% availability', 'Handles 1k files per run'],
      },
      errorTaxonomy: '- `FileNotFoundError`: raised when the input is missing; the CLI prints a message and exits with code 2.\n- Network timeout: retried 3 times with backoff, then reported.',
      securityConsiderations:
        '- **Authentication**: not applicable; the tool runs locally with the user\'s rights.\n- **Authorization**: none needed for the same reason.\n- **Input validation**: paths are resolved inside the workspace only.\n- **Data protection**: nothing leaves the machine; no personal data is stored.',
      testingStrategy: 'Unit tests with vitest for the parser; integration tests that run the CLI on fixture folders.',
      dependencies: 'No new dependencies.',
      rollbackPlan: 'Revert the release commit and publish the previous version. Data written by the new version is readable by the old one, so nothing needs migrating back.',
    };
    const report = checkCompleteness(parseSpec(printSpec(draft, { taskId: TASK_ID, status: 'draft' }), 'spec.md'));
    expect(report.items.filter((item) => !item.passed)).toEqual([]);
  });
});

