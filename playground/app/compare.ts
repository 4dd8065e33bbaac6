/**
 * The comparison the results pane marks: which checks of a decision differ from the neighbouring
 * releases. Everything else about a step (tone, grouping, HPAs, verdicts) comes from the engine's
 * RunView (engine/report/run-view.ts). Pure, so the marks are tested without a browser.
 */
import type { Decision } from '../../engine/machine/controller.ts';

/** The decision of `others` that corresponds to `decisions[index]`: same component, canary and HPA, same occurrence. */
function counterpart(decisions: readonly Decision[], index: number, others: readonly Decision[]): Decision | null {
  const d = decisions[index]!;
  const same = (x: Decision) => x.isvc === d.isvc && x.component === d.component && x.canary === d.canary && x.hpa === d.hpa;
  const occurrence = decisions.slice(0, index).filter(same).length;
  return others.filter(same)[occurrence] ?? null;
}

/**
 * For each decision of `current` (one release's decisions at a step), the set of checks whose
 * value differs from the left or the right neighbour's (a check the neighbour never reached, or
 * a neighbour that made no such decision, counts as different).
 */
export function differingChecks(current: readonly Decision[], neighbours: readonly (readonly Decision[])[]): Set<string>[] {
  return current.map((decision, index) => {
    const out = new Set<string>();
    for (const other of neighbours) {
      const match = counterpart(current, index, other);
      for (const step of decision.trace) {
        const theirs = match?.trace.find((t) => t.check === step.check);
        if (!theirs || theirs.value !== step.value) out.add(step.check);
      }
    }
    return out;
  });
}
