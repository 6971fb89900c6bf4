import { describe, expect, it } from 'vitest';
import { HostToWebview, ResponseMessage, WebviewToHost } from '../../../src/protocol/webview/envelope';

describe('webview envelopes', () => {
  it('reads the ready handshake and a request from the webview', () => {
    expect(WebviewToHost.parse({ kind: 'ready', panel: 'specs-panel' })).toEqual({ kind: 'ready', panel: 'specs-panel' });
    expect(WebviewToHost.parse({ kind: 'request', id: 3, method: 'approve', params: { slug: 'a' } })).toMatchObject({ id: 3, method: 'approve' });
  });

  it('refuses requests without a usable id, and messages with extra fields', () => {
    expect(WebviewToHost.safeParse({ kind: 'request', id: -1, method: 'approve', params: {} }).success).toBe(false);
    expect(WebviewToHost.safeParse({ kind: 'request', id: 1.5, method: 'approve', params: {} }).success).toBe(false);
    expect(WebviewToHost.safeParse({ kind: 'request', id: 1, method: '', params: {} }).success).toBe(false);
    expect(WebviewToHost.safeParse({ kind: 'ready', panel: 'x', command: 'run' }).success).toBe(false);
    expect(WebviewToHost.safeParse({ kind: 'event', name: 'x', payload: 1 }).success).toBe(false);
  });

  it('tells a success from a typed error reply, and keeps a refusal’s reasons', () => {
    const refused = ResponseMessage.parse({ kind: 'response', id: 1, ok: false, error: { code: 'refused', message: 'no', reasons: ['T3 is high and unmitigated'] } });
    expect(refused.ok === false && refused.error.reasons).toEqual(['T3 is high and unmitigated']);
    expect(ResponseMessage.safeParse({ kind: 'response', id: 1, ok: false, error: { code: 'teapot', message: 'no' } }).success).toBe(false);
    expect(ResponseMessage.safeParse({ kind: 'response', id: 1, ok: true, error: { code: 'failed', message: 'x' } }).success).toBe(false);
  });

  it('lets the host send responses and events only', () => {
    expect(HostToWebview.parse({ kind: 'event', name: 'specs', payload: [] })).toEqual({ kind: 'event', name: 'specs', payload: [] });
    expect(HostToWebview.safeParse({ kind: 'ready', panel: 'specs-panel' }).success).toBe(false);
  });
});
