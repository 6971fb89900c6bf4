import type { ChatMessage } from '../llm/provider';
import type { PromptRef, PromptTemplate } from './prompt-file';

export class PromptRenderError extends Error {
  override readonly name = 'PromptRenderError';
}

export interface RenderedPrompt {
  readonly prompt: PromptRef;
  readonly messages: ChatMessage[];
}

/**
 * Fills the placeholders in one pass: a value that itself contains `{{x}}` (user text, code) is
 * inserted as it is, never expanded again.
 */
export function renderPrompt(template: PromptTemplate, values: Readonly<Record<string, string>>): RenderedPrompt {
  const missing = Object.keys(template.inputs).filter((name) => values[name] === undefined);
  const unknown = Object.keys(values).filter((name) => !(name in template.inputs));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `not inputs of this prompt: ${unknown.join(', ')}` : ''];
    throw new PromptRenderError(`${template.id} v${template.version}: ${parts.filter(Boolean).join('; ')}`);
  }
  const fill = (text: string): string => text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => values[name] ?? '');
  const messages: ChatMessage[] = [];
  if (template.system !== undefined) messages.push({ role: 'system', content: fill(template.system) });
  messages.push({ role: 'user', content: fill(template.user) });
  return { prompt: { id: template.id, version: template.version }, messages };
}
