/**
 * `hpa-lab check`: for every InferenceService of a namespace or repository, and every release a
 * user can still run, whether what the cluster does by itself (pods, scaling, resyncs, restarts,
 * upgrades, GitOps syncs) can bring any of its user HPAs to harm, the shortest way there, and the
 * smallest change that makes it safe. Pure: the CLI reads files and prints.
 *
 * Releases are explored once per distinct behaviour (tags with the same rules explore the same)
 * and reported as ranges of consecutive tags with the same answer.
 */
import { keyOf } from '../k8s/types.ts';
import { getRelease, KNOWN_TAGS } from '../kserve/releases.ts';
import { compareTags } from '../kserve/tags.ts';
import type { Scenario, SourcePosition } from '../scenario/scenario.ts';
import { applySafeChange, findSafeChanges, type SafeChange } from './changes.ts';
import { partitionScenario } from './partition.ts';
import { canonicalPart } from './shape.ts';
import { DEFAULT_DEPTH, findShortestLoss, type ExploreOptions, type ShortestLoss } from './search.ts';

/** The releases `check` judges by default: every tag from the bug's first release on. */
export const CHECK_FROM = 'v0.13.0-rc1';
export const DEFAULT_CHECK_TAGS: readonly string[] = KNOWN_TAGS.filter((tag) => compareTags(tag, CHECK_FROM) >= 0);

export interface CheckOptions extends Pick<ExploreOptions, 'depth' | 'includeEdits' | 'gitops' | 'apiServerDefaulting'> {
  /** Tags to judge; default DEFAULT_CHECK_TAGS. */
  versions?: readonly string[];
  /** Also look for the smallest safe change (costs more searches). Default true. */
  fixes?: boolean;
  /** Search each shape once (default true); false searches every InferenceService as it is (the reference the tests compare with). */
  shapes?: boolean;
  /** Called after each InferenceService, for progress on a terminal. */
  progress?: (done: number, total: number) => void;
}

export interface ReleaseRange {
  /** Consecutive tags (in the order judged) with the same answer. */
  tags: string[];
  result: ShortestLoss;
  /** Smallest safe changes, fewest first (empty when safe or when none was found). */
  changes: SafeChange[];
}

export interface IsvcCheck {
  isvc: string;
  position: SourcePosition;
  ranges: ReleaseRange[];
}

export interface CheckReport {
  checked: IsvcCheck[];
  depth: number;
  harm: boolean;
  /** False when the search for safe changes was skipped (--no-fixes). */
  fixes: boolean;
}

/** What a result says, without the tag: ranges merge where this is equal. */
function answerKey(result: ShortestLoss): string {
  const { tag: _tag, statesVisited: _visited, ...rest } = result;
  return JSON.stringify(rest);
}

/**
 * The smallest safe change per range, searched in the range's first release and kept for as many
 * following releases as it also makes safe; where it stops holding, the range splits and the rest
 * gets its own search (renaming is enough in v0.14.1 but not where v0.15.0 pins replicas).
 */
function withFixes(scenario: Scenario, ranges: readonly ReleaseRange[], explore: ExploreOptions): ReleaseRange[] {
  const out: ReleaseRange[] = [];
  for (const range of ranges) {
    if (!range.result.found && range.result.refused === undefined) {
      out.push(range);
      continue;
    }
    let rest = range.tags;
    while (rest.length > 0) {
      const first = rest[0]!;
      const changes = findSafeChanges(scenario, first, { ...explore, maxChanges: 2 });
      const fix = changes[0];
      const verdicts = new Map<string, boolean>();
      const holds = (tag: string): boolean => {
        if (!fix) return true;
        // A release change means the same move only while it keeps its direction: "upgrade to v0.15.1"
        // found for v0.15.0 would be a downgrade for v0.20.0, even though the result is safe.
        const moves = fix.changes.every((c) => c.kind !== 'release' || Math.sign(compareTags(c.to, tag)) === Math.sign(compareTags(c.to, first)));
        if (!moves) return false;
        const applied = applySafeChange(scenario, tag, fix);
        const key = JSON.stringify([applied.tag === tag ? getRelease(tag).behaviour : applied.tag]);
        let safe = verdicts.get(key);
        if (safe === undefined) {
          const after = findShortestLoss(applied.scenario, applied.tag, explore);
          safe = !after.found && after.refused === undefined;
          verdicts.set(key, safe);
        }
        return safe;
      };
      let count = 1;
      while (count < rest.length && holds(rest[count]!)) count += 1;
      out.push({ tags: rest.slice(0, count), result: { ...range.result, tag: first }, changes });
      rest = rest.slice(count);
    }
  }
  return out;
}

export function checkScenario(scenario: Scenario, options: CheckOptions = {}): CheckReport {
  const depth = options.depth ?? DEFAULT_DEPTH;
  const tags = (options.versions ?? DEFAULT_CHECK_TAGS).map((tag) => getRelease(tag).tag);
  const explore: ExploreOptions = { ...options, depth };
  const parts = partitionScenario(scenario);
  // One search per shape: parts equal up to their names share it (shape.ts).
  const byShape = new Map<string, ReleaseRange[]>();
  const judge = (part: Scenario): ReleaseRange[] => {
    // Same rules, same search: one exploration per distinct behaviour.
    const byBehaviour = new Map<string, ShortestLoss>();
    const results = tags.map((tag) => {
      const key = JSON.stringify(getRelease(tag).behaviour);
      let found = byBehaviour.get(key);
      if (!found) {
        found = findShortestLoss(part, tag, explore);
        byBehaviour.set(key, found);
      }
      return { tag, result: { ...found, tag } as ShortestLoss };
    });
    const ranges: ReleaseRange[] = [];
    for (const { tag, result } of results) {
      const last = ranges[ranges.length - 1];
      if (last && answerKey(last.result) === answerKey(result)) last.tags.push(tag);
      else ranges.push({ tags: [tag], result, changes: [] });
    }
    return options.fixes === false ? ranges : withFixes(part, ranges, explore);
  };
  const checked: IsvcCheck[] = parts.map((part, index) => {
    const entry = part.scenario.objects.find((o) => o.object.kind === 'InferenceService' && keyOf(o.object.metadata) === part.isvc)!;
    const canonical = options.shapes === false ? null : canonicalPart(part.scenario, entry.object.metadata.name);
    let ranges: ReleaseRange[];
    if (canonical) {
      let shared = byShape.get(canonical.key);
      if (!shared) {
        shared = judge(canonical.scenario);
        byShape.set(canonical.key, shared);
      }
      ranges = canonical.restore(shared);
    } else ranges = judge(part.scenario);
    options.progress?.(index + 1, parts.length);
    return { isvc: part.isvc, position: entry.position, ranges };
  });
  return { checked, depth, harm: checked.some((c) => c.ranges.some((r) => r.result.found)), fixes: options.fixes !== false };
}
