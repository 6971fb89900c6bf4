import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { approvalState, withApproval } from '../../../src/core/specs/approval';
import { setFrontmatter } from '../../../src/core/specs/edit-frontmatter';
import { printSpec } from '../../../src/core/specs/print-spec';
import { parseSpec, SpecParseError } from '../../../src/core/specs/spec-file';
import { specHash } from '../../../src/core/specs/spec-hash';
import { sampleDraft, TASK_ID } from './drafts';

const commented = `---
# kept: a note above the keys
task_id: ${TASK_ID}
title: Export invoices
status: draft # moved on by the pipeline
complexity: low
estimated_files: 3
estimated_test_coverage: 80
risk_assessment: low
requires_migration: false
breaking_changes: false
owner: finance   # unknown key
---

# Export invoices

Body text with a --- line of its own below.

---
`;

describe('setFrontmatter', () => {
  it('changes one key in place, keeping comments, other keys and the body byte for byte', () => {
    const text = setFrontmatter(commented, { status: 'in_review' });
    expect(text).toBe(commented.replace('status: draft # moved', 'status: in_review # moved'));
  });

  it('adds new keys at the end of the frontmatter and deletes keys given undefined', () => {
    const text = setFrontmatter(commented, { owner: undefined, models: { architect: 'ollama/qwen' } });
    expect(text).toContain('breaking_changes: false\nmodels:\n  architect: ollama/qwen\n---\n');
    expect(text).not.toContain('owner');
    expect(text).toContain('# kept: a note above the keys');
    expect(parseSpec(text, 'spec.md').frontmatter.models).toEqual({ architect: 'ollama/qwen' });
  });

  it('replaces a block value whole and keeps CRLF line breaks', () => {
    const crlf = setFrontmatter(commented, { approval: { by: 'ada', at: '2026-12-01T10:00:00.000Z', spec_sha256: 'a'.repeat(64) } }).replace(/\n/g, '\r\n');
    const text = setFrontmatter(crlf, { approval: { by: 'bob', at: '2026-12-02T10:00:00.000Z', spec_sha256: 'b'.repeat(64) } });
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text).toContain('approval:\r\n  by: bob\r\n  at: 2026-12-02T10:00:00.000Z\r\n');
    expect(text).not.toContain('ada');
  });

  it('refuses a file whose frontmatter does not parse, with its line', () => {
    expect(() => setFrontmatter('---\ntitle: [x\n---\n', { status: 'draft' }, 'a/spec.md')).toThrow(SpecParseError);
    expect(() => setFrontmatter('no frontmatter', { status: 'draft' }, 'a/spec.md')).toThrow('a/spec.md:1: expected YAML frontmatter');
  });
});

describe('specHash', () => {
  it('is the SHA-256 of the text without the status and approval lines', async () => {
    const expected = createHash('sha256').update(commented.replace('status: draft # moved on by the pipeline\n', '')).digest('hex');
    expect(await specHash(commented)).toBe(expected);
  });

  it('does not change when status or approval are set, nor with CRLF line breaks', async () => {
    const hash = await specHash(commented);
    const approved = setFrontmatter(commented, { status: 'approved', approval: { by: 'ada', at: '2026-12-01T10:00:00.000Z', spec_sha256: hash } });
    expect(await specHash(approved)).toBe(hash);
    expect(await specHash(setFrontmatter(approved, { status: 'done' }))).toBe(hash);
    expect(await specHash(commented.replace(/\n/g, '\r\n'))).toBe(hash);
  });

  it('changes with any other edit, in the body or the frontmatter', async () => {
    const hash = await specHash(commented);
    expect(await specHash(commented.replace('Body text', 'Body text!'))).not.toBe(hash);
    expect(await specHash(setFrontmatter(commented, { complexity: 'high' }))).not.toBe(hash);
  });
});

describe('approval', () => {
  const text = printSpec(sampleDraft(), { taskId: TASK_ID, status: 'in_review' });
  const at = new Date('2026-12-06T23:30:00.000Z');

  it('records who, when and the hash, and sets the status to approved', async () => {
    const approved = await withApproval(text, { by: 'ada@example.com', at });
    const spec = parseSpec(approved, 'spec.md');
    expect(spec.frontmatter.status).toBe('approved');
    expect(spec.frontmatter.approval).toEqual({ by: 'ada@example.com', at: '2026-12-06T23:30:00.000Z', spec_sha256: await specHash(text) });
    expect(await approvalState(spec)).toEqual({ kind: 'valid', by: 'ada@example.com', at: '2026-12-06T23:30:00.000Z' });
  });

  it('is none without an approval', async () => {
    expect(await approvalState(parseSpec(text, 'spec.md'))).toEqual({ kind: 'none' });
  });

  it('is void once the spec is edited after the approval, naming when and who approved it', async () => {
    const approved = await withApproval(text, { by: 'ada', at });
    const edited = approved.replace('redeploy the previous release tag', 'redeploy the tag before');
    expect(await approvalState(parseSpec(edited, 'spec.md'))).toEqual({
      kind: 'void',
      by: 'ada',
      at: '2026-12-06T23:30:00.000Z',
      reason: 'the spec changed after the approval at 2026-12-06T23:30:00.000Z by ada',
    });
  });

  it('survives the status moving on to implementing, and is void when it goes back to draft', async () => {
    const approved = await withApproval(text, { by: 'ada', at });
    expect((await approvalState(parseSpec(setFrontmatter(approved, { status: 'implementing' }), 'spec.md'))).kind).toBe('valid');
    const back = await approvalState(parseSpec(setFrontmatter(approved, { status: 'draft' }), 'spec.md'));
    expect(back).toMatchObject({ kind: 'void', reason: expect.stringContaining('status is draft') });
  });
});
