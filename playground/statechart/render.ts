/**
 * The statechart as an accessible SVG VNode tree, rendered once at build time from the model and
 * its layout (Playground.astro). The browser never renders it again: highlight.ts marks the
 * states a step passed through on the server's SVG.
 *
 * Every state is one `<g data-state="<key>" data-id="<full id>">` with a rect and its text;
 * every edge one `<g data-edge>` with its line, arrowhead and label. Visited states get
 * `sc-visited` (thicker outline and a check mark), the last one `sc-active` (a dashed ring),
 * edges between consecutive visited states `sc-edge-visited`. The <desc> carries the text
 * alternative in the page's language, and the sentence template the highlighter fills in.
 */
import type { Locale } from '../app/strings.ts';
import { h, type VNode } from '../dom/vnode.ts';
import { contains, METRICS, round, type EdgeRoute, type Point, type Rect, type StateBox, type StatechartLayout } from './geometry.ts';
import { ACTIVE, EDGE_VISITED, edgesAlong, pathSentence, VISITED } from './highlight.ts';
import { pathToStateIds } from './ids.ts';
import type { StatechartModel } from './model.ts';
import { chartText } from './text.ts';

export { ACTIVE, EDGE_VISITED, VISITED } from './highlight.ts';

export interface RenderOptions {
  /** States the step passed through, in order: keys (`lookup`, `Delete`, `finalize`) or full ids. */
  highlight?: readonly string[];
  /** The current state (key or id); defaults to the last highlighted one. */
  active?: string;
  /** Accessible name of the image. */
  title?: string;
  /** Prefix for the ids of <title> and <desc>, unique per page. */
  idPrefix?: string;
  /** Language of the <desc>; English by default. */
  locale?: Locale;
}

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
  const text = chartText(options.locale);
  const base = describe(model, layout, text.describe);

  const stateClass = (s: StateBox): string =>
    ['sc-state', `sc-${s.title ? 'compound' : s.kind}`, visited.has(s.id) ? VISITED : '', s.id === activeId ? ACTIVE : ''].filter(Boolean).join(' ');
  const tooltip = (s: StateBox): string => {
    const node = nodeById.get(s.id);
    const check = node?.check ? text.runsCheck(s.key, node.check) : s.key;
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
  h('desc', { id: `${prefix}-desc`, 'data-base': base, 'data-path': text.path }, base + pathSentence(text.path, pathIds.map(keyOf))),
  h('g', { class: 'sc-compounds' }, compounds.map(compoundView)),
  h('g', { class: 'sc-edges' }, layout.edges.map(edgeView)),
  h('g', { class: 'sc-initials', 'aria-hidden': 'true' }, layout.initials.map((m) =>
    h('g', { 'data-initial-of': m.parent },
      h('circle', { class: 'sc-initial', cx: m.dot.x, cy: m.dot.y, r: 4.5 }),
      h('path', { class: 'sc-initial', d: linePath(m.points, 6), fill: 'none' }),
      h('path', { class: 'sc-initial', d: arrowPath(m.points, 6) })))),
  h('g', { class: 'sc-atomics' }, atomics.map(atomicView)));
}

function describe(model: StatechartModel, layout: StatechartLayout, sentence: ReturnType<typeof chartText>['describe']): string {
  return sentence({
    states: model.nodes.length,
    arrows: layout.edges.length,
    compounds: model.nodes.filter((n) => n.kind === 'compound' && n.parent !== null).map((n) => n.key),
    checks: model.nodes.filter((n) => n.check).length,
    results: model.nodes.filter((n) => n.kind === 'result').map((n) => n.key),
  });
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
function linePath(points: readonly Point[], arrow = ARROW): string {
  if (points.length < 2) return '';
  const pts = points.map((p) => ({ ...p }));
  const last = pts[pts.length - 1]!;
  const before = pts[pts.length - 2]!;
  const length = Math.hypot(last.x - before.x, last.y - before.y);
  if (length > arrow) {
    const k = (length - arrow + 1) / length;
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
