/**
 * Lays the statechart model out, deterministically and without dependencies.
 *
 * Each compound state is a labelled box around its children. A compound whose children are all
 * atomic (the decision graph in `component`) is laid out top-to-bottom by longest path from its
 * initial state, results pinned to the bottom row. A compound that mixes atomic and compound
 * children puts the atomic ones in a band (left-to-right at even depths, top-to-bottom at odd
 * ones) with the compound children beside it, which keeps the whole controller near 900×700.
 * Edges are routed orthogonally around the boxes (route.ts) and labelled near their source.
 */
import { contains, inflate, intersects, METRICS, round, segmentHitsRect, textWidth, type Point, type Rect, type Side } from './geometry.ts';
import { layered, type Direction, type LayeredResult } from './layered.ts';
import type { StatechartEdge, StatechartModel, StatechartNode, StateKind } from './model.ts';
import { Router, STUB, simplify, stubOf, type Obstacle, type Port, type RouteRequest } from './route.ts';

export interface StateBox {
  id: string;
  key: string;
  kind: StateKind;
  label: string;
  parent: string | null;
  depth: number;
  initial: boolean;
  box: Rect;
  /** Compound states: where the title is written (baseline-left) and the box it needs. */
  title: { x: number; y: number; box: Rect } | null;
}

export interface EdgeLabel {
  /** The box the text occupies; text is drawn left-aligned from box.x, one line per entry. */
  box: Rect;
  lines: string[];
}

export interface EdgeRoute {
  id: string;
  source: string;
  target: string;
  points: Point[];
  label: EdgeLabel | null;
}

export interface InitialMarker {
  /** The compound whose initial state this marks, and that state. */
  parent: string;
  state: string;
  dot: Point;
  points: Point[];
}

export interface StatechartLayout {
  width: number;
  height: number;
  states: StateBox[];
  edges: EdgeRoute[];
  initials: InitialMarker[];
}

/** Edge labels the chart leaves off: an unconditional eventless arrow needs no words. */
export const SILENT_LABELS: ReadonlySet<string> = new Set(['always']);

export function edgeLabelLines(edge: StatechartEdge): string[] {
  if (SILENT_LABELS.has(edge.label)) return [];
  return edge.label.split(' | ');
}

interface Block {
  w: number;
  h: number;
  /** Children's top-left, relative to the block's content origin. */
  rel: Map<string, Point>;
  /** Layered sub-layouts and where they sit in the content. */
  parts: { result: LayeredResult; offset: Point; dir: Direction }[];
  /** Width of the routing gutter on the left of the content (the title moves past it). */
  gutter: number;
}

const CONTENT_TOP = METRICS.titleH + 6;
const BUS_SPACE = 14;

