import { bundledPrompts } from '../../core/prompts/bundled';

/** `omni prompts`: every prompt version shipped, so a result's prompt id and version can be looked up. */
export function listPrompts(out: NodeJS.WritableStream): number {
  const templates = bundledPrompts()
    .all()
    .sort((a, b) => a.id.localeCompare(b.id) || b.version - a.version);
  const width = Math.max(...templates.map((template) => `${template.id} v${template.version}`.length));
  for (const template of templates) {
    out.write(`${`${template.id} v${template.version}`.padEnd(width)}  -> ${template.output}  ${template.changelog}\n`);
  }
  return 0;
}
