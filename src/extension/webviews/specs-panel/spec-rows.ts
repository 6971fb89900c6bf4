import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { specStatus, type SpecSummary } from '../../../core/agents/approve';
import { nodeSpecWorkspace } from '../../../node/specs/node-spec-workspace';
import type { SpecList, SpecRow } from '../../../protocol/webview/specs-panel';

const FOLDER_FILES = ['spec.md', 'review.json', 'threats.json', 'events.jsonl'];

/** What the list reads of a workspace folder. */
export interface ListedFolder {
  readonly name: string;
  readonly uri: Pick<vscode.Uri, 'fsPath' | 'toString'>;
}

/** Every spec of every local workspace folder, as the panel lists them. One unreadable folder becomes a row with its problem, never a failed list. */
export async function specRows(folders: readonly ListedFolder[]): Promise<SpecList> {
  const perFolder = await Promise.all(
    folders.map(async (folder) => {
      const summaries = await specStatus(nodeSpecWorkspace(folder.uri.fsPath));
      return Promise.all(summaries.map((summary) => toRow(folder, summary)));
    }),
  );
  return { specs: perFolder.flat(), folders: folders.length };
}

async function toRow(folder: ListedFolder, summary: SpecSummary): Promise<SpecRow> {
  return {
    folder: folder.uri.toString(),
    folderName: folder.name,
    slug: summary.slug,
    ...(summary.title !== undefined ? { title: summary.title } : {}),
    phase: summary.phase,
    reasons: summary.reasons,
    ...(summary.overall !== undefined ? { overall: summary.overall } : {}),
    ...(summary.decision !== undefined ? { decision: summary.decision } : {}),
    reviewStale: summary.reviewStale,
    openThreats: summary.openThreats,
    blockingThreats: summary.blockingThreats,
    approval: summary.approval,
    ...(summary.problem !== undefined ? { problem: summary.problem } : {}),
    updated: await lastChange(join(folder.uri.fsPath, '.omni', 'specs', summary.slug)),
  };
}

/** The newest modification time among the spec's own files. */
async function lastChange(directory: string): Promise<string> {
  const times = await Promise.all(FOLDER_FILES.map((name) => stat(join(directory, name)).then((info) => info.mtimeMs, () => 0)));
  return new Date(Math.max(0, ...times)).toISOString();
}
