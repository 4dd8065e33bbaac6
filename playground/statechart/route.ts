/**
 * Orthogonal edge routing on a sparse grid: the grid lines are the obstacles' (inflated) borders,
 * the ports, the layered layout's lanes and rank gaps, and midlines between them. A Dijkstra
 * search per edge minimises length plus a penalty per bend, for sharing a segment with an edge
 * to another state, and for crossing one; edges into the same state are encouraged to share
 * (a bus), so the seven results read as one line back to `next`. Deterministic: ties resolve by
 * state index, edges route in the order given.
 */
import { type Point, type Rect, type Side } from './geometry.ts';

export interface Obstacle {
  rect: Rect;
  /** The state this obstacle belongs to, so an edge can pass through its own ancestors. */
  owner: string | null;
}

export interface Port {
  point: Point;
  side: Side;
  cost: number;
}

export interface RouteRequest {
  id: string;
  source: string;
  target: string;
  sourcePorts: Port[];
  targetPorts: Port[];
  /** Owners whose obstacles this edge may cross (ancestors of its ends). */
  passable: ReadonlySet<string>;
  /** May share its way with other edges into the same state (a bus); otherwise keeps its own lane. */
  bundle: boolean;
}

export const STUB = 12;
const BEND = 30;
const HUG = 10;
const CROSS = 28;
const DIRS: readonly Point[] = [{ x: 1, y: 0 }, { x: 0, y: 1 }, { x: -1, y: 0 }, { x: 0, y: -1 }];
const SIDE_DIR: Record<Side, number> = { right: 0, bottom: 1, left: 2, top: 3 };

export function stubOf(port: Port, length = STUB): Point {
  const d = DIRS[SIDE_DIR[port.side]]!;
  return { x: port.point.x + d.x * length, y: port.point.y + d.y * length };
}

interface Usage {
  targets: Set<string>;
  sources: Set<string>;
}

export class Router {
  private readonly xs: number[];
  private readonly ys: number[];
  private readonly nx: number;
  private readonly ny: number;
  private readonly segUse = new Map<number, Usage>();
  private readonly pointUse = new Map<number, { h: Set<string>; v: Set<string> }>();
  private readonly portUse: { point: Point; target: string }[] = [];

  private readonly obstacles: readonly Obstacle[];
  private readonly borders: ReadonlyMap<string, Rect>;

  /** `borders`: the boxes of compound states, which edges may cross but should not run along. */
  private readonly preferX: Set<number>;
  private readonly preferY: Set<number>;

  /**
   * `lines`: extra grid lines; `prefer`: lines where bends are slightly cheaper (rank gaps and
   * lanes of the layered layout, so edges turn midway between rows rather than at a box).
   * `borders`: the boxes of compound states, which edges may cross but should not run along.
   */
  constructor(obstacles: readonly Obstacle[], bounds: Rect, lines: { xs: number[]; ys: number[] }, borders: ReadonlyMap<string, Rect> = new Map(), prefer: { xs: number[]; ys: number[] } = { xs: [], ys: [] }) {
    this.obstacles = obstacles;
    this.borders = borders;
    this.preferX = new Set(prefer.xs.map(snap));
    this.preferY = new Set(prefer.ys.map(snap));
    const xs = new Set<number>([bounds.x, bounds.x + bounds.w, ...lines.xs]);
    const ys = new Set<number>([bounds.y, bounds.y + bounds.h, ...lines.ys]);
    for (const o of obstacles) {
      xs.add(o.rect.x);
      xs.add(o.rect.x + o.rect.w);
      ys.add(o.rect.y);
      ys.add(o.rect.y + o.rect.h);
    }
    this.xs = withMidlines([...xs, ...prefer.xs].filter((x) => x >= bounds.x && x <= bounds.x + bounds.w));
    this.ys = withMidlines([...ys, ...prefer.ys].filter((y) => y >= bounds.y && y <= bounds.y + bounds.h));
    this.nx = this.xs.length;
    this.ny = this.ys.length;
  }

