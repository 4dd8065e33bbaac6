/**
 * The explorer, for the playground: the engine's search run for every compared release on
 * demand, its safe changes grouped when several releases need the same fix, and a result turned
 * into new editor texts (a loss loaded into the timeline, a change applied to the YAML in place).
 * The search itself is the engine's; this module is pure.
 */
import { findSafeChanges, findShortestLoss, type Change, type SafeChange, type ShortestLoss } from '../../engine/explore/index.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { editField, fieldPath } from '../../engine/scenario/yaml-edit.ts';
import type { Good } from './evaluate.ts';

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

export function exploreLoss(good: Good, edits = false): ExploreResult {
  return { kind: 'loss', edits, results: good.run.versions.map((v) => findShortestLoss(good.scenario, v.tag, { depth: EXPLORE_DEPTH, includeEdits: edits })) };
}

/** Identity of a change across releases: a release move is always its own. */
function changeKey(change: Change): string {
  return change.kind === 'release' ? `release:${change.from}>${change.to}` : `${change.id}|${change.object}|${change.field}|${JSON.stringify(change.to)}`;
}

export function groupKey(safe: Pick<SafeChange, 'changes'>): string {
  return safe.changes.map(changeKey).join('+');
}

/** The same fix needed by several releases is listed once, with the releases it keeps safe. */
export function groupSafeChanges(perRelease: readonly { tag: string; changes: readonly SafeChange[] }[]): KeepGroup[] {
  const groups = new Map<string, KeepGroup>();
  for (const { tag, changes } of perRelease) {
    for (const safe of changes) {
      const key = groupKey(safe);
      const group = groups.get(key);
      if (group) group.tags.push(tag);
      else groups.set(key, { safe, tags: [tag] });
    }
  }
  // Fixes that help the most releases first; otherwise in the engine's order (fewest changes first).
  return [...groups.values()].sort((a, b) => b.tags.length - a.tags.length);
}

export function exploreKeep(good: Good, edits = false): ExploreResult {
  const safe: string[] = [];
  const stuck: string[] = [];
  const perRelease: { tag: string; changes: SafeChange[] }[] = [];
  for (const version of good.run.versions) {
    const loss = findShortestLoss(good.scenario, version.tag, { depth: EXPLORE_DEPTH, includeEdits: edits });
    if (!loss.found && loss.refused === undefined) {
      safe.push(version.tag);
      continue;
    }
    const changes = findSafeChanges(good.scenario, version.tag, { depth: EXPLORE_DEPTH, maxChanges: 2, includeEdits: edits }).slice(0, 6);
    if (changes.length === 0) stuck.push(version.tag);
    perRelease.push({ tag: version.tag, changes });
  }
  return { kind: 'keep', safe, stuck, groups: groupSafeChanges(perRelease), edits };
}

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
