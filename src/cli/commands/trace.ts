import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { formatUsd } from '../../core/llm/accounting';
import { parseSpanLog } from '../../core/llm/spans-schema';
import { buildSpanTree, type SpanNode, type SpanTotals } from '../../core/llm/spans-tree';
import { UsageError } from '../usage-error';

/** An events.jsonl, a folder holding one (a run or spec folder), or a spec's slug under .omni/specs. */
async function eventsPath(target: string, cwd: string): Promise<string> {
  const candidates = [target, join(target, 'events.jsonl'), join(cwd, '.omni', 'specs', target, 'events.jsonl')];
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return candidate;
  }
  throw new UsageError(`no events log for "${target}": tried ${candidates.map((candidate) => relative(cwd, candidate) || '.').join(', ')}`);
}

/** `omni trace <run>`: the run's spans as a tree, with durations, tokens, cost, cache hits and errors. */
export async function trace(target: string, options: { format: 'text' | 'json' }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const cwd = process.cwd();
  const path = await eventsPath(target, cwd);
  const { events, problems } = parseSpanLog(await readFile(path, 'utf8'));
  const shown = relative(cwd, path) || path;
  for (const problem of problems) err.write(`omni: ${shown}:${problem.line}: ${problem.message} (skipped)\n`);
  const roots = buildSpanTree(events);
  if (options.format === 'json') {
    out.write(`${JSON.stringify({ path: shown, spans: roots, problems }, null, 2)}\n`);
    return 0;
  }
  if (roots.length === 0) {
    out.write(`No spans in ${shown}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const root of roots) printNode(root, '', '', lines);
  const totals = roots.map((root) => root.totals);
  const calls = totals.reduce((sum, t) => sum + t.calls, 0);
  const hits = totals.reduce((sum, t) => sum + t.cacheHits, 0);
  const errors = totals.reduce((sum, t) => sum + t.errors, 0);
  lines.push('', `${plural(calls, 'model call')}, ${plural(hits, 'cache hit')}, ${plural(errors, 'error')}${problems.length ? `; ${plural(problems.length, 'bad line')} skipped` : ''}`);
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

function printNode(node: SpanNode, lead: string, childLead: string, lines: string[]): void {
  lines.push(`${lead}${describe(node)}`);
  node.children.forEach((child, index) => {
    const last = index === node.children.length - 1;
    printNode(child, `${childLead}${last ? '└─ ' : '├─ '}`, `${childLead}${last ? '   ' : '│  '}`, lines);
  });
}

function describe(node: SpanNode): string {
  const parts = [`${node.kind} ${node.name}`, node.durationMs === undefined ? '(unfinished)' : duration(node.durationMs)];
  if (node.call) {
    const call = node.call;
    parts.push(`${call.prompt.id} v${call.prompt.version}`);
    if (call.cacheHit) parts.push('cache hit');
    else {
      parts.push(`${tokens(call.inputTokens)} in / ${tokens(call.outputTokens)} out`, call.costUsd === null ? 'cost unknown' : formatUsd(call.costUsd));
      if (call.firstTokenMs !== undefined) parts.push(`first token ${duration(call.firstTokenMs)}`);
    }
    if (call.redactions > 0) parts.push(`${plural(call.redactions, 'secret')} redacted`);
    if (call.fellBackFrom?.length) parts.push(`after ${call.fellBackFrom.map((failed) => `${failed.provider}/${failed.model} (${failed.reason})`).join(', ')}`);
  } else if (node.kind !== 'call' && node.totals.calls > 0) {
    parts.push(summary(node.totals));
  }
  // The no-provider message lists every attempt on lines of its own; the tree keeps one line a span.
  if (node.error) parts.push(`error ${node.error.kind}: ${node.error.message.split('\n')[0] ?? ''}`);
  return parts.join('  ');
}

function summary(totals: SpanTotals): string {
  const cost = totals.unpricedCalls > 0 ? `${formatUsd(totals.costUsd)} + ${plural(totals.unpricedCalls, 'unpriced call')}` : formatUsd(totals.costUsd);
  const hits = totals.cacheHits > 0 ? ` (${plural(totals.cacheHits, 'cache hit')})` : '';
  return `${plural(totals.calls, 'call')}${hits}  ${tokens(totals.inputTokens)} in / ${tokens(totals.outputTokens)} out  ${cost}`;
}

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function tokens(count: number): string {
  return count.toLocaleString('en-US');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
