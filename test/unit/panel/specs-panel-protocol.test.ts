import { describe, expect, it } from 'vitest';
import { PIPELINE_PHASES } from '../../../src/core/store/pipeline-events';
import { SPEC_PHASES, SpecsPanelProtocol } from '../../../src/protocol/webview/specs-panel';

describe('the Specs panel protocol', () => {
  it('knows exactly the pipeline phases (the webview cannot import the core to share the list)', () => {
    expect([...SPEC_PHASES]).toEqual([...PIPELINE_PHASES]);
  });

  it('refuses blank change requests and rejections before any handler runs', () => {
    const ref = { folder: 'file:///shop', slug: 'rate-limit-search' };
    expect(SpecsPanelProtocol.requests.requestChanges.params.safeParse({ ...ref, comments: '  ' }).success).toBe(false);
    expect(SpecsPanelProtocol.requests.reject.params.safeParse({ ...ref, reason: '' }).success).toBe(false);
    expect(SpecsPanelProtocol.requests.approve.params.safeParse({ ...ref, slug: '../etc' }).success).toBe(false);
    expect(SpecsPanelProtocol.requests.requestChanges.params.parse({ ...ref, comments: ' R2: per IP too ' })).toEqual({ ...ref, comments: 'R2: per IP too' });
  });
});
