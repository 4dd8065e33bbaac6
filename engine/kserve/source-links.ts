/** Links from a trace step to the exact upstream lines at a release's commit. */
import { getRelease } from './releases.ts';
import type { AnchorId } from './source-map.ts';

export const UPSTREAM_REPO = 'https://github.com/kserve/kserve';

export function sourceUrl(tag: string, anchor: AnchorId): string | null {
  const release = getRelease(tag);
  const where = release.source.anchors[anchor];
  if (!where) return null;
  return `${UPSTREAM_REPO}/blob/${release.commit}/${where.path}#L${where.start}-L${where.end}`;
}

export function commitUrl(commit: string): string {
  return `${UPSTREAM_REPO}/commit/${commit}`;
}

export function pullUrl(pr: number): string {
  return `${UPSTREAM_REPO}/pull/${pr}`;
}

/** The upstream function (or block) behind each source anchor, as KServe names it. */
export const ANCHOR_FUNCTION: Readonly<Record<AnchorId, string>> = {
  getAutoscalerClass: 'getAutoscalerClass',
  createAutoscaler: 'createAutoscaler',
  kedaReconcile: 'KedaReconciler.Reconcile',
  validateAutoscalerClass: 'validateInferenceServiceAutoscaler',
  componentMeta: 'buildObjectMeta / Predictor.Reconcile',
  setControllerReferences: 'SetControllerReferences',
  createHPA: 'createHPA',
  getHPAMetrics: 'getHPAMetrics',
  semanticHPAEquals: 'semanticHPAEquals',
  shouldCreateHPA: 'shouldCreateHPA',
  shouldDeleteHPA: 'shouldDeleteHPA',
  checkHPAExist: 'checkHPAExist',
  hpaReconcile: 'HPAReconciler.Reconcile',
  rawReconcilerAutoscaler: 'RawKubeReconciler.Reconcile',
  setupWithManager: 'SetupWithManager',
  isvcFinalizer: 'InferenceServiceReconciler.Reconcile (finalizer block)',
  deploymentModeResolve: 'GetDeploymentMode',
  deploymentReplicas: 'deployment_reconciler.go (replicas special case)',
  workloadModeParse: 'NewRawKubeReconciler (ParseDeploymentMode + workload factory)',
};

/** Where the engine models the anchors that are not a check of the decision graph. */
export const ANCHOR_MODELLED_IN: Readonly<Partial<Record<AnchorId, string>>> = {
  validateAutoscalerClass: 'engine/kserve/admission.ts',
  componentMeta: 'engine/kserve/component-meta.ts',
  setControllerReferences: 'engine/kserve/desired-hpa.ts',
  createHPA: 'engine/kserve/desired-hpa.ts',
  getHPAMetrics: 'engine/kserve/desired-hpa.ts',
  hpaReconcile: 'engine/machine/controller.ts',
  rawReconcilerAutoscaler: 'engine/machine/controller.ts',
  setupWithManager: 'engine/machine/world.ts',
  isvcFinalizer: 'engine/machine/controller.ts',
  deploymentReplicas: 'engine/kserve/deployment.ts',
};