  private scratch: { hBlocked: Uint8Array; vBlocked: Uint8Array; hSoft: Uint8Array; vSoft: Uint8Array; dist: Float64Array; prev: Int32Array } | null = null;

  /** Per-search arrays, allocated once per router and cleared for each edge. */
  private buffers(): NonNullable<Router['scratch']> {
    const points = this.nx * this.ny;
    this.scratch ??= {
      hBlocked: new Uint8Array(points),
      vBlocked: new Uint8Array(points),
      hSoft: new Uint8Array(points),
      vSoft: new Uint8Array(points),
      dist: new Float64Array(points * 4),
      prev: new Int32Array(points * 4),
    };
    const b = this.scratch;
    b.hBlocked.fill(0);
    b.vBlocked.fill(0);
    b.hSoft.fill(0);
    b.vSoft.fill(0);
    b.dist.fill(Infinity);
    b.prev.fill(-1);
    return b;
  }

  route(request: RouteRequest): Point[] | null {
    const { xs, ys, nx, ny } = this;
    const active = this.obstacles.filter((o) => o.owner === null || !request.passable.has(o.owner));
    const { hBlocked, vBlocked, hSoft, vSoft, dist, prev } = this.buffers();
    for (const { rect: r } of active) {
      const ix0 = lowerIndex(xs, r.x);
      const ix1 = lowerIndex(xs, r.x + r.w);
      const iy0 = lowerIndex(ys, r.y);
      const iy1 = lowerIndex(ys, r.y + r.h);
      for (let iy = iy0; iy <= iy1 && iy < ny; iy += 1) {
        const y = ys[iy]!;
        if (y <= r.y || y >= r.y + r.h) continue;
        for (let ix = ix0; ix < ix1 && ix < nx - 1; ix += 1) hBlocked[iy * nx + ix] = 1;
      }
      for (let ix = ix0; ix <= ix1 && ix < nx; ix += 1) {
        const x = xs[ix]!;
        if (x <= r.x || x >= r.x + r.w) continue;
        for (let iy = iy0; iy < iy1 && iy < ny - 1; iy += 1) vBlocked[iy * nx + ix] = 1;
      }
    }

    // Running alongside a border an edge may cross (its ancestors') reads as part of the border.
    for (const [owner, r] of this.borders) {
      if (!request.passable.has(owner)) continue;
      for (let iy = 0; iy < ny; iy += 1) {
        const y = ys[iy]!;
        const nearTop = Math.abs(y - r.y) < HUG;
        const nearBottom = Math.abs(y - (r.y + r.h)) < HUG;
        for (let ix = 0; ix < nx - 1; ix += 1) {
          const x = (xs[ix]! + xs[ix + 1]!) / 2;
          if ((nearTop || nearBottom) && x > r.x - HUG && x < r.x + r.w + HUG) hSoft[iy * nx + ix] = 1;
        }
      }
      for (let ix = 0; ix < nx; ix += 1) {
        const x = xs[ix]!;
        if (Math.abs(x - r.x) >= HUG && Math.abs(x - (r.x + r.w)) >= HUG) continue;
        for (let iy = 0; iy < ny - 1; iy += 1) {
          const y = (ys[iy]! + ys[iy + 1]!) / 2;
          if (y > r.y - HUG && y < r.y + r.h + HUG) vSoft[iy * nx + ix] = 1;
        }
      }
    }

    const indexOf = (p: Point): number | null => {
      const ix = exactIndex(xs, p.x);
      const iy = exactIndex(ys, p.y);
      return ix === null || iy === null ? null : iy * nx + ix;
    };
    const portPenalty = (port: Port): number =>
      this.portUse.some((u) => u.target !== request.target && Math.abs(u.point.x - port.point.x) < 5 && Math.abs(u.point.y - port.point.y) < 5) ? 400 : 0;

    const heap = new Heap();
    const starts = new Map<number, Port>();
    for (const port of request.sourcePorts) {
      const at = indexOf(stubOf(port));
      if (at === null) continue;
      const state = at * 4 + SIDE_DIR[port.side];
      const cost = port.cost + portPenalty(port);
      if (cost < dist[state]!) {
        dist[state] = cost;
        starts.set(state, port);
      }
    }
    const ends = new Map<number, Port>();
    for (const port of request.targetPorts) {
      const at = indexOf(stubOf(port));
      if (at !== null && !ends.has(at)) ends.set(at, port);
    }
    // A*: Manhattan distance to the nearest target stub is a lower bound on the rest (halved
    // for bus edges, whose shared segments cost half their length).
    const goals = [...ends.keys()].map((at) => ({ x: xs[at % nx]!, y: ys[Math.floor(at / nx)]! }));
    const factor = request.bundle ? 0.5 : 1;
    const heuristic = (at: number): number => {
      const x = xs[at % nx]!;
      const y = ys[Math.floor(at / nx)]!;
      let best = Infinity;
      for (const g of goals) best = Math.min(best, Math.abs(g.x - x) + Math.abs(g.y - y));
      return best * factor;
    };
    for (const [state] of starts) {
      // Re-key the seeded states by f = g + h.
      heap.push(dist[state]! + heuristic(state >> 2), state);
    }
    let bestEnd = -1;
    let bestCost = Infinity;
    while (heap.size > 0) {
      const f = heap.peekCost();
      const state = heap.pop();
      const at = state >> 2;
      const cost = dist[state]!;
      if (f > cost + heuristic(at) + 1e-9) continue;
      if (f >= bestCost) break;
      const dir = state & 3;
      const endPort = ends.get(at);
      if (endPort) {
        const inward = (SIDE_DIR[endPort.side] + 2) % 4;
        const finish = cost + (dir === inward ? 0 : BEND + 20) + endPort.cost + portPenalty(endPort);
        if (finish < bestCost) {
          bestCost = finish;
          bestEnd = state;
        }
      }
      const ix = at % nx;
      const iy = (at - ix) / nx;
      // Leave a port straight: the first turn comes after the stub, where a label has room.
      const leaving = !request.bundle && prev[state] === -1 && starts.has(state);
      for (let nd = 0; nd < 4; nd += 1) {
        if (nd === (dir + 2) % 4 || (leaving && nd !== dir)) continue;
        const jx = ix + DIRS[nd]!.x;
        const jy = iy + DIRS[nd]!.y;
        if (jx < 0 || jy < 0 || jx >= nx || jy >= ny) continue;
        const horizontal = nd % 2 === 0;
        const segAt = horizontal ? iy * nx + Math.min(ix, jx) : Math.min(iy, jy) * nx + ix;
        if ((horizontal ? hBlocked : vBlocked)[segAt]) continue;
        const length = horizontal ? Math.abs(xs[jx]! - xs[ix]!) : Math.abs(ys[jy]! - ys[iy]!);
        let step = length;
        if (nd !== dir) step += BEND - ((nd % 2 === 0 ? this.preferY.has(ys[iy]!) : this.preferX.has(xs[ix]!)) ? 8 : 0);
        if ((horizontal ? hSoft : vSoft)[segAt]) step += length * 3 + 10;
        const use = this.segUse.get(segAt * 2 + (horizontal ? 0 : 1));
        if (use) {
          if (use.targets.has(request.target)) step += request.bundle ? -length * 0.5 : length + 10;
          else if (use.sources.has(request.source)) step += length * 1.5 + 20;
          else step += length * 6 + 120;
        }
        const next = jy * nx + jx;
        const crossing = this.pointUse.get(next);
        if (crossing) {
          const across = horizontal ? crossing.v : crossing.h;
          for (const t of across) {
            if (t !== request.target) {
              step += CROSS;
              break;
            }
          }
        }
        const nextState = next * 4 + nd;
        const candidate = cost + step;
        if (candidate < dist[nextState]!) {
          dist[nextState] = candidate;
          prev[nextState] = state;
          heap.push(candidate + heuristic(next), nextState);
        }
      }
    }
    if (bestEnd < 0) return null;

    const states: number[] = [];
    for (let s = bestEnd; s >= 0; s = prev[s]!) states.push(s);
    states.reverse();
    const startPort = starts.get(states[0]!)!;
    const endPort = ends.get(states[states.length - 1]! >> 2)!;
    const grid = states.map((s) => {
      const at = s >> 2;
      const ix = at % nx;
      return { x: xs[ix]!, y: ys[(at - ix) / nx]! };
    });
    const points = simplify([startPort.point, ...grid, endPort.point]);
    this.occupy(points, request.source, request.target);
    return points;
  }

