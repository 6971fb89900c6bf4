import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePanelProtocol, type RequestHandlers } from '../../../src/protocol/webview/define';
import { answerRequest, RefusedError, type CancellationFlag } from '../../../src/extension/webviews/request-dispatch';

const protocol = definePanelProtocol('specs-panel', {
  requests: {
    approve: { params: z.object({ slug: z.string().min(1) }), result: z.object({ approved: z.boolean() }) },
  },
  events: {},
});

function logged() {
  const lines: string[] = [];
  return { lines, log: { warn: (line: string) => lines.push(`warn ${line}`), error: (line: string) => lines.push(`error ${line}`) } };
}

const request = (params: unknown, method = 'approve') => ({ kind: 'request' as const, id: 7, method, params });
const live: CancellationFlag = { isCancellationRequested: false };

async function answer(handler: RequestHandlers<typeof protocol, CancellationFlag>['approve'], params: unknown = { slug: 'login' }, token = live) {
  const { lines, log } = logged();
  return { response: await answerRequest(protocol, { approve: handler }, request(params), token, log), lines };
}

describe('answerRequest', () => {
  it('hands validated params to the handler and replies with its result under the request id', async () => {
    const seen: unknown[] = [];
    const { response } = await answer((params) => {
      seen.push(params);
      return { approved: true };
    });
    expect(seen).toEqual([{ slug: 'login' }]);
    expect(response).toEqual({ kind: 'response', id: 7, ok: true, result: { approved: true } });
  });

  it('answers invalid params with invalid-message without running the handler', async () => {
    let ran = false;
    const { response, lines } = await answer(() => {
      ran = true;
      return { approved: true };
    }, { slug: '' });
    expect(ran).toBe(false);
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid-message' } });
    expect(lines[0]).toMatch(/^warn specs-panel: request "approve" #7: invalid params/);
  });

  it('answers an unknown method with not-found, even one named like an Object member', async () => {
    const { log } = logged();
    for (const method of ['delete', 'toString', '__proto__']) {
      const response = await answerRequest(protocol, { approve: () => ({ approved: true }) }, request({}, method), live, log);
      expect(response).toMatchObject({ ok: false, error: { code: 'not-found' } });
    }
  });

  it('turns a RefusedError into a refused reply with its reasons', async () => {
    const { response } = await answer(() => {
      throw new RefusedError('The gates say no.', ['T2 (high) has no mitigation', 'the review is older than the spec']);
    });
    expect(response).toEqual({
      kind: 'response',
      id: 7,
      ok: false,
      error: { code: 'refused', message: 'The gates say no.', reasons: ['T2 (high) has no mitigation', 'the review is older than the spec'] },
    });
  });

  it('turns any other failure into failed with its message, and logs the stack', async () => {
    const { response, lines } = await answer(async () => {
      throw new Error('spec.md is not valid YAML at line 3');
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'failed', message: 'spec.md is not valid YAML at line 3' } });
    expect(lines[0]).toMatch(/^error specs-panel: request "approve" #7 failed: Error: spec.md is not valid YAML at line 3\n\s+at /);
  });

  it('reports a failure after cancellation as cancelled', async () => {
    const token = { isCancellationRequested: false };
    const { response } = await answer(async () => {
      token.isCancellationRequested = true;
      throw new Error('aborted');
    }, { slug: 'login' }, token);
    expect(response).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('never sends a result the protocol does not allow', async () => {
    // The handler breaks its own contract, as a bug would; the cast stands in for that bug.
    const { response, lines } = await answer(() => ({ approved: 'yes' }) as unknown as { approved: boolean });
    expect(response).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(lines[0]).toMatch(/^error .*does not match the protocol/);
  });
});
