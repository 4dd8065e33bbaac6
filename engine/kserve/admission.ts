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

export type Admission = { allowed: true } | { allowed: false; message: Message };

export type AdmissionRules = Pick<Behaviour, 'webhookClasses' | 'webhookChecksTargetUtilization' | 'webhookMetricValues' | 'modeCheck' | 'modeSpelling' | 'mutatingNormalizesLegacyMode' | 'webhookWhileDeleting'>;

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

/** Runs on create and update alike; only ISVC-level annotations are validated, in every mode. */
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
 * An UPDATE (by anyone, the controller's own finalizer patches included) also runs
 * validateDeploymentMode from v0.15.1: the annotation may not differ from the mode recorded in
 * the stored object's status. Releases differ in how they read that status (see Behaviour
 * `modeCheck`); v0.17.0-rc0 skips the check while deleting, v0.19.0-rc0 all update validation.
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
  return admitInferenceService(behaviour, next);
}
