/**
 * Announcing editor problems the same way in both editors: `aria-invalid` on the focusable
 * element, and the first problem written into the element `aria-describedby` points at.
 * Loaded eagerly with host.ts, so no Monaco here.
 */
import type { EditorMarker } from './host.ts';

const RANK: Readonly<Record<EditorMarker['severity'], number>> = { error: 0, warning: 1, info: 2 };

/** The marker to describe: the first error, else the first warning, else the first info. */
export function firstProblem(markers: readonly EditorMarker[]): EditorMarker | null {
  let best: EditorMarker | null = null;
  for (const marker of markers) {
    if (!best || RANK[marker.severity] < RANK[best.severity]) best = marker;
  }
  return best;
}

/** How the problem line is worded, per language: {line}, {column}, {message}, {n} are filled in. */
export interface ProblemWords {
  error: string;
  warning: string;
  info: string;
  oneMore: string;
  more: string;
}

export const ENGLISH_PROBLEM_WORDS: ProblemWords = {
  error: 'Line {line}, column {column}: {message}',
  warning: 'Warning: Line {line}, column {column}: {message}',
  info: 'Note: Line {line}, column {column}: {message}',
  oneMore: ' (and 1 more problem)',
  more: ' (and {n} more problems)',
};

const fillIn = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

/** "Line 3, column 5: message (and 2 more problems)", or "" without markers. */
export function problemText(markers: readonly EditorMarker[], words: ProblemWords = ENGLISH_PROBLEM_WORDS): string {
  const first = firstProblem(markers);
  if (!first) return '';
  const n = markers.length - 1;
  const more = n === 0 ? '' : n === 1 ? words.oneMore : fillIn(words.more, { n });
  return fillIn(words[first.severity], { line: first.line, column: first.column, message: first.message }) + more;
}

let counter = 0;

/** Makes sure `target` is described by `message`, giving `message` an id when it has none. */
export function linkDescription(target: Element, message: HTMLElement): void {
  if (!message.id) message.id = `editor-problem-${++counter}`;
  const ids = (target.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  if (!ids.includes(message.id)) target.setAttribute('aria-describedby', [...ids, message.id].join(' '));
}

/** The element for problem text: the one given, else the first `aria-describedby` target of `textarea`. */
export function findMessageElement(textarea: HTMLTextAreaElement, given: HTMLElement | null | undefined): HTMLElement | null {
  if (given) return given;
  const id = (textarea.getAttribute('aria-describedby') ?? '').split(/\s+/).find(Boolean);
  return id ? textarea.ownerDocument.getElementById(id) : null;
}

/** Applies markers to a focusable element and its message element. */
export function announceMarkers(target: Element | null, message: HTMLElement | null, markers: readonly EditorMarker[], words?: ProblemWords): void {
  const invalid = markers.some((marker) => marker.severity === 'error');
  if (target) {
    if (invalid) target.setAttribute('aria-invalid', 'true');
    else target.removeAttribute('aria-invalid');
    if (message) linkDescription(target, message);
  }
  if (message) {
    message.textContent = problemText(markers, words);
    // Colour by the worst problem shown: a warning is not an error.
    const first = firstProblem(markers);
    if (first) message.dataset.severity = first.severity;
    else delete message.dataset.severity;
  }
}
