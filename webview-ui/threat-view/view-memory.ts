import { z } from 'zod';
import { LINDDUN, RISK_LEVELS, STRIDE, THREAT_STATUSES, ThreatViewState } from '../../src/protocol/webview/threat-view';
import { SORT_KEYS } from './threat-filters';

/**
 * What the view keeps across a reload: the host's restore state plus the filters and sort, checked
 * on the way back in (state saved by an older version may not fit any more).
 */
export const ViewMemory = ThreatViewState.extend({
  filter: z.object({
    framework: z.enum(['all', 'STRIDE', 'LINDDUN']),
    category: z.enum(['all', ...STRIDE, ...LINDDUN]),
    risk: z.enum(['all', ...RISK_LEVELS]),
    status: z.enum(['all', ...THREAT_STATUSES]),
    target: z.string().optional(),
  }),
  sort: z.object({ key: z.enum(SORT_KEYS), descending: z.boolean() }),
});
