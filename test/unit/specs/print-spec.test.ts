import { describe, expect, it } from 'vitest';
import type { SpecDraft } from '../../../src/core/schemas/spec-draft';
import { printSpec } from '../../../src/core/specs/print-spec';
import { SPEC_SECTIONS } from '../../../src/core/specs/sections';
import { parseSpec } from '../../../src/core/specs/spec-file';
import { generatedDrafts, sampleDraft, TASK_ID } from './drafts';

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What a draft reads back as: everything the Architect wrote, in the file's terms. */
function expectRoundTrip(draft: SpecDraft): void {
  const meta = { taskId: TASK_ID, status: 'in_review' as const, models: { architect: 'ollama/qwen2.5-coder:7b' }, promptVersions: { 'architect/spec': 1 } };
  const spec = parseSpec(printSpec(draft, meta), 'spec.md');
  expect(spec.frontmatter).toEqual({
    task_id: TASK_ID,
    title: oneLine(draft.title),
    status: 'in_review',
    complexity: draft.complexity,
    estimated_files: draft.estimatedFiles,
    estimated_test_coverage: draft.estimatedTestCoverage,
    risk_assessment: draft.riskAssessment,
    requires_migration: draft.requiresMigration,
    breaking_changes: draft.breakingChanges,
    models: meta.models,
    prompt_versions: meta.promptVersions,
  });
  expect(spec.title).toBe(oneLine(draft.title));
  expect(spec.summary).toBe(draft.summary);
  expect(spec.sections.map((section) => section.key)).toEqual(SPEC_SECTIONS.map((section) => section.key));
  for (const { key } of SPEC_SECTIONS) {
    if (key !== 'requirements') expect(spec.section(key)?.body, key).toBe(draft[key]);
  }
  expect(spec.requirements.filter((requirement) => requirement.kind === 'functional').map(({ id, statement, acceptanceCriteria }) => ({ id, statement, criteria: acceptanceCriteria.map((criterion) => criterion.text) }))).toEqual(
    draft.requirements.functional.map(({ id, statement, acceptanceCriteria }) => ({ id, statement: oneLine(statement), criteria: acceptanceCriteria })),
  );
  expect(spec.requirements.filter((requirement) => requirement.kind === 'nonFunctional').map(({ id, statement }) => [id, statement])).toEqual(
    draft.requirements.nonFunctional.map((text, index) => [`NFR${index + 1}`, oneLine(text)]),
  );
}

describe('printSpec', () => {
  it('round-trips a realistic draft through parseSpec', () => {
    expectRoundTrip(sampleDraft());
  });

  it('round-trips generated drafts: lists, tables, code fences, comments, multi-line criteria, unicode', () => {
    for (const draft of generatedDrafts(40)) expectRoundTrip(draft);
  });

  it('keeps a level-2 heading a model wrote inside a section from splitting the spec', () => {
    const draft = { ...sampleDraft(), dataModels: '## Invoice\n\nfields\n\nSubtitle\n---\nmore', rollbackPlan: '# Steps\n\n1. revert the flag' };
    const spec = parseSpec(printSpec(draft, { taskId: TASK_ID, status: 'draft' }), 'spec.md');
    expect(spec.sections.map((section) => section.key)).toEqual(SPEC_SECTIONS.map((section) => section.key));
    expect(spec.section('dataModels')?.body).toContain('### Invoice');
    expect(spec.section('rollbackPlan')?.body).toBe('### Steps\n\n1. revert the flag');
  });

  it('does not repeat an id the model already put in the text', () => {
    const base = sampleDraft();
    const draft = { ...base, requirements: { functional: [{ ...base.requirements.functional[0]!, statement: 'R1: Limit each key.' }], nonFunctional: ['NFR1: under 2 ms'] } };
    const text = printSpec(draft, { taskId: TASK_ID, status: 'draft' });
    expect(text).toContain('#### R1: Limit each key.\n');
    expect(text).toContain('- NFR1: under 2 ms\n');
  });

  it('reads a criterion that starts with another id as a criterion, not a requirement', () => {
    const base = sampleDraft();
    const draft = { ...base, requirements: { ...base.requirements, functional: [{ id: 'R1', statement: 'Limit.', acceptanceCriteria: ['R2 holds first, then WHEN x THE SYSTEM SHALL y'] }, { id: 'R2', statement: 'Other.', acceptanceCriteria: ['1. numbered'] }] } };
    expectRoundTrip(draft);
  });
});
