/**
 * The explorer, for the playground: the engine's search run for every compared release on
 * demand, and its safe changes grouped when several releases need the same fix. Loaded when
 * someone first asks (the element imports it then), so the page's own script stays small.
 * Pure: the answers go into the state through the action table ('explored').
 */
import { findSafeChanges, findShortestLoss, type Change, type SafeChange } from '../../engine/explore/index.ts';
import type { Good } from './evaluate.ts';
import { EXPLORE_DEPTH, type ExploreResult, type KeepGroup } from './explore-result.ts';

export { EXPLORE_DEPTH, type ExploreResult, type KeepGroup };

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
