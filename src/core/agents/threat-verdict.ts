import type { ThreatsFile } from '../threats/threats-file';
import { type SpecFolder, withLock } from './spec-workspace';

export interface ThreatsChange {
  readonly folder: SpecFolder;
  /** Who made the change: the verdict is theirs to answer for, so it goes into the spec's log. */
  readonly by: string;
  readonly at: Date;
  /** threats.json as it is now; throws (naming the file) when it is missing or does not validate, so it is never overwritten. */
  readonly read: () => Promise<ThreatsFile>;
  /** The edit; throws to refuse it. */
  readonly change: (file: ThreatsFile) => ThreatsFile;
}

/**
 * A person's edit of threats.json (the CLI's `threats set`, the threat view): made under the spec's
 * lock, so a pipeline run rewriting the file cannot lose it, and each status it changes is recorded
 * in events.jsonl with who and why, since accepting a risk is a decision someone owns.
 */
export async function changeThreats(input: ThreatsChange): Promise<{ before: ThreatsFile; after: ThreatsFile }> {
  const { folder } = input;
  return withLock(folder, async () => {
    const before = await input.read();
    const after = input.change(before);
    await folder.writeJson('threats.json', after);
    const was = new Map(before.threats.map((threat) => [threat.id, threat.status]));
    for (const threat of after.threats) {
      const from = was.get(threat.id);
      if (from === undefined || from === threat.status) continue;
      await folder.events.append({
        type: 'threat-verdict',
        at: input.at.toISOString(),
        by: input.by,
        threat: threat.id,
        from,
        to: threat.status,
        ...(threat.reason ? { reason: threat.reason } : {}),
      });
    }
    return { before, after };
  });
}
