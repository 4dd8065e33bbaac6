/**
 * Plain geometry and the shape of a laid-out statechart, shared by the build-time layout
 * (layout.ts) and the renderer. Nothing here pulls in the layout engine, so the renderer and the
 * browser's highlighter can import it freely.
 */
import type { StateKind } from './model.ts';

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
  /** The dot that marks a compound's initial state. */
  dot: 10,
} as const;

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
  /** Orthogonal polyline from the source's border to the target's border. */
  points: Point[];
  label: EdgeLabel | null;
}

export interface InitialMarker {
  /** The compound whose initial state this marks, and that state. */
  parent: string;
  state: string;
  dot: Point;
  /** From the dot's centre to the initial state's border. */
  points: Point[];
}

export interface StatechartLayout {
  width: number;
  height: number;
  states: StateBox[];
  edges: EdgeRoute[];
  initials: InitialMarker[];
}

/** Open-interior intersection: rectangles that only touch do not intersect. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

export function textWidth(text: string, char: number): number {
  return [...text].length * char;
}

export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
