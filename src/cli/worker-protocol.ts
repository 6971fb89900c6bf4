import type { RuleLevel } from '../core/config/schema';
import type { FileOutcome, FixBaseline } from './lint-paths';

/** Passed once as `workerData`: plain data, since functions do not cross threads. */
export interface WorkerSetup {
  readonly levels: Readonly<Record<string, RuleLevel>>;
  readonly fix: boolean;
  readonly baseline?: FixBaseline;
  readonly hash: boolean;
  readonly wasmDirectory: string;
}

export interface LintRequest {
  readonly id: number;
  /** Each inner list is linted as one engine batch (a Go package, or one file). */
  readonly batches: readonly (readonly string[])[];
}

export type WorkerReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'done'; readonly id: number; readonly outcomes: readonly FileOutcome[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
