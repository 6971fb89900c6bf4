/** How many times a crashed server may be restarted within a sliding window before it stays off. */
export class RestartBudget {
  private restarts: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a restart when the window has room for one; false means it stays off. */
  take(): boolean {
    const now = this.now();
    this.restarts = this.restarts.filter((at) => now - at < this.windowMs);
    if (this.restarts.length >= this.max) return false;
    this.restarts.push(now);
    return true;
  }
}
