/** Plain geometry shared by the statechart layout, router and renderer. */
export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side = 'top' | 'right' | 'bottom' | 'left';

/** Sizes in CSS pixels at scale 1; the SVG scales through its viewBox. */
export const METRICS = {
  /** State labels: monospace, so widths are predictable without measuring text. */
  font: 12,
  char: 7.25,
  nodeH: 26,
  nodePadX: 10,
  minNodeW: 52,
  /** Edge labels. */
  labelFont: 11,
  labelChar: 6.65,
  labelLine: 12.5,
  /** Compound states: a title row, then padding around their children. */
  titleFont: 12,
  titleChar: 7.6,
  titleH: 22,
  pad: 12,
  margin: 6,
  layerGapTB: 38,
  layerGapLR: 52,
  nodeGap: 14,
  dummyW: 10,
  bandGap: 48,
  bandGapBelow: 36,
  gutter: 24,
  /** Room for the initial-state dot before the first layer. */
  initSpace: 24,
} as const;

export function inflate(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by };
}

/** Open-interior intersection: rectangles that only touch do not intersect. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function strictlyInside(p: Point, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.w && p.y > r.y && p.y < r.y + r.h;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** Does the axis-aligned segment a–b pass through the rectangle's interior? */
export function segmentHitsRect(a: Point, b: Point, r: Rect): boolean {
  const x1 = Math.min(a.x, b.x);
  const x2 = Math.max(a.x, b.x);
  const y1 = Math.min(a.y, b.y);
  const y2 = Math.max(a.y, b.y);
  if (x1 === x2) return x1 > r.x && x1 < r.x + r.w && y1 < r.y + r.h && y2 > r.y;
  if (y1 === y2) return y1 > r.y && y1 < r.y + r.h && x1 < r.x + r.w && x2 > r.x;
  return intersects({ x: x1, y: y1, w: x2 - x1, h: y2 - y1 }, r);
}

export function textWidth(text: string, char: number): number {
  return [...text].length * char;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
