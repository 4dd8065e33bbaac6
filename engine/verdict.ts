/**
 * What happened to each user HPA over a run: every harm, with the step it happened at. A user HPA
 * is one the scenario applied without an InferenceService ownerReference.
 *
 * Harms, worst first:
 * - deleted / collected: KServe deleted it, or garbage collection did after KServe adopted it;
 * - terminating: KServe's Delete left it Terminating (a finalizer holds it; it still scales);
 * - overwritten: KServe replaced its spec, labels, annotations, finalizers or owners by an Update;
 * - conflict: another HPA scales the same Deployment, so since Kubernetes 1.26 the HPA controller
 *   refuses to scale with either (ScalingActive=False, AmbiguousSelector; kubernetes#112011);
 * - fought: KServe's Deployment reconciler set the replicas this HPA had scaled to back to its pin.
 * The user's own removals and re-applies, and a GitOps tool restoring the HPA, are history too,
 * never harms.
 */
import { groupOf } from './k8s/lists.ts';
import { findHpa, type Cluster } from './k8s/store.ts';
import { hpaTargetKey } from './k8s/group-keys.ts';
import type { Hpa, ObjectRef } from './k8s/types.ts';
import { msg, type Message } from './i18n/message.ts';
import type { DeploymentWrite } from './kserve/deployment.ts';
import type { Decision } from './machine/controller.ts';
import { hpaContent } from './views.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { metricsMessage, metricViews, sameMetrics, type MetricView } from './k8s/metrics.ts';

export type HpaEventKind = 'overwritten' | 'deleted' | 'terminating' | 'collected' | 'conflict' | 'fought' | 'removed' | 'reapplied' | 'restored' | 'kedaRestored';
export type Fate = 'kept' | 'overwritten' | 'deleted' | 'terminating' | 'removed' | 'conflict' | 'scaling-fought';

/** The kinds of history entry that are harms, worst first. */
export const HARMS = ['deleted', 'collected', 'terminating', 'overwritten', 'conflict', 'fought'] as const satisfies readonly HpaEventKind[];
export type Harm = (typeof HARMS)[number];

export interface HpaHistoryEntry {
  step: number;
  kind: HpaEventKind;
}

export interface Verdict {
  /** The HPA's name; `namespace` says where. */
  hpa: string;
  namespace: string;
  /** The InferenceService (namespace/name) whose Deployment the HPA scales or whose component name it has; null if none. */
  isvc: string | null;
  fate: Fate;
  /** The first step where it came to harm; null when it never did. */
  firstLossStep: number | null;
  history: HpaHistoryEntry[];
  /** What its overwrites took (metrics, behavior), in order; absent when they took nothing named here. */
  lost?: Loss[];
}

export interface StepChange {
  step: number;
  eventType: string;
  /** The HPA the user's own event acted on (hpa-delete, hpa-remove-finalizer, apply of an HPA), if any. */
  userTarget: ObjectRef | null;
  before: Cluster;
  after: Cluster;
  decisions: readonly Decision[];
  deploymentWrites: readonly DeploymentWrite[];
  /** The step's notes: KEDA's writes of its HPAs are among them. */
  notes?: readonly Message[];
}

