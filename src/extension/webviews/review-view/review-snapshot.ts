import { readReview } from '../../../core/agents/spec-files';
import type { SpecFolder } from '../../../core/agents/spec-workspace';
import { dimensionLabel, GATE_THRESHOLDS } from '../../../core/review/gate';
import type { ReviewRecord } from '../../../core/review/review-record';
import { DESIGN_DIMENSIONS } from '../../../core/schemas/design-review';
import { parseSpec, type SpecFile } from '../../../core/specs/spec-file';
import { specHash } from '../../../core/specs/spec-hash';
import type { ReviewViewUpdate, RoundView } from '../../../protocol/webview/review-view';

/** What the review view shows for the folder's review.json now: every round, linked to the spec's lines. */
export async function reviewViewUpdate(folder: SpecFolder, specUri: string): Promise<ReviewViewUpdate> {
  let record: ReviewRecord | undefined;
  try {
    record = await readReview(folder);
  } catch (error) {
    const path = error instanceof Error && 'path' in error && typeof error.path === 'string' ? error.path : folder.specPath.replace(/spec\.md$/, 'review.json');
    return { kind: 'error', slug: folder.slug, specUri, path, message: error instanceof Error ? error.message : String(error) };
  }
  if (!record) return { kind: 'none', slug: folder.slug, specUri, message: `spec "${folder.slug}" has not been reviewed yet` };
  const text = await folder.readSpec();
  const spec = text === undefined ? undefined : parsed(text, folder.specPath);
  return {
    kind: 'review',
    review: {
      slug: folder.slug,
      specUri,
      title: spec?.title ?? folder.slug,
      thresholds: { proceed: GATE_THRESHOLDS.proceed, revise: GATE_THRESHOLDS.revise },
      stale: text === undefined || (await specHash(text)) !== record.spec_sha256,
      rounds: record.rounds.map((round) => roundView(round, spec)),
    },
  };
}

function roundView(round: ReviewRecord['rounds'][number], spec: SpecFile | undefined): RoundView {
  return {
    round: round.round,
    at: round.at,
    overall: round.overall,
    decision: round.decision,
    reasons: round.reasons,
    summary: round.summary,
    model: `${round.provider}/${round.model}`,
    dimensions: DESIGN_DIMENSIONS.map((key) => ({ key, label: dimensionLabel(key), score: round.dimensions[key].score, rationale: round.dimensions[key].rationale })),
    findings: round.findings.map((finding) => {
      const line = spec?.lineOf(finding.location);
      return { ...finding, dimensionLabel: dimensionLabel(finding.dimension), ...(line ? { line } : {}) };
    }),
  };
}

/** A spec a person broke still has its review shown, without the links to lines. */
function parsed(text: string, path: string): SpecFile | undefined {
  try {
    return parseSpec(text, path);
  } catch {
    return undefined;
  }
}