export function layoutStatechart(model: StatechartModel): StatechartLayout {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const childrenOf = new Map<string, StatechartNode[]>();
  for (const n of model.nodes) if (n.parent) childrenOf.set(n.parent, [...(childrenOf.get(n.parent) ?? []), n]);
  const rootNode = model.nodes.find((n) => n.parent === null);
  if (!rootNode) throw new Error('statechart: the model has no root state');

  const ancestorsOf = (id: string): string[] => {
    const out: string[] = [];
    for (let p = byId.get(id)?.parent ?? null; p; p = byId.get(p)?.parent ?? null) out.push(p);
    return out;
  };
  /** The child of `compound` that is `id` or contains it. */
  const childUnder = (compound: string, id: string): string | null => {
    let current: string | null = id;
    while (current) {
      const node = byId.get(current);
      if (!node) return null;
      if (node.parent === compound) return current;
      current = node.parent;
    }
    return null;
  };

  const atomicSize = (n: StatechartNode): { w: number; h: number } => ({
    w: Math.max(METRICS.minNodeW, Math.ceil(textWidth(n.label, METRICS.char) + 2 * METRICS.nodePadX)),
    h: METRICS.nodeH,
  });

  // 1. Sizes and relative positions, bottom-up.
  const blocks = new Map<string, Block>();
  const sizes = new Map<string, { w: number; h: number }>();
  const layeredEdges = new Map<string, { part: LayeredResult; dir: Direction; offsetOf: string; offset: Point }>();

  const measure = (node: StatechartNode): { w: number; h: number } => {
    const children = childrenOf.get(node.id) ?? [];
    if (children.length === 0) {
      const size = atomicSize(node);
      sizes.set(node.id, size);
      return size;
    }
    for (const child of children) measure(child);
    const atomics = children.filter((c) => (childrenOf.get(c.id) ?? []).length === 0);
    const compounds = children.filter((c) => (childrenOf.get(c.id) ?? []).length > 0);
    const initial = children.find((c) => c.initial)?.id ?? null;
    const lifted = model.edges
      .map((e) => ({ id: e.id, source: childUnder(node.id, e.source), target: childUnder(node.id, e.target), real: e }))
      .filter((e): e is { id: string; source: string; target: string; real: StatechartEdge } => e.source !== null && e.target !== null && e.source !== e.target);
    const rel = new Map<string, Point>();
    const parts: Block['parts'] = [];
    let gutter = 0;
    let w = 0;
    let h = 0;

    const atomicIds = new Set(atomics.map((a) => a.id));
    const bandDir: Direction = compounds.length === 0 ? 'TB' : node.depth % 2 === 0 ? 'LR' : 'TB';
    let band: LayeredResult | null = null;
    if (atomics.length > 0) {
      band = layered(
        atomics.map((a) => ({ id: a.id, ...sizes.get(a.id)!, pinLast: a.kind === 'result' })),
        lifted.filter((e) => atomicIds.has(e.source) && atomicIds.has(e.target)),
        initial,
        bandDir,
        initial !== null && atomicIds.has(initial),
      );
      // A band beside compound children keeps a gutter on its outer side, for the transitions
      // that leave it for the enclosing states (done → idle) and for the labels next to them.
      gutter = compounds.length > 0 && bandDir === 'TB' ? METRICS.gutter : 0;
      for (const [id, p] of band.pos) rel.set(id, { x: p.x + gutter, y: p.y });
      parts.push({ result: band, offset: { x: gutter, y: 0 }, dir: bandDir });
      for (const e of lifted) if (e.source === e.real.source && e.target === e.real.target && atomicIds.has(e.source) && atomicIds.has(e.target)) {
        layeredEdges.set(e.id, { part: band, dir: bandDir, offsetOf: node.id, offset: { x: gutter, y: 0 } });
      }
      w = band.w + gutter;
      h = band.h;
    }
    if (compounds.length > 0) {
      const beside = band !== null && bandDir === 'TB';
      let x = beside ? w + METRICS.bandGap : 0;
      let y = band !== null && !beside ? h + METRICS.bandGapBelow : 0;
      const initialIsCompound = initial !== null && !atomicIds.has(initial);
      if (initialIsCompound) x += METRICS.initSpace;
      for (const c of compounds) {
        const size = sizes.get(c.id)!;
        rel.set(c.id, { x, y });
        w = Math.max(w, x + size.w);
        h = Math.max(h, y + size.h);
        y += size.h + METRICS.bandGap;
      }
    }
    // Edges leaving the compound from its last rank (results back to `next`) run as a bus below it.
    const lastRank = band ? Math.max(...[...band.rank.values()]) : -1;
    const exitsBelow = band !== null && bandDir === 'TB' && model.edges.some((e) => band!.rank.get(e.source) === lastRank && childUnder(node.id, e.target) === null);
    if (exitsBelow) h += BUS_SPACE;
    blocks.set(node.id, { w, h, rel, parts, gutter });
    const titleW = textWidth(node.label, METRICS.titleChar) + 2 * METRICS.pad + gutter;
    const size = { w: Math.max(titleW, w + 2 * METRICS.pad), h: CONTENT_TOP + h + METRICS.pad };
    sizes.set(node.id, size);
    return size;
  };
  const rootSize = measure(rootNode);

  // 2. Absolute positions, top-down.
  const boxes = new Map<string, Rect>();
  const contentOrigin = new Map<string, Point>();
  const place = (node: StatechartNode, at: Point): void => {
    const size = sizes.get(node.id)!;
    boxes.set(node.id, { x: at.x, y: at.y, ...size });
    const block = blocks.get(node.id);
    if (!block) return;
    const origin = { x: at.x + METRICS.pad, y: at.y + CONTENT_TOP };
    contentOrigin.set(node.id, origin);
    for (const child of childrenOf.get(node.id) ?? []) {
      const r = block.rel.get(child.id)!;
      place(child, { x: origin.x + r.x, y: origin.y + r.y });
    }
  };
  const M = METRICS.margin;
  place(rootNode, { x: M, y: M });
  const width = Math.ceil(rootSize.w + 2 * M);
  const height = Math.ceil(rootSize.h + 2 * M);

  const states: StateBox[] = model.nodes.map((n) => {
    const box = boxes.get(n.id)!;
    const compound = (childrenOf.get(n.id) ?? []).length > 0;
    const indent = blocks.get(n.id)?.gutter ?? 0;
    const titleBox = { x: box.x + 8 + indent, y: box.y + 3, w: textWidth(n.label, METRICS.titleChar) + 8, h: METRICS.titleH - 4 };
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

  // 3. Initial-state markers: a dot and a short arrow before the initial child.
  const initials: InitialMarker[] = [];
  for (const n of model.nodes) {
    if (!n.initial || !n.parent) continue;
    const parentBlock = blocks.get(n.parent)!;
    const part = parentBlock.parts.find((p) => p.result.pos.has(n.id));
    const b = boxes.get(n.id)!;
    const vertical = part?.dir === 'TB';
    const dot = vertical ? { x: b.x + b.w / 2, y: b.y - METRICS.initSpace + 6 } : { x: b.x - METRICS.initSpace + 6, y: b.y + b.h / 2 };
    const end = vertical ? { x: dot.x, y: b.y } : { x: b.x, y: dot.y };
    initials.push({ parent: n.parent, state: n.id, dot, points: [dot, end] });
  }

  // 4. Obstacles and ports.
  const absolute = (id: string, p: Point): Point => {
    const origin = contentOrigin.get(id)!;
    return { x: origin.x + p.x, y: origin.y + p.y };
  };
  const obstacles: Obstacle[] = [];
  for (const s of states) {
    if (s.parent === null) continue;
    obstacles.push({ rect: inflate(s.box, s.title ? 8 : 6), owner: s.id });
    if (s.title) obstacles.push({ rect: inflate(s.title.box, 2), owner: null });
  }
  for (const marker of initials) {
    const [a, b] = marker.points as [Point, Point];
    obstacles.push({ rect: inflate({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) }, 9), owner: null });
  }

  const partOf = (id: string): Block['parts'][number] | undefined => (blocks.get(byId.get(id)?.parent ?? '')?.parts ?? []).find((p) => p.result.pos.has(id));
  const rankOf = (id: string): number | undefined => partOf(id)?.result.rank.get(id);
  const forwardSides = (dir: Direction, forward: boolean): [Side, Side] =>
    dir === 'TB' ? (forward ? ['bottom', 'top'] : ['top', 'bottom']) : forward ? ['right', 'left'] : ['left', 'right'];
  const centreOf = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

  // Fixed ports for edges inside a layered block: out of the far side, into the near side,
  // spread along the side in the order of where each edge goes.
  const fixed = new Map<string, { source: Port; target: Port }>();
  const sideSlots = new Map<string, { edge: string; end: 'source' | 'target'; toward: number }[]>();
  const fixedSides = new Map<string, { source: Side; target: Side; chain: Point[] }>();
  for (const e of model.edges) {
    const info = layeredEdges.get(e.id);
    if (!info) continue;
    const rs = rankOf(e.source)!;
    const rt = rankOf(e.target)!;
    if (rs === rt) continue;
    const [sourceSide, targetSide] = forwardSides(info.dir, rt > rs);
    const chain = (info.part.chains.get(e.id) ?? []).map((p) => absolute(info.offsetOf, { x: p.x + info.offset.x, y: p.y + info.offset.y }));
    fixedSides.set(e.id, { source: sourceSide, target: targetSide, chain });
    const along = (p: Point): number => (info.dir === 'TB' ? p.x : p.y);
    const firstToward = chain[0] ?? centreOf(boxes.get(e.target)!);
    const lastFrom = chain[chain.length - 1] ?? centreOf(boxes.get(e.source)!);
    const push = (key: string, slot: { edge: string; end: 'source' | 'target'; toward: number }): void => {
      sideSlots.set(key, [...(sideSlots.get(key) ?? []), slot]);
    };
    push(`${e.source}|${sourceSide}`, { edge: e.id, end: 'source', toward: along(firstToward) });
    push(`${e.target}|${targetSide}`, { edge: e.id, end: 'target', toward: along(lastFrom) });
  }
  const pointOnSide = (r: Rect, side: Side, t: number): Point => {
    switch (side) {
      case 'top': return { x: round(r.x + r.w * t), y: r.y };
      case 'bottom': return { x: round(r.x + r.w * t), y: r.y + r.h };
      case 'left': return { x: r.x, y: round(r.y + r.h * t) };
      case 'right': return { x: r.x + r.w, y: round(r.y + r.h * t) };
    }
  };
  for (const [key, slots] of sideSlots) {
    const [id, side] = key.split('|') as [string, Side];
    const r = boxes.get(id)!;
    slots.sort((a, b) => a.toward - b.toward || a.edge.localeCompare(b.edge));
    slots.forEach((slot, i) => {
      const t = (i + 1) / (slots.length + 1);
      const port = { point: pointOnSide(r, side, t), side, cost: 0 };
      const entry = fixed.get(slot.edge) ?? { source: port, target: port };
      entry[slot.end] = port;
      fixed.set(slot.edge, entry);
    });
  }
  const freePorts = (r: Rect, toward: Rect): Port[] => {
    const c = centreOf(toward);
    const ports: Port[] = [];
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      const horizontal = side === 'top' || side === 'bottom';
      const span = horizontal ? r.w : r.h;
      const ts = new Set([0.5, 0.25, 0.75]);
      const projected = horizontal ? (c.x - r.x) / r.w : (c.y - r.y) / r.h;
      if (projected > 0.1 && projected < 0.9 && span > 120) ts.add(projected);
      for (const t of ts) ports.push({ point: pointOnSide(r, side, t), side, cost: Math.abs(t - 0.5) * 16 });
    }
    return ports;
  };

  // 5. Routing: edges inside layered blocks first, then the ones that cross boxes.
  const requests: RouteRequest[] = model.edges.filter((e) => e.source !== e.target).map((e) => {
    const ports = fixed.get(e.id);
    const sourceBox = boxes.get(e.source)!;
    const targetBox = boxes.get(e.target)!;
    const passable = new Set([...ancestorsOf(e.source), ...ancestorsOf(e.target)]);
    if (ancestorsOf(e.target).includes(e.source)) passable.add(e.source);
    if (ancestorsOf(e.source).includes(e.target)) passable.add(e.target);
    let sourcePorts = ports ? [ports.source] : freePorts(sourceBox, targetBox);
    const part = partOf(e.source);
    if (!ports && part && part.dir === 'TB' && part.result.rank.get(e.source) === Math.max(...part.result.rank.values()) && !part.result.pos.has(e.target)) {
      sourcePorts = sourcePorts.filter((p) => p.side === 'bottom');
    }
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourcePorts,
      targetPorts: ports ? [ports.target] : freePorts(targetBox, sourceBox),
      passable,
      bundle: !ports,
    };
  });
  const lines = { xs: [] as number[], ys: [] as number[] };
  const prefer = { xs: [] as number[], ys: [] as number[] };
  for (const r of requests) {
    for (const port of [...r.sourcePorts, ...r.targetPorts]) {
      const stub = stubOf(port);
      lines.xs.push(port.point.x, stub.x);
      lines.ys.push(port.point.y, stub.y);
    }
  }
  for (const [id, block] of blocks) {
    for (const part of block.parts) {
      const origin = contentOrigin.get(id)!;
      const laneAxis = part.dir === 'TB' ? prefer.xs : prefer.ys;
      const gapAxis = part.dir === 'TB' ? prefer.ys : prefer.xs;
      const o = { x: origin.x + part.offset.x, y: origin.y + part.offset.y };
      for (const lane of part.result.lanes) laneAxis.push(round((part.dir === 'TB' ? o.x : o.y) + lane));
      // Three tracks per gap between ranks, so jogs of neighbouring edges need not share one.
      for (const gap of part.result.gaps) for (const track of [-8, 0, 8]) gapAxis.push(round((part.dir === 'TB' ? o.y : o.x) + gap + track));
    }
  }
  const rootBox = boxes.get(rootNode.id)!;
  const bounds = inflate(rootBox, -3);
  const byOrder = (a: RouteRequest, b: RouteRequest): number => manhattan(a) - manhattan(b) || a.id.localeCompare(b.id);
  const inner = requests.filter((r) => fixed.has(r.id)).sort(byOrder);
  const crossing = requests.filter((r) => !fixed.has(r.id)).sort(byOrder);
  const routed = new Map<string, Point[]>();
  const fallback = (request: RouteRequest): Point[] => {
    const sp = request.sourcePorts[0]!.point;
    const tp = request.targetPorts[0]!.point;
    return simplify([sp, { x: sp.x, y: tp.y }, tp]);
  };
  for (const e of model.edges) if (e.source === e.target) routed.set(e.id, selfLoop(boxes.get(e.source)!));

  // Labels go near the source, clear of boxes, titles, other labels and (as far as they can) lines.
  const atomicBoxes = states.filter((s) => !s.title).map((s) => s.box);
  const titleBoxes = states.filter((s) => s.title).map((s) => s.title!.box);
  const compoundBoxes = states.filter((s) => s.title && s.parent !== null).map((s) => s.box);
  const placedLabels: Rect[] = [];
  const labels = new Map<string, EdgeLabel | null>();
  const placeLabel = (e: StatechartEdge): void => {
    const points = routed.get(e.id)!;
    const linesOf = edgeLabelLines(e);
    if (linesOf.length === 0) {
      labels.set(e.id, null);
      return;
    }
    const w = Math.ceil(Math.max(...linesOf.map((l) => textWidth(l, METRICS.labelChar)))) + 2;
    const h = linesOf.length * METRICS.labelLine;
    let best: { score: number; box: Rect } | null = null;
    const segments = points.slice(1).map((p, i) => [points[i]!, p] as const);
    segments.slice(0, 4).forEach(([a, b], index) => {
      const length = Math.abs(b.x - a.x) + Math.abs(b.y - a.y);
      const vertical = a.x === b.x;
      const sign = vertical ? Math.sign(b.y - a.y) : Math.sign(b.x - a.x);
      // Beside a vertical run, prefer the side the edge turns to next: away from its siblings.
      const after = segments[index + 1];
      const turnsLeft = after !== undefined && after[1].x < after[0].x;
      for (const d of [STUB - 2, STUB + 6, length / 2, length - 10]) {
        if (d < 2 || d > length - 2) continue;
        const p = vertical ? { x: a.x, y: a.y + sign * d } : { x: a.x + sign * d, y: a.y };
        const right = { x: p.x + 4, y: p.y - h / 2, w, h };
        const left = { x: p.x - 4 - w, y: p.y - h / 2, w, h };
        const candidates: Rect[] = vertical
          ? (turnsLeft ? [left, right] : [right, left])
          : [
            { x: sign > 0 ? p.x : p.x - w, y: p.y - 2 - h, w, h },
            { x: sign > 0 ? p.x : p.x - w, y: p.y + 2, w, h },
          ];
        candidates.forEach((box, side) => {
          const halo = inflate(box, 1);
          let score = index * 30 + d / 3 + side * 12;
          if (atomicBoxes.some((r) => intersects(r, halo))) score += 1000;
          if (titleBoxes.some((r) => intersects(r, box))) score += 1000;
          if (compoundBoxes.some((r) => intersects(r, box) && !contains(r, box))) score += 400;
          if (placedLabels.some((r) => intersects(r, halo))) score += 1000;
          for (const [other, pts] of routed) {
            for (let i = 1; i < pts.length; i += 1) if (segmentHitsRect(pts[i - 1]!, pts[i]!, halo)) score += other === e.id && i === 1 ? 40 : 150;
          }
          if (!best || score < best.score) best = { score, box };
        });
      }
    });
    const chosen = (best as { score: number; box: Rect } | null)?.box ?? { x: points[0]!.x + 4, y: points[0]!.y + 2, w, h };
    const box = { x: round(chosen.x), y: round(chosen.y), w, h };
    placedLabels.push(box);
    labels.set(e.id, { box, lines: linesOf });
  };
  const edgeById = new Map(model.edges.map((e) => [e.id, e]));

  // Phase 1: edges inside layered blocks, then their labels.
  const borders = new Map(states.filter((s) => s.title).map((s) => [s.id, s.box]));
  const first = new Router(obstacles, bounds, lines, borders, prefer);
  for (const request of inner) routed.set(request.id, first.route(request) ?? fallback(request));
  for (const request of inner) placeLabel(edgeById.get(request.id)!);
  // Phase 2: edges that leave their block, around those labels and along the lines already drawn.
  const labelObstacles = placedLabels.map((r) => ({ rect: inflate(r, 5), owner: null }));
  const second = new Router([...obstacles, ...labelObstacles], bounds, lines, borders, prefer);
  for (const request of inner) second.occupy(routed.get(request.id)!, request.source, request.target);
  for (const request of crossing) routed.set(request.id, second.route(request) ?? fallback(request));
  for (const e of model.edges) if (!labels.has(e.id)) placeLabel(e);

  const edges: EdgeRoute[] = model.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, points: routed.get(e.id)!, label: labels.get(e.id) ?? null }));

  return { width, height, states, edges, initials };
}

function manhattan(r: RouteRequest): number {
  const a = r.sourcePorts[0]!.point;
  const b = r.targetPorts[0]!.point;
  return Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
}

function selfLoop(r: Rect): Point[] {
  const x = r.x + r.w;
  return [{ x, y: r.y + 6 }, { x: x + 14, y: r.y + 6 }, { x: x + 14, y: r.y + r.h - 6 }, { x, y: r.y + r.h - 6 }];
}
