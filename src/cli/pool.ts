import { Worker, type ResourceLimits } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileOutcome } from './lint-paths';
import type { LintRequest, WorkerReply, WorkerSetup } from './worker-protocol';

/** Batches of one language sent to a worker in one request. */
export interface WorkChunk {
  readonly language: string;
  readonly batches: readonly (readonly string[])[];
  readonly bytes: number;
}

/** A request on its way: its batches, and whether it is a lone batch retried after a crash. */
interface Sent {
  readonly batches: readonly (readonly string[])[];
  readonly retry: boolean;
}

interface Slot {
  worker: Worker;
  /** Requests sent and not answered yet, by id. */
  readonly busy: Map<number, Sent>;
  /** Languages this worker has been given: it has their grammars loaded and queries compiled. */
  readonly languages: Set<string>;
}

/** Requests in flight per worker: the next one waits in the worker's queue while it answers one. */
const IN_FLIGHT = 2;

/**
 * Spreads batches over worker threads, two requests in flight per worker so none waits for the
 * main thread between requests. A worker that dies (a crash, a heap cap reached) is replaced, and
 * each batch it held is tried again alone in a fresh worker: only a batch that brings a worker down
 * by itself gets a "could not check" notice, not the files that happened to share its request.
 */
export class LintPool {
  private nextId = 0;

  private constructor(
    private readonly setup: WorkerSetup,
    private readonly limits: ResourceLimits,
    private readonly script: string,
    private readonly slots: Slot[],
  ) {}

  /**
   * `limits` caps each worker's heap. Left alone, V8 lets a worker's heap grow to several times
   * what it holds (one file's text and tree data at a time); capped, two workers fit in the memory
   * one took. A worker that hits the cap fails its batch with a notice and is replaced.
   */
  /** `script` is the worker's entry file: the bundled `cli-worker.js` unless another is given. */
  static async start(jobs: number, setup: WorkerSetup, limits: ResourceLimits = {}, script = join(__dirname, 'cli-worker.js')): Promise<LintPool> {
    const workers = await Promise.all(Array.from({ length: jobs }, () => createWorker(script, setup, limits)));
    return new LintPool(setup, limits, script, workers.map((worker) => ({ worker, busy: new Map(), languages: new Set<string>() })));
  }

  run(requests: readonly WorkChunk[], onOutcome: (outcome: FileOutcome) => void): Promise<void> {
    const queue = new LanguageQueue(requests);
    /** Batches of a crashed worker, each to be tried once more on its own. */
    const retries: (readonly string[])[] = [];
    let pending = requests.length;
    return new Promise((resolve) => {
      if (pending === 0) return resolve();
      const settle = (outcomes: readonly FileOutcome[]): void => {
        for (const outcome of outcomes) onOutcome(outcome);
        pending--;
        if (pending === 0) resolve();
      };
      const send = (slot: Slot, sent: Sent): void => {
        const request: LintRequest = { id: this.nextId++, batches: sent.batches };
        slot.busy.set(request.id, sent);
        slot.worker.postMessage(request);
      };
      const feed = (slot: Slot): void => {
        while (slot.busy.size < IN_FLIGHT) {
          const inFlight = [...slot.busy.values()];
          // A retried batch runs alone in its worker: if the worker dies again, that batch is the culprit.
          if (inFlight.some((sent) => sent.retry)) return;
          const [retried] = retries;
          if (retried) {
            if (inFlight.length > 0) return;
            retries.shift();
            send(slot, { batches: [retried], retry: true });
            return;
          }
          const batches = queue.next(slot.languages);
          if (!batches) return;
          send(slot, { batches, retry: false });
        }
      };
      const attach = (slot: Slot): void => {
        slot.worker.on('message', (reply: WorkerReply) => {
          if (reply.kind === 'ready') return;
          const sent = slot.busy.get(reply.id);
          slot.busy.delete(reply.id);
          settle(reply.kind === 'done' ? reply.outcomes : crashed(sent?.batches ?? [], reply.message));
          feed(slot);
        });
        slot.worker.once('error', (error) => {
          const lost = [...slot.busy.values()];
          slot.busy.clear();
          slot.languages.clear();
          for (const sent of lost) {
            if (sent.retry) settle(crashed(sent.batches, `worker crashed: ${error.message}`));
            else {
              pending += sent.batches.length - 1;
              retries.push(...sent.batches);
            }
          }
          createWorker(this.script, this.setup, this.limits).then(
            (worker) => {
              slot.worker = worker;
              attach(slot);
              feed(slot);
              for (const other of this.slots) if (other !== slot) feed(other);
            },
            (spawnError: unknown) => {
              const message = `no worker could be started: ${spawnError instanceof Error ? spawnError.message : String(spawnError)}`;
              for (let batch = retries.shift(); batch; batch = retries.shift()) settle(crashed([batch], message));
              for (let batches = queue.next(new Set()); batches; batches = queue.next(new Set())) settle(crashed(batches, message));
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

/**
 * Hands out chunks so that each language is compiled by as few workers as possible: a worker goes
 * on with a language it already has, then takes the largest language nobody has started, and only
 * then helps with another worker's language. Each worker compiles a language's queries once, which
 * costs as much as linting a few hundred kilobytes.
 */
class LanguageQueue {
  private readonly byLanguage = new Map<string, WorkChunk[]>();
  private readonly started = new Set<string>();

  constructor(chunks: readonly WorkChunk[]) {
    for (const chunk of chunks) {
      const list = this.byLanguage.get(chunk.language);
      if (list) list.push(chunk);
      else this.byLanguage.set(chunk.language, [chunk]);
    }
  }

  next(known: Set<string>): WorkChunk['batches'] | undefined {
    const language =
      this.largest((language) => known.has(language)) ?? this.largest((language) => !this.started.has(language)) ?? this.largest(() => true);
    if (language === undefined) return undefined;
    const chunk = this.byLanguage.get(language)?.shift();
    if (!chunk) return undefined;
    if (this.byLanguage.get(language)?.length === 0) this.byLanguage.delete(language);
    known.add(language);
    this.started.add(language);
    return chunk.batches;
  }

  /** Among the languages `accept`s, the one with the most bytes left. */
  private largest(accept: (language: string) => boolean): string | undefined {
    let best: string | undefined;
    let bestBytes = -1;
    for (const [language, chunks] of this.byLanguage) {
      if (!accept(language)) continue;
      const bytes = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
      if (bytes > bestBytes) {
        best = language;
        bestBytes = bytes;
      }
    }
    return best;
  }
}

/** Starts a worker and waits for its engine to be ready (WASM loaded), so failures surface here. */
function createWorker(script: string, setup: WorkerSetup, resourceLimits: ResourceLimits): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: setup, resourceLimits });
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