  /** Records a routed polyline, so edges routed later avoid it (or share it, into the same state). */
  occupy(points: readonly Point[], source: string, target: string): void {
    const { xs, ys, nx } = this;
    const mark = (a: number, b: number, horizontal: boolean): void => {
      const key = Math.min(a, b) * 2 + (horizontal ? 0 : 1);
      const use = this.segUse.get(key) ?? { targets: new Set(), sources: new Set() };
      use.targets.add(target);
      use.sources.add(source);
      this.segUse.set(key, use);
      for (const p of [a, b]) {
        const pu = this.pointUse.get(p) ?? { h: new Set(), v: new Set() };
        (horizontal ? pu.h : pu.v).add(target);
        this.pointUse.set(p, pu);
      }
    };
    for (let i = 1; i < points.length; i += 1) {
      const p = points[i - 1]!;
      const q = points[i]!;
      const horizontal = p.y === q.y;
      const iy = exactIndex(ys, p.y);
      const ix = exactIndex(xs, p.x);
      if (horizontal && iy !== null) {
        const a = exactIndex(xs, Math.min(p.x, q.x));
        const b = exactIndex(xs, Math.max(p.x, q.x));
        if (a !== null && b !== null) for (let k = a; k < b; k += 1) mark(iy * nx + k, iy * nx + k + 1, true);
      } else if (!horizontal && ix !== null) {
        const a = exactIndex(ys, Math.min(p.y, q.y));
        const b = exactIndex(ys, Math.max(p.y, q.y));
        if (a !== null && b !== null) for (let k = a; k < b; k += 1) mark(k * nx + ix, (k + 1) * nx + ix, false);
      }
    }
    const ends = [points[0], points[points.length - 1]].filter((p): p is Point => p !== undefined);
    for (const point of ends) this.portUse.push({ point, target });
  }
}

