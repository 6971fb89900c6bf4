import { setThreatStatus, ThreatsFile, ThreatStatusError, type ThreatStatus } from './threats-file';

/** A person's edit of one threat, as the threat view sends it: the verdict, and optionally the mitigations. */
export interface ThreatEdit {
  readonly id: string;
  readonly status: ThreatStatus;
  readonly reason?: string | undefined;
  /** The whole new list; blank entries are dropped. Left out, the mitigations stay as they are. */
  readonly mitigations?: readonly string[] | undefined;
}

/** An edit the threat model cannot take, with every reason it says no, in words for the person who made it. */
export class ThreatEditError extends Error {
  override readonly name = 'ThreatEditError';
  constructor(
    readonly kind: 'unknown-threat' | 'reason-required' | 'invalid-result',
    readonly threatId: string,
    readonly reasons: readonly string[],
  ) {
    super(reasons.join('; '));
  }
}

/**
 * Applies `edit` to `file` and checks the result with the same schema that reads threats.json, so
 * what is written back is a file the next reader accepts. Status and reason follow `setThreatStatus`.
 */
export function editThreat(file: ThreatsFile, edit: ThreatEdit): ThreatsFile {
  let judged: ThreatsFile;
  try {
    judged = setThreatStatus(file, edit.id, edit.status, edit.reason);
  } catch (error) {
    if (error instanceof ThreatStatusError) throw new ThreatEditError(error.kind, error.threatId, [error.message]);
    throw error;
  }
  const edited = edit.mitigations === undefined ? judged : withMitigations(judged, edit.id, edit.mitigations);
  const checked = ThreatsFile.safeParse(edited);
  if (checked.success) return checked.data;
  throw new ThreatEditError(
    'invalid-result',
    edit.id,
    checked.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

function withMitigations(file: ThreatsFile, id: string, mitigations: readonly string[]): ThreatsFile {
  const kept = mitigations.map((mitigation) => mitigation.trim()).filter((mitigation) => mitigation !== '');
  return { ...file, threats: file.threats.map((threat) => (threat.id === id ? { ...threat, mitigations: kept } : threat)) };
}

