/**
 * An AbortSignal that Ctrl-C (SIGINT) aborts, for commands that talk to models: the request in
 * flight is cancelled at once (its socket closed) and the command ends with 130, as shells expect
 * of an interrupted program. A second Ctrl-C leaves at once, in case something ignores the signal.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('omni: interrupted\n');
    process.exitCode = 130;
    controller.abort(new InterruptedError());
  };
  process.on('SIGINT', onInterrupt);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onInterrupt) };
}

export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}
