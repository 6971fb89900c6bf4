import * as vscode from 'vscode';
import type { ProviderConfig } from '../../core/llm/config';
import { LlmError, type ChatMessage, type ChatProvider, type ChatRequest, type ChatResponse, type Health, type ModelInfo } from '../../core/llm/provider';
import { CallDeadline, type Timeouts } from '../../core/llm/timeouts';

type VsCodeLmConfig = Extract<ProviderConfig, { type: 'vscode-lm' }>;

/**
 * VS Code's language models (Copilot and others an extension contributes) as a provider. It is only
 * built when the user puts a `vscode-lm` provider in the chain; VS Code asks the user's consent on
 * the first request. These models take no JSON schema: structured output relies on the schema
 * stated in the prompt and on validation.
 */
export class VsCodeLmProvider implements ChatProvider {
  // Prompts go to the model vendor's service.
  readonly local = false;

  constructor(
    readonly id: string,
    private readonly config: VsCodeLmConfig,
    private readonly timeouts: Timeouts,
  ) {}

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const deadline = new CallDeadline(this.id, this.timeouts, request.signal);
    const cancellation = new vscode.CancellationTokenSource();
    const onAbort = () => cancellation.cancel();
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    let streaming = false;
    try {
      const model = await this.model(request.model);
      const messages = request.messages.map(toVsCodeMessage);
      const response = await model.sendRequest(messages, { justification: 'Omni Elite agents ask a model to write and review specifications.' }, cancellation.token);
      streaming = true;
      let text = '';
      for await (const delta of response.text) {
        deadline.firstToken();
        text += delta;
        request.onText?.(delta);
      }
      if (deadline.reason) throw deadline.reason;
      const [inputTokens, outputTokens] = await Promise.all([
        Promise.all(messages.map((message) => model.countTokens(message))).then((counts) => counts.reduce((sum, count) => sum + count, 0)),
        model.countTokens(text),
      ]);
      return { text, usage: { inputTokens, outputTokens }, provider: this.id, model: model.id, firstTokenMs: deadline.firstTokenMs, totalMs: Date.now() - deadline.startedAt };
    } catch (error) {
      throw deadline.reason ?? this.failure(error, streaming);
    } finally {
      deadline.signal.removeEventListener('abort', onAbort);
      deadline.dispose();
      cancellation.dispose();
    }
  }

  async health(): Promise<Health> {
    const models = await vscode.lm.selectChatModels(this.selector());
    return models.length > 0 ? { ok: true } : { ok: false, reason: `no VS Code language model matches ${this.describe()} (is the extension that provides it installed and signed in?)` };
  }

  async listModels(): Promise<ModelInfo[]> {
    const models = await vscode.lm.selectChatModels(this.selector());
    return models.map((model) => ({ name: model.id, contextLength: model.maxInputTokens }));
  }

  /** `model` picks by id or family among the configured vendor's models; empty takes the first. */
  private async model(name: string): Promise<vscode.LanguageModelChat> {
    const models = await vscode.lm.selectChatModels(this.selector());
    const model = name ? models.find((candidate) => candidate.id === name || candidate.family === name) : models[0];
    if (!model) throw new LlmError('unreachable', `${this.id}: no VS Code language model${name ? ` "${name}"` : ''} matches ${this.describe()}`, this.id);
    return model;
  }

  private selector(): vscode.LanguageModelChatSelector {
    return { ...(this.config.vendor ? { vendor: this.config.vendor } : {}), ...(this.config.family ? { family: this.config.family } : {}) };
  }

  private describe(): string {
    return [this.config.vendor && `vendor "${this.config.vendor}"`, this.config.family && `family "${this.config.family}"`].filter(Boolean).join(', ') || 'any vendor';
  }

  private failure(error: unknown, streaming: boolean): LlmError {
    if (error instanceof LlmError) return error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof vscode.LanguageModelError) {
      // NoPermissions: the user declined; Blocked: over quota or rate-limited; NotFound: the model went away.
      if (error.code === vscode.LanguageModelError.NoPermissions.name) return new LlmError('http', `${this.id}: permission to use the model was not given (${message})`, this.id, 403, { cause: error });
      if (error.code === vscode.LanguageModelError.Blocked.name) return new LlmError('http', `${this.id}: the model is blocked for now, usually a quota (${message})`, this.id, 429, { cause: error });
      return new LlmError('unreachable', `${this.id}: ${message}`, this.id, undefined, { cause: error });
    }
    return new LlmError(streaming ? 'truncated' : 'unreachable', `${this.id}: ${message}`, this.id, undefined, { cause: error });
  }
}

/** VS Code's chat API has no system role: system text goes first as the user's own words. */
function toVsCodeMessage(message: ChatMessage): vscode.LanguageModelChatMessage {
  return message.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(message.content) : vscode.LanguageModelChatMessage.User(message.content);
}
