/**
 * What the explorer answered, as the state holds it, and how an answer's fix is applied to the
 * editor texts. Loaded with the page; the search itself (explore.ts, the engine's explorer) is
 * loaded when someone first asks.
 */
import type { SafeChange, ShortestLoss } from '../../engine/explore/index.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { editField, fieldPath } from '../../engine/scenario/edit.ts';

export const EXPLORE_DEPTH = 6;

/** One fix, and every release in which it keeps the HPAs. */
export interface KeepGroup {
  safe: SafeChange;
  tags: string[];
}

export type ExploreResult =
  | { kind: 'loss'; results: ShortestLoss[]; edits: boolean }
  | {
    kind: 'keep';
    /** Releases where nothing is lost within the depth: no change needed. */
    safe: string[];
    /** Releases that lose an HPA and for which no change of one or two steps helps. */
    stuck: string[];
    groups: KeepGroup[];
    edits: boolean;
  };

/**
 * The YAML edits of a safe change applied to the editor texts, in place (comments survive), and
 * the releases it moves to; null when an edit cannot be made in the texts as they are.
 */
export function applySafeChangeToTexts(texts: Pick<LinkState, 'isvc' | 'hpas'>, safe: Pick<SafeChange, 'changes'>): { texts: Pick<LinkState, 'isvc' | 'hpas'>; moves: { from: string; to: string }[] } | null {
  let next = { isvc: texts.isvc, hpas: texts.hpas };
  const moves: { from: string; to: string }[] = [];
  for (const change of safe.changes) {
    if (change.kind === 'release') {
      moves.push({ from: change.from, to: change.to });
      continue;
    }
    const value = change.to === null || (Array.isArray(change.to) && change.to.length === 0) ? undefined : change.to;
    const path = fieldPath(change.field);
    const isvc = editField(next.isvc, change.object, path, value);
    const hpas = isvc === null ? editField(next.hpas, change.object, path, value) : null;
    if (isvc === null && hpas === null) return null;
    next = isvc !== null ? { ...next, isvc } : { ...next, hpas: hpas! };
  }
  return { texts: next, moves };
}
