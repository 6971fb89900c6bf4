import type { ChatProvider, Health } from './provider';

/**
 * Recent health of each provider, kept for a short time so a chain of calls does not probe a
 * server before every one, and a provider that just failed is skipped until it is worth asking again.
 */
export class HealthCache {
  private readonly entries = new Map<string, { health: Health | Promise<Health>; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Probes without the caller's signal: one caller cancelling must not record the provider as down for the others. */
  check(provider: ChatProvider): Promise<Health> {
    const entry = this.entries.get(provider.id);
    if (entry && this.now() - entry.at < this.ttlMs) return Promise.resolve(entry.health);
    const probe = provider.health();
    this.entries.set(provider.id, { health: probe, at: this.now() });
    void probe.then((health) => this.record(provider.id, health));
    return probe;
  }

  markDown(providerId: string, reason: string): void {
    this.record(providerId, { ok: false, reason });
  }

  markUp(providerId: string): void {
    const entry = this.entries.get(providerId);
    if (!(entry && 'ok' in entry.health && entry.health.ok)) this.record(providerId, { ok: true });
  }

  private record(providerId: string, health: Health): void {
    this.entries.set(providerId, { health, at: this.now() });
  }
}
