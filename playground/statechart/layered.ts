/**
 * A small deterministic layered (Sugiyama-style) layout for the children of one compound state:
 * break cycles by a depth-first walk from the initial state, rank by longest path, pin results
 * to the last rank, add dummy points for edges that skip ranks, order each rank by barycentres
 * (keeping the order with the fewest crossings), then place each rank by isotonic regression
 * towards its neighbours. Works top-to-bottom or left-to-right. No dependencies, no randomness.
 */
import { METRICS, type Point } from './geometry.ts';

export type Direction = 'TB' | 'LR';

const PINNED_EXTRA = 12;

export interface LayerItem {
  id: string;
  w: number;
  h: number;
  /** Results are pinned to the last rank. */
  pinLast: boolean;
}

export interface LayerEdge {
  id: string;
  source: string;
  target: string;
}

export interface LayeredResult {
  w: number;
  h: number;
  /** Top-left of each item, relative to the block. */
  pos: Map<string, Point>;
  rank: Map<string, number>;
  /** Centres of the dummy points of each rank-skipping edge, from its source to its target. */
  chains: Map<string, Point[]>;
  /** Order-axis coordinates of dummy lanes (x for TB, y for LR). */
  lanes: number[];
  /** Rank-axis midlines between ranks (y for TB, x for LR). */
  gaps: number[];
  /** Edges that point against the rank order (after cycle breaking). */
  backEdges: Set<string>;
}

interface Vertex {
  id: string;
  /** Size along the order axis and the rank axis. */
  along: number;
  across: number;
  real: boolean;
  rank: number;
  up: string[];
  down: string[];
  seed: number;
}

