import type { z } from 'zod';

/** A custom LSP notification: its method name and the schema both sides validate its params with. */
export interface NotificationDefinition<P extends z.ZodType> {
  readonly method: string;
  readonly params: P;
}

/** A custom LSP request: method, params schema and result schema. */
export interface RequestDefinition<P extends z.ZodType, R extends z.ZodType> {
  readonly method: string;
  readonly params: P;
  readonly result: R;
}

export function notification<P extends z.ZodType>(method: string, params: P): NotificationDefinition<P> {
  return { method, params };
}

export function request<P extends z.ZodType, R extends z.ZodType>(method: string, params: P, result: R): RequestDefinition<P, R> {
  return { method, params, result };
}
