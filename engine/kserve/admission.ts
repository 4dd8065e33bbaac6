/**
 * KServe's validating webhook for InferenceServices, reduced to the HPA-related rules
 * (pkg/apis/serving/v1beta1/inference_service_validation.go). A refused create or update is
 * never stored and so reconciles nothing.
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION } from './constants.ts';
import type { Behaviour } from './releases.ts';

export type Admission = { allowed: true } | { allowed: false; message: string };

export type AdmissionRules = Pick<Behaviour, 'webhookClasses' | 'webhookChecksTargetUtilization' | 'webhookMetricValues' | 'statusModeNames' | 'mutatingNormalizesLegacyMode' | 'webhookWhileDeleting'>;

const LEGACY_MODE_NAMES: Readonly<Record<string, string>> = { RawDeployment: 'Standard', Serverless: 'Knative' };

/**
 * The mutating webhook, which runs before validation on create and update: from v0.17.0-rc0 it
 * rewrites the legacy deploymentMode values to their new names.
 */
export function mutateInferenceService(behaviour: Pick<Behaviour, 'mutatingNormalizesLegacyMode'>, isvc: InferenceService): InferenceService {
  const mode = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  if (!behaviour.mutatingNormalizesLegacyMode || mode === undefined || !Object.hasOwn(LEGACY_MODE_NAMES, mode)) return isvc;
  return { ...isvc, metadata: { ...isvc.metadata, annotations: { ...isvc.metadata.annotations, [ANNOTATION.deploymentMode]: LEGACY_MODE_NAMES[mode]! } } };
}

/** Runs on create and update alike; only ISVC-level annotations are validated, in every mode. */
export function admitInferenceService(behaviour: AdmissionRules, isvc: InferenceService): Admission {
  const annotations = isvc.metadata.annotations ?? {};
  const className = annotations[ANNOTATION.autoscalerClass];
  if (className !== undefined && !behaviour.webhookClasses.includes(className)) {
    return { allowed: false, message: `[${className}] is not a supported autoscaler class type (this release accepts ${behaviour.webhookClasses.join(', ')})` };
  }
  const target = annotations[ANNOTATION.targetUtilizationPercentage];
  if (target !== undefined && behaviour.webhookChecksTargetUtilization) {
    const value = /^[+-]?\d+$/.test(target) ? Number(target) : Number.NaN;
    if (!(value >= 1 && value <= 100)) {
      return { allowed: false, message: `the target utilization percentage should be a [1-100] integer, got "${target}"` };
    }
  }
  const metric = annotations[ANNOTATION.metrics];
  const allowedMetrics = behaviour.webhookMetricValues;
  if (metric !== undefined && className === 'hpa' && allowedMetrics && !allowedMetrics.includes(metric)) {
    return { allowed: false, message: `[${metric}] is not a supported metric (${allowedMetrics.join(', ')})` };
  }
  return { allowed: true };
}

/**
 * An UPDATE (by anyone, the controller's own finalizer patches included) also runs
 * validateDeploymentMode from v0.15.1: the annotation may not differ from the mode recorded in
 * the stored object's status. In v0.16 the status says `Standard` while nothing rewrites the
 * long-documented annotation value `RawDeployment`, so every update fails — the finalizer patch
 * on deletion too. v0.17.0-rc0 normalises the annotation and skips the check while deleting;
 * v0.19.0-rc0 skips all update validation while deleting. Pass the object already mutated.
 */
export function admitInferenceServiceUpdate(behaviour: AdmissionRules, stored: InferenceService, next: InferenceService): Admission {
  const deleting = stored.metadata.deletionTimestamp !== undefined;
  if (deleting && behaviour.webhookWhileDeleting === 'nothing') return { allowed: true };
  const recorded = stored.status?.deploymentMode;
  const annotated = next.metadata.annotations?.[ANNOTATION.deploymentMode];
  const checksMode = !(deleting && behaviour.webhookWhileDeleting === 'all but the mode check');
  if (checksMode && behaviour.statusModeNames && recorded && annotated !== undefined && annotated !== recorded) {
    return { allowed: false, message: `update rejected: deploymentMode cannot be changed from '${recorded}' to '${annotated}'` };
  }
  return admitInferenceService(behaviour, next);
}
