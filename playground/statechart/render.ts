/**
 * The statechart as an accessible SVG VNode tree (one view for the server's HTML string and the
 * browser's DOM), and a DOM-only highlighter for the states a step passed through, cheap enough
 * to call on every step: it toggles classes and rewrites one sentence, nothing is re-rendered.
 *
 * Every state is one `<g data-state="<key>" data-id="<full id>">` with a rect and its text;
 * every edge one `<g data-edge>` with its line, arrowhead and label. Visited states get
 * `sc-visited` (thicker outline and a check mark), the last one `sc-active` (a dashed ring),
 * edges between consecutive visited states `sc-edge-visited`.
 */
import { h, type VNode } from '../dom/vnode.ts';
import { contains, METRICS, round, type Point, type Rect } from './geometry.ts';
import type { EdgeRoute, StateBox, StatechartLayout } from './layout.ts';
import { pathToStateIds } from './ids.ts';
import type { StatechartModel } from './model.ts';

export interface RenderOptions {
  /** States the step passed through, in order: keys (`lookup`, `Delete`, `finalize`) or full ids. */
  highlight?: readonly string[];
  /** The current state (key or id); defaults to the last highlighted one. */
  active?: string;
  /** Accessible name of the image. */
  title?: string;
  /** Prefix for the ids of <title> and <desc>, unique per page. */
  idPrefix?: string;
}

export const VISITED = 'sc-visited';
export const ACTIVE = 'sc-active';
export const EDGE_VISITED = 'sc-edge-visited';

const ARROW = 8;