export function layered(items: readonly LayerItem[], edges: readonly LayerEdge[], initial: string | null, dir: Direction, reserveInitial: boolean): LayeredResult {
  const ids = items.map((i) => i.id);
  const itemOf = new Map(items.map((i) => [i.id, i]));
  const inner = edges.filter((e) => e.source !== e.target && itemOf.has(e.source) && itemOf.has(e.target));

  // 1. Cycle breaking by DFS from the initial state, then the rest in definition order.
  const outOf = new Map<string, LayerEdge[]>(ids.map((id) => [id, []]));
  for (const e of inner) outOf.get(e.source)!.push(e);
  const mark = new Map<string, 1 | 2>();
  const backEdges = new Set<string>();
  const preorder = new Map<string, number>();
  const dfs = (v: string): void => {
    mark.set(v, 1);
    preorder.set(v, preorder.size);
    for (const e of outOf.get(v)!) {
      const m = mark.get(e.target);
      if (m === 1) backEdges.add(e.id);
      else if (m === undefined) dfs(e.target);
    }
    mark.set(v, 2);
  };
  for (const id of initial && itemOf.has(initial) ? [initial, ...ids.filter((i) => i !== initial)] : ids) if (!mark.has(id)) dfs(id);
  const dag = inner.map((e) => (backEdges.has(e.id) ? { ...e, source: e.target, target: e.source } : e));

  // 2. Longest-path ranks (Kahn order, definition order breaks ties), results pinned last.
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of dag) indegree.set(e.target, indegree.get(e.target)! + 1);
  const queue = ids.filter((id) => indegree.get(id) === 0);
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const e of dag.filter((d) => d.source === v)) {
      rank.set(e.target, Math.max(rank.get(e.target)!, rank.get(v)! + 1));
      indegree.set(e.target, indegree.get(e.target)! - 1);
      if (indegree.get(e.target) === 0) queue.push(e.target);
    }
  }
  const pinned = items.filter((i) => i.pinLast);
  const free = items.filter((i) => !i.pinLast);
  if (pinned.length > 0 && free.length > 0) {
    const last = Math.max(...free.map((i) => rank.get(i.id)!)) + 1;
    for (const i of pinned) rank.set(i.id, last);
  }
  // Close gaps left by pinning or by unreachable states.
  const used = [...new Set(rank.values())].sort((a, b) => a - b);
  for (const [id, r] of rank) rank.set(id, used.indexOf(r));
  const ranks = used.length;

  // 3. Vertices: items plus one dummy per skipped rank.
  const vertices = new Map<string, Vertex>();
  for (const item of items) {
    vertices.set(item.id, {
      id: item.id,
      along: dir === 'TB' ? item.w : item.h,
      across: dir === 'TB' ? item.h : item.w,
      real: true,
      rank: rank.get(item.id)!,
      up: [],
      down: [],
      seed: preorder.get(item.id) ?? 0,
    });
  }
  const chainIds = new Map<string, string[]>();
  const link = (a: string, b: string): void => {
    const va = vertices.get(a)!;
    const vb = vertices.get(b)!;
    if (va.rank < vb.rank) {
      va.down.push(b);
      vb.up.push(a);
    } else {
      vb.down.push(a);
      va.up.push(b);
    }
  };
  for (const e of inner) {
    const rs = rank.get(e.source)!;
    const rt = rank.get(e.target)!;
    if (rs === rt) continue;
    const step = rt > rs ? 1 : -1;
    const chain: string[] = [];
    let previous = e.source;
    for (let r = rs + step; r !== rt; r += step) {
      const id = `${e.id}#${chain.length}`;
      const seedFrom = vertices.get(e.source)!.seed;
      vertices.set(id, { id, along: METRICS.dummyW, across: 0, real: false, rank: r, up: [], down: [], seed: seedFrom + 0.5 + chain.length * 0.01 });
      link(previous, id);
      chain.push(id);
      previous = id;
    }
    link(previous, e.target);
    chainIds.set(e.id, chain);
  }

  // 4. Ordering: barycentre sweeps, keeping the best by crossings.
  let layers: string[][] = Array.from({ length: ranks }, () => []);
  for (const v of [...vertices.values()].sort((a, b) => a.seed - b.seed)) layers[v.rank]!.push(v.id);
  const indexIn = (order: string[][]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const layer of order) layer.forEach((id, i) => m.set(id, i));
    return m;
  };
  const crossings = (order: string[][]): number => {
    const at = indexIn(order);
    let count = 0;
    for (let r = 0; r + 1 < order.length; r += 1) {
      const pairs: [number, number][] = [];
      for (const id of order[r]!) for (const d of vertices.get(id)!.down) pairs.push([at.get(id)!, at.get(d)!]);
      for (let i = 0; i < pairs.length; i += 1) {
        for (let j = i + 1; j < pairs.length; j += 1) {
          const [a1, b1] = pairs[i]!;
          const [a2, b2] = pairs[j]!;
          if ((a1 - a2) * (b1 - b2) < 0) count += 1;
        }
      }
    }
    return count;
  };
  let best = layers.map((l) => [...l]);
  let bestCrossings = crossings(best);
  for (let iteration = 0; iteration < 16; iteration += 1) {
    const downward = iteration % 2 === 0;
    const at = indexIn(layers);
    const sequence = downward ? [...Array(ranks).keys()].slice(1) : [...Array(ranks).keys()].reverse().slice(1);
    for (const r of sequence) {
      const layer = layers[r]!;
      const centre = new Map(layer.map((id) => {
        const v = vertices.get(id)!;
        const neighbours = downward ? v.up : v.down;
        const value = neighbours.length > 0 ? neighbours.reduce((s, n) => s + at.get(n)!, 0) / neighbours.length : at.get(id)!;
        return [id, value];
      }));
      layer.sort((a, b) => centre.get(a)! - centre.get(b)! || at.get(a)! - at.get(b)!);
      layer.forEach((id, i) => at.set(id, i));
    }
    const c = crossings(layers);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = layers.map((l) => [...l]);
    }
  }
  // Transpose: swap neighbours while that removes crossings.
  layers = best.map((l) => [...l]);
  for (let improved = true, rounds = 0; improved && rounds < 20; rounds += 1) {
    improved = false;
    for (const layer of layers) {
      for (let i = 0; i + 1 < layer.length; i += 1) {
        const before = crossings(layers);
        [layer[i], layer[i + 1]] = [layer[i + 1]!, layer[i]!];
        if (crossings(layers) < before) improved = true;
        else [layer[i], layer[i + 1]] = [layer[i + 1]!, layer[i]!];
      }
    }
  }

  // 5. Order-axis coordinates: pack, then pull towards neighbours with isotonic regression.
  const centre = new Map<string, number>();
  const separation = (a: Vertex, b: Vertex): number => (a.along + b.along) / 2 + (a.real && b.real ? METRICS.nodeGap : METRICS.nodeGap / 2);
  for (const layer of layers) {
    let c = 0;
    layer.forEach((id, i) => {
      const v = vertices.get(id)!;
      if (i > 0) c += separation(vertices.get(layer[i - 1]!)!, v);
      centre.set(id, c);
    });
  }
  const placeLayer = (layer: string[], neighboursOf: (v: Vertex) => string[]): void => {
    const desired = layer.map((id) => {
      const v = vertices.get(id)!;
      const n = neighboursOf(v);
      return n.length > 0 ? n.reduce((s, m) => s + centre.get(m)!, 0) / n.length : centre.get(id)!;
    });
    const weights = layer.map((id) => {
      const v = vertices.get(id)!;
      return v.real ? 1 : 2;
    });
    const seps = layer.slice(1).map((id, i) => separation(vertices.get(layer[i]!)!, vertices.get(id)!));
    isotonicPlace(desired, seps, weights).forEach((c, i) => centre.set(layer[i]!, c));
  };
  for (let iteration = 0; iteration < 24; iteration += 1) {
    const downward = iteration % 2 === 0;
    const sequence = downward ? [...Array(ranks).keys()] : [...Array(ranks).keys()].reverse();
    for (const r of sequence) placeLayer(layers[r]!, (v) => (iteration >= 20 ? [...v.up, ...v.down] : downward ? v.up : v.down));
  }
  let minEdge = Infinity;
  let maxEdge = -Infinity;
  for (const v of vertices.values()) {
    minEdge = Math.min(minEdge, centre.get(v.id)! - v.along / 2);
    maxEdge = Math.max(maxEdge, centre.get(v.id)! + v.along / 2);
  }
  for (const [id, c] of centre) centre.set(id, c - minEdge);

  // 6. Rank-axis coordinates.
  const gap = dir === 'TB' ? METRICS.layerGapTB : METRICS.layerGapLR;
  const thickness = layers.map((layer) => Math.max(0, ...layer.map((id) => vertices.get(id)!.across)));
  const rankStart: number[] = [];
  let cursor = reserveInitial ? METRICS.initSpace : 0;
  // The row of results gathers many edges; give their jogs a little more room.
  const gapBefore = (r: number): number => (r === ranks - 1 && pinned.length > 0 && free.length > 0 ? gap + PINNED_EXTRA : gap);
  for (let r = 0; r < ranks; r += 1) {
    rankStart.push(cursor);
    cursor += thickness[r]! + (r + 1 < ranks ? gapBefore(r + 1) : 0);
  }
  const gaps = rankStart.slice(1).map((start, i) => start - gapBefore(i + 1) / 2);

  const toPoint = (along: number, across: number): Point => (dir === 'TB' ? { x: along, y: across } : { x: across, y: along });
  const pos = new Map<string, Point>();
  for (const item of items) {
    const v = vertices.get(item.id)!;
    const across = rankStart[v.rank]! + (thickness[v.rank]! - v.across) / 2;
    pos.set(item.id, toPoint(centre.get(item.id)! - v.along / 2, across));
  }
  const chains = new Map<string, Point[]>();
  const lanes: number[] = [];
  for (const [edgeId, chain] of chainIds) {
    chains.set(edgeId, chain.map((id) => {
      const v = vertices.get(id)!;
      lanes.push(centre.get(id)!);
      return toPoint(centre.get(id)!, rankStart[v.rank]! + thickness[v.rank]! / 2);
    }));
  }
  const along = maxEdge - minEdge;
  const size = toPoint(Number.isFinite(along) ? along : 0, cursor);
  return { w: size.x, h: size.y, pos, rank, chains, lanes, gaps, backEdges };
}

/**
 * Positions as close to `desired` as possible (least squares, weighted) while keeping the order
 * and at least `seps[i]` between neighbours i and i+1: pool-adjacent-violators on the offsets.
 */
export function isotonicPlace(desired: readonly number[], seps: readonly number[], weights: readonly number[]): number[] {
  const offsets = [0];
  for (const s of seps) offsets.push(offsets[offsets.length - 1]! + s);
  const blocks: { value: number; weight: number; count: number }[] = [];
  desired.forEach((d, i) => {
    blocks.push({ value: d - offsets[i]!, weight: weights[i]!, count: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.value > blocks[blocks.length - 1]!.value) {
      const b = blocks.pop()!;
      const a = blocks.pop()!;
      const weight = a.weight + b.weight;
      blocks.push({ value: (a.value * a.weight + b.value * b.weight) / weight, weight, count: a.count + b.count });
    }
  });
  const out: number[] = [];
  for (const block of blocks) for (let k = 0; k < block.count; k += 1) out.push(block.value + offsets[out.length]!);
  return out;
}
