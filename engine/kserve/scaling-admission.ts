/**
 * The validating webhook's per-component scaling checks (validateAutoScalingCompExtension and the
 * HPA, KPA and KEDA rules it calls, pkg/apis/serving/v1beta1/inference_service_validation.go). The
 * rules are chosen from the InferenceService's own annotations after the mutating webhook ran, so
 * in v0.16.x an explicit `deploymentMode: RawDeployment` (not yet rewritten to Standard) gets the
 * Knative rules and `scaleMetric: cpu` is refused.
 * Not modelled: `deploymentStrategy` (refused by the KPA rules from v0.13.0-rc1; the model has no
 * such field), the KEDA rules on autoScaling.metrics[] (resource names, target types, queries), and
 * the CRD's own enum on scaleMetric, which the API server applies before any webhook.
 */
import type { ComponentName, ComponentSpec, InferenceService, Json } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { ANNOTATION, KNATIVE_HPA_CLASS } from './constants.ts';
import type { Behaviour } from './releases.ts';

export type ScalingRules = Pick<Behaviour, 'scalingRuleChoice' | 'hpaRuleMetrics' | 'hpaRulesCheckAutoScaling' | 'kedaRules' | 'modeSpelling'>;
type RuleSet = 'hpa' | 'kpa' | 'keda';

const KPA_METRICS = ['concurrency', 'rps'] as const;
const VALIDATED_COMPONENTS: readonly ComponentName[] = ['predictor', 'transformer', 'explainer'];

/** Which rules the webhook applies to every component, or null for none. */
export function scalingRuleSet(behaviour: ScalingRules, annotations: Readonly<Record<string, string>>): RuleSet | null {
  const raw = annotations[ANNOTATION.deploymentMode] === behaviour.modeSpelling.RawDeployment;
  const knativeHpa = annotations[ANNOTATION.knativeClass] === KNATIVE_HPA_CLASS;
  const className = annotations[ANNOTATION.autoscalerClass];
  if (behaviour.scalingRuleChoice === 'rawByClass') {
    if (raw) return className === 'hpa' ? 'hpa' : className === 'keda' ? 'keda' : null;
    return knativeHpa ? 'hpa' : 'kpa';
  }
  if (raw || knativeHpa) return 'hpa';
  return behaviour.scalingRuleChoice === 'rawOrKnativeHpaElseKeda' && className === 'keda' ? 'keda' : 'kpa';
}

/** The first refusal over predictor, transformer and explainer, in the webhook's order; null when all pass. */
export function refuseComponentScaling(behaviour: ScalingRules, isvc: InferenceService): Message | null {
  const annotations = isvc.metadata.annotations ?? {};
  const rules = scalingRuleSet(behaviour, annotations);
  if (rules === null) return null;
  const why = rules === 'kpa' ? msg('webhookRules.kpa', { raw: behaviour.modeSpelling.RawDeployment }) : msg(`webhookRules.${rules}`);
  for (const component of VALIDATED_COMPONENTS) {
    const spec = isvc.spec[component];
    if (!spec) continue;
    const refusal = rules === 'hpa' ? hpaRules(behaviour, spec, component, why)
      : rules === 'kpa' ? kpaRules(spec, component, why)
        : kedaRules(behaviour, spec, component);
    if (refusal) return refusal;
  }
  return null;
}

/** validateScalingHPACompExtension: the metric (default cpu), then the target, then autoScaling.metrics (v0.15.0+). */
function hpaRules(behaviour: ScalingRules, spec: ComponentSpec, component: ComponentName, rules: Message): Message | null {
  const metric = spec.scaleMetric ?? 'cpu';
  if (!behaviour.hpaRuleMetrics.includes(metric)) return msg('admission.scaleMetric', { component, metric, rules, accepted: [...behaviour.hpaRuleMetrics] });
  const target = targetRefusal(metric, spec.scaleTarget, component);
  if (target) return target;
  if (!behaviour.hpaRulesCheckAutoScaling) return null;
  for (const [index, entry] of (spec.autoScaling?.metrics ?? []).entries()) {
    const type = field(entry, 'type');
    if (type !== 'Resource') return msg('admission.autoScalingSource', { component, index, type: typeof type === 'string' ? type : '' });
    if (field(entry, 'resource') === undefined || field(entry, 'resource') === null) return msg('admission.autoScalingResource', { component, index });
  }
  return null;
}

/** validateScalingKPACompExtension: the metric (default concurrency) and an rps target of at least 1. */
function kpaRules(spec: ComponentSpec, component: ComponentName, rules: Message): Message | null {
  const metric = spec.scaleMetric ?? 'concurrency';
  if (!(KPA_METRICS as readonly string[]).includes(metric)) return msg('admission.scaleMetric', { component, metric, rules, accepted: [...KPA_METRICS] });
  const target = spec.scaleTarget;
  if (metric === 'rps' && typeof target === 'number' && target < 1) return msg('admission.scaleTargetRps', { component, value: target });
  return null;
}

/** validateScalingKedaCompExtension, the parts on scaleMetric and scaleTarget. */
function kedaRules(behaviour: ScalingRules, spec: ComponentSpec, component: ComponentName): Message | null {
  if (behaviour.kedaRules === 'noScaleMetric') return spec.scaleMetric != null ? msg('admission.kedaScaleMetric', { component }) : null;
  if (behaviour.kedaRules === 'targetAsHpa') return targetRefusal(spec.scaleMetric ?? 'cpu', spec.scaleTarget, component);
  return null;
}

// `metric == cpu && target < 1 || target > 100`: by Go's precedence a target over 100 is refused for any metric.
function targetRefusal(metric: string, target: number | null | undefined, component: ComponentName): Message | null {
  if (typeof target !== 'number') return null;
  if ((metric === 'cpu' && target < 1) || target > 100) return msg('admission.scaleTargetUtilization', { component, value: target });
  if (metric === 'memory' && target < 1) return msg('admission.scaleTargetMemory', { component, value: target });
  return null;
}

function field(entry: Json, key: string): Json | undefined {
  return entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry[key] : undefined;
}
