import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpecFileError } from '../../../src/core/agents/spec-workspace';
import {
  addComment,
  anchorLabel,
  CommentNotFoundError,
  deleteComment,
  emptySpecComments,
  InvalidSpecCommentsError,
  openComments,
  parseSpecComments,
  readSpecComments,
  reopenComment,
  resolveComment,
  updateSpecComments,
} from '../../../src/core/specs/comments';
import { nodeSpecWorkspace } from '../../../src/node/specs/node-spec-workspace';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

const at = '2026-12-06T10:00:00.000Z';

describe('spec comments', () => {
  it('adds comments with fresh ids, resolves, reopens and deletes them', () => {
    let file = emptySpecComments();
    const first = addComment(file, { anchor: { kind: 'requirement', id: 'R2' }, body: '  Say what happens on timeout. ', author: 'ana', at });
    file = first.file;
    expect(first.comment).toEqual({ id: 'c1', anchor: { kind: 'requirement', id: 'R2' }, body: 'Say what happens on timeout.', author: 'ana', created_at: at, source: 'comment', status: 'open' });
    file = addComment(file, { anchor: { kind: 'section', section: 'Rollback Plan' }, body: 'How do we undo the migration?', author: 'ana', at, source: 'request-changes' }).file;
    file = resolveComment(file, 'c1', { author: 'bo', at });
    expect(openComments(file).map((comment) => comment.id)).toEqual(['c2']);
    expect(file.comments[0]).toMatchObject({ status: 'resolved', resolved_by: 'bo', resolved_at: at });
    file = reopenComment(file, 'c1');
    expect(file.comments[0]).not.toHaveProperty('resolved_at');
    file = deleteComment(file, 'c1');
    expect(addComment(file, { anchor: { kind: 'spec' }, body: 'x', author: 'a', at }).comment.id).toBe('c3');
    expect(() => deleteComment(file, 'c9')).toThrow(CommentNotFoundError);
    expect(anchorLabel({ kind: 'spec' })).toBe('the whole spec');
  });

  it('refuses empty text and bad anchors', () => {
    expect(() => addComment(emptySpecComments(), { anchor: { kind: 'spec' }, body: '   ', author: 'a', at })).toThrow(/needs some text/);
    expect(() => parseSpecComments({ version: 1, comments: [{ id: 'c1', anchor: { kind: 'requirement', id: 'X1' }, body: 'b', author: 'a', created_at: at, source: 'comment', status: 'open' }] }, '/p/comments.json')).toThrow(
      /\/p\/comments\.json: not a valid comments file:\n {2}comments\.0\.anchor\.id: expected a requirement id/,
    );
  });

  it('reads a missing file as empty, writes atomically and never overwrites a bad file', async () => {
    const root = await mkdtemp(join(tmpdir(), 'omni-comments-'));
    roots.push(root);
    const folder = await nodeSpecWorkspace(root).create('Export');
    expect(await readSpecComments(folder)).toEqual(emptySpecComments());
    const id = await updateSpecComments(folder, (file) => {
      const added = addComment(file, { anchor: { kind: 'spec' }, body: 'Looks thin.', author: 'ana', at });
      return { file: added.file, result: added.comment.id };
    });
    expect(id).toBe('c1');
    const path = join(root, '.omni/specs/export/comments.json');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, comments: [{ id: 'c1', body: 'Looks thin.' }] });

    const duplicate = JSON.stringify({ version: 1, comments: [{ id: 'c1', anchor: { kind: 'spec' }, body: 'a', author: 'a', created_at: at, source: 'comment', status: 'open' }, { id: 'c1', anchor: { kind: 'spec' }, body: 'b', author: 'a', created_at: at, source: 'comment', status: 'open' }] });
    await writeFile(path, duplicate);
    const change = updateSpecComments(folder, (file) => ({ file: emptySpecComments(), result: file }));
    await expect(change).rejects.toThrow(InvalidSpecCommentsError);
    await expect(readSpecComments(folder)).rejects.toThrow(`${path}: not a valid comments file:\n  comments.1.id: id c1 is already used by comments.0`);
    expect(await readFile(path, 'utf8')).toBe(duplicate);

    await writeFile(path, '{ "version": 1,');
    await expect(readSpecComments(folder)).rejects.toThrow(SpecFileError);
    await expect(readSpecComments(folder)).rejects.toThrow(`${path}: not valid JSON`);
  });
});
