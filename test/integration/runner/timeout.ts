/** A harness step (browser launch, server start, the whole suite) that did not finish in time. */
export class HarnessTimeoutError extends Error {
  constructor(readonly step: string, readonly ms: number) {
    super(`${step} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'HarnessTimeoutError';
  }
}

/**
 * Bounds one harness step so a hung browser or server fails the run instead of hanging it.
 * Only the harness uses this: tests themselves never carry time limits.
 */
export async function withTimeout<T>(step: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HarnessTimeoutError(step, ms)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
