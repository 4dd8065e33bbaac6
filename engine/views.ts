/** What the front ends show of a cluster: plain records, no behaviour. */
import { isTerminating, type Cluster } from './k8s/store.ts';
import type { Hpa } from './k8s/types.ts';
import { ownedByInferenceService } from './kserve/checks.ts';

export interface HpaView {
  name: string;
  terminating: boolean;
  ownedByInferenceService: boolean;
  finalizers: string[];
  minReplicas: number | null;
  maxReplicas: number;
  scaleTarget: string;
  /** True for HPAs the scenario applied without an InferenceService ownerReference. */
  user: boolean;
}

export type HpaState = 'present' | 'owned' | 'terminating' | 'owned-terminating' | 'gone';

export function hpaView(hpa: Hpa, userHpas: ReadonlySet<string>): HpaView {
  return {
    name: hpa.metadata.name,
    terminating: isTerminating(hpa.metadata),
    ownedByInferenceService: ownedByInferenceService(hpa),
    finalizers: [...(hpa.metadata.finalizers ?? [])],
    minReplicas: hpa.spec.minReplicas ?? null,
    maxReplicas: hpa.spec.maxReplicas,
    scaleTarget: `${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`,
    user: userHpas.has(hpa.metadata.name),
  };
}

export function hpaState(cluster: Cluster, name: string): HpaState {
  const hpa = cluster.hpas.find((h) => h.metadata.name === name);
  if (!hpa) return 'gone';
  const owned = ownedByInferenceService(hpa);
  if (isTerminating(hpa.metadata)) return owned ? 'owned-terminating' : 'terminating';
  return owned ? 'owned' : 'present';
}

/** The parts of an HPA a user would call "theirs": a change to any of them by KServe is an overwrite. */
export function hpaContent(hpa: Hpa): string {
  const { uid: _uid, deletionTimestamp: _ts, ...meta } = hpa.metadata;
  return JSON.stringify([meta.labels ?? {}, meta.annotations ?? {}, meta.finalizers ?? [], meta.ownerReferences ?? [], hpa.spec]);
}
