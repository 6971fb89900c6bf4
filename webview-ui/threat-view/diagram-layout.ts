import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { ThreatsModel } from '../../src/protocol/webview/threat-view';

type ElementKind = ThreatsModel['elements'][number]['kind'];

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect extends Point {
  readonly width: number;
  readonly height: number;
}

export interface PlacedElement extends Rect {
  readonly id: string;
  readonly kind: ElementKind;
  readonly lines: readonly string[];
}

export interface PlacedBoundary extends Rect {
  readonly id: string;
  readonly name: string;
}

export interface PlacedFlow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly points: readonly Point[];
  readonly label: Rect & { readonly lines: readonly string[] };
}

/** The data-flow diagram in absolute coordinates, ready to draw. */
export interface Diagram {
  readonly width: number;
  readonly height: number;
  readonly boundaries: readonly PlacedBoundary[];
  readonly elements: readonly PlacedElement[];
  readonly flows: readonly PlacedFlow[];
}

// Text is measured by character count, not by the DOM, so the layout runs anywhere and is
// deterministic; the font the view uses is small and regular enough for an estimate to hold.
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;
const NAME_CHARS = 18;
const LABEL_CHARS = 16;
const BOUNDARY_HEADER = 34;

const MIN_SIZE: Readonly<Record<ElementKind, { width: number; height: number }>> = {
  process: { width: 110, height: 110 },
  dataStore: { width: 150, height: 60 },
  externalEntity: { width: 150, height: 60 },
};

/** Words wrapped into lines of at most `width` characters; a longer word gets a line of its own. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function elementSize(kind: ElementKind, lines: readonly string[]): { width: number; height: number } {
  const textWidth = Math.max(...lines.map((line) => line.length)) * CHAR_WIDTH + 28;
  const textHeight = lines.length * LINE_HEIGHT + 26;
  const min = MIN_SIZE[kind];
  if (kind === 'process') {
    // A circle holds its text inside the inscribed square.
    const diameter = Math.max(min.width, Math.ceil(Math.max(textWidth, textHeight) * 1.2));
    return { width: diameter, height: diameter };
  }
  return { width: Math.max(min.width, textWidth), height: Math.max(min.height, textHeight) };
}

/**
 * Lays the model out with ELK's layered algorithm, left to right: trust boundaries are compound
 * nodes holding their elements, and flows are routed across them (hierarchy handling), so a flow
 * that crosses a boundary visibly leaves one box and enters another.
 */
export async function layoutDiagram(model: Pick<ThreatsModel, 'elements' | 'flows' | 'boundaries'>, elk: ELK): Promise<Diagram> {
  const names = new Map(model.elements.map((element) => [element.id, wrap(element.name, NAME_CHARS)]));
  const labels = new Map(model.flows.map((flow) => [flow.id, wrap(flow.data, LABEL_CHARS)]));
  const node = (element: ThreatsModel['elements'][number]): ElkNode => ({ id: element.id, ...elementSize(element.kind, names.get(element.id) ?? []) });
  const edges: ElkExtendedEdge[] = model.flows.map((flow) => {
    const lines = labels.get(flow.id) ?? [];
    return {
      id: flow.id,
      sources: [flow.from],
      targets: [flow.to],
      labels: [{ id: `${flow.id}:label`, text: flow.data, width: Math.max(...lines.map((line) => line.length), 1) * CHAR_WIDTH + 10, height: lines.length * LINE_HEIGHT + 6 }],
    };
  });
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeLabel': '4',
      'elk.layered.spacing.nodeNodeBetweenLayers': '40',
      'elk.layered.spacing.edgeNodeBetweenLayers': '16',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
      // Absolute coordinates everywhere: nothing to add up while drawing nested boxes.
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [
      ...model.boundaries.map(
        (boundary): ElkNode => ({
          id: boundary.id,
          layoutOptions: { 'elk.padding': `[top=${BOUNDARY_HEADER},left=20,bottom=20,right=20]` },
          children: model.elements.filter((element) => element.trustBoundary === boundary.id).map(node),
        }),
      ),
      ...model.elements.filter((element) => element.trustBoundary === undefined).map(node),
    ],
    edges,
  };
  const laid = await elk.layout(graph);
  const shapes = new Map<string, ElkNode>();
  const visit = (parent: ElkNode): void => {
    for (const child of parent.children ?? []) {
      shapes.set(child.id, child);
      visit(child);
    }
  };
  visit(laid);
  const rect = (id: string): Rect => {
    const shape = shapes.get(id);
    if (shape?.x === undefined || shape.y === undefined || shape.width === undefined || shape.height === undefined) throw new Error(`the layout placed no box for "${id}"`);
    return { x: shape.x, y: shape.y, width: shape.width, height: shape.height };
  };
  const laidEdges = new Map((laid.edges ?? []).map((edge) => [edge.id, edge]));
  return {
    width: laid.width ?? 0,
    height: laid.height ?? 0,
    boundaries: model.boundaries.map((boundary) => ({ id: boundary.id, name: boundary.name, ...rect(boundary.id) })),
    elements: model.elements.map((element) => ({ id: element.id, kind: element.kind, lines: names.get(element.id) ?? [], ...rect(element.id) })),
    flows: model.flows.map((flow) => {
      const edge = laidEdges.get(flow.id);
      const section = edge?.sections?.[0];
      const label = edge?.labels?.[0];
      if (!section || label?.x === undefined || label.y === undefined) throw new Error(`the layout routed no path for flow "${flow.id}"`);
      return {
        id: flow.id,
        from: flow.from,
        to: flow.to,
        points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
        label: { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0, lines: labels.get(flow.id) ?? [] },
      };
    }),
  };
}
