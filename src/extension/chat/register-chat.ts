import * as vscode from 'vscode';
import { LM_TOOLS } from '../../protocol/lm-tools';
import type * as Specs from '../specs/specs-bundle';
import type { ChatHost } from './chat-host';
import { PARTICIPANT_ID } from './chat-commands';
import { followupsFor } from './followups';

/**
 * The `@omni` chat participant and the language model tools. Only this file loads with the
 * extension; the handlers come from the spec pipeline's bundle on the first request.
 */
export function registerChat(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, lazy: () => typeof Specs): vscode.Disposable[] {
  const host: ChatHost = { output, secrets: context.secrets, subscriptions: context.subscriptions };
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, _context, stream, token) =>
    lazy().handleChatRequest(host, request, stream, token, vscode.workspace.isTrusted),
  );
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
  participant.followupProvider = { provideFollowups: (result) => followupsFor(result.metadata) };

  const check: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: ({ input }) => {
      const parsed = LM_TOOLS.omni_check.safeParse(input);
      const files = parsed.success ? [...(parsed.data.path ? [parsed.data.path] : []), ...(parsed.data.paths ?? [])] : [];
      return { invocationMessage: files.length === 1 ? `Checking ${files[0]} with Omni's rules` : `Checking ${files.length || 'the'} files with Omni's rules` };
    },
    invoke: ({ input }, token) => lazy().invokeCheckTool(host, input, token),
  };
  const status: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: ({ input }) => {
      const parsed = LM_TOOLS.omni_spec_status.safeParse(input);
      return { invocationMessage: parsed.success && parsed.data.slug ? `Reading the status of spec ${parsed.data.slug}` : 'Reading the status of every spec' };
    },
    invoke: ({ input }) => lazy().invokeSpecStatusTool(input),
  };
  return [participant, vscode.lm.registerTool('omni_check', check), vscode.lm.registerTool('omni_spec_status', status)];
}
