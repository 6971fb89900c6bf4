import type { ElementKind } from '../schemas/threat-model';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DiagramLayout {
  /** Element id -> its box. */
  readonly elements: ReadonlyMap<string, Box>;
  /** Boundary id -> the box drawn around its elements. */
  readonly boundaries: ReadonlyMap<string, Box>;
}

/** Shapes as Threat Dragon draws them by default: processes are circles, actors and stores are wide. */
export const SHAPE_SIZES: Readonly<Record<ElementKind, { width: number; height: number }>> = {
  process: { width: 100, height: 100 },
  dataStore: { width: 160, height: 80 },
  externalEntity: { width: 160, height: 80 },
};

const MARGIN = 40;
const COLUMN_WIDTH = 240;
const COLUMN_GAP = 120;
const HEADER = 50;
const ROW_HEIGHT = 160;
const PADDING = 30;

/**
 * One column per trust boundary, in the model's order, after a first column for elements outside
 * every boundary; elements stack down their column. Deterministic, so an export diffs cleanly; the
 * layout only has to be readable, a person rearranges it in Threat Dragon.
 */
export function columnLayout(model: {
  elements: readonly { id: string; kind: ElementKind; trustBoundary?: string | undefined }[];
  boundaries: readonly { id: string }[];
}): DiagramLayout {
  const outside = model.elements.filter((element) => element.trustBoundary === undefined);
  const columns: { boundary?: string; members: typeof model.elements }[] = [
    ...(outside.length > 0 ? [{ members: outside }] : []),
    ...model.boundaries.map((boundary) => ({ boundary: boundary.id, members: model.elements.filter((element) => element.trustBoundary === boundary.id) })),
  ];
  const elements = new Map<string, Box>();
  const boundaries = new Map<string, Box>();
  columns.forEach((column, index) => {
    const left = MARGIN + index * (COLUMN_WIDTH + COLUMN_GAP);
    column.members.forEach((element, row) => {
      const size = SHAPE_SIZES[element.kind];
      elements.set(element.id, { x: left + (COLUMN_WIDTH - size.width) / 2, y: MARGIN + HEADER + row * ROW_HEIGHT + (ROW_HEIGHT - PADDING - size.height) / 2, ...size });
    });
    if (column.boundary !== undefined) {
      boundaries.set(column.boundary, { x: left, y: MARGIN, width: COLUMN_WIDTH, height: HEADER + Math.max(1, column.members.length) * ROW_HEIGHT });
    }
  });
  return { elements, boundaries };
}
