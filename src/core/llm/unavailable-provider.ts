import { LlmError, type ChatProvider, type ChatRequest, type ChatResponse, type Health, type ModelInfo } from './provider';

/**
 * A configured provider this host cannot run (VS Code's models from the CLI). It stays in the
 * chain so listings and the "nothing answered" message still name it, and is always skipped.
 */
export class UnavailableProvider implements ChatProvider {
  readonly local = true;

  constructor(
    readonly id: string,
    private readonly reason: string,
  ) {}

  chat(_request: ChatRequest): Promise<ChatResponse> {
    return Promise.reject(new LlmError('unreachable', `${this.id}: ${this.reason}`, this.id));
  }

  health(): Promise<Health> {
    return Promise.resolve({ ok: false, reason: this.reason });
  }

  listModels(): Promise<ModelInfo[]> {
    return Promise.resolve([]);
  }
}
