/**
 * Which checks of a release's decision the trace shows and marks: a check "differs" when some other
 * compared release reached a different value for it (or never reached it); a decision that deletes
 * or overwrites an HPA shows its whole trace, and every other decision at least the check that
 * decided it (its last), so no column hides what made it act. Pure, tested without a browser.
 */
import type { Decision } from '../../engine/machine/controller.ts';

/** Decisions whose whole trace is always shown: KServe deleting or overwriting an HPA. */
const WHOLE_TRACE = new Set(['Delete', 'Update']);

/** The decision of `others` that corresponds to `decisions[index]`: same component, canary and HPA, same occurrence. */
function counterpart(decisions: readonly Decision[], index: number, others: readonly Decision[]): Decision | null {
  const d = decisions[index]!;
  const same = (x: Decision) => x.isvc === d.isvc && x.component === d.component && x.canary === d.canary && x.hpa === d.hpa;
  const occurrence = decisions.slice(0, index).filter(same).length;
  return others.filter(same)[occurrence] ?? null;
}

/**
 * For each decision of `current` (one release's decisions at a step), the checks whose value
 * differs from that of any other release in `others` (a check another release never reached, or a
 * release that made no such decision, counts as different).
 */
export function differingChecks(current: readonly Decision[], others: readonly (readonly Decision[])[]): Set<string>[] {
  return current.map((decision, index) => {
    const out = new Set<string>();
    for (const other of others) {
      const match = counterpart(current, index, other);
      for (const step of decision.trace) {
        const theirs = match?.trace.find((t) => t.check === step.check);
        if (!theirs || theirs.value !== step.value) out.add(step.check);
      }
    }
    return out;
  });
}

/** The trace steps (indices) a decision shows: all of them, or the differing ones and the one that decided. */
export function shownChecks(decision: Decision, differs: ReadonlySet<string>, all: boolean): number[] {
  const last = decision.trace.length - 1;
  const whole = all || WHOLE_TRACE.has(decision.result);
  return decision.trace.flatMap((t, i) => (whole || i === last || differs.has(t.check) ? [i] : []));
}
