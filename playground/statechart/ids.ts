/**
 * Step paths name states by key (`lookup`, `Delete`, `finalize`); the chart works with full ids.
 * Kept apart from model.ts so the renderer does not pull the controller machine into a bundle.
 */
import type { StatechartModel } from './model.ts';

/** Maps step-path entries (state keys such as `lookup`, `Delete`, `finalize`, or full ids) to state ids. */
export function pathToStateIds(model: StatechartModel, path: readonly string[]): string[] {
  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const byKey = new Map<string, StatechartModel['nodes']>();
  for (const node of model.nodes) byKey.set(node.key, [...(byKey.get(node.key) ?? []), node]);
  const ids: string[] = [];
  for (const entry of path) {
    if (byId.has(entry)) ids.push(entry);
    else {
      // A key names one state in this machine; were it ever ambiguous, the deepest state wins
      // (step paths name decision-graph states and results, which are the deepest).
      const matches = byKey.get(entry) ?? [];
      const deepest = [...matches].sort((a, b) => b.depth - a.depth)[0];
      if (deepest) ids.push(deepest.id);
    }
  }
  return ids;
}