export function renderStatechart(model: StatechartModel, layout: StatechartLayout, options: RenderOptions = {}): VNode {
  const prefix = options.idPrefix ?? 'statechart';
  const pathIds = pathToStateIds(model, options.highlight ?? []);
  const activeId = options.active !== undefined ? pathToStateIds(model, [options.active])[0] ?? null : pathIds[pathIds.length - 1] ?? null;
  const visited = new Set(pathIds);
  const visitedEdges = edgesAlong(pathIds);
  const nodeById = new Map(model.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(model.edges.map((e) => [e.id, e]));
  const keyOf = (id: string): string => nodeById.get(id)?.key ?? id;
  const compounds = layout.states.filter((s) => s.title !== null).sort((a, b) => a.depth - b.depth);
  const atomics = layout.states.filter((s) => s.title === null);
  const base = describe(model, layout);

  const stateClass = (s: StateBox): string =>
    ['sc-state', `sc-${s.title ? 'compound' : s.kind}`, visited.has(s.id) ? VISITED : '', s.id === activeId ? ACTIVE : ''].filter(Boolean).join(' ');
  const tooltip = (s: StateBox): string => {
    const node = nodeById.get(s.id);
    const check = node?.check ? `${s.key}: runs the check ${node.check}` : s.key;
    return node?.description ? `${check}. ${node.description}` : check;
  };

  const compoundView = (s: StateBox): VNode =>
    h('g', { class: stateClass(s), 'data-state': s.key, 'data-id': s.id, 'data-depth': s.depth },
      h('title', null, tooltip(s)),
      h('rect', { class: 'sc-box', x: s.box.x, y: s.box.y, width: s.box.w, height: s.box.h, rx: 8, fill: '#ffffff', stroke: '#6e7781' }),
      h('text', { class: 'sc-title', x: s.title!.x, y: s.title!.y, 'font-size': METRICS.titleFont, 'font-weight': 700 }, s.label),
      ringAndMark(s));

  const atomicView = (s: StateBox): VNode =>
    h('g', { class: stateClass(s), 'data-state': s.key, 'data-id': s.id, 'data-depth': s.depth },
      h('title', null, tooltip(s)),
      h('rect', { class: 'sc-box', x: s.box.x, y: s.box.y, width: s.box.w, height: s.box.h, rx: s.kind === 'result' ? s.box.h / 2 : 4, fill: '#ffffff', stroke: '#6e7781' }),
      h('text', { class: 'sc-label', x: round(s.box.x + s.box.w / 2), y: round(s.box.y + s.box.h / 2 + 4), 'text-anchor': 'middle', 'font-size': METRICS.font }, s.label),
      ringAndMark(s));

  const edgeView = (e: EdgeRoute): VNode => {
    const on = labelDepth(layout, e.label?.box ?? null);
    const all = (edgeById.get(e.id)?.labels ?? []).join(', ');
    return h('g', {
      class: ['sc-edge', visitedEdges.has(e.id) ? EDGE_VISITED : ''].filter(Boolean).join(' '),
      'data-edge': e.id,
      'data-source': e.source,
      'data-target': e.target,
      'data-from': keyOf(e.source),
      'data-to': keyOf(e.target),
    },
    h('title', null, `${keyOf(e.source)} → ${keyOf(e.target)}${all ? `: ${all}` : ''}`),
    h('path', { class: 'sc-edge-line', d: linePath(e.points), fill: 'none', stroke: '#7d8590' }),
    h('path', { class: 'sc-arrowhead', d: arrowPath(e.points) }),
    e.label
      ? h('text', { class: 'sc-edge-label', 'data-on': on, 'font-size': METRICS.labelFont },
        e.label.lines.map((line, i) => h('tspan', { x: e.label!.box.x + 1, y: round(e.label!.box.y + METRICS.labelLine * (i + 1) - 3) }, line)))
      : null);
  };

  return h('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'statechart',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    width: layout.width,
    height: layout.height,
    role: 'img',
    'aria-labelledby': `${prefix}-title`,
    'aria-describedby': `${prefix}-desc`,
    'data-statechart': model.id,
  },
  h('title', { id: `${prefix}-title` }, options.title ?? `Statechart of the ${model.id} machine`),
  h('desc', { id: `${prefix}-desc`, 'data-base': base }, base + highlightSentence(pathIds.map(keyOf))),
  h('g', { class: 'sc-compounds' }, compounds.map(compoundView)),
  h('g', { class: 'sc-edges' }, layout.edges.map(edgeView)),
  h('g', { class: 'sc-initials', 'aria-hidden': 'true' }, layout.initials.map((m) => {
    const [a, b] = m.points as [Point, Point];
    return h('g', { 'data-initial-of': m.parent },
      h('circle', { class: 'sc-initial', cx: m.dot.x, cy: m.dot.y, r: 4.5 }),
      h('path', { class: 'sc-initial', d: linePath([a, b]) }),
      h('path', { class: 'sc-initial', d: arrowPath([a, b], 6) }));
  })),
  h('g', { class: 'sc-atomics' }, atomics.map(atomicView)));
}

/**
 * Marks the states of `path` (keys or ids, in order) on an SVG rendered by renderStatechart:
 * `sc-visited` on each, `sc-active` on the last, `sc-edge-visited` on edges between consecutive
 * ones; clears the previous step's marks and updates the <desc>. DOM only, no re-render.
 */
export function highlightStatechart(svgElement: Element, path: readonly string[]): void {
  const states = Array.from(svgElement.querySelectorAll('[data-state]'));
  const ids: string[] = [];
  for (const entry of path) {
    const matches = states.filter((el) => el.getAttribute('data-id') === entry || el.getAttribute('data-state') === entry);
    const deepest = matches.sort((a, b) => Number(b.getAttribute('data-depth')) - Number(a.getAttribute('data-depth')))[0];
    const id = deepest?.getAttribute('data-id');
    if (id) ids.push(id);
  }
  const visited = new Set(ids);
  const active = ids[ids.length - 1];
  const keys: string[] = [];
  for (const el of states) {
    const id = el.getAttribute('data-id') ?? '';
    el.classList.toggle(VISITED, visited.has(id));
    el.classList.toggle(ACTIVE, id === active);
  }
  const keyById = new Map(states.map((el) => [el.getAttribute('data-id') ?? '', el.getAttribute('data-state') ?? '']));
  for (const id of ids) keys.push(keyById.get(id) ?? id);
  const along = edgesAlong(ids);
  for (const el of Array.from(svgElement.querySelectorAll('[data-edge]'))) el.classList.toggle(EDGE_VISITED, along.has(el.getAttribute('data-edge') ?? ''));
  const desc = svgElement.querySelector('desc');
  if (desc) desc.textContent = (desc.getAttribute('data-base') ?? '') + highlightSentence(keys);
}

