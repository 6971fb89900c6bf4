import { dirname, join, relative, resolve } from 'node:path';
import type { SpecFolder } from '../../core/agents/spec-workspace';
import { changeThreats } from '../../core/agents/threat-verdict';
import { parseSpec } from '../../core/specs/spec-file';
import { toThreatDragon } from '../../core/threats/threat-dragon';
import { blockingThreats, parseThreatsFile, setThreatStatus, THREAT_STATUSES, type ThreatsFile, type ThreatStatus } from '../../core/threats/threats-file';
import { writeFileAtomic } from '../../node/atomic-write';
import { defaultApprover } from '../specs/approver';
import { specSlug } from '../specs/spec-target';
import { openSpecsProject } from '../specs/specs-project';
import { UsageError } from '../usage-error';

interface OpenedThreats {
  folder: SpecFolder;
  file: ThreatsFile;
  /** threats.json, as the user would type it from the current folder. */
  shown: string;
}

async function specFolder(target: string, configPath: string | undefined): Promise<SpecFolder> {
  const { workspace } = await openSpecsProject(configPath);
  return workspace.open(await specSlug(workspace, target, process.cwd()));
}

async function readThreats(folder: SpecFolder): Promise<OpenedThreats> {
  const path = join(dirname(folder.specPath), 'threats.json');
  const shown = relative(process.cwd(), path) || path;
  const value = await folder.readJson('threats.json');
  if (value === undefined) throw new UsageError(`spec "${folder.slug}" has no threat model yet (${shown}): the pipeline writes it once the design review passes`);
  return { folder, file: parseThreatsFile(value, shown), shown };
}

async function openThreats(target: string, configPath: string | undefined): Promise<OpenedThreats> {
  return readThreats(await specFolder(target, configPath));
}

/** `omni threats <spec>`: every threat with its risk, DREAD score, status and mitigations, highest risk first. */
export async function listThreats(target: string, options: { json: boolean; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  const { folder, file, shown } = await openThreats(target, options.config);
  const blocking = blockingThreats(file);
  if (options.json) {
    out.write(`${JSON.stringify({ slug: folder.slug, path: shown, blocking: blocking.map((threat) => threat.id), threats: file.threats }, null, 2)}\n`);
    return 0;
  }
  const lines = [`${shown}: ${count(file.threats.length, 'threat')}, ${blocking.length === 0 ? 'none blocking approval' : `${blocking.length} blocking approval (open, high or critical)`}`];
  const order = ['critical', 'high', 'medium', 'low'];
  const sorted = [...file.threats].sort((a, b) => order.indexOf(a.risk) - order.indexOf(b.risk) || a.id.localeCompare(b.id, 'en', { numeric: true }));
  const cells = sorted.map((threat) => [threat.id, `${threat.risk} ${threat.dreadScore.toFixed(1)}`, threat.status]);
  const widths = [0, 1, 2].map((column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  sorted.forEach((threat, index) => {
    const lead = (cells[index] ?? []).map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
    lines.push(`${lead}  ${threat.framework} ${threat.category} on ${threat.target}: ${threat.title}`);
    if (threat.reason) lines.push(`    reason: ${threat.reason}`);
    lines.push(`    mitigations: ${threat.mitigations.length > 0 ? threat.mitigations.join(' | ') : 'none'}`);
  });
  out.write(`${lines.join('\n')}\n`);
  return 0;
}

/** `omni threats set <spec> <id> <status> [--reason]`: a person's verdict on one threat, kept in threats.json. */
export async function setThreat(target: string, id: string, status: string, options: { reason?: string; by?: string; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  if (!isThreatStatus(status)) throw new UsageError(`"${status}" is not a threat status: use one of ${THREAT_STATUSES.join(', ')}`);
  const project = await openSpecsProject(options.config);
  const folder = project.workspace.open(await specSlug(project.workspace, target, process.cwd()));
  const by = options.by?.trim() || (await defaultApprover(project.root));
  if (!by) throw new UsageError('cannot tell who you are: pass --by <name> or set `git config user.name`');
  const { before, after: updated } = await changeThreats({
    folder,
    by,
    at: new Date(),
    read: async () => (await readThreats(folder)).file,
    change: (file) => {
      try {
        return setThreatStatus(file, id, status, options.reason);
      } catch (error) {
        if (error instanceof Error && error.name === 'ThreatStatusError') throw new UsageError(`${relative(process.cwd(), join(dirname(folder.specPath), 'threats.json'))}: ${error.message}`);
        throw error;
      }
    },
  });
  const left = blockingThreats(updated).length;
  out.write(`${id}: ${before.threats.find((threat) => threat.id === id)?.status} -> ${status}; ${left === 0 ? 'no threat blocks approval' : `${count(left, 'threat')} still ${left === 1 ? 'blocks' : 'block'} approval`}\n`);
  return 0;
}

/** `omni threats export <spec> --format threat-dragon [-o file]`: an OWASP Threat Dragon v2 model. */
export async function exportThreats(target: string, options: { format: 'threat-dragon'; output?: string; config?: string }, out: NodeJS.WritableStream): Promise<number> {
  const { folder, file } = await openThreats(target, options.config);
  const text = await folder.readSpec();
  const title = text === undefined ? folder.slug : specTitle(text, folder.specPath) ?? folder.slug;
  const model = `${JSON.stringify(toThreatDragon(file, { title, description: `Threat model of the spec ${folder.slug}, exported by omni.` }), null, 2)}\n`;
  if (options.output === undefined) out.write(model);
  else await writeFileAtomic(resolve(options.output), model);
  return 0;
}

/** The spec's title, when the file parses; an export does not need the rest of it. */
function specTitle(text: string, path: string): string | undefined {
  try {
    return parseSpec(text, path).frontmatter.title;
  } catch {
    return undefined;
  }
}

function isThreatStatus(value: string): value is ThreatStatus {
  return (THREAT_STATUSES as readonly string[]).includes(value);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
