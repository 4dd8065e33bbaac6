/**
 * The comparison the results pane draws, computed from the run and nothing else: which checks of a
 * decision differ from the neighbouring releases, what a step changed, and which HPAs, Deployments
 * and verdicts belong to which InferenceService. Pure, so the marks are tested without a browser.
 */
import type { Decision } from '../../engine/machine/controller.ts';
import type { HpaView } from '../../engine/views.ts';
import type { StepResult, VersionResult } from '../../engine/run.ts';
import type { CapacityDrop, Verdict } from '../../engine/verdict.ts';
import { RESULT_TONE, type Tone } from '../../engine/vocabulary.ts';

const WRITES = new Set(['Create', 'Update', 'Delete']);

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

const hpaSignature = (hpas: readonly HpaView[]) => JSON.stringify(hpas);

/** True when the step wrote something for this InferenceService, or its HPAs or replicas moved. */
export function changedAt(steps: readonly StepResult[], index: number, group: Group | null): boolean {
  const step = steps[index];
  if (!step) return false;
  const before = steps[index - 1];
  const decisions = group ? step.decisions.filter((d) => d.isvc === group.isvc) : step.decisions;
  if (decisions.some((d) => WRITES.has(d.result))) return true;
  const hpas = (s: StepResult | undefined) => (s ? hpasOf(s, group) : []);
  const replicas = (s: StepResult | undefined) => JSON.stringify((s ? deploymentsOf(s, group) : []).map((d) => [d.name, d.replicas]));
  return hpaSignature(hpas(step)) !== hpaSignature(hpas(before)) || replicas(step) !== replicas(before);
}

/** The loudest tone of what a step did in one release: a dot per release on the timeline. */
export function stepTone(step: StepResult | undefined): Tone | 'quiet' {
  if (!step) return 'quiet';
  if (step.admission && !step.admission.allowed) return 'refused';
  const tones = step.decisions.filter((d) => d.result !== 'NotCalled' && d.result !== 'Skipped' && d.result !== 'Existed').map((d) => RESULT_TONE[d.result]);
  // KServe setting replicas back undoes an autoscaler: a warning even when no HPA was written.
  if (step.deploymentWrites.some((w) => (w.kind === 'pinned' && w.undid) || w.reset)) tones.push('warn');
  const order: Tone[] = ['loss', 'warn', 'refused', 'safe'];
  return order.find((t) => tones.includes(t)) ?? 'quiet';
}

/** An InferenceService of the run, and what belongs to it. */
export interface Group {
  /** namespace/name; '' for the HPAs that belong to none. */
  isvc: string;
  namespace: string;
  /** Deployment names of this InferenceService anywhere in the run. */
  deployments: ReadonlySet<string>;
  /** HPA names its components looked up anywhere in the run. */
  lookups: ReadonlySet<string>;
}

export function groupsOf(versions: readonly VersionResult[]): Group[] {
  const keys: string[] = [];
  const deployments = new Map<string, Set<string>>();
  const lookups = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(value);
  };
  for (const version of versions) {
    for (const step of version.steps) {
      for (const isvc of step.isvcs) if (!keys.includes(isvc.key)) keys.push(isvc.key);
      for (const d of step.decisions) {
        if (!keys.includes(d.isvc)) keys.push(d.isvc);
        add(lookups, d.isvc, d.hpa);
      }
      for (const d of step.deployments) add(deployments, d.isvc, d.name);
    }
  }
  return keys.map((isvc) => ({
    isvc,
    namespace: isvc.slice(0, isvc.indexOf('/')),
    deployments: deployments.get(isvc) ?? new Set(),
    lookups: lookups.get(isvc) ?? new Set(),
  }));
}

function belongs(hpa: Pick<HpaView, 'namespace' | 'name' | 'scaleTarget'>, group: Group): boolean {
  if (hpa.namespace !== group.namespace) return false;
  const target = hpa.scaleTarget.startsWith('Deployment/') ? hpa.scaleTarget.slice('Deployment/'.length) : null;
  return group.lookups.has(hpa.name) || (target !== null && group.deployments.has(target));
}

/** The HPAs after a step that belong to `group` (all of them without a group). */
export function hpasOf(step: StepResult, group: Group | null): HpaView[] {
  return group ? step.hpas.filter((h) => belongs(h, group)) : step.hpas;
}

/** HPAs that belong to no InferenceService of the run. */
export function strayHpas(step: StepResult, groups: readonly Group[]): HpaView[] {
  return step.hpas.filter((h) => !groups.some((g) => belongs(h, g)));
}

export function deploymentsOf(step: StepResult, group: Group | null) {
  return group ? step.deployments.filter((d) => d.isvc === group.isvc) : step.deployments;
}

export function capacityDropsOf(version: VersionResult, group: Group | null): CapacityDrop[] {
  return group ? version.capacityDrops.filter((d) => d.isvc === group.isvc) : version.capacityDrops;
}

export function verdictsOf(version: VersionResult, group: Group | null): Verdict[] {
  return group ? version.verdicts.filter((v) => (v.isvc ?? '') === group.isvc) : version.verdicts;
}
