/** What the front ends show of a cluster: plain records, no behaviour. */
import { isTerminating } from './k8s/store.ts';
import { keyOf, type Hpa } from './k8s/types.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { metricViews, type MetricView } from './k8s/metrics.ts';

export interface HpaView {
  namespace: string;
  name: string;
  terminating: boolean;
  ownedByInferenceService: boolean;
  finalizers: string[];
  minReplicas: number | null;
  maxReplicas: number;
  scaleTarget: string;
  /** True for HPAs the scenario applied without an InferenceService ownerReference. */
  user: boolean;
  /** spec.metrics as stored (after the API server's defaulting, when it is on). */
  metrics: MetricView[];
}

export type HpaState = 'present' | 'owned' | 'terminating' | 'owned-terminating' | 'gone';

/** `userHpas` holds namespace/name keys. */
export function hpaView(hpa: Hpa, userHpas: ReadonlySet<string>): HpaView {
  return {
    namespace: hpa.metadata.namespace,
    name: hpa.metadata.name,
    terminating: isTerminating(hpa.metadata),
    ownedByInferenceService: ownedByInferenceService(hpa),
    finalizers: [...(hpa.metadata.finalizers ?? [])],
    minReplicas: hpa.spec.minReplicas ?? null,
    maxReplicas: hpa.spec.maxReplicas,
    scaleTarget: `${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`,
    user: userHpas.has(keyOf(hpa.metadata)),
    metrics: metricViews(hpa.spec.metrics),
  };
}

/**
 * What became of one HPA after a step: the vocabulary of verdicts, pictures and expectations.
 * `name` is `namespace/name`, or a bare name when only one namespace has it.
 */
export function hpaStateIn(hpas: readonly HpaView[], name: string): HpaState {
  const slash = name.indexOf('/');
  const hpa = slash === -1 ? hpas.find((h) => h.name === name) : hpas.find((h) => keyOf(h) === name);
  return hpa ? hpaStateOf(hpa) : 'gone';
}

/** The state of an HPA that is there. */
export function hpaStateOf(hpa: Pick<HpaView, 'terminating' | 'ownedByInferenceService'>): Exclude<HpaState, 'gone'> {
  if (hpa.terminating) return hpa.ownedByInferenceService ? 'owned-terminating' : 'terminating';
  return hpa.ownedByInferenceService ? 'owned' : 'present';
}

/** The parts of an HPA a user would call "theirs": a change to any of them by KServe is an overwrite. */
export function hpaContent(hpa: Hpa): string {
  const { uid: _uid, deletionTimestamp: _ts, ...meta } = hpa.metadata;
  return JSON.stringify([meta.labels ?? {}, meta.annotations ?? {}, meta.finalizers ?? [], meta.ownerReferences ?? [], hpa.spec]);
}
