import { describe, expect, it } from 'vitest';
import { mergeRevision } from '../../../src/core/specs/merge-revision';
import { printSpec } from '../../../src/core/specs/print-spec';
import { parseSpec, SpecParseError } from '../../../src/core/specs/spec-file';
import type { SpecDraft } from '../../../src/core/schemas/spec-draft';
import { generatedDrafts, sampleDraft, TASK_ID } from './drafts';

const meta = { taskId: TASK_ID, status: 'in_review' as const };
const base = printSpec(sampleDraft(), meta);

function revision(change: (draft: SpecDraft) => void): string {
  const draft = sampleDraft();
  change(draft);
  return printSpec(draft, meta);
}

function lineOfText(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  return text.slice(0, index).split('\n').length;
}

describe('mergeRevision', () => {
  it('takes the revision whole when nobody edited the file', () => {
    const revised = revision((draft) => {
      draft.testingStrategy = 'Unit tests for the window; integration tests through HTTP; a load test at 500 requests per second.';
      draft.complexity = 'high';
    });
    expect(mergeRevision({ base, current: base, revised })).toEqual({ text: revised, conflicts: [] });
  });

  it('keeps a section only the user edited and takes the sections only the agent changed', () => {
    const current = base.replace('2. If that fails, redeploy the previous release tag.', '2. If that fails, run `deploy --tag v1.4.2` (the last good tag).');
    const revised = revision((draft) => {
      draft.testingStrategy = 'Unit and integration tests, plus a soak test of 1 h.';
    });
    const merged = mergeRevision({ base, current, revised });
    expect(merged.conflicts).toEqual([]);
    expect(merged.text).toContain('run `deploy --tag v1.4.2`');
    expect(merged.text).toContain('plus a soak test of 1 h.');
    expect(merged.text).not.toContain('redeploy the previous release tag');
  });

  it('keeps extra sections, HTML comments, unknown frontmatter keys and frontmatter comments', () => {
    const current = base
      .replace('status: in_review\n', 'status: in_review\n# reviewed with finance\nowner: finance\n')
      .replace('## Rollback Plan', '## Open Questions\n\nDo we need a per-tenant limit?\n\n## Rollback Plan')
      .replace('## Constraints\n\n', '## Constraints\n\n<!-- confirmed with ops -->\n')
      .replace('starve the others.\n', 'starve the others.\n\n## Glossary\n\nWindow: 60 s.\n');
    const revised = revision((draft) => {
      draft.title = 'Rate-limit the search API per key';
      draft.constraints = `${draft.constraints}\n- The limit applies per API key, not per IP.`;
    });
    const merged = mergeRevision({ base, current, revised });
    expect(merged.conflicts).toEqual([]);
    const spec = parseSpec(merged.text, 'spec.md');
    expect(spec.frontmatter.title).toBe('Rate-limit the search API per key');
    expect(spec.frontmatter['owner']).toBe('finance');
    expect(merged.text).toContain('# reviewed with finance\nowner: finance\n');
    expect(spec.sections.map((section) => section.title)).toEqual([
      'Glossary',
      'Requirements',
      'Constraints',
      'Data Models',
      'API Contracts',
      'Error Taxonomy',
      'Security Considerations',
      'Testing Strategy',
      'Architecture Decision',
      'Dependencies',
      'Open Questions',
      'Rollback Plan',
    ]);
    expect(spec.section('constraints')?.body).toBe(`<!-- confirmed with ops -->\n${sampleDraft().constraints}\n- The limit applies per API key, not per IP.`);
    expect(merged.text).toContain('# Rate-limit the search API per key\n');
  });

  it('merges lines inside a section both changed, and keeps the hand edit where they change the same lines', () => {
    const current = base
      .replace('answer the search as before.', 'answer the search as before, with the same headers.')
      .replace('- NFR2: The limiter uses at most 50 MB', '- NFR2: The limiter uses at most 40 MB');
    const revised = revision((draft) => {
      draft.requirements.functional.push({ id: 'R3', statement: 'Limits are logged.', acceptanceCriteria: ['WHEN a request is limited THE SYSTEM SHALL log the key hash and the limit.'] });
      draft.requirements.nonFunctional[1] = 'The limiter uses at most 80 MB of memory for 100000 keys.';
    });
    const merged = mergeRevision({ base, current, revised });
    const spec = parseSpec(merged.text, 'spec.md');
    expect(spec.requirements.map((requirement) => requirement.id)).toEqual(['R1', 'R2', 'R3', 'NFR1', 'NFR2']);
    expect(merged.text).toContain('answer the search as before, with the same headers.');
    expect(merged.text).toContain('at most 40 MB');
    expect(merged.text).not.toContain('80 MB');
    expect(merged.conflicts).toEqual([{ section: 'Requirements', line: lineOfText(merged.text, '- NFR2:') }]);
  });

  it('keeps frontmatter values the user changed and reports the agent change it did not apply', () => {
    const current = base.replace('complexity: medium', 'complexity: low # the team disagrees');
    const revised = revision((draft) => {
      draft.complexity = 'high';
      draft.estimatedFiles = 9;
    });
    const merged = mergeRevision({ base, current, revised });
    const spec = parseSpec(merged.text, 'spec.md');
    expect(spec.frontmatter.complexity).toBe('low');
    expect(spec.frontmatter.estimated_files).toBe(9);
    expect(merged.text).toContain('complexity: low # the team disagrees');
    expect(merged.conflicts).toEqual([{ section: 'frontmatter complexity', line: lineOfText(merged.text, 'complexity:') }]);
  });

  it('leaves a section the user deleted deleted, unless the agent changed it', () => {
    const current = base.replace(/## Architecture Decision\n\n.*\n\n/, '');
    expect(parseSpec(mergeRevision({ base, current, revised: base }).text, 'spec.md').section('architectureDecision')).toBeUndefined();
    const revised = revision((draft) => {
      draft.architectureDecision = 'A fixed window per key; sliding logs rejected for memory.';
    });
    const merged = parseSpec(mergeRevision({ base, current, revised }).text, 'spec.md');
    expect(merged.sections.map((section) => section.key).indexOf('architectureDecision')).toBe(7);
    expect(merged.section('architectureDecision')?.body).toBe('A fixed window per key; sliding logs rejected for memory.');
  });

  it('keeps CRLF line breaks of the file on disk', () => {
    const current = base.replace(/\n/g, '\r\n');
    const revised = revision((draft) => {
      draft.dependencies = 'None.';
    });
    const merged = mergeRevision({ base, current, revised });
    expect(merged.text).toBe(revised.replace(/\n/g, '\r\n'));
  });

  it('refuses to merge into a file that does not parse, naming its line', () => {
    const current = base.replace('status: in_review', 'status: [in_review');
    expect(() => mergeRevision({ base, current, revised: base, path: '.omni/specs/a/spec.md' })).toThrow(SpecParseError);
    expect(() => mergeRevision({ base, current, revised: base, path: '.omni/specs/a/spec.md' })).toThrow(/^\.omni\/specs\/a\/spec\.md:\d+: invalid YAML/);
  });

  it('over generated drafts: an untouched file takes the revision, a revision that changes nothing keeps the file', () => {
    const texts = generatedDrafts(12, 11).map((draft) => printSpec(draft, meta));
    for (let index = 1; index < texts.length; index += 1) {
      const [previous, next] = [texts[index - 1] ?? '', texts[index] ?? ''];
      expect(mergeRevision({ base: previous, current: previous, revised: next }).text).toBe(next);
      expect(mergeRevision({ base: previous, current: next, revised: previous }).text).toBe(next);
    }
  });
});
