import { z } from 'zod';
import { checkDataFlow, ModelBoundary, ModelElement, ModelFlow, RISK_LEVELS, type RiskLevel, Threat, type ThreatModel } from '../schemas/threat-model';
import { dreadScore, riskFromScore } from './dread';
import { InvalidFileError, parseFile } from '../schemas/invalid-file';

export const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'not-applicable'] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];
/** Statuses that close a threat on a person's word alone, so the word must be written down. */
const NEEDS_REASON: ReadonlySet<ThreatStatus> = new Set(['accepted', 'not-applicable']);

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256: 64 lower-case hex digits');

/** A threat as threats.json keeps it: the model's threat, its computed DREAD score and risk, and the person's verdict. */
export const StoredThreat = Threat.extend({
  dreadScore: z.number().min(0).max(10),
  risk: z.enum(RISK_LEVELS),
  status: z.enum(THREAT_STATUSES),
  reason: z.string().trim().min(1).optional(),
}).superRefine((threat, context) => {
  if (NEEDS_REASON.has(threat.status) && threat.reason === undefined) {
    context.addIssue({ code: 'custom', path: ['reason'], message: `threat "${threat.id}" is ${threat.status}: say why in "reason"` });
  }
  // Score and risk are derived; a hand edit that lowers them without changing DREAD would unblock approval.
  const score = dreadScore(threat.dread);
  if (threat.dreadScore !== score) context.addIssue({ code: 'custom', path: ['dreadScore'], message: `threat "${threat.id}": dreadScore is ${threat.dreadScore} but its DREAD factors average ${score}` });
  const risk = riskFromScore(score);
  if (threat.risk !== risk) context.addIssue({ code: 'custom', path: ['risk'], message: `threat "${threat.id}": risk is ${threat.risk} but a DREAD score of ${score} is ${risk}` });
});
export type StoredThreat = z.infer<typeof StoredThreat>;

/** `threats.json`: the data-flow model, its threats, and the hash of the spec it was derived from. */
export const ThreatsFile = z
  .object({
    version: z.literal(1),
    spec_sha256: sha256,
    generated_at: z.iso.datetime({ offset: true }),
    elements: z.array(ModelElement).min(1),
    flows: z.array(ModelFlow),
    boundaries: z.array(ModelBoundary),
    assumptions: z.array(z.string().trim().min(1)),
    threats: z.array(StoredThreat),
  })
  .superRefine(checkDataFlow);
export type ThreatsFile = z.infer<typeof ThreatsFile>;

/** threats.json failed validation: names the file and each bad field. */
export class InvalidThreatsFileError extends InvalidFileError {
  override readonly name = 'InvalidThreatsFileError';
  constructor(path: string, problems: readonly string[]) {
    super(path, 'threat model', problems);
  }
}

export function parseThreatsFile(value: unknown, path: string): ThreatsFile {
  return parseFile(ThreatsFile, value, (problems) => new InvalidThreatsFileError(path, problems));
}

/** Builds threats.json from the model's answer; a threat the person already judged keeps its status and reason. */
export function threatsFromModel(model: ThreatModel, input: { specSha256: string; at: Date; previous?: ThreatsFile }): ThreatsFile {
  const verdicts = new Map((input.previous?.threats ?? []).filter((threat) => threat.status !== 'open').map((threat) => [threatKey(threat), threat]));
  const threats = model.threats.map((threat): StoredThreat => {
    const score = dreadScore(threat.dread);
    const verdict = verdicts.get(threatKey(threat));
    return {
      ...threat,
      dreadScore: score,
      risk: riskFromScore(score),
      status: verdict?.status ?? 'open',
      ...(verdict?.reason !== undefined ? { reason: verdict.reason } : {}),
    };
  });
  return ThreatsFile.parse({
    version: 1,
    spec_sha256: input.specSha256,
    generated_at: input.at.toISOString(),
    elements: model.elements,
    flows: model.flows,
    boundaries: model.boundaries,
    assumptions: model.assumptions,
    threats,
  });
}

/** Ids change between runs of the model; the same threat keeps its target, category and (loosely) its title. */
function threatKey(threat: { target: string; category: string; title: string }): string {
  return [threat.target, threat.category, threat.title].map(normalise).join('\u0000');
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Open high and critical threats: each one blocks approval until mitigated, accepted or ruled out. */
export function blockingThreats(file: ThreatsFile): StoredThreat[] {
  return file.threats.filter((threat) => threat.status === 'open' && (threat.risk === 'high' || threat.risk === 'critical'));
}

/** Open threats counted by risk level, for status lists. */
export function openThreatsByRisk(file: ThreatsFile): Record<RiskLevel, number> {
  const counts: Record<RiskLevel, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const threat of file.threats) if (threat.status === 'open') counts[threat.risk] += 1;
  return counts;
}

export class ThreatStatusError extends Error {
  override readonly name = 'ThreatStatusError';
  constructor(
    readonly kind: 'unknown-threat' | 'reason-required',
    readonly threatId: string,
    message: string,
  ) {
    super(message);
  }
}

/** Records a person's verdict on one threat. A reason is kept for any status and required where it is the only evidence. */
export function setThreatStatus(file: ThreatsFile, id: string, status: ThreatStatus, reason?: string): ThreatsFile {
  if (!file.threats.some((threat) => threat.id === id)) {
    const known = file.threats.map((threat) => threat.id);
    throw new ThreatStatusError('unknown-threat', id, `no threat "${id}" in the threat model: ${known.length > 0 ? `known ids are ${known.join(', ')}` : 'it has no threats'}`);
  }
  const why = reason?.trim() || undefined;
  if (NEEDS_REASON.has(status) && why === undefined) {
    throw new ThreatStatusError('reason-required', id, `threat "${id}" can only be marked ${status} with a reason: say why the risk is ${status === 'accepted' ? 'acceptable' : 'not applicable'}`);
  }
  return {
    ...file,
    threats: file.threats.map((threat) => {
      if (threat.id !== id) return threat;
      const { reason: _previous, ...rest } = threat;
      return why === undefined ? { ...rest, status } : { ...rest, status, reason: why };
    }),
  };
}