/** The HPA a user event acts on directly; KServe's reactions to other events are never the user's doing. */
export function userTargetOf(event: { type: string; object?: { kind: string; metadata: ObjectRef } }, resolved: ObjectRef | null = null): ObjectRef | null {
  if (event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer') return resolved;
  if (event.type === 'object.apply' && event.object?.kind === 'HorizontalPodAutoscaler') return event.object.metadata;
  return null;
}

const same = (a: ObjectRef, b: ObjectRef): boolean => a.name === b.name && a.namespace === b.namespace;
const find = (cluster: Pick<Cluster, 'hpas'>, ref: ObjectRef): Hpa | undefined => findHpa(cluster, ref);

/** Another HPA in the same namespace scales the same Deployment. */
export function sharesTarget(cluster: Pick<Cluster, 'hpas'>, hpa: Hpa): boolean {
  return groupOf(cluster.hpas, hpaTargetKey, hpaTargetKey(hpa)).some((other) => other !== hpa);
}

/** What one step did to one user HPA, in the order they happened (a step can overwrite and start a conflict). */
export function classifyStep(ref: ObjectRef, change: StepChange): HpaEventKind[] {
  const before = find(change.before, ref);
  const after = find(change.after, ref);
  const writes = change.decisions.filter((d) => d.hpa === ref.name && d.isvc.startsWith(`${ref.namespace}/`) && d.call !== null);
  const kserveWrote = writes.length > 0;
  // Several passes in one step (an upgrade's adoption): an Update of an HPA no InferenceService owned yet
  // replaced it (it now carries KServe's ownerReference) before the Delete.
  const overwroteFirst = before !== undefined && !ownedByInferenceService(before) && writes.some((d) => d.call!.verb === 'Update' && d.call!.outcome === 'updated');
  const usersOwn = change.userTarget !== null && same(change.userTarget, ref);
  // KEDA put its HPA back in the same step (after KServe deleted or overwrote it): the harm still happened.
  const kedaRestored = (change.notes ?? []).some((note) => (note.id === 'keda.hpaCreated' || note.id === 'keda.hpaRestored') && note.params?.hpa === ref.name)
    && writes.some((d) => (d.call!.verb === 'Delete' && d.call!.outcome === 'deleted') || (d.call!.verb === 'Update' && d.call!.outcome === 'updated'));
  const kinds: HpaEventKind[] = [];
  if (!before) {
    if (after && usersOwn) kinds.push('reapplied');
    else if (after && change.eventType === 'gitops.sync') kinds.push('restored');
  } else if (usersOwn) {
    if (!after) kinds.push('removed');
  } else if (!after) {
    if (kserveWrote && overwroteFirst) kinds.push('overwritten');
    kinds.push(kserveWrote ? 'deleted' : 'collected');
  }
  else if (kedaRestored) {
    if (overwroteFirst || writes.some((d) => d.call!.verb === 'Update')) kinds.push('overwritten');
    if (writes.some((d) => d.call!.verb === 'Delete' && d.call!.outcome === 'deleted')) kinds.push('deleted');
    kinds.push('kedaRestored');
  }
  else if (after.metadata.deletionTimestamp !== undefined && before.metadata.deletionTimestamp === undefined) kinds.push(kserveWrote ? 'terminating' : 'collected');
  else if (kserveWrote && hpaContent(before) !== hpaContent(after)) kinds.push('overwritten');
  else if (change.eventType === 'gitops.sync' && hpaContent(before) !== hpaContent(after)) kinds.push('restored');
  if (after) {
    const target = after.spec.scaleTargetRef;
    const fought = change.deploymentWrites.some((w) => w.kind === 'pinned' && w.undid === ref.name && w.namespace === ref.namespace && target.kind === 'Deployment' && w.name === target.name);
    if (fought) kinds.push('fought');
    if (sharesTarget(change.after, after) && !(before && sharesTarget(change.before, before))) kinds.push('conflict');
  }
  return kinds;
}

/** What one overwrite took from the user: its metrics (with KServe's in their place) or its behavior. */
export type Loss =
  | { step: number; kind: 'metrics'; before: MetricView[]; after: MetricView[] }
  | { step: number; kind: 'behavior' };

/**
 * What a step's overwrite took, when it left the HPA standing: KServe's Update sends its whole
 * desired spec, so the user's metrics and behavior are replaced by KServe's.
 */
export function lossesOf(ref: ObjectRef, kinds: readonly HpaEventKind[], step: number, change: Pick<StepChange, 'before' | 'after'>): Loss[] {
  const before = find(change.before, ref);
  const after = find(change.after, ref);
  if (!kinds.includes('overwritten') || kinds.includes('kedaRestored') || !before || !after) return [];
  const losses: Loss[] = [];
  const was = metricViews(before.spec.metrics);
  const now = metricViews(after.spec.metrics);
  if (!sameMetrics(was, now)) losses.push({ step, kind: 'metrics', before: was, after: now });
  const behavior = before.spec.behavior;
  if (behavior && Object.keys(behavior).length > 0 && JSON.stringify(behavior) !== JSON.stringify(after.spec.behavior)) losses.push({ step, kind: 'behavior' });
  return losses;
}

/** What the user lost, in words, one message per loss: "your memory 70% target replaced by cpu 80% at step 3". */
export function verdictLosses(verdict: Pick<Verdict, 'lost'>): Message[] {
  return (verdict.lost ?? []).map((loss) => {
    if (loss.kind === 'behavior') return msg('loss.behavior', { step: loss.step });
    return loss.before.length === 0
      ? msg('loss.metricsSet', { after: metricsMessage(loss.after), step: loss.step })
      : msg('loss.metrics', { before: metricsMessage(loss.before), after: metricsMessage(loss.after), step: loss.step });
  });
}

const FATE_OF: Readonly<Record<Harm, Fate>> = {
  deleted: 'deleted', collected: 'deleted', terminating: 'terminating', overwritten: 'overwritten', conflict: 'conflict', fought: 'scaling-fought',
};

export function isHarm(kind: HpaEventKind): kind is Harm {
  return (HARMS as readonly string[]).includes(kind);
}

/**
 * The fate: gone after any harm is `deleted` (whatever finished it), gone with no harm is
 * `removed` (the user's doing); present, the worst harm it came to, else `kept`.
 */
export function verdictFor(ref: ObjectRef, isvc: string | null, history: HpaHistoryEntry[], finalPresent: boolean, lost: readonly Loss[] = []): Verdict {
  const harms = history.filter((entry) => isHarm(entry.kind));
  const worst = HARMS.find((harm) => harms.some((entry) => entry.kind === harm));
  let fate: Fate = 'kept';
  if (!finalPresent) fate = harms.length > 0 ? 'deleted' : history.some((e) => e.kind === 'removed') ? 'removed' : 'deleted';
  else if (worst) fate = FATE_OF[worst];
  const verdict: Verdict = { hpa: ref.name, namespace: ref.namespace, isvc, fate, firstLossStep: harms[0]?.step ?? null, history };
  if (lost.length > 0) verdict.lost = [...lost];
  return verdict;
}

/** The verdict in words: "deleted at step 3, restored by GitOps at step 4", or "kept". */
export function verdictSummary(verdict: Pick<Verdict, 'history'>): Message {
  if (verdict.history.length === 0) return msg('history.kept');
  return historyMessage(verdict.history.map((entry) => msg('history.entry', { kind: msg(`history.${entry.kind}`), step: entry.step })));
}

/** Entries chained left to right in one 'history.then' nesting; more than this are grouped (below). */
const HISTORY_GROUP = 64;

/**
 * Entries in order, as the language strings a history together ("a, b, c"). Up to HISTORY_GROUP
 * entries nest left to right as they always have; a longer history (thousands of events) chains
 * groups of them, then groups of groups, so the message stays a few levels deep in `run --json` and
 * for any reader that walks it, and reads the same, since 'history.then' only puts a separator between.
 */
export function historyMessage(entries: readonly Message[]): Message {
  let level = entries;
  while (level.length > 1) {
    const next: Message[] = [];
    for (let start = 0; start < level.length; start += HISTORY_GROUP) {
      next.push(level.slice(start, start + HISTORY_GROUP).reduce((before, after) => msg('history.then', { before, after })));
    }
    level = next;
  }
  return level[0]!;
}

/** What happened to KServe's own HPA over a run (the matrix rows about class hpa). */
export type KserveHpaEventKind = 'created' | 'deleted' | 'terminating' | 'unmanaged';

export interface KserveHpaVerdict {
  outcome: import('./vocabulary.ts').KserveHpaOutcome;
  history: { step: number; kind: KserveHpaEventKind }[];
}

/**
 * KServe's own HPA `name` (in `namespace`) over a run's steps: created by KServe, deleted or left
 * Terminating by it (always intended: KServe cleans up after a class switch, stop or deletion), or
 * left behind unmanaged when the reconciler stops calling the HPA path (a switch to keda, #5196).
 */
export function kserveHpaVerdict(steps: readonly import('./run.ts').StepResult[], ref: ObjectRef): KserveHpaVerdict {
  const history: KserveHpaVerdict['history'] = [];
  let managed = false;
  let everPresent = false;
  const here = (h: { namespace: string; name: string }) => h.namespace === ref.namespace && h.name === ref.name;
  // The HPA path was not called: NotCalled, or the KEDA reconciler ran instead (and maybe failed).
  const hpaPathSkipped = (d: Decision): boolean => d.result === 'NotCalled' || d.trace.some((t) => t.check === 'kedaReconcile');
  for (const step of steps) {
    const decision = step.decisions.find((d) => d.hpa === ref.name && d.isvc.startsWith(`${ref.namespace}/`));
    const present = step.hpas.some(here);
    everPresent ||= present;
    if (decision?.call?.verb === 'Create' && decision.call.outcome === 'created') history.push({ step: step.index, kind: 'created' });
    if (decision?.call?.verb === 'Delete') history.push({ step: step.index, kind: decision.call.outcome === 'terminating' ? 'terminating' : 'deleted' });
    if (decision && hpaPathSkipped(decision) && present && managed && !history.some((h) => h.kind === 'unmanaged')) history.push({ step: step.index, kind: 'unmanaged' });
    if (decision) managed = present && !hpaPathSkipped(decision);
  }
  const last = steps[steps.length - 1];
  const present = last?.hpas.some(here) ?? false;
  const outcome = !everPresent ? 'never-created' : !present ? 'cleaned-up' : history.some((h) => h.kind === 'unmanaged') ? 'left' : 'managed';
  return { outcome, history };
}

/**
 * A Deployment write after a spec change that sent replicas 1 although no class pins them
 * (v0.12–v0.13, v0.15.0-rc0 … v0.15.0; engine/kserve/deployment.ts): the capacity lost until an
 * HPA scales the Deployment back. Whoever's HPA scaled it, KServe's or the user's.
 */
export interface CapacityDrop {
  step: number;
  namespace: string;
  deployment: string;
  /** The InferenceService (namespace/name) the Deployment belongs to. */
  isvc: string;
  from: number;
  to: number;
  /** The HPA whose scaling the drop undid, if an HPA had set the replicas. */
  hpa: string | null;
  /**
   * The one live HPA that scales the Deployment, when the drop left it below that HPA's
   * minReplicas: its next sync sets them back to minReplicas whatever the load. Null otherwise
   * (how far it climbs then depends on metrics, which the model does not evaluate).
   */
  restore: { hpa: string; minReplicas: number } | null;
}

/** A capacity drop in words: "my-isvc-predictor: capacity dropped from 4 to 1 at step 4 (rollout)". */
export function capacityDropMessage(drop: CapacityDrop): Message {
  const params = { deployment: drop.deployment, from: drop.from, to: drop.to, step: drop.step };
  if (drop.restore) return msg('capacity.droppedRestored', { ...params, hpa: drop.restore.hpa, min: drop.restore.minReplicas });
  return drop.hpa === null ? msg('capacity.dropped', params) : msg('capacity.droppedScaled', { ...params, hpa: drop.hpa });
}
