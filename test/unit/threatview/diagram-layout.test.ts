import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { layoutDiagram, wrap, type Rect } from '../../../webview-ui/threat-view/diagram-layout';
import { readFileSync } from 'node:fs';
import { parseThreatsFile } from '../../../src/core/threats/threats-file';
import { threatModel } from '../gates/samples';

const FIXTURE = new URL('../../fixtures/workspace-threats/.omni/specs/checkout-orders/threats.json', import.meta.url);

const inside = (inner: Rect, outer: Rect): boolean =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const overlap = (a: Rect, b: Rect): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const touches = (point: { x: number; y: number }, box: Rect): boolean =>
  point.x >= box.x - 1 && point.x <= box.x + box.width + 1 && point.y >= box.y - 1 && point.y <= box.y + box.height + 1;

describe('the data-flow diagram layout (ELK layered)', () => {
  it('places every element inside the box of its trust boundary, and no two elements on top of each other', async () => {
    const model = threatModel();
    const diagram = await layoutDiagram(model, new ELK());
    expect(diagram.elements.map((element) => element.id)).toEqual(['browser', 'api', 'db', 'payments']);
    const boxes = new Map(diagram.boundaries.map((boundary) => [boundary.id, boundary]));
    for (const element of model.elements) {
      const placed = diagram.elements.find((candidate) => candidate.id === element.id);
      if (!placed) throw new Error(`no box for ${element.id}`);
      for (const [id, boundary] of boxes) expect(inside(placed, boundary), `${element.id} in ${id}`).toBe(element.trustBoundary === id);
      expect(inside(placed, { x: 0, y: 0, width: diagram.width, height: diagram.height })).toBe(true);
    }
    for (const [index, a] of diagram.elements.entries()) for (const b of diagram.elements.slice(index + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    expect(overlap(boxes.get('dc') as Rect, boxes.get('vendor') as Rect)).toBe(false);
  });

  it('lays out the fixture workspace\'s model: three boundaries holding their members, elements outside all of them', async () => {
    const model = parseThreatsFile(JSON.parse(readFileSync(FIXTURE, 'utf8')), FIXTURE.pathname);
    const diagram = await layoutDiagram(model, new ELK());
    const boundary = new Map(diagram.boundaries.map((box) => [box.id, box]));
    expect([...boundary.keys()]).toEqual(['dmz', 'dc', 'vendor']);
    for (const placed of diagram.elements) {
      const home = model.elements.find((element) => element.id === placed.id)?.trustBoundary;
      for (const [id, box] of boundary) expect(inside(placed, box), `${placed.id} in ${id}`).toBe(home === id);
    }
    expect(diagram.flows).toHaveLength(model.flows.length);
  });

  it('routes every flow from the box of its source to the box of its target, with its label', async () => {
    const diagram = await layoutDiagram(threatModel(), new ELK());
    const box = new Map(diagram.elements.map((element) => [element.id, element]));
    expect(diagram.flows.map((flow) => flow.id)).toEqual(['F1', 'F2', 'F3']);
    for (const flow of diagram.flows) {
      expect(touches(flow.points[0] ?? { x: -1, y: -1 }, box.get(flow.from) as Rect), `${flow.id} starts at ${flow.from}`).toBe(true);
      expect(touches(flow.points.at(-1) ?? { x: -1, y: -1 }, box.get(flow.to) as Rect), `${flow.id} ends at ${flow.to}`).toBe(true);
      expect(flow.label.lines.join(' ')).toBe(threatModel().flows.find((candidate) => candidate.id === flow.id)?.data);
    }
  });

  it('copes with a boundary that holds nothing, a model without boundaries and a flow back to its source', async () => {
    const elements = [
      { id: 'cron', name: 'Nightly job', kind: 'process' as const },
      { id: 'files', name: 'Export folder', kind: 'dataStore' as const },
    ];
    const flows = [
      { id: 'F1', from: 'cron', to: 'files', data: 'CSV exports' },
      { id: 'F2', from: 'cron', to: 'cron', data: 'retry after failure' },
    ];
    const empty = await layoutDiagram({ elements, flows, boundaries: [{ id: 'cloud', name: 'Cloud' }] }, new ELK());
    expect(empty.boundaries).toEqual([expect.objectContaining({ id: 'cloud', name: 'Cloud' })]);
    expect(empty.flows.map((flow) => flow.points.length >= 2)).toEqual([true, true]);
    const flat = await layoutDiagram({ elements, flows: flows.slice(0, 1), boundaries: [] }, new ELK());
    expect(flat.boundaries).toEqual([]);
    expect(flat.elements.map((element) => element.id)).toEqual(['cron', 'files']);
  });

  it('wraps names into short lines without cutting words', () => {
    expect(wrap('session cookie, order with delivery address', 26)).toEqual(['session cookie, order with', 'delivery address']);
    expect(wrap('Supercalifragilisticexpialidocious x', 10)).toEqual(['Supercalifragilisticexpialidocious', 'x']);
  });
});
