import type { RuleDefinition } from '../rule';

/** Rules the engine itself reports about `omni-ignore` comments; they have no query. */
export const UNUSED_SUPPRESSION: RuleDefinition = {
  id: 'omni/unused-suppression',
  title: 'Unused suppression',
  severity: 'warning',
  category: 'suppression',
  message: 'Unused suppression',
  rationale:
    'A suppression that suppresses nothing hides the next real finding on that line and rots as code moves. ' +
    'Like Ruff\'s RUF100 it is reported, with a safe fix that removes it; unlike RUF100 it also names suppressions of unknown or disabled rules.',
  queries: {},
  tags: ['unnecessary'],
  equivalents: ['ruff:RUF100', 'eslint:--report-unused-disable-directives'],
  examples: [
    { language: 'python', kind: 'bad', code: 'x = 1  # omni-ignore py/bare-except: nothing here\n', fixed: 'x = 1\n' },
    { language: 'python', kind: 'good', code: 'try:\n    x = 1\nexcept:  # omni-ignore py/bare-except: legacy plugin API raises anything\n    recover()\n' },
  ],
};

export const SUPPRESSION_MISSING_REASON: RuleDefinition = {
  id: 'omni/suppression-missing-reason',
  title: 'Suppression without a reason',
  severity: 'warning',
  category: 'suppression',
  message: 'Say why this finding is suppressed: `omni-ignore <rule-id>: <reason>`',
  rationale:
    'A suppression is a decision; the reason is what lets a reviewer agree with it later. The suppression still applies, and this finding asks for the reason.',
  queries: {},
  equivalents: ['eslint-comments:require-description'],
  examples: [
    { language: 'python', kind: 'bad', code: 'try:\n    x = 1\nexcept:  # omni-ignore py/bare-except\n    recover()\n' },
    { language: 'python', kind: 'good', code: 'try:\n    x = 1\nexcept:  # omni-ignore py/bare-except: the plugin API raises anything\n    recover()\n' },
  ],
};

export const metaRules: readonly RuleDefinition[] = [UNUSED_SUPPRESSION, SUPPRESSION_MISSING_REASON];
