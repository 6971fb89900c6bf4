import type { CallFacts, SpanError, SpanEvent, SpanKind } from './spans-schema';

export interface SpanTotals {
  readonly calls: number;
  readonly cacheHits: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Calls whose cost is unknown (no price for a non-local model). */
  readonly unpricedCalls: number;
  readonly redactions: number;
  readonly errors: number;
}

export interface SpanNode {
  readonly id: string;
  readonly kind: SpanKind;
  readonly name: string;
  readonly startedAt: string;
  /** Undefined while the span has not ended: the run is going on, or it crashed. */
  readonly durationMs?: number;
  readonly error?: SpanError;
  readonly call?: CallFacts;
  readonly children: SpanNode[];
  /** This span and everything under it. */
  readonly totals: SpanTotals;
}

interface MutableNode {
  id: string;
  kind: SpanKind;
  name: string;
  startedAt: string;
  parent?: string;
  durationMs?: number;
  error?: SpanError;
  call?: CallFacts;
  children: MutableNode[];
}

/**
 * Rebuilds the span tree from a log's events, in the order spans started. A span whose parent is
 * not in the log is shown as a root rather than dropped; an end without a start is ignored.
 */
export function buildSpanTree(events: readonly SpanEvent[]): SpanNode[] {
  const nodes = new Map<string, MutableNode>();
  for (const event of events) {
    if (event.type === 'span-start') {
      nodes.set(event.span, { id: event.span, kind: event.kind, name: event.name, startedAt: event.at, ...(event.parent ? { parent: event.parent } : {}), children: [] });
      continue;
    }
    const node = nodes.get(event.span);
    if (!node) continue;
    node.durationMs = event.durationMs;
    if (event.error) node.error = event.error;
    if (event.call) node.call = event.call;
  }
  const roots: MutableNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parent !== undefined ? nodes.get(node.parent) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots.map(freeze);
}

function freeze(node: MutableNode): SpanNode {
  const children = node.children.map(freeze);
  const own: SpanTotals = {
    calls: node.kind === 'call' ? 1 : 0,
    cacheHits: node.call?.cacheHit ? 1 : 0,
    inputTokens: node.call && !node.call.cacheHit ? node.call.inputTokens : 0,
    outputTokens: node.call && !node.call.cacheHit ? node.call.outputTokens : 0,
    costUsd: node.call && !node.call.cacheHit ? (node.call.costUsd ?? 0) : 0,
    unpricedCalls: node.call && !node.call.cacheHit && node.call.costUsd === null ? 1 : 0,
    redactions: node.call?.redactions ?? 0,
    errors: node.error ? 1 : 0,
  };
  return {
    id: node.id,
    kind: node.kind,
    name: node.name,
    startedAt: node.startedAt,
    ...(node.durationMs !== undefined ? { durationMs: node.durationMs } : {}),
    ...(node.error ? { error: node.error } : {}),
    ...(node.call ? { call: node.call } : {}),
    children,
    totals: children.reduce((sum, child) => addTotals(sum, child.totals), own),
  };
}

function addTotals(a: SpanTotals, b: SpanTotals): SpanTotals {
  return {
    calls: a.calls + b.calls,
    cacheHits: a.cacheHits + b.cacheHits,
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    costUsd: a.costUsd + b.costUsd,
    unpricedCalls: a.unpricedCalls + b.unpricedCalls,
    redactions: a.redactions + b.redactions,
    errors: a.errors + b.errors,
  };
}
