/**
 * KServe's admission webhooks for InferenceServices, reduced to the HPA-related rules
 * (pkg/apis/serving/v1beta1/inference_service_defaults.go and inference_service_validation.go).
 * A refused create or update is never stored and so reconciles nothing. The controller's own
 * metadata patches (adding and removing its finalizer) are updates too and pass both webhooks.
 */
import type { InferenceService } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { ANNOTATION, type DeploymentMode } from './constants.ts';
import { parseDeploymentMode } from './mode.ts';
import type { Behaviour } from './releases.ts';
import { refuseComponentScaling, type ScalingRules } from './scaling-admission.ts';

/** A refusal names the InferenceService (namespace/name) whose write was refused, once it is known. */
export type Admission = { allowed: true } | { allowed: false; message: Message; isvc?: string };

export type AdmissionRules = ScalingRules & Pick<Behaviour, 'webhookClasses' | 'webhookChecksTargetUtilization' | 'webhookMetricValues' | 'modeCheck' | 'modeSpelling' | 'mutatingNormalizesLegacyMode' | 'webhookWhileDeleting' | 'predictorNameFromSpec'>;

const LEGACY_MODE_NAMES: Readonly<Record<string, string>> = { RawDeployment: 'Standard', Serverless: 'Knative' };

/**
 * The mutating webhook, which runs before validation on every create and update: in every release
 * it adds the deploymentMode annotation when it is absent and the cluster default is RawDeployment
 * or ModelMesh (spelled as the release spells it); from v0.17.0-rc0 it also rewrites the legacy
 * values RawDeployment and Serverless to Standard and Knative.
 */
export function mutateInferenceService(behaviour: Pick<Behaviour, 'mutatingNormalizesLegacyMode' | 'modeSpelling'>, isvc: InferenceService, clusterDefault: DeploymentMode): InferenceService {
  const mode = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  let value: string | undefined;
  if (mode === undefined) value = clusterDefault === 'Serverless' ? undefined : behaviour.modeSpelling[clusterDefault];
  else if (behaviour.mutatingNormalizesLegacyMode && Object.hasOwn(LEGACY_MODE_NAMES, mode)) value = LEGACY_MODE_NAMES[mode];
  if (value === undefined) return isvc;
  return { ...isvc, metadata: { ...isvc.metadata, annotations: { ...isvc.metadata.annotations, [ANNOTATION.deploymentMode]: value } } };
}

/**
 * Runs on create and update alike, in the webhook's order: the ISVC-level annotations, then each
 * component's scaling fields (scaling-admission.ts), then (v0.20) the canaries.
 */
export function admitInferenceService(behaviour: AdmissionRules, isvc: InferenceService): Admission {
  const annotations = isvc.metadata.annotations ?? {};
  const className = annotations[ANNOTATION.autoscalerClass];
  if (className !== undefined && !behaviour.webhookClasses.includes(className)) {
    return { allowed: false, message: msg('admission.classUnsupported', { class: className, accepted: [...behaviour.webhookClasses] }) };
  }
  const target = annotations[ANNOTATION.targetUtilizationPercentage];
  if (target !== undefined && behaviour.webhookChecksTargetUtilization) {
    const value = /^[+-]?\d+$/.test(target) ? Number(target) : Number.NaN;
    if (!(value >= 1 && value <= 100)) return { allowed: false, message: msg('admission.targetUtilization', { value: target }) };
  }
  const metric = annotations[ANNOTATION.metrics];
  const allowedMetrics = behaviour.webhookMetricValues;
  if (metric !== undefined && className === 'hpa' && allowedMetrics && !allowedMetrics.includes(metric)) {
    return { allowed: false, message: msg('admission.metricUnsupported', { metric, accepted: [...allowedMetrics] }) };
  }
  const scaling = refuseComponentScaling(behaviour, isvc);
  if (scaling) return { allowed: false, message: scaling };
  return behaviour.predictorNameFromSpec ? admitCanaries(isvc) : { allowed: true };
}