/** Edge ids between consecutive states of a path (the model's edge ids are `source->target`). */
export function edgesAlong(ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < ids.length; i += 1) out.add(`${ids[i - 1]}->${ids[i]}`);
  return out;
}

function highlightSentence(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  return ` Highlighted with a bold outline and a check mark, the states this step passed through: ${keys.join(' → ')}; the dashed ring marks the last, ${keys[keys.length - 1]}.`;
}

function describe(model: StatechartModel, layout: StatechartLayout): string {
  const compounds = model.nodes.filter((n) => n.kind === 'compound' && n.parent !== null).map((n) => n.key);
  const checks = model.nodes.filter((n) => n.check).length;
  const results = model.nodes.filter((n) => n.kind === 'result').map((n) => n.key);
  return [
    `Drawn from the machine definition: ${model.nodes.length} states and ${layout.edges.length} arrows (transitions between the same two states share one).`,
    compounds.length ? `Boxes inside boxes are substates, of ${compounds.join(', ')}; a dot marks the state each box starts in.` : '',
    checks ? `${checks} states run a KServe check and are labelled with its name; arrows leaving them are labelled with the check's outcome.` : '',
    results.length ? `Rounded boxes are results: ${results.join(', ')}.` : '',
    'Arrows without a label are taken unconditionally.',
  ].filter(Boolean).join(' ');
}

function ringAndMark(s: StateBox): VNode[] {
  const r = s.box;
  const cx = round(r.x + r.w - 1);
  const cy = round(r.y + 1);
  return [
    h('rect', { class: 'sc-ring', x: r.x - 4, y: r.y - 4, width: r.w + 8, height: r.h + 8, rx: s.kind === 'result' ? (r.h + 8) / 2 : 7, fill: 'none' }),
    h('g', { class: 'sc-mark', 'aria-hidden': 'true' },
      h('circle', { cx, cy, r: 7 }),
      h('path', { d: `M${round(cx - 3.2)} ${round(cy + 0.2)} L${round(cx - 0.9)} ${round(cy + 2.6)} L${round(cx + 3.3)} ${round(cy - 2.4)}` })),
  ];
}

/** The polyline, stopping where the arrowhead starts so the line does not poke through its tip. */
function linePath(points: readonly Point[]): string {
  if (points.length < 2) return '';
  const pts = points.map((p) => ({ ...p }));
  const last = pts[pts.length - 1]!;
  const before = pts[pts.length - 2]!;
  const length = Math.hypot(last.x - before.x, last.y - before.y);
  if (length > ARROW) {
    const k = (length - ARROW + 1) / length;
    pts[pts.length - 1] = { x: before.x + (last.x - before.x) * k, y: before.y + (last.y - before.y) * k };
  }
  return pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
}

function arrowPath(points: readonly Point[], size = ARROW): string {
  if (points.length < 2) return '';
  const tip = points[points.length - 1]!;
  const from = points[points.length - 2]!;
  const length = Math.hypot(tip.x - from.x, tip.y - from.y) || 1;
  const ux = (tip.x - from.x) / length;
  const uy = (tip.y - from.y) / length;
  const bx = tip.x - ux * size;
  const by = tip.y - uy * size;
  const half = size / 2;
  return `M${round(tip.x)} ${round(tip.y)} L${round(bx - uy * half)} ${round(by + ux * half)} L${round(bx + uy * half)} ${round(by - ux * half)} Z`;
}

/** The depth of the innermost compound whose box holds the label (its halo matches that fill). */
function labelDepth(layout: StatechartLayout, box: Rect | null): number {
  if (!box) return 0;
  let depth = 0;
  for (const s of layout.states) if (s.title && contains(s.box, box)) depth = Math.max(depth, s.depth);
  return depth;
}
