import { LlmError } from '../llm/provider';
import type { Span, Tracer } from '../llm/spans';
import type { SpecMeta } from '../specs/print-spec';
import type { SpecStatus } from '../specs/spec-frontmatter';
import { type Handoff, type HandoffParty, type HandoffType } from '../store/handoff';
import { PipelineEvent, type PipelineEventOf } from '../store/pipeline-events';
import { replay, type ReplayedState } from '../store/replay';
import { gatherProjectContext, type ProjectContext } from './context';
import { AGENT_ROLES, plannedModel, type PipelineLlm } from './pipeline-llm';
import type { SpecFolder, SpecWorkspace } from './spec-workspace';

export interface PipelineProgress {
  /** The step running: draft, complete, fix, review, revise, threats, done. */
  step: string;
  message: string;
}

/** A step event as a step writes it; the time is added when it is recorded. */
export type StepEvent = PipelineEvent extends infer E ? (E extends PipelineEvent ? Omit<E, 'at'> : never) : never;

export interface PipelineRunInput {
  readonly workspace: SpecWorkspace;
  readonly folder: SpecFolder;
  readonly llm: PipelineLlm;
  readonly tracer: Tracer;
  readonly run: Span;
  readonly events: PipelineEvent[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: PipelineProgress) => void;
}

/** One run of the pipeline over one spec folder: what every step reads and how it records. */
export class PipelineRun {
  readonly workspace: SpecWorkspace;
  readonly folder: SpecFolder;
  readonly llm: PipelineLlm;
  readonly run: Span;
  readonly signal: AbortSignal | undefined;
  private readonly tracer: Tracer;
  private readonly events: PipelineEvent[];
  private readonly onProgress: ((progress: PipelineProgress) => void) | undefined;
  private context: Promise<ProjectContext> | undefined;

  constructor(input: PipelineRunInput) {
    this.workspace = input.workspace;
    this.folder = input.folder;
    this.llm = input.llm;
    this.tracer = input.tracer;
    this.run = input.run;
    this.events = input.events;
    this.signal = input.signal;
    this.onProgress = input.onProgress;
  }

  get state(): ReplayedState {
    return replay(this.events);
  }

  /** The last event of a type in the log. */
  latest<K extends PipelineEvent['type']>(type: K): PipelineEventOf<K> | undefined {
    return this.events.findLast((event): event is PipelineEventOf<K> => event.type === type);
  }

  now(): Date {
    return new Date((this.llm.now ?? Date.now)());
  }

  /**
   * Validates and appends a step event, after the spans written so far, and only once the step's
   * files are on disk: a step with its event in the log is done and never runs again.
   */
  async record(event: StepEvent): Promise<void> {
    const full = PipelineEvent.parse({ ...event, at: this.now().toISOString() });
    await this.tracer.flush();
    await this.folder.events.append(full);
    this.events.push(full);
  }

  handoff(from: HandoffParty, to: HandoffParty, type: HandoffType, details: Partial<Pick<Handoff, 'artifacts' | 'constraints' | 'context_refs'>> = {}): Promise<void> {
    return this.record({
      type: 'handoff',
      handoff: { task_id: this.state.taskId, from, to, handoff_type: type, artifacts: details.artifacts ?? [], constraints: details.constraints ?? [], context_refs: details.context_refs ?? [] },
    });
  }

  progress(step: string, message: string): void {
    this.onProgress?.({ step, message });
  }

  /** Between steps: a cancelled run stops with its log at the last finished step, so a resume continues there. */
  checkCancelled(): void {
    if (this.signal?.aborted) throw new LlmError('cancelled', 'the spec pipeline was cancelled');
  }

  /** The project as the agents see it, gathered once per run, the other specs included. */
  projectContext(): Promise<ProjectContext> {
    this.context ??= (async () => {
      const slugs = (await this.workspace.list()).filter((slug) => slug !== this.folder.slug);
      const specs = await Promise.all(slugs.map(async (slug) => ({ slug, text: (await this.workspace.open(slug).readSpec()) ?? '' })));
      return gatherProjectContext(this.workspace.context, specs, undefined, this.signal);
    })();
    return this.context;
  }

  /** The frontmatter's record of the models and prompts the pipeline uses, fixed at the draft so the spec's hash does not move later. */
  specMeta(status: SpecStatus): SpecMeta {
    const models: Record<string, string> = {};
    for (const role of AGENT_ROLES) {
      const model = plannedModel(this.llm, role);
      if (model) models[role] = model;
    }
    const promptVersions: Record<string, number> = {};
    for (const [role, task] of [['architect', 'spec'], ['architect', 'revise'], ['reviewer', 'design-review'], ['threatModeler', 'threats']] as const) {
      const template = this.llm.prompts.latest(role, task);
      if (template) promptVersions[template.id] = template.version;
    }
    return { taskId: this.state.taskId, status, models, promptVersions };
  }
}
