import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { parseSpec, SpecParseError } from '../../../core/specs/spec-file';
import { toThreatDragon } from '../../../core/threats/threat-dragon';
import { writeFileAtomic } from '../../../node/atomic-write';
import { loadedThreats } from './threats-document';
import { describeSpec, type ThreatSpec } from './threat-spec';

/** Asks where to save, then writes the OWASP Threat Dragon v2 model there; null when the user cancels. */
export async function exportToThreatDragon(spec: ThreatSpec): Promise<string | null> {
  const threats = await loadedThreats(describeSpec(spec));
  const target = await vscode.window.showSaveDialog({
    title: 'Export the threat model to OWASP Threat Dragon',
    defaultUri: vscode.Uri.joinPath(spec.folder, `${spec.slug}.threat-dragon.json`),
    filters: { 'Threat Dragon model': ['json'] },
    saveLabel: 'Export',
  });
  if (!target) return null;
  const model = toThreatDragon(threats, { title: await specTitle(spec) });
  await writeFileAtomic(target.fsPath, `${JSON.stringify(model, null, 2)}\n`);
  return target.fsPath;
}

/** The spec's title names the Threat Dragon model; a spec that does not parse still exports, under its slug. */
async function specTitle(spec: ThreatSpec): Promise<string> {
  try {
    return parseSpec(await readFile(spec.spec.fsPath, 'utf8'), spec.spec.fsPath).title;
  } catch (error) {
    if (error instanceof SpecParseError || (error as NodeJS.ErrnoException).code === 'ENOENT') return spec.slug;
    throw error;
  }
}