/** validateCanarySpecs (v0.20.0-rc0+ inference_service_validation.go), the parts the model reads. */
function admitCanaries(isvc: InferenceService): Admission {
  const canaries = isvc.spec.canary ?? [];
  if (canaries.length === 0) return { allowed: true };
  const refuse = (id: 'admission.canaryMode' | 'admission.canaryName' | 'admission.canaryDuplicate' | 'admission.canaryStableName' | 'admission.canaryTraffic' | 'admission.canaryFixed', params: Record<string, string | number> = {}): Admission => ({ allowed: false, message: msg(id, params) });
  if (isvc.metadata.annotations?.[ANNOTATION.deploymentMode] !== 'Standard') return refuse('admission.canaryMode');
  const names = new Set<string>();
  for (const [index, canary] of canaries.entries()) {
    const name = canary.predictor.name;
    if (!name) return refuse('admission.canaryName', { index });
    if (names.has(name)) return refuse('admission.canaryDuplicate', { name });
    names.add(name);
    if (name === isvc.spec.predictor?.name) return refuse('admission.canaryStableName', { name });
    if (canary.trafficPercent < 0 || canary.trafficPercent > 100) return refuse('admission.canaryTraffic', { name, value: canary.trafficPercent });
    const fixed = (['maxReplicas', 'scaleTarget', 'scaleMetric', 'autoScaling'] as const).find((field) => {
      const value = canary.predictor[field];
      return field === 'maxReplicas' ? typeof value === 'number' && value > 0 : value !== undefined && value !== null;
    });
    if (fixed) return refuse('admission.canaryFixed', { name, field: fixed });
  }
  return { allowed: true };
}

/** The value validateDeploymentMode compares the annotation with, or null when it checks nothing. */
function recordedMode(rule: Behaviour['modeCheck'], status: string | undefined): string | null {
  if (rule === 'none') return null;
  if (rule === 'parsed, emptyIsStandard') return parseDeploymentMode(status ?? '');
  if (!status) return null;
  return rule === 'parsed' ? parseDeploymentMode(status) : status;
}

/**
 * validatePredictorNameChange (v0.20.0-rc0+, #5672; v0.20.0 inference_service_validation.go:101-104,
 * 703-726): a changed spec.predictor.name needs a changed storage URI (unset reads as "").
 */
function renamedWithoutModelChange(stored: InferenceService, next: InferenceService): boolean {
  if ((stored.spec.predictor?.name ?? '') === (next.spec.predictor?.name ?? '')) return false;
  return (stored.spec.predictor?.storageUri ?? '') === (next.spec.predictor?.storageUri ?? '');
}

/**
 * An UPDATE (by anyone, the controller's own finalizer patches included) also runs
 * validateDeploymentMode from v0.15.1: the annotation may not differ from the mode recorded in
 * the stored object's status. Releases differ in how they read that status (see Behaviour
 * `modeCheck`); v0.17.0-rc0 skips the check while deleting, v0.19.0-rc0 all update validation.
 * From v0.20.0-rc0 a predictor rename must come with a model change.
 * Pass the object already mutated.
 */
export function admitInferenceServiceUpdate(behaviour: AdmissionRules, stored: InferenceService, next: InferenceService): Admission {
  const deleting = stored.metadata.deletionTimestamp !== undefined;
  if (deleting && behaviour.webhookWhileDeleting === 'nothing') return { allowed: true };
  const recorded = recordedMode(behaviour.modeCheck, stored.status?.deploymentMode);
  const annotated = next.metadata.annotations?.[ANNOTATION.deploymentMode];
  const checksMode = !(deleting && behaviour.webhookWhileDeleting === 'all but the mode check');
  if (checksMode && recorded !== null && annotated !== undefined && annotated !== recorded) {
    return { allowed: false, message: msg('admission.modeChange', { from: recorded, to: annotated }) };
  }
  if (behaviour.predictorNameFromSpec && renamedWithoutModelChange(stored, next)) return { allowed: false, message: msg('admission.renameNeedsModelChange') };
  return admitInferenceService(behaviour, next);
}
