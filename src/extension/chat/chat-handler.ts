import type * as vscode from 'vscode';
import type { ChatHost } from './chat-host';
import { isChatCommand, type ChatOutcome } from './chat-commands';
import { checkCommand } from './chat-check';
import { approveCommand, reviewCommand, specCommand, statusCommand, threatsCommand } from './chat-spec-commands';
import { escapeMarkdown } from './markdown';

const HELP = [
  'I am the Omni Elite team. Ask me:',
  '',
  '- `/spec <task>`: the Architect drafts a spec, the completeness check, design review and threat model follow',
  '- `/review [spec]`: review a spec again after you edited it',
  '- `/threats [spec]`: its threat model by risk, with what blocks approval',
  '- `/approve [spec]`: approve it, when the gates allow',
  '- `/check`: the rules engine on the current file or selection',
  '- `/status`: every spec with its phase, score, threats and approval',
  '',
  'Without a spec name I use the spec open in the editor, else the only one; with several, `/threats` shows the one changed last, while `/review` and `/approve` ask you to name one.',
].join('\n');

/** Commands that send the workspace to a model: off in Restricted Mode. */
const USES_MODELS = new Set(['spec', 'review']);

/**
 * The `@omni` participant's request handler. Every failure ends as a markdown message in the
 * response (and the output channel), never as an unhandled rejection.
 */
export async function handleChatRequest(host: ChatHost, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, trusted: boolean): Promise<vscode.ChatResult> {
  const command = request.command;
  try {
    return { metadata: await dispatch(host, request, stream, token, trusted) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    host.output.error(`@omni /${command ?? ''}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    stream.markdown(`**Omni could not finish \`/${command ?? ''}\`:** ${escapeMarkdown(message)}`);
    return { metadata: { command: isChatCommand(command) ? command : 'help', stopped: true } satisfies ChatOutcome };
  }
}

async function dispatch(host: ChatHost, request: vscode.ChatRequest, stream: vscode.ChatResponseStream, token: vscode.CancellationToken, trusted: boolean): Promise<ChatOutcome> {
  const command = request.command;
  if (!isChatCommand(command)) {
    stream.markdown(HELP);
    return { command: 'help' };
  }
  if (USES_MODELS.has(command) && !trusted) {
    stream.markdown(`\`/${command}\` is off in Restricted Mode: it sends this workspace's files to a model, and an untrusted repository's config chooses where they go. Trust the workspace to use it.`);
    stream.button({ command: 'workbench.trust.manage', title: 'Manage Workspace Trust' });
    return { command, stopped: true };
  }
  switch (command) {
    case 'spec':
      return specCommand(host, request.prompt, stream, token);
    case 'review':
      return reviewCommand(host, request.prompt, stream, token);
    case 'approve':
      return approveCommand(host, request.prompt, stream);
    case 'threats':
      return threatsCommand(request.prompt, stream);
    case 'check':
      return checkCommand(request, stream, host.subscriptions);
    case 'status':
      return statusCommand(stream);
  }
}
