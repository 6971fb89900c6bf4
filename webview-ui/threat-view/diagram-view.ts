import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { ThreatsModel } from '../../src/protocol/webview/threat-view';
import type { Diagram, PlacedElement, PlacedFlow, Point } from './diagram-layout';
import type { TargetSummary } from './threat-filters';

const KIND_NAMES: Readonly<Record<PlacedElement['kind'], string>> = { process: 'process', dataStore: 'data store', externalEntity: 'external entity' };
const LINE_HEIGHT = 15;
const BADGE_RADIUS = 11;
/** A wide model shrinks to the panel's width, but not below this, where its text stops being readable: then it scrolls. */
const MIN_SCALE = 0.75;

export interface DiagramProps {
  readonly diagram: Diagram;
  readonly model: ThreatsModel;
  readonly summaries: ReadonlyMap<string, TargetSummary>;
  readonly selected: string | undefined;
  /** The width the panel has for the diagram, in CSS pixels. */
  readonly room: number;
  readonly onPick: (id: string) => void;
}

/** The laid-out data-flow diagram as SVG; every element and flow is a button that filters the table. */
export function diagramView(props: DiagramProps): TemplateResult {
  const { diagram } = props;
  const names = new Map(props.model.elements.map((element) => [element.id, element.name]));
  const width = Math.min(diagram.width, Math.max(props.room, diagram.width * MIN_SCALE));
  const height = (diagram.height * width) / Math.max(diagram.width, 1);
  return html`<svg
    class="diagram"
    role="group"
    aria-label="Data-flow diagram: ${diagram.elements.length} elements, ${diagram.flows.length} flows, ${diagram.boundaries.length} trust boundaries"
    viewBox="0 0 ${Math.ceil(diagram.width)} ${Math.ceil(diagram.height)}"
    width=${Math.floor(width)}
    height=${Math.ceil(height)}
  >
    <defs>
      <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
        <path class="arrow-head" d="M0,0 L10,5 L0,10 z"></path>
      </marker>
    </defs>
    ${diagram.boundaries.map(
      (boundary) => svg`<g class="boundary" data-id=${boundary.id} aria-label="Trust boundary ${boundary.name}">
        <rect x=${boundary.x} y=${boundary.y} width=${boundary.width} height=${boundary.height} rx="6"></rect>
        <text class="boundary-name" x=${boundary.x + 12} y=${boundary.y + 21}>${boundary.name}</text>
      </g>`,
    )}
    ${diagram.flows.map((flow) => flowView(flow, props, names))} ${diagram.elements.map((element) => elementView(element, props, names.get(element.id) ?? element.id))}
  </svg>`;
}

function pickKeys(id: string, onPick: (id: string) => void): (event: KeyboardEvent) => void {
  return (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    onPick(id);
  };
}

function threatsLabel(summary: TargetSummary | undefined): string {
  if (!summary) return 'no open threats';
  return `${summary.open} open threat${summary.open === 1 ? '' : 's'}, highest risk ${summary.highest ?? 'none'}`;
}

function elementView(element: PlacedElement, props: DiagramProps, name: string): SVGTemplateResult {
  const summary = props.summaries.get(element.id);
  const selected = props.selected === element.id;
  const { x, y, width, height } = element;
  const shape =
    element.kind === 'process'
      ? svg`<ellipse class="shape" cx=${x + width / 2} cy=${y + height / 2} rx=${width / 2} ry=${height / 2}></ellipse>`
      : element.kind === 'dataStore'
        ? // A data store is the open rectangle of DFD notation: its two long sides only.
          svg`<rect class="hit" x=${x} y=${y} width=${width} height=${height}></rect>
            <path class="shape store" d="M${x},${y} H${x + width} M${x},${y + height} H${x + width}"></path>`
        : svg`<rect class="shape" x=${x} y=${y} width=${width} height=${height}></rect>`;
  return svg`<g
    class="element ${element.kind} ${selected ? 'selected' : ''}"
    data-id=${element.id}
    tabindex="0"
    role="button"
    aria-pressed=${selected ? 'true' : 'false'}
    aria-label="${name}, ${KIND_NAMES[element.kind]}, ${threatsLabel(summary)}"
    @click=${() => props.onPick(element.id)}
    @keydown=${pickKeys(element.id, props.onPick)}
  >
    <title>${name} (${KIND_NAMES[element.kind]})</title>
    ${shape}
    ${centredLines(element.lines, x + width / 2, y + height / 2, 'element-name')}
    ${badge(summary, x + width - (element.kind === 'process' ? width * 0.15 : 0), y + (element.kind === 'process' ? height * 0.15 : 0))}
  </g>`;
}

function flowView(flow: PlacedFlow, props: DiagramProps, names: ReadonlyMap<string, string>): SVGTemplateResult {
  const summary = props.summaries.get(flow.id);
  const selected = props.selected === flow.id;
  const { label } = flow;
  return svg`<g
    class="flow ${selected ? 'selected' : ''}"
    data-id=${flow.id}
    tabindex="0"
    role="button"
    aria-pressed=${selected ? 'true' : 'false'}
    aria-label="Flow ${flow.id} from ${names.get(flow.from) ?? flow.from} to ${names.get(flow.to) ?? flow.to}: ${label.lines.join(' ')}, ${threatsLabel(summary)}"
    @click=${() => props.onPick(flow.id)}
    @keydown=${pickKeys(flow.id, props.onPick)}
  >
    <path class="hit-line" d=${pathOf(flow.points)}></path>
    <path class="line" d=${pathOf(flow.points)} marker-end="url(#arrow)"></path>
    <rect class="flow-label-box" x=${label.x} y=${label.y} width=${label.width} height=${label.height} rx="3"></rect>
    ${centredLines(label.lines, label.x + label.width / 2, label.y + label.height / 2, 'flow-label')}
    ${badge(summary, label.x + label.width, label.y)}
  </g>`;
}

function pathOf(points: readonly Point[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x},${point.y}`).join(' ');
}

function centredLines(lines: readonly string[], cx: number, cy: number, className: string): SVGTemplateResult {
  const top = cy - ((lines.length - 1) * LINE_HEIGHT) / 2;
  return svg`<text class=${className} text-anchor="middle" dominant-baseline="central">
    ${lines.map((line, index) => svg`<tspan x=${cx} y=${top + index * LINE_HEIGHT}>${line}</tspan>`)}
  </text>`;
}

function badge(summary: TargetSummary | undefined, cx: number, cy: number): SVGTemplateResult | typeof nothing {
  if (!summary?.highest) return nothing;
  return svg`<g class="badge risk-${summary.highest}" aria-hidden="true">
    <circle cx=${cx} cy=${cy} r=${BADGE_RADIUS}></circle>
    <text x=${cx} y=${cy} text-anchor="middle" dominant-baseline="central">${summary.open}</text>
  </g>`;
}
