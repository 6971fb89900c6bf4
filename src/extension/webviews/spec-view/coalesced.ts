/**
 * Runs `work` now, or once more after the run in progress when asked during it: a burst of file
 * events (the pipeline writes spec.md, review.json and the log together) costs at most two runs.
 */
export function coalesced(work: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = async (): Promise<void> => {
    running = true;
    try {
      do {
        again = false;
        await work().catch(onError);
      } while (again);
    } finally {
      running = false;
    }
  };
  return () => {
    if (running) again = true;
    else void run();
  };
}
