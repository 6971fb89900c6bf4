import { embeddedCredentials } from '../rules/pack/common/endpoints';
import { credentialKind } from '../rules/pack/common/names';
import { findTokenShape, looksLikeSecret, TOKEN_SHAPES } from '../rules/pack/common/secret-shapes';
import type { ChatMessage, ChatProvider } from './provider';

// Secrets are found by the rule pack's own detectors (sec/hardcoded-secret, sec/hardcoded-connection),
// so a prompt leaving the machine is held to the same standard as the code the rules check.

export interface RedactionReport {
  readonly count: number;
  /** Kind (`aws-access-key-id`, `password`, `private-key`) -> how many were replaced. */
  readonly kinds: Readonly<Record<string, number>>;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: string;
}

export const NO_REDACTIONS: RedactionReport = { count: 0, kinds: {} };

const PEM_BEGIN = /-----BEGIN ((?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
// Each candidate starts at a word boundary and every repeat is bounded: a long run of letters (minified
// code, base64) would otherwise be rescanned from each of its positions.
const URL_CANDIDATE = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}(?::[A-Za-z0-9+.-]{1,30})?:\/\/[^\s'"`<>]{1,2000}/g;
const GO_DSN_CANDIDATE = /(?<=^|[\s'"`=(,;])[^\s:@/'"`=(,;]{1,100}:[^\s@'"`]{0,200}@(?:tcp|unix)\([^)\s]{0,300}\)/g;
const DSN_PASSWORD = /(?:^|[;\s"'`])(?:password|pwd)\s*=/i;
const QUOTED = /(["'`])([^"'`\n]*)\1/g;
/**
 * `name = "value"`, `"name": "value"`, `name := "value"`, `name => 'value'`, and unquoted `NAME=value`,
 * `name: value` (.env, YAML). An unquoted value must end the token: `password: hash(input)` is code.
 */
const ASSIGNMENT = /(?<![A-Za-z0-9_.-])([A-Za-z_][A-Za-z0-9_.-]{0,100})["']?[ \t]*(?::=|=>|[:=])[ \t]*(?:(["'`])([^"'`\n]{1,300})\2|([^\s"'`,;()[\]{}<>]{8,300})(?![^\s,;]))/g;

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function privateKeys(text: string): Span[] {
  const spans: Span[] = [];
  for (const begin of text.matchAll(PEM_BEGIN)) {
    const endMarker = `-----END ${begin[1] ?? ''}-----`;
    const endAt = text.indexOf(endMarker, begin.index);
    // Without its END line the key runs to the first line that is not base64 or a PEM header.
    const end = endAt >= 0 ? endAt + endMarker.length : begin.index + begin[0].length + keyBodyLength(text.slice(begin.index + begin[0].length));
    if (findTokenShape(text.slice(begin.index, end), '')) spans.push({ start: begin.index, end, kind: 'private-key' });
  }
  return spans;
}

function keyBodyLength(rest: string): number {
  const body = /^(?:\r?\n(?:[A-Za-z-]+: [^\n]*|[A-Za-z0-9+/=]+))*/.exec(rest);
  return body?.[0].length ?? 0;
}

/** The token shapes as global patterns, built once: every message of every call that leaves runs them. */
const GLOBAL_TOKEN_PATTERNS = TOKEN_SHAPES.map((shape) => new RegExp(shape.pattern.source, `${shape.pattern.flags.replace('g', '')}g`));

function tokens(text: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of GLOBAL_TOKEN_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      // findTokenShape applies the rules' placeholder tests (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`).
      const hit = findTokenShape(match[0], '');
      if (hit) spans.push({ start: match.index, end: match.index + match[0].length, kind: slug(hit.label) });
    }
  }
  return spans;
}

