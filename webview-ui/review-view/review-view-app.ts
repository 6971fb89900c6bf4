import { html, nothing, type TemplateResult } from 'lit';
import type { FindingView, ReviewSnapshot, ReviewViewUpdate, RoundView } from '../../src/protocol/webview/review-view';
import { band, overallGauge, scoreChart } from './score-chart';

export interface ReviewViewModel {
  readonly update?: ReviewViewUpdate;
  /** The round shown; the latest when unset. */
  readonly round?: number;
  readonly error?: { message: string; reasons: readonly string[] };
}

export interface ReviewViewActions {
  reveal(line: number): void;
  openSpecView(): void;
  showRound(round: number): void;
  dismissError(): void;
}

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;
const DECISION_TEXT = { proceed: 'proceeds to the threat model', revise: 'goes back to the Architect', 'needs-human': 'stops for a human' } as const;

export function reviewViewTemplate(model: ReviewViewModel, actions: ReviewViewActions): TemplateResult {
  const { update } = model;
  return html`
    <main>
      ${model.error
        ? html`<div class="error-banner" role="alert">
            <span class="codicon codicon-error" aria-hidden="true"></span>
            <div><p>${model.error.message}</p>${model.error.reasons.length ? html`<ul>${model.error.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}</div>
            <button class="icon" aria-label="Dismiss the error" @click=${actions.dismissError}><span class="codicon codicon-close" aria-hidden="true"></span></button>
          </div>`
        : nothing}
      ${!update
        ? html`<p role="status">Loading the review…</p>`
        : update.kind === 'review'
          ? review(update.review, model, actions)
          : html`<section class="no-review" role=${update.kind === 'error' ? 'alert' : 'status'}>
              <h1>${update.slug}</h1>
              <p>${update.message}</p>
              ${update.kind === 'error' ? html`<p>Fix ${update.path} by hand or review the spec again.</p>` : nothing}
              <button class="link" @click=${actions.openSpecView}>Open the spec view</button>
            </section>`}
    </main>
  `;
}

function review(snapshot: ReviewSnapshot, model: ReviewViewModel, actions: ReviewViewActions): TemplateResult {
  const latest = snapshot.rounds.at(-1);
  // The protocol refuses an empty list; this keeps the types honest without a cast.
  if (!latest) return html`<p role="status">No review round yet.</p>`;
  const round: RoundView = snapshot.rounds.find((entry) => entry.round === model.round) ?? latest;
  const thresholds = snapshot.thresholds;
  return html`
    <header>
      <h1>Design review: ${snapshot.title}</h1>
      ${snapshot.stale
        ? html`<p class="stale" role="status"><span class="codicon codicon-warning" aria-hidden="true"></span> Stale: the spec changed since round ${latest.round} read it. These scores are of an older text; review the spec again.</p>`
        : nothing}
      <div class="toolbar" role="toolbar" aria-label="Review rounds">
        ${snapshot.rounds.map(
          (entry) => html`<button class=${entry === round ? 'primary' : 'secondary'} aria-pressed=${entry === round ? 'true' : 'false'} @click=${() => actions.showRound(entry.round)}>Round ${entry.round}</button>`,
        )}
        <button class="link" @click=${actions.openSpecView}>Open the spec view</button>
      </div>
    </header>
    <section class="overall" aria-labelledby="overall-title">
      <h2 id="overall-title">Round ${round.round}: overall <span class=${`score ${band(round.overall, thresholds)}`}>${round.overall}</span> / 10, ${round.decision}</h2>
      ${overallGauge(round.overall, thresholds)}
      <p>
        ${round.overall >= thresholds.proceed ? `At or above ${thresholds.proceed}` : round.overall >= thresholds.revise ? `Between ${thresholds.revise} and ${thresholds.proceed}` : `Below ${thresholds.revise}`}:
        the spec ${DECISION_TEXT[round.decision]}. Reviewed ${round.at.slice(0, 16).replace('T', ' ')} by ${round.model}.
      </p>
      ${round.reasons.length ? html`<ul class="reasons" aria-label="Reasons for the decision">${round.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : nothing}
      <p class="summary">${round.summary}</p>
    </section>
    <section class="dimensions" aria-labelledby="dimensions-title">
      <h2 id="dimensions-title">The ten dimensions</h2>
      ${scoreChart(round.dimensions, thresholds, round.round)}
      <table class="scores" aria-label=${`Scores of round ${round.round}`}>
        <thead><tr><th scope="col">Dimension</th><th scope="col">Score</th><th scope="col">Rationale</th></tr></thead>
        <tbody>
          ${round.dimensions.map((dimension) => html`<tr data-dimension=${dimension.key}><th scope="row">${dimension.label}</th><td class=${`score ${band(dimension.score, thresholds)}`}>${dimension.score}/10</td><td>${dimension.rationale}</td></tr>`)}
        </tbody>
      </table>
    </section>
    ${findings(round.findings, actions)}
    ${history(snapshot, actions)}
  `;
}

function findings(list: readonly FindingView[], actions: ReviewViewActions): TemplateResult {
  const sorted = [...list].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  return html`
    <section class="findings" aria-labelledby="findings-title">
      <h2 id="findings-title">Findings (${list.length})</h2>
      ${sorted.length === 0 ? html`<p class="muted">The Reviewer found nothing to change.</p>` : nothing}
      <ol>
        ${sorted.map(
          (finding) => html`
            <li class=${`finding ${finding.severity}`}>
              <div class="finding-head">
                <span class=${`severity ${finding.severity}`}>${finding.severity}</span>
                <span class="muted">${finding.dimensionLabel}</span>
                ${finding.line
                  ? html`<button class="link" aria-label=${`${finding.title}: show ${finding.location} in the spec, line ${finding.line}`} @click=${() => actions.reveal(finding.line ?? 1)}>${finding.location} (line ${finding.line})</button>`
                  : html`<span class="muted">${finding.location} (not in the spec any more)</span>`}
              </div>
              <h3>${finding.title}</h3>
              <p>${finding.detail}</p>
              <p><strong>Suggestion:</strong> ${finding.suggestion}</p>
            </li>
          `,
        )}
      </ol>
    </section>
  `;
}

function history(snapshot: ReviewSnapshot, actions: ReviewViewActions): TemplateResult {
  const dimensions = snapshot.rounds[0]?.dimensions ?? [];
  return html`
    <section class="history" aria-labelledby="history-title">
      <h2 id="history-title">Rounds</h2>
      <div class="table-scroll">
        <table class="rounds" aria-label="Scores per review round">
          <thead>
            <tr>
              <th scope="col">Round</th><th scope="col">Overall</th><th scope="col">Decision</th>
              ${dimensions.map((dimension) => html`<th scope="col" class="dimension-head">${dimension.label}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${snapshot.rounds.map(
              (round) => html`
                <tr data-round=${round.round}>
                  <th scope="row"><button class="link" aria-label=${`Show round ${round.round}`} @click=${() => actions.showRound(round.round)}>${round.round}</button> <span class="muted">${round.at.slice(0, 10)}</span></th>
                  <td class=${`score ${band(round.overall, snapshot.thresholds)}`}>${round.overall}</td>
                  <td>${round.decision}</td>
                  ${round.dimensions.map((dimension) => html`<td class=${`score ${band(dimension.score, snapshot.thresholds)}`}>${dimension.score}</td>`)}
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    </section>
  `;
}
