/**
 * ELK (elkjs) lays the statechart out, chosen over the hand-written layered layout and router it
 * replaced (~1,200 lines) after drawing both to PNG. Previous controller: hand-written 962×732, 4 edge
 * crossings; ELK 1018×1061, 2 crossings; neither had label collisions. Restructured controller
 * (nextIsvc/nextComponent/isvcDone): hand-written 1014×846, 19 crossings, 6 labels on lines and one
 * over a state; ELK 955×1164, 2 crossings, none. ELK takes 30–50% more area but stays clean whatever
 * the machine becomes, and it is a maintained library rather than ours to keep.
 *
 * Build time only: Playground.astro awaits this and ships the finished SVG. No browser module may
 * import this file (elkjs is 1.6 MB); the browser only highlights (highlight.ts).
 *
 * The graph: every state is an ELK node (compound states hold their children, with room for the
 * title on top), every model edge an ELK edge placed in the lowest state holding both ends, with
 * its label sized for a monospace font. Each compound gets a small dot node with an edge to its
 * initial state. Options: layered, top to bottom, hierarchy handling INCLUDE_CHILDREN (one layout
 * across the levels, so transitions that leave a compound are routed properly), orthogonal routing,
 * centre edge labels (ELK reserves room for them, so they never collide). Cycles are broken greedily,
 * with edges leaving an initial state weighted so the initial state comes first.
 */
import ELK, { type ElkExtendedEdge, type ElkLabel, type ElkNode, type LayoutOptions } from 'elkjs/lib/elk.bundled.js';
import { METRICS, round, textWidth, type EdgeRoute, type InitialMarker, type Point, type Rect, type StateBox, type StatechartLayout } from './geometry.ts';
import type { StatechartEdge, StatechartModel, StatechartNode } from './model.ts';

/** Edge labels the chart leaves off: an unconditional eventless arrow needs no words. */
export const SILENT_LABELS: ReadonlySet<string> = new Set(['always']);

export function edgeLabelLines(edge: StatechartEdge): string[] {
  if (SILENT_LABELS.has(edge.label)) return [];
  return edge.label.split(' | ');
}

/** Options set on the root and on every compound (ELK reads most of them per level). */
export const ELK_OPTIONS: Readonly<LayoutOptions> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.cycleBreaking.strategy': 'GREEDY',
  'elk.layered.layering.strategy': 'LONGEST_PATH_SOURCE',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.compaction.postCompaction.strategy': 'EDGE_LENGTH',
  'elk.layered.spacing.nodeNodeBetweenLayers': '12',
  'elk.layered.spacing.edgeNodeBetweenLayers': '8',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '6',
  'elk.spacing.nodeNode': '12',
  'elk.spacing.edgeNode': '10',
  'elk.spacing.edgeEdge': '6',
  'elk.spacing.edgeLabel': '2',
  'elk.randomSeed': '1',
};

/** Weight of the edges leaving an initial state when cycles are broken (ELK's default is 0). */
const INITIAL_EDGE_PRIORITY = '10';
const INITIAL = '#initial';
const INITIAL_EDGE = '#initial->';
/** Room for a compound's title above its children. */
const TITLE_SPACE = 30;

const cache = new Map<string, Promise<StatechartLayout>>();

/** The layout of a model; the same model (by value) is laid out once per process unless `cache` is false. */
export function layoutStatechart(model: StatechartModel, { cache: useCache = true }: { cache?: boolean } = {}): Promise<StatechartLayout> {
  if (!useCache) return computeLayout(model);
  const key = JSON.stringify(model);
  let layout = cache.get(key);
  if (!layout) {
    layout = computeLayout(model);
    cache.set(key, layout);
    layout.catch(() => cache.delete(key));
  }
  return layout;
}

