import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SPEC_SECTIONS } from '../../../src/core/specs/sections';
import { parseSpec, SpecParseError } from '../../../src/core/specs/spec-file';
import { printSpec } from '../../../src/core/specs/print-spec';
import { sampleDraft, TASK_ID } from './drafts';

const handWritten = readFileSync('test/fixtures/specs/hand-written.md', 'utf8');

function lineOfText(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

function parseError(text: string): SpecParseError {
  try {
    parseSpec(text, '.omni/specs/x/spec.md');
  } catch (error) {
    if (error instanceof SpecParseError) return error;
    throw error;
  }
  throw new Error('expected a SpecParseError');
}

const printed = printSpec(sampleDraft(), { taskId: TASK_ID, status: 'draft' });

describe('parseSpec', () => {
  it('finds the ten sections in order, with their heading and last lines, from the original text', () => {
    const spec = parseSpec(printed, 'spec.md');
    expect(spec.sections.map((section) => section.key)).toEqual(SPEC_SECTIONS.map((section) => section.key));
    const rollback = spec.section('rollbackPlan');
    expect(rollback?.line).toBe(lineOfText(printed, '## Rollback Plan'));
    expect(rollback?.endLine).toBe(lineOfText(printed, '3. No data is written'));
    expect(rollback?.body).toBe(sampleDraft().rollbackPlan);
    expect(spec.section('dataModels')?.body).toBe(sampleDraft().dataModels);
    expect(spec.title).toBe('Rate-limit the public search API');
    expect(spec.summary).toBe(sampleDraft().summary);
  });

  it('extracts functional requirements with their criteria and non-functional ones, each with its line', () => {
    const spec = parseSpec(printed, 'spec.md');
    expect(spec.requirements.map((requirement) => [requirement.id, requirement.kind, requirement.line])).toEqual([
      ['R1', 'functional', lineOfText(printed, '#### R1:')],
      ['R2', 'functional', lineOfText(printed, '#### R2:')],
      ['NFR1', 'nonFunctional', lineOfText(printed, '- NFR1:')],
      ['NFR2', 'nonFunctional', lineOfText(printed, '- NFR2:')],
    ]);
    const [r1, r2] = spec.requirements;
    expect(r1?.acceptanceCriteria.map((criterion) => criterion.line)).toEqual([lineOfText(printed, '- WHEN a key makes'), lineOfText(printed, '- WHEN a key stays')]);
    expect(r2?.acceptanceCriteria).toEqual([{ text: sampleDraft().requirements.functional[1]?.acceptanceCriteria[0], line: lineOfText(printed, '- Given a running') }]);
  });

  it('reads a hand-written spec: bold ids in lists, id paragraphs, table rows, numbered headings, NFRs without ids', () => {
    const spec = parseSpec(handWritten, 'spec.md');
    expect(spec.sections.filter((section) => section.key).length).toBe(10);
    const extra = spec.sections.find((section) => section.title === 'Open Questions');
    expect(extra?.line).toBe(lineOfText(handWritten, '## Open Questions'));
    expect(extra?.key).toBeUndefined();
    expect(spec.frontmatter['owner']).toBe('finance-team');
    const byId = new Map(spec.requirements.map((requirement) => [requirement.id, requirement]));
    expect([...byId.keys()]).toEqual(['R1', 'R2', 'R3', 'R4', 'NFR1', 'NFR2']);
    expect(byId.get('R1')).toMatchObject({ statement: 'A signed-in accountant can download the invoices of a month as CSV.', line: lineOfText(handWritten, '- **R1**') });
    expect(byId.get('R1')?.acceptanceCriteria).toHaveLength(2);
    // Given / When / Then as three list items is one criterion.
    expect(byId.get('R2')?.acceptanceCriteria).toEqual([{ text: 'Given an invoice of 12.5 EUR\nWhen it is exported\nThen its amount cell reads `12.50`', line: lineOfText(handWritten, '- Given an invoice') }]);
    expect(byId.get('R3')).toMatchObject({ statement: 'The file is named after the month.', line: lineOfText(handWritten, '**R3**') });
    expect(byId.get('R3')?.acceptanceCriteria.map((criterion) => criterion.line)).toEqual([lineOfText(handWritten, '- WHEN the export is for')]);
    expect(byId.get('R4')).toMatchObject({ statement: 'Large months stream', line: lineOfText(handWritten, '| R4 |') });
    expect(byId.get('R4')?.acceptanceCriteria[0]?.text).toMatch(/^WHEN a month has 100000 invoices/);
    expect(byId.get('NFR2')).toMatchObject({ kind: 'nonFunctional', statement: 'Memory stays under 64 MB during an export.' });
  });

  it('does not take a heading inside a code fence for a section', () => {
    const text = printed.replace('## Data Models\n\n', '## Data Models\n\n```md\n## Not a section\n```\n\n');
    const spec = parseSpec(text, 'spec.md');
    expect(spec.sections).toHaveLength(10);
    expect(spec.section('dataModels')?.body).toContain('## Not a section');
  });

  it('gives the same lines for a file with CRLF line breaks', () => {
    const lf = parseSpec(handWritten, 'spec.md');
    const crlf = parseSpec(handWritten.replace(/\n/g, '\r\n'), 'spec.md');
    expect(crlf.sections.map((section) => [section.title, section.line, section.endLine, section.body])).toEqual(lf.sections.map((section) => [section.title, section.line, section.endLine, section.body]));
    expect(crlf.requirements).toEqual(lf.requirements);
  });

  it('lineOf finds requirements and sections by id, title or key, loosely', () => {
    const spec = parseSpec(printed, 'spec.md');
    expect(spec.lineOf('R2')).toBe(lineOfText(printed, '#### R2:'));
    expect(spec.lineOf('requirement R2 (statement)')).toBe(lineOfText(printed, '#### R2:'));
    expect(spec.lineOf('NFR1')).toBe(lineOfText(printed, '- NFR1:'));
    expect(spec.lineOf('Rollback Plan')).toBe(lineOfText(printed, '## Rollback Plan'));
    expect(spec.lineOf('rollbackPlan')).toBe(lineOfText(printed, '## Rollback Plan'));
    expect(spec.lineOf('security')).toBe(lineOfText(printed, '## Security Considerations'));
    expect(spec.lineOf('Error Taxonomy section')).toBe(lineOfText(printed, '## Error Taxonomy'));
    expect(spec.lineOf('Deployment')).toBeUndefined();
    expect(spec.lineOf('R9')).toBeUndefined();
  });
});

describe('parseSpec errors', () => {
  it('reports a missing frontmatter on line 1, naming the file', () => {
    const error = parseError('# Just a title\n');
    expect(error.name).toBe('SpecParseError');
    expect(error.path).toBe('.omni/specs/x/spec.md');
    expect(error.problems).toEqual([{ line: 1, message: expect.stringContaining('must start with a line "---"') }]);
    expect(error.message).toBe(`.omni/specs/x/spec.md:1: ${error.problems[0]?.message}`);
  });

  it('reports an unclosed frontmatter', () => {
    expect(parseError('---\ntitle: x\n# no closing fence\n').problems[0]?.message).toMatch(/not closed/);
  });

  it('reports a YAML error on its line in the file', () => {
    const text = printed.replace('complexity: medium', 'complexity: [medium');
    const error = parseError(text);
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(lineOfText(text, 'complexity:'));
    expect(error.problems[0]?.message).toMatch(/invalid YAML/);
  });

  it('points a key that fails the schema at that key line, every problem at once', () => {
    const text = printed.replace('status: draft', 'status: finished').replace('estimated_test_coverage: 90', 'estimated_test_coverage: 190');
    const error = parseError(text);
    expect(error.problems.map((problem) => problem.line).sort((a, b) => a - b)).toEqual([lineOfText(text, 'status:'), lineOfText(text, 'estimated_test_coverage:')]);
    expect(error.message).toContain(`.omni/specs/x/spec.md:${lineOfText(text, 'status:')}: frontmatter "status"`);
  });

  it('points a bad nested key at its own line and a missing key at its parent', () => {
    const text = printed.replace('breaking_changes: false\n', 'breaking_changes: false\napproval:\n  by: ada\n  at: yesterday\n  spec_sha256: abc\n').replace(/^task_id: .*\n/m, '');
    const error = parseError(text);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { line: 1, message: 'missing frontmatter key "task_id"' },
        { line: lineOfText(text, '  at: yesterday'), message: expect.stringContaining('frontmatter "approval.at"') },
        { line: lineOfText(text, '  spec_sha256'), message: expect.stringContaining('frontmatter "approval.spec_sha256"') },
      ]),
    );
  });

  it('refuses duplicate requirement ids at the second one', () => {
    const text = printed.replace('#### R2:', '#### R1:');
    const error = parseError(text);
    expect(error.problems).toEqual([{ line: lineOfText(text, '#### R1: Operators'), message: `duplicate requirement id R1 (first used on line ${lineOfText(text, '#### R1:')})` }]);
  });
});
