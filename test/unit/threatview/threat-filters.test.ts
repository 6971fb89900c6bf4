import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseThreatsFile } from '../../../src/core/threats/threats-file';
import { DEFAULT_SORT, isBlocking, NO_FILTER, targetSummaries, visibleThreats } from '../../../webview-ui/threat-view/threat-filters';

const FIXTURE = new URL('../../fixtures/workspace-threats/.omni/specs/checkout-orders/threats.json', import.meta.url);
const model = parseThreatsFile(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE.pathname);
const ids = (threats: readonly { id: string }[]): string[] => threats.map((threat) => threat.id);

describe('the threat table', () => {
  it('shows the riskiest threats first by default, ties in the model\'s order', () => {
    expect(ids(visibleThreats(model.threats, NO_FILTER, DEFAULT_SORT))).toEqual(['T2', 'T1', 'T7', 'T5', 'T3', 'T6', 'T8', 'T4']);
  });

  it('filters by framework, category, risk, status and target together', () => {
    expect(ids(visibleThreats(model.threats, { ...NO_FILTER, framework: 'LINDDUN' }, DEFAULT_SORT))).toEqual(['T3', 'T8']);
    expect(ids(visibleThreats(model.threats, { ...NO_FILTER, category: 'tampering' }, DEFAULT_SORT))).toEqual(['T2', 'T6']);
    expect(ids(visibleThreats(model.threats, { ...NO_FILTER, category: 'tampering', status: 'open' }, DEFAULT_SORT))).toEqual(['T2']);
    expect(ids(visibleThreats(model.threats, { ...NO_FILTER, risk: 'medium' }, DEFAULT_SORT))).toEqual(['T5', 'T3', 'T6']);
    expect(ids(visibleThreats(model.threats, { ...NO_FILTER, target: 'api' }, DEFAULT_SORT))).toEqual(['T2']);
  });

  it('sorts ids numerically and risk by level, in either direction', () => {
    const many = [...model.threats, { ...model.threats[0]!, id: 'T10' }];
    expect(ids(visibleThreats(many, NO_FILTER, { key: 'id', descending: false })).slice(-2)).toEqual(['T8', 'T10']);
    expect(ids(visibleThreats(model.threats, NO_FILTER, { key: 'risk', descending: false }))).toEqual(['T4', 'T8', 'T3', 'T5', 'T6', 'T1', 'T7', 'T2']);
  });

  it('marks open high and critical threats as blocking, and counts open threats per target with the highest risk', () => {
    expect(ids(model.threats.filter(isBlocking))).toEqual(['T1', 'T2', 'T7']);
    const summaries = targetSummaries(model.threats);
    expect(summaries.get('api')).toEqual({ open: 1, highest: 'critical' });
    expect(summaries.get('F4')).toBeUndefined();
    expect(summaries.get('audit')).toBeUndefined();
    expect(summaries.get('db')).toEqual({ open: 1, highest: 'medium' });
  });
});
