import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { workspaceSpecs, type PickedSpec } from '../specs/spec-picker';

export type SpecTarget = PickedSpec;

/** Why no spec was chosen, and the specs the user may name instead. */
export interface NoSpecTarget {
  readonly message: string;
  readonly choices: readonly string[];
}

// Any file of a spec's folder names the spec: spec.md, review.json, threats.json.
const IN_SPEC_FOLDER = /\/\.omni\/specs\/([^/]+)\/[^/]+$/;

/**
 * The spec a request is about: the slug the user typed, else the spec of the active editor, else
 * the only spec. With several and none named, a command that only shows (`/threats`) takes the one
 * changed last (spec.md or its log); one that acts (`/review`, `/approve`) asks for a name instead
 * of guessing, as the palette's Approve Spec does. A NoSpecTarget says why none was chosen.
 */
export async function specTarget(argument: string, command: { name: string; acts: boolean }): Promise<SpecTarget | NoSpecTarget> {
  const all = await workspaceSpecs();
  const slug = argument.trim().split(/\s+/)[0] ?? '';
  if (slug !== '') {
    const found = all.find((spec) => spec.slug === slug);
    if (found) return found;
    return { message: `No spec "${slug}" in this workspace.${all.length > 0 ? ` Specs: ${all.map((spec) => spec.slug).join(', ')}.` : ''}`, choices: all.map((spec) => spec.slug) };
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const activeSlug = active?.scheme === 'file' ? IN_SPEC_FOLDER.exec(active.path)?.[1] : undefined;
  const owner = active && vscode.workspace.getWorkspaceFolder(active);
  const open = all.find((spec) => spec.slug === activeSlug && spec.folder === owner);
  if (open) return open;
  if (all.length <= 1) return all[0] ?? { message: 'No spec in this workspace yet: ask `@omni /spec <task>` to draft one.', choices: [] };
  if (command.acts) {
    const slugs = all.map((spec) => spec.slug);
    return { message: `Which spec? This workspace has ${all.length}: name one, as in \`@omni /${command.name} ${slugs[0] ?? ''}\`, or open its spec.md. Specs: ${slugs.join(', ')}.`, choices: slugs };
  }
  const changed = await Promise.all(all.map(async (spec) => ({ spec, at: await modified(spec) })));
  return changed.reduce((latest, entry) => (entry.at > latest.at ? entry : latest)).spec;
}

async function modified({ folder, slug }: SpecTarget): Promise<number> {
  const specDir = vscode.Uri.joinPath(folder.uri, '.omni', 'specs', slug).fsPath;
  const times = await Promise.all(['spec.md', 'events.jsonl'].map((name) => stat(join(specDir, name)).then((info) => info.mtimeMs, () => 0)));
  return Math.max(...times);
}
