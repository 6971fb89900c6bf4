import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SpecBusyError } from '../../../core/agents/spec-workspace';
import { changeThreats } from '../../../core/agents/threat-verdict';
import { editThreat, ThreatEditError } from '../../../core/threats/threat-edit';
import { InvalidThreatsFileError, parseThreatsFile, type ThreatsFile } from '../../../core/threats/threats-file';
import { nodeSpecFolder } from '../../../node/specs/node-spec-workspace';
import type { ThreatEditParams, ThreatViewSnapshot, ThreatViewSpec } from '../../../protocol/webview/threat-view';
import { RefusedError } from '../request-dispatch';

// Plain paths and no `vscode`: the browser tests run these on real files behind the real page.

type Read = { state: 'loaded'; threats: ThreatsFile } | { state: 'invalid'; problems: string[] } | { state: 'missing' };

async function readThreats(spec: ThreatViewSpec): Promise<Read> {
  const path = spec.threatsPath;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: 'invalid', problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  try {
    return { state: 'loaded', threats: parseThreatsFile(value, path) };
  } catch (error) {
    if (error instanceof InvalidThreatsFileError) return { state: 'invalid', problems: [...error.problems] };
    throw error;
  }
}

/** threats.json as it is on disk now. */
export async function threatsSnapshot(spec: ThreatViewSpec): Promise<ThreatViewSnapshot> {
  return { spec, ...(await readThreats(spec)) };
}

/** The threat model on disk now, for an action that needs one; refused with the file's problems otherwise. */
export async function loadedThreats(spec: ThreatViewSpec): Promise<ThreatsFile> {
  const read = await readThreats(spec);
  if (read.state === 'missing') throw new RefusedError(`${spec.threatsPath} does not exist`, ['the Threat Modeler has not run on this spec yet']);
  if (read.state === 'invalid') throw new RefusedError(`${spec.threatsPath} is not a valid threat model and is left as it is`, read.problems);
  return read.threats;
}

/**
 * Applies one edit to threats.json as it is on disk now (not as the view last saw it, so an edit
 * made meanwhile in an editor is kept), under the spec's lock, writes it back atomically and logs
 * the verdict with who gave it. A file that does not validate is never overwritten; an edit the
 * rules refuse, or one made while a pipeline run works on the spec, comes back with the reasons.
 */
export async function saveThreatEdit(spec: ThreatViewSpec, params: ThreatEditParams, by: string): Promise<ThreatViewSnapshot> {
  const folder = nodeSpecFolder(dirname(spec.threatsPath));
  try {
    const { after } = await changeThreats({
      folder,
      by,
      at: new Date(),
      read: () => loadedThreats(spec),
      change: (current) => {
        try {
          return editThreat(current, params);
        } catch (error) {
          if (error instanceof ThreatEditError) throw new RefusedError(`${params.id} was not saved`, [...error.reasons]);
          throw error;
        }
      },
    });
    return { spec, state: 'loaded', threats: after };
  } catch (error) {
    if (error instanceof SpecBusyError) throw new RefusedError(`${params.id} was not saved`, [error.message]);
    throw error;
  }
}
