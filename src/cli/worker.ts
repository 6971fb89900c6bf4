import { parentPort, workerData } from 'node:worker_threads';
import { RulesEngine } from '../core/rules/engine';
import { BUILTIN_RULES } from '../core/rules/registry';
import { bundledWasm } from '../node/wasm-files';
import { lintBatches } from './lint-paths';
import { settingsFromLevels } from '../core/config/levels';
import type { LintRequest, WorkerReply, WorkerSetup } from './worker-protocol';

// One engine per worker thread: WASM instances are not shared between threads.
async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('cli-worker must run as a worker thread');
  const setup = workerData as WorkerSetup;
  const engine = await RulesEngine.create(bundledWasm(setup.wasmDirectory), BUILTIN_RULES);
  const settings = settingsFromLevels(setup.levels);
  const reply = (message: WorkerReply): void => port.postMessage(message);
  // Requests arrive while one is being served: take them one at a time, in order.
  let previous: Promise<void> = Promise.resolve();
  port.on('message', (request: LintRequest) => {
    previous = previous.then(() =>
      lintBatches(engine, request.batches, settings, { fix: setup.fix, hash: setup.hash, ...(setup.baseline ? { baseline: setup.baseline } : {}) }).then(
        (outcomes) => reply({ kind: 'done', id: request.id, outcomes }),
        (error: unknown) => reply({ kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
      ),
    );
  });
  reply({ kind: 'ready' });
}

void serve();
