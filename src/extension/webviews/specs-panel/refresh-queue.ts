/**
 * Runs `work` once for a burst of triggers: the triggers of one task (a pipeline writing four files
 * in a row) collapse into one run at the next microtask, and triggers that arrive while it runs
 * into exactly one run after it. No timers, so nothing waits longer than the work itself.
 */
export class RefreshQueue {
  private queued = false;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  trigger(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.start();
    });
  }

  private start(): void {
    this.running = this.work()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.trigger();
        }
      });
  }
}
