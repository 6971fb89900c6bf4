import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHAT_COMMANDS, PARTICIPANT_ID } from '../../../src/extension/chat/chat-commands';
import { LM_TOOLS, parseToolInput, ToolInputError } from '../../../src/protocol/lm-tools';

interface DeclaredTool {
  readonly name: string;
  readonly displayName?: string;
  readonly modelDescription?: string;
  readonly inputSchema?: unknown;
}
interface DeclaredParticipant {
  readonly id: string;
  readonly name: string;
  readonly commands?: readonly { readonly name: string; readonly description?: string }[];
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { languageModelTools: DeclaredTool[]; chatParticipants: DeclaredParticipant[] } };

/** package.json is what VS Code shows models; the zod schemas are what the tools accept. They must agree. */
describe('language model tools: package.json and the zod schemas', () => {
  it('declares exactly the tools the code registers', () => {
    expect(manifest.contributes.languageModelTools.map((tool) => tool.name).sort()).toEqual(Object.keys(LM_TOOLS).sort());
  });

  it.each(Object.keys(LM_TOOLS) as (keyof typeof LM_TOOLS)[])('%s declares the JSON schema generated from its zod schema, and says what it does', (name) => {
    const declared = manifest.contributes.languageModelTools.find((tool) => tool.name === name);
    expect(declared?.inputSchema).toEqual(z.toJSONSchema(LM_TOOLS[name], { io: 'input' }));
    expect(declared?.modelDescription ?? '').not.toBe('');
    expect(declared?.displayName ?? '').not.toBe('');
  });

  it('omni_check takes a path or paths, and refuses neither or unknown fields with the field named', () => {
    expect(parseToolInput('omni_check', { path: 'a.py' })).toEqual({ path: 'a.py' });
    expect(parseToolInput('omni_check', { paths: ['a.py', 'b.go'], ruleIds: ['py/bare-except'] }).paths).toEqual(['a.py', 'b.go']);
    expect(() => parseToolInput('omni_check', {})).toThrow(/omni_check: invalid input: .*give "path" or "paths"/);
    expect(() => parseToolInput('omni_check', { path: 'a.py', fix: true })).toThrow(ToolInputError);
    expect(() => parseToolInput('omni_check', { paths: [] })).toThrow(/paths/);
  });

  it('omni_spec_status takes an optional slug', () => {
    expect(parseToolInput('omni_spec_status', {})).toEqual({});
    expect(parseToolInput('omni_spec_status', { slug: 'rate-limit' })).toEqual({ slug: 'rate-limit' });
    expect(() => parseToolInput('omni_spec_status', { slug: 3 })).toThrow(/slug/);
  });
});

describe('chat participant: package.json and the handler', () => {
  it('declares @omni with the slash commands the handler answers, each described', () => {
    const participant = manifest.contributes.chatParticipants.find((entry) => entry.id === PARTICIPANT_ID);
    expect(participant?.name).toBe('omni');
    expect(participant?.commands?.map((command) => command.name)).toEqual([...CHAT_COMMANDS]);
    for (const command of participant?.commands ?? []) expect(command.description ?? '').not.toBe('');
  });
});
