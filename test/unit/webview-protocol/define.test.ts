import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { definePanelProtocol, type EventPayload, type HandlerParams, type RequestParams, type RequestResult } from '../../../src/protocol/webview/define';

const protocol = definePanelProtocol('specs-panel', {
  requests: {
    approve: { params: z.object({ slug: z.string(), force: z.boolean().default(false) }), result: z.object({ approved: z.boolean() }) },
  },
  events: { specs: z.array(z.object({ slug: z.string() })) },
});

describe('definePanelProtocol', () => {
  it('keeps the schemas and names the panel', () => {
    expect(protocol.panel).toBe('specs-panel');
    expect(protocol.requests.approve.params.parse({ slug: 'a' })).toEqual({ slug: 'a', force: false });
    expect(protocol.state).toBeUndefined();
  });

  it('derives the types both sides use from the schemas', () => {
    expectTypeOf<RequestParams<typeof protocol, 'approve'>>().toEqualTypeOf<{ slug: string; force?: boolean | undefined }>();
    expectTypeOf<HandlerParams<typeof protocol, 'approve'>>().toEqualTypeOf<{ slug: string; force: boolean }>();
    expectTypeOf<RequestResult<typeof protocol, 'approve'>>().toEqualTypeOf<{ approved: boolean }>();
    expectTypeOf<EventPayload<typeof protocol, 'specs'>>().toEqualTypeOf<{ slug: string }[]>();
  });

  it('rejects a panel name that cannot name a webview-ui folder', () => {
    expect(() => definePanelProtocol('Specs Panel', { requests: {}, events: {} })).toThrow(/Panel name "Specs Panel"/);
  });
});
