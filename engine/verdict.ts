/**
 * What happened to each user HPA over a run, in plain words: "deleted at step 3",
 * "overwritten at step 3, deleted at step 4", "kept". A user HPA is one the scenario applied
 * without an InferenceService ownerReference.
 */
import type { Cluster } from './k8s/store.ts';
import type { Decision } from './machine/controller.ts';
import { hpaContent } from './views.ts';

export type HpaEventKind = 'overwritten' | 'deleted' | 'terminating' | 'collected' | 'removed' | 'reapplied';
export type Fate = 'kept' | 'overwritten' | 'deleted' | 'terminating' | 'removed';

export interface HpaHistoryEntry {
  step: number;
  kind: HpaEventKind;
}

export interface Verdict {
  hpa: string;
  fate: Fate;
  /** The first step where KServe deleted, overwrote or stranded it; null when it never did. */
  firstLossStep: number | null;
  history: HpaHistoryEntry[];
  summary: string;
}

export interface StepChange {
  step: number;
  eventType: string;
  /** The HPA the user's own event acted on (hpa-delete, hpa-remove-finalizer, apply of an HPA), if any. */
  userTarget: string | null;
  before: Cluster;
  after: Cluster;
  decisions: Decision[];
}

/** The HPA a user event acts on directly; KServe's reactions to other events are never the user's doing. */
export function userTargetOf(event: { type: string; name?: string; object?: { kind: string; metadata: { name: string } } }): string | null {
  if (event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer') return event.name ?? null;
  if (event.type === 'object.apply' && event.object?.kind === 'HorizontalPodAutoscaler') return event.object.metadata.name;
  return null;
}

/** Classifies what one step did to one user HPA, or null when it did nothing worth saying. */
export function classifyStep(name: string, change: StepChange): HpaEventKind | null {
  const before = change.before.hpas.find((h) => h.metadata.name === name);
  const after = change.after.hpas.find((h) => h.metadata.name === name);
  const kserveWrote = change.decisions.some((d) => d.hpa === name && d.call !== null);
  const usersOwn = change.userTarget === name;
  if (!before) return after && usersOwn ? 'reapplied' : null;
  if (usersOwn) return after ? null : 'removed';
  if (!after) return kserveWrote ? 'deleted' : 'collected';
  if (after.metadata.deletionTimestamp !== undefined && before.metadata.deletionTimestamp === undefined) return kserveWrote ? 'terminating' : 'collected';
  if (kserveWrote && hpaContent(before) !== hpaContent(after)) return 'overwritten';
  return null;
}

const LOSSES: readonly HpaEventKind[] = ['overwritten', 'deleted', 'terminating', 'collected'];

/** How each kind of history entry reads in a verdict summary. */
export const HISTORY_WORDS: Readonly<Record<HpaEventKind, string>> = {
  overwritten: 'overwritten',
  deleted: 'deleted',
  terminating: 'left Terminating',
  collected: 'garbage-collected',
  removed: 'removed by you',
  reapplied: 're-applied by you',
};

export function verdictFor(name: string, history: HpaHistoryEntry[], finalPresent: boolean, finalTerminating: boolean): Verdict {
  const firstLoss = history.find((entry) => LOSSES.includes(entry.kind));
  const last = [...history].reverse().find((entry) => entry.kind !== 'reapplied');
  let fate: Fate = 'kept';
  if (!finalPresent) fate = last?.kind === 'removed' && !firstLoss ? 'removed' : 'deleted';
  else if (finalTerminating && firstLoss) fate = 'terminating';
  else if (firstLoss) fate = 'overwritten';
  const summary = history.length === 0 ? 'kept' : history.map((entry) => `${HISTORY_WORDS[entry.kind]} at step ${entry.step}`).join(', ');
  return { hpa: name, fate, firstLossStep: firstLoss?.step ?? null, history, summary };
}