async function computeLayout(model: StatechartModel): Promise<StatechartLayout> {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<string, StatechartNode[]>();
  for (const n of model.nodes) if (n.parent) childrenOf.set(n.parent, [...(childrenOf.get(n.parent) ?? []), n]);
  const root = model.nodes.find((n) => n.parent === null);
  if (!root) throw new Error('statechart: the model has no root state');

  const lineage = (id: string): string[] => {
    const out: string[] = [];
    for (let c: string | null = id; c; c = byId.get(c)?.parent ?? null) out.push(c);
    return out;
  };
  /** Where ELK wants an edge: the end that holds the other, else the lowest state holding both. */
  const containerOf = (source: string, target: string): string | null => {
    if (source === target) return byId.get(source)?.parent ?? null;
    const up = lineage(target);
    if (up.includes(source)) return source;
    const down = lineage(source);
    if (down.includes(target)) return target;
    return down.find((c) => up.includes(c)) ?? null;
  };

  const graph: ElkNode = {
    id: '(graph)',
    layoutOptions: {
      ...ELK_OPTIONS,
      'elk.padding': padding(METRICS.margin, METRICS.margin),
      'elk.json.shapeCoords': 'ROOT',
      'elk.json.edgeCoords': 'ROOT',
    },
    children: [],
    edges: [],
  };
  const elkNodes = new Map<string | null, ElkNode>([[null, graph]]);
  const build = (n: StatechartNode): ElkNode => {
    const kids = childrenOf.get(n.id) ?? [];
    if (kids.length === 0) {
      return { id: n.id, width: Math.max(METRICS.minNodeW, Math.ceil(textWidth(n.label, METRICS.char) + 2 * METRICS.nodePadX)), height: METRICS.nodeH };
    }
    const node: ElkNode = {
      id: n.id,
      layoutOptions: {
        ...ELK_OPTIONS,
        'elk.padding': padding(TITLE_SPACE, METRICS.pad),
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${Math.ceil(textWidth(n.label, METRICS.titleChar) + 2 * METRICS.pad + 8)}, ${TITLE_SPACE + METRICS.pad})`,
      },
      children: [],
      edges: [],
    };
    const initial = kids.find((k) => k.initial);
    if (initial) {
      node.children!.push({ id: n.id + INITIAL, width: METRICS.dot, height: METRICS.dot });
      // Short and straight: the dot sits right before the state it marks.
      node.edges!.push({
        id: n.id + INITIAL_EDGE,
        sources: [n.id + INITIAL],
        targets: [initial.id],
        layoutOptions: { 'elk.layered.priority.shortness': '100', 'elk.layered.priority.straightness': '100' },
      });
    }
    for (const k of kids) node.children!.push(build(k));
    elkNodes.set(n.id, node);
    return node;
  };
  graph.children!.push(build(root));

  for (const e of model.edges) {
    const lines = edgeLabelLines(e);
    const labels: ElkLabel[] = lines.length
      ? [{
        text: lines.join('\n'),
        width: Math.ceil(Math.max(...lines.map((l) => textWidth(l, METRICS.labelChar)))) + 2,
        height: lines.length * METRICS.labelLine,
        layoutOptions: { 'elk.edgeLabels.placement': 'CENTER' },
      }]
      : [];
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.source], targets: [e.target], labels };
    if (byId.get(e.source)?.initial) edge.layoutOptions = { 'elk.layered.priority.direction': INITIAL_EDGE_PRIORITY };
    (elkNodes.get(containerOf(e.source, e.target)) ?? graph).edges!.push(edge);
  }

  const laid = await new ELK().layout(graph);

  const shapes = new Map<string, Rect>();
  const routes = new Map<string, { points: Point[]; label: Rect | null }>();
  const collect = (n: ElkNode): void => {
    for (const c of n.children ?? []) {
      shapes.set(c.id, { x: round(c.x ?? 0), y: round(c.y ?? 0), w: round(c.width ?? 0), h: round(c.height ?? 0) });
      collect(c);
    }
    for (const e of n.edges ?? []) {
      const points: Point[] = [];
      for (const s of e.sections ?? []) {
        for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
          const q = { x: round(p.x), y: round(p.y) };
          const last = points[points.length - 1];
          if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
        }
      }
      const l = e.labels?.[0];
      routes.set(e.id, { points, label: l ? { x: round(l.x ?? 0), y: round(l.y ?? 0), w: round(l.width ?? 0), h: round(l.height ?? 0) } : null });
    }
  };
  collect(laid);

  const states: StateBox[] = model.nodes.map((n) => {
    const box = shapes.get(n.id)!;
    const compound = (childrenOf.get(n.id) ?? []).length > 0;
    const titleBox = { x: box.x + 8, y: box.y + 3, w: textWidth(n.label, METRICS.titleChar) + 8, h: METRICS.titleH - 4 };
    return {
      id: n.id,
      key: n.key,
      kind: n.kind,
      label: n.label,
      parent: n.parent,
      depth: n.depth,
      initial: n.initial,
      box,
      title: compound ? { x: titleBox.x + 2, y: box.y + 16, box: titleBox } : null,
    };
  });
  const initials: InitialMarker[] = model.nodes.filter((n) => n.initial && n.parent).map((n) => {
    const dot = shapes.get(n.parent + INITIAL)!;
    const centre = { x: round(dot.x + dot.w / 2), y: round(dot.y + dot.h / 2) };
    return { parent: n.parent!, state: n.id, dot: centre, points: [centre, ...(routes.get(n.parent + INITIAL_EDGE)?.points.slice(1) ?? [])] };
  });
  const edges: EdgeRoute[] = model.edges.map((e) => {
    const route = routes.get(e.id)!;
    return { id: e.id, source: e.source, target: e.target, points: route.points, label: route.label ? { box: route.label, lines: edgeLabelLines(e) } : null };
  });
  return { width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), states, edges, initials };
}

function padding(top: number, sides: number): string {
  return `[top=${top},left=${sides},bottom=${sides},right=${sides}]`;
}
