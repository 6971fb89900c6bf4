import { html, svg, type TemplateResult } from 'lit';
import type { DimensionView } from '../../src/protocol/webview/review-view';

export interface Thresholds {
  readonly proceed: number;
  readonly revise: number;
}

const LABEL_WIDTH = 200;
const BAR_WIDTH = 360;
const ROW = 28;
const TOP = 24;
const x = (score: number): number => LABEL_WIDTH + (score / 10) * BAR_WIDTH;

export function band(score: number, thresholds: Thresholds): 'good' | 'fair' | 'poor' {
  return score >= thresholds.proceed ? 'good' : score >= thresholds.revise ? 'fair' : 'poor';
}

/**
 * The ten scores as horizontal bars on a 0-10 axis, with the two gate thresholds drawn across; each
 * bar carries its number as text, and the SVG's title and description read the scores out.
 */
export function scoreChart(dimensions: readonly DimensionView[], thresholds: Thresholds, round: number): TemplateResult {
  const height = TOP + dimensions.length * ROW + 8;
  const description = dimensions.map((dimension) => `${dimension.label} ${dimension.score} of 10`).join('; ');
  return html`
    <svg class="score-chart" viewBox="0 0 ${LABEL_WIDTH + BAR_WIDTH + 40} ${height}" role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMinYMin meet">
      <title id="chart-title">Design review scores, round ${round}</title>
      <desc id="chart-desc">${description}. Thresholds: ${thresholds.proceed} proceeds, ${thresholds.revise} goes back to the Architect.</desc>
      ${[0, 2, 4, 6, 8, 10].map((tick) => svg`<line class="grid" x1=${x(tick)} x2=${x(tick)} y1=${TOP - 4} y2=${height - 8}></line><text class="tick" x=${x(tick)} y=${TOP - 8} text-anchor="middle">${tick}</text>`)}
      ${dimensions.map((dimension, index) => {
        const y = TOP + index * ROW;
        return svg`
          <g class="row" data-dimension=${dimension.key}>
            <text class="label" x=${LABEL_WIDTH - 8} y=${y + ROW / 2 + 4} text-anchor="end">${dimension.label}</text>
            <rect class=${`bar ${band(dimension.score, thresholds)}`} x=${LABEL_WIDTH} y=${y + 5} width=${Math.max(1, x(dimension.score) - LABEL_WIDTH)} height=${ROW - 10}></rect>
            <text class="value" x=${x(dimension.score) + 6} y=${y + ROW / 2 + 4}>${dimension.score}</text>
          </g>`;
      })}
      ${[
        { value: thresholds.revise, name: 'revise' },
        { value: thresholds.proceed, name: 'proceed' },
      ].map((line) => svg`<line class=${`threshold ${line.name}`} data-threshold=${line.value} x1=${x(line.value)} x2=${x(line.value)} y1=${TOP - 4} y2=${height - 8}></line>`)}
    </svg>
  `;
}

/** The overall score on a 0-10 scale with the zones the gate reads. */
export function overallGauge(overall: number, thresholds: Thresholds): TemplateResult {
  const width = 400;
  const at = (score: number): number => 10 + (score / 10) * (width - 20);
  return html`
    <svg class="gauge" viewBox="0 0 ${width} 44" role="img" aria-label=${`Overall ${overall} of 10; ${thresholds.proceed} or more proceeds, ${thresholds.revise} or more goes back to the Architect, below ${thresholds.revise} stops for a human`}>
      <rect class="zone poor" x=${at(0)} y="14" width=${at(thresholds.revise) - at(0)} height="10"></rect>
      <rect class="zone fair" x=${at(thresholds.revise)} y="14" width=${at(thresholds.proceed) - at(thresholds.revise)} height="10"></rect>
      <rect class="zone good" x=${at(thresholds.proceed)} y="14" width=${at(10) - at(thresholds.proceed)} height="10"></rect>
      ${[thresholds.revise, thresholds.proceed].map((value) => svg`<text class="tick" x=${at(value)} y="40" text-anchor="middle">${value}</text>`)}
      <polygon class="marker" points="${at(overall) - 6},4 ${at(overall) + 6},4 ${at(overall)},14"></polygon>
    </svg>
  `;
}
