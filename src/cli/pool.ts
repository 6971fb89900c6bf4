import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileOutcome } from './lint-paths';
import type { LintRequest, WorkerReply, WorkerSetup } from './worker-protocol';

interface Slot {
  worker: Worker;
  /** Requests sent and not answered yet, by id. */
  readonly busy: Map<number, readonly (readonly string[])[]>;
}

/** Requests in flight per worker: the next one waits in the worker's queue while it answers one. */
const IN_FLIGHT = 2;

/**
 * Spreads batches over worker threads, two requests in flight per worker so none waits for the
 * main thread between requests. A worker that dies fails only its own batches (those files get a
 * notice) and a fresh worker takes its place.
 */
export class LintPool {
  private nextId = 0;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly slots: Slot[],
  ) {}

  static async start(jobs: number, setup: WorkerSetup): Promise<LintPool> {
    const workers = await Promise.all(Array.from({ length: jobs }, () => createWorker(setup)));
    return new LintPool(setup, workers.map((worker) => ({ worker, busy: new Map() })));
  }

  run(requests: readonly (readonly (readonly string[])[])[], onOutcome: (outcome: FileOutcome) => void): Promise<void> {
    const queue = [...requests];
    let pending = queue.length;
    return new Promise((resolve) => {
      if (pending === 0) return resolve();
      const settle = (outcomes: readonly FileOutcome[]): void => {
        for (const outcome of outcomes) onOutcome(outcome);
        pending--;
        if (pending === 0) resolve();
      };
      const feed = (slot: Slot): void => {
        while (slot.busy.size < IN_FLIGHT) {
          const batches = queue.shift();
          if (!batches) return;
          const request: LintRequest = { id: this.nextId++, batches };
          slot.busy.set(request.id, batches);
          slot.worker.postMessage(request);
        }
      };
      const attach = (slot: Slot): void => {
        slot.worker.on('message', (reply: WorkerReply) => {
          if (reply.kind === 'ready') return;
          const batches = slot.busy.get(reply.id) ?? [];
          slot.busy.delete(reply.id);
          settle(reply.kind === 'done' ? reply.outcomes : crashed(batches, reply.message));
          feed(slot);
        });
        slot.worker.once('error', (error) => {
          const lost = [...slot.busy.values()];
          slot.busy.clear();
          for (const batches of lost) settle(crashed(batches, `worker crashed: ${error.message}`));
          createWorker(this.setup).then(
            (worker) => {
              slot.worker = worker;
              attach(slot);
              feed(slot);
            },
            (spawnError: unknown) => {
              const message = `no worker could be started: ${spawnError instanceof Error ? spawnError.message : String(spawnError)}`;
              for (let batches = queue.shift(); batches; batches = queue.shift()) settle(crashed(batches, message));
            },
          );
        });
      };
      for (const slot of this.slots) {
        attach(slot);
        feed(slot);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}

/** Starts a worker and waits for its engine to be ready (WASM loaded), so failures surface here. */
function createWorker(setup: WorkerSetup): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(join(__dirname, 'cli-worker.js'), { workerData: setup });
    const onReady = (reply: WorkerReply): void => {
      if (reply.kind !== 'ready') return;
      worker.off('message', onReady);
      worker.off('error', reject);
      resolve(worker);
    };
    worker.on('message', onReady);
    worker.once('error', reject);
  });
}

function crashed(batches: readonly (readonly string[])[], message: string): FileOutcome[] {
  return batches.flat().map((path) => ({
    result: { path, findings: [], notices: [{ kind: 'rule-crash', message: `could not check: ${message}` }], bytes: 0, syntaxErrors: 0 },
    fixesApplied: 0,
  }));
}