/** Drops repeated and collinear points. */
export function simplify(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

function snap(v: number): number {
  return Math.round(v * 100) / 100;
}

function withMidlines(values: number[]): number[] {
  const sorted = [...new Set(values.map(snap))].sort((a, b) => a - b);
  const out: number[] = [];
  sorted.forEach((v, i) => {
    const next = sorted[i + 1];
    out.push(v);
    if (next !== undefined && next - v >= 24) out.push(Math.round(((v + next) / 2) * 100) / 100);
  });
  return out;
}

/** Index of the last value ≤ v (0 if none). */
function lowerIndex(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function exactIndex(values: readonly number[], v: number): number | null {
  const r = Math.round(v * 100) / 100;
  const i = lowerIndex(values, r);
  return values[i] === r ? i : null;
}

class Heap {
  private costs: number[] = [];
  private items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(cost: number, item: number): void {
    const { costs, items } = this;
    let i = items.length;
    costs.push(cost);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (costs[parent]! < cost || (costs[parent] === cost && items[parent]! <= item)) break;
      costs[i] = costs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    costs[i] = cost;
    items[i] = item;
  }
  peekCost(): number {
    return this.costs[0]!;
  }
  /** Removes and returns the item with the lowest cost. */
  pop(): number {
    const { costs, items } = this;
    const top = items[0]!;
    const lastCost = costs.pop()!;
    const lastItem = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mc = lastCost;
        let mi = lastItem;
        if (l < items.length && (costs[l]! < mc || (costs[l] === mc && items[l]! < mi))) {
          m = l;
          mc = costs[l]!;
          mi = items[l]!;
        }
        if (r < items.length && (costs[r]! < mc || (costs[r] === mc && items[r]! < mi))) m = r;
        if (m === i) break;
        costs[i] = costs[m]!;
        items[i] = items[m]!;
        i = m;
      }
      costs[i] = lastCost;
      items[i] = lastItem;
    }
    return top;
  }
}
