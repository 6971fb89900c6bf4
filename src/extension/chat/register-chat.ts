import * as vscode from 'vscode';
import type * as Specs from '../specs/specs-bundle';
import type { ChatHost } from './chat-host';
import { PARTICIPANT_ID } from './chat-commands';
import { followupsFor } from './followups';
import { checkInvocationMessage, specStatusInvocationMessage } from './tool-messages';

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
    prepareInvocation: ({ input }) => ({ invocationMessage: checkInvocationMessage(input) }),
    invoke: ({ input }, token) => lazy().invokeCheckTool(host, input, token),
  };
  const status: vscode.LanguageModelTool<unknown> = {
    prepareInvocation: ({ input }) => ({ invocationMessage: specStatusInvocationMessage(input) }),
    invoke: ({ input }) => lazy().invokeSpecStatusTool(input),
  };
  return [participant, vscode.lm.registerTool('omni_check', check), vscode.lm.registerTool('omni_spec_status', status)];
}
