import * as vscode from 'vscode';
import { resumeSpecPipeline } from '../../core/agents/orchestrator';
import type { SpecWorkspace } from '../../core/agents/spec-workspace';
import { type PipelinePhase, replay } from '../../core/store/replay';
import { nodeSpecWorkspace } from '../../node/specs/node-spec-workspace';
import { reportOutcome } from './outcome-message';
import { runPipeline, type PipelineRun } from './pipeline-run';
import { isRunningIn, type SpecHost } from './spec-host';
import { specFolders } from './spec-project';
import { trustedFor } from './workspace-trust';

const TITLE = 'Resume Spec Pipeline';

/** Phases a pipeline stops in on purpose: waiting on a human, or done. */
const SETTLED: ReadonlySet<PipelinePhase> = new Set(['awaiting-approval', 'needs-human', 'approved', 'rejected', 'failed']);

export interface Resumable {
  readonly folder: vscode.WorkspaceFolder;
  readonly slug: string;
  readonly phase: PipelinePhase;
  /** Stopped mid-way (the editor closed, the run was cancelled), rather than failed or waiting on a human. */
  readonly interrupted: boolean;
}

/** Pipelines with a next step to take, not running in this window. */
export async function resumablePipelines(host: SpecHost): Promise<Resumable[]> {
  const found: Resumable[] = [];
  for (const folder of specFolders()) {
    if (isRunningIn(host, folder)) continue;
    const workspace: SpecWorkspace = nodeSpecWorkspace(folder.uri.fsPath);
    for (const slug of await workspace.list()) {
      try {
        const events = await workspace.open(slug).readEvents();
        if (events.length === 0) continue;
        const { phase, nextStep } = replay(events);
        if (nextStep !== 'none') found.push({ folder, slug, phase, interrupted: !SETTLED.has(phase) });
      } catch (error) {
        // One unreadable log must not hide the others; it is named in the output.
        host.output.warn(`.omni/specs/${slug}/events.jsonl: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return found;
}

/** "Omni: Resume Spec Pipeline": carries an interrupted pipeline on from its last recorded step. */
export async function resumeSpec(host: SpecHost, slugArgument?: unknown): Promise<PipelineRun> {
  if (!trustedFor(TITLE)) return { kind: 'stopped', reason: 'untrusted', message: 'Restricted Mode' };
  const resumable = await resumablePipelines(host);
  if (typeof slugArgument !== 'string' && resumable.length > 1) {
    const picked = await pick(resumable);
    if (!picked) return { kind: 'stopped', reason: 'dismissed', message: 'no pipeline picked' };
    return resume(host, picked);
  }
  const chosen = typeof slugArgument === 'string' ? resumable.find((entry) => entry.slug === slugArgument) : resumable[0];
  if (!chosen) {
    const message =
      typeof slugArgument === 'string' ? `the spec pipeline for "${slugArgument}" has nothing to resume (it waits on a human, or runs now)` : 'no spec pipeline has a step left to run';
    void vscode.window.showInformationMessage(`Omni: ${message}.`);
    return { kind: 'stopped', reason: 'nothing-to-resume', message };
  }
  return resume(host, chosen);
}

async function resume(host: SpecHost, chosen: Resumable): Promise<PipelineRun> {
  const run = await runPipeline(host, chosen.folder, TITLE, ({ project, llm, signal, onProgress }) =>
    resumeSpecPipeline({ slug: chosen.slug, workspace: project.workspace, llm, signal, onProgress }),
  );
  if (run.kind === 'outcome') await reportOutcome(run.outcome);
  return run;
}

/** On start-up: offers each interrupted pipeline for resumption rather than leaving it half done. */
export async function offerResume(host: SpecHost): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  for (const { slug, phase } of (await resumablePipelines(host)).filter((entry) => entry.interrupted)) {
    void vscode.window.showInformationMessage(`Omni: the spec pipeline for "${slug}" stopped while ${phase}. Resume it from there?`, 'Resume').then((choice) => {
      if (choice) void vscode.commands.executeCommand('omni.resumeSpecPipeline', slug);
    });
  }
}

async function pick(resumable: readonly Resumable[]): Promise<Resumable | undefined> {
  const items = resumable.map((entry) => ({ label: entry.slug, description: entry.interrupted ? `stopped while ${entry.phase}` : entry.phase, detail: entry.folder.name, entry }));
  return (await vscode.window.showQuickPick(items, { title: `Omni: ${TITLE}`, placeHolder: 'Which pipeline should carry on?' }))?.entry;
}
