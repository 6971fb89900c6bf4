import type * as vscode from 'vscode';

/** What the spec commands share for the extension's lifetime. */
export interface SpecHost {
  readonly context: vscode.ExtensionContext;
  readonly output: vscode.LogOutputChannel;
  /** Pipelines running in this window, per workspace folder URI: their logs look interrupted until they end. */
  readonly running: Map<string, number>;
}

/** Counts a run in `folder` while `work` lasts. */
export async function whileRunning<T>(host: SpecHost, folder: vscode.WorkspaceFolder, work: () => Promise<T>): Promise<T> {
  const key = folder.uri.toString();
  host.running.set(key, (host.running.get(key) ?? 0) + 1);
  try {
    return await work();
  } finally {
    const left = (host.running.get(key) ?? 1) - 1;
    if (left > 0) host.running.set(key, left);
    else host.running.delete(key);
  }
}

export function isRunningIn(host: SpecHost, folder: vscode.WorkspaceFolder): boolean {
  return host.running.has(folder.uri.toString());
}