/** Only the password of a connection string is replaced: the host and database stay useful to the model. */
function connectionPasswords(text: string): Span[] {
  const candidates: { start: number; value: string }[] = [];
  for (const pattern of [URL_CANDIDATE, GO_DSN_CANDIDATE]) {
    for (const match of text.matchAll(pattern)) candidates.push({ start: match.index, value: match[0] });
  }
  let lineStart = 0;
  for (const line of text.split('\n')) {
    if (DSN_PASSWORD.test(line)) {
      candidates.push({ start: lineStart, value: line });
      for (const quoted of line.matchAll(QUOTED)) candidates.push({ start: lineStart + quoted.index + 1, value: quoted[2] ?? '' });
    }
    lineStart += line.length + 1;
  }
  const spans: Span[] = [];
  for (const candidate of candidates) {
    const password = embeddedCredentials(candidate.value)?.password;
    if (!password) continue;
    const at = candidate.value.search(new RegExp(`[:=]${escapeRegExp(password)}(?:[@;\\s"'\`]|$)`));
    if (at >= 0) spans.push({ start: candidate.start + at + 1, end: candidate.start + at + 1 + password.length, kind: 'password' });
  }
  return spans;
}

function credentialAssignments(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const kind = credentialKind(match[1] ?? '');
    const value = match[3] ?? match[4] ?? '';
    if (!kind || !looksLikeSecret(value, kind === 'password' ? 'password' : 'other')) continue;
    const start = match.index + match[0].length - value.length - (match[2] ? 1 : 0);
    spans.push({ start, end: start + value.length, kind });
  }
  return spans;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every secret with `[REDACTED:<kind>]`; the same text always gives the same result. */
export function redactSecrets(text: string): { text: string; report: RedactionReport } {
  const accepted: Span[] = [];
  // Earlier detectors win an overlap: a whole key block or token before the password inside it.
  for (const span of [...privateKeys(text), ...tokens(text), ...connectionPasswords(text), ...credentialAssignments(text)]) {
    if (!accepted.some((other) => span.start < other.end && other.start < span.end)) accepted.push(span);
  }
  if (accepted.length === 0) return { text, report: NO_REDACTIONS };
  accepted.sort((a, b) => a.start - b.start);
  const kinds: Record<string, number> = {};
  let result = '';
  let from = 0;
  for (const span of accepted) {
    result += `${text.slice(from, span.start)}[REDACTED:${span.kind}]`;
    from = span.end;
    kinds[span.kind] = (kinds[span.kind] ?? 0) + 1;
  }
  return { text: result + text.slice(from), report: { count: accepted.length, kinds } };
}

export function mergeReports(reports: readonly RedactionReport[]): RedactionReport {
  const kinds: Record<string, number> = {};
  for (const report of reports) for (const [kind, count] of Object.entries(report.kinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
  return { count: reports.reduce((sum, report) => sum + report.count, 0), kinds };
}

export function redactMessages(messages: readonly ChatMessage[]): { messages: ChatMessage[]; report: RedactionReport } {
  const results = messages.map((message) => ({ message, ...redactSecrets(message.content) }));
  return {
    messages: results.map(({ message, text }) => ({ ...message, content: text })),
    report: mergeReports(results.map(({ report }) => report)),
  };
}

/**
 * A provider that redacts secrets from every prompt and every text to embed before it leaves for a non-local provider.
 * Local providers get the prompt as it is: it never leaves the machine.
 */
export function redactingProvider(provider: ChatProvider, onRedacted: (report: RedactionReport) => void): ChatProvider {
  if (provider.local) return provider;
  return {
    id: provider.id,
    local: provider.local,
    chat: (request) => {
      const { messages, report } = redactMessages(request.messages);
      onRedacted(report);
      return provider.chat({ ...request, messages });
    },
    health: (signal) => provider.health(signal),
    listModels: (signal) => provider.listModels(signal),
    ...(provider.embed ? { embed: redactedEmbed(provider.embed.bind(provider), onRedacted) } : {}),
  };
}

function redactedEmbed(embed: NonNullable<ChatProvider['embed']>, onRedacted: (report: RedactionReport) => void): NonNullable<ChatProvider['embed']> {
  return (model, input, signal) => {
    const results = input.map((text) => redactSecrets(text));
    onRedacted(mergeReports(results.map(({ report }) => report)));
    return embed(model, results.map(({ text }) => text), signal);
  };
}
