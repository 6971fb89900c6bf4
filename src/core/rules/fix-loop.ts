import { applyEdits } from './apply-edits';
import type { RulesEngine, RuleSettings } from './engine';
import type { FileResult, Finding } from './finding';
import type { LanguageId } from './languages';
import type { TextEdit } from './rule';

export interface FixOutcome {
  readonly text: string;
  /** Fixes applied over all passes. */
  readonly applied: number;
  /** Set when a pass was refused because its result parsed worse than the original. */
  readonly refused?: string;
}

const MAX_PASSES = 10;

/**
 * Applies safe fixes until none is left (fixes can unlock or overlap each other), re-parsing after
 * every pass; a pass whose result has more syntax errors than the original text is thrown away.
 */
export async function applySafeFixes(
  engine: RulesEngine,
  path: string,
  language: LanguageId,
  original: string,
  settings: RuleSettings,
  // The editor leaves findings the project's baseline accepted alone; the caller marks them suppressed.
  visible: (findings: readonly Finding[]) => readonly Finding[] = (findings) => findings,
): Promise<FixOutcome> {
  const baseline = await engine.syntaxErrorCount(language, original);
  let text = original;
  let applied = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const result: FileResult = await engine.lintFile({ path, text, language }, settings);
    const edits: TextEdit[] = visible(result.findings).flatMap((finding) => (!finding.suppression && finding.fix?.safe ? finding.fix.edits : []));
    if (edits.length === 0) break;
    const next = applyEdits(text, edits);
    if (next.applied === 0 || next.text === text) break;
    const errors = await engine.syntaxErrorCount(language, next.text);
    if (errors > baseline) {
      const rules = [...new Set(result.findings.filter((f) => f.fix?.safe).map((f) => f.ruleId))].join(', ');
      return { text, applied, refused: `fixes from ${rules} would add syntax errors (${baseline} -> ${errors}); left unapplied` };
    }
    text = next.text;
    applied += next.applied;
  }
  return { text, applied };
}
