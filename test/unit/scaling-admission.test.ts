/**
 * The validating webhook's per-component scaling checks, per release range, derived by hand from
 * pkg/apis/serving/v1beta1/inference_service_validation.go at the tags (validateAutoScalingCompExtension:
 * v0.12.0 :95-104, v0.15.0-rc1 :205-218, v0.15.0 :199-219, v0.16.0 :253-273, v0.17.0 :255-275; the HPA, KPA
 * and KEDA rules it calls: v0.12.0 :162-248, v0.15.0-rc1 :304-422, v0.15.0 :247-418) and the mutating webhook
 * (inference_service_defaults.go: v0.16.0 :157-168 only adds a missing annotation, v0.17.0 :160-170 rewrites
 * RawDeployment to Standard). Each case is mutated first, as the API server runs the webhooks.
 */
import { describe, expect, it } from 'vitest';
import type { ComponentSpec, InferenceService } from '../../engine/k8s/types.ts';
import { admitInferenceService, mutateInferenceService } from '../../engine/kserve/admission.ts';
import { ANNOTATION } from '../../engine/kserve/constants.ts';
import { getRelease, KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';

const from = (tag: string, first: string) => compareTags(tag, first) >= 0;
const between = (tag: string, first: string, last: string) => from(tag, first) && compareTags(tag, last) <= 0;

function isvc(annotations: Record<string, string>, spec: InferenceService['spec']): InferenceService {
  return { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'm', namespace: 'ml', uid: 'uid-m', annotations }, spec };
}

/** The create as the API server admits it: mutate (cluster default Serverless, so nothing is added), then validate. */
function created(tag: string, annotations: Record<string, string>, predictor: ComponentSpec, rest: Partial<InferenceService['spec']> = {}) {
  const rules = getRelease(tag).behaviour;
  return admitInferenceService(rules, mutateInferenceService(rules, isvc(annotations, { predictor, ...rest }), 'Serverless'));
}

const raw = { [ANNOTATION.deploymentMode]: 'RawDeployment' };
/** The spelling each release's own webhook would add or keep for RawDeployment. */
const rawSpelled = (tag: string) => ({ [ANNOTATION.deploymentMode]: getRelease(tag).behaviour.modeSpelling.RawDeployment });
const klass = (value: string) => ({ [ANNOTATION.autoscalerClass]: value });

describe('an explicit deploymentMode: RawDeployment with scaleMetric cpu or memory (issue 19, item 2)', () => {
  it('is refused on create only in v0.16.0-rc0 … v0.16.0, for class hpa and external alike: the Raw branch matches Standard and nothing renames RawDeployment yet', () => {
    for (const tag of KNOWN_TAGS) {
      for (const className of ['hpa', 'external']) {
        for (const metric of ['cpu', 'memory']) {
          const verdict = created(tag, { ...raw, ...klass(className) }, { scaleMetric: metric });
          // v0.12–v0.15.0-rc1: RawDeployment takes the HPA rules whatever the class; cpu and memory pass.
          // v0.15.0–v0.15.2: hpa → HPA rules (pass), external → no rules. v0.17+: rewritten to Standard, as v0.15.x.
          expect({ tag, className, metric, allowed: verdict.allowed }).toEqual({ tag, className, metric, allowed: !between(tag, 'v0.16.0-rc0', 'v0.16.0') });
        }
      }
    }
  });

  it('names the field and the Knative rules that refused it', () => {
    const verdict = created('v0.16.0', { ...raw, ...klass('external') }, { scaleMetric: 'cpu' });
    expect(verdict.allowed).toBe(false);
    if (verdict.allowed) return;
    expect(verdict.message.id).toBe('admission.scaleMetric');
    expect(verdict.message.params).toMatchObject({ component: 'predictor', metric: 'cpu', accepted: ['concurrency', 'rps'] });
    expect(verdict.message.params?.rules).toEqual({ id: 'webhookRules.kpa', params: { raw: 'Standard' } });
  });

  it('the same spec with the release’s own spelling of the mode passes everywhere', () => {
    for (const tag of KNOWN_TAGS) {
      for (const className of ['hpa', 'external']) {
        expect({ tag, className, allowed: created(tag, { ...rawSpelled(tag), ...klass(className) }, { scaleMetric: 'cpu' }).allowed }).toEqual({ tag, className, allowed: true });
      }
    }
  });
});

describe('which rules the webhook picks, per range', () => {
  it('RawDeployment with class external and a Knative metric: HPA rules refuse it up to v0.15.0-rc1; from v0.15.0 external gets no rules, v0.16.x the KPA rules', () => {
    for (const tag of KNOWN_TAGS) {
      const verdict = created(tag, { ...raw, ...klass('external') }, { scaleMetric: 'concurrency' });
      expect({ tag, allowed: verdict.allowed }).toEqual({ tag, allowed: from(tag, 'v0.15.0') });
    }
  });

  it('no class annotation in the Raw branch: checked by the HPA rules before v0.15.0, not checked at all from v0.15.0 (the class switch has no default)', () => {
    for (const tag of KNOWN_TAGS) {
      expect({ tag, allowed: created(tag, rawSpelled(tag), { scaleMetric: 'rps' }).allowed }).toEqual({ tag, allowed: from(tag, 'v0.15.0') });
    }
  });

  it('outside the Raw branch the Knative HPA class takes the HPA rules in every release, else the KPA rules', () => {
    for (const tag of KNOWN_TAGS) {
      const knativeHpa = { [ANNOTATION.knativeClass]: 'hpa.autoscaling.knative.dev' };
      expect({ tag, cpu: created(tag, knativeHpa, { scaleMetric: 'cpu' }).allowed, concurrency: created(tag, knativeHpa, { scaleMetric: 'concurrency' }).allowed })
        .toEqual({ tag, cpu: true, concurrency: false });
      expect({ tag, cpu: created(tag, {}, { scaleMetric: 'cpu' }).allowed, rps: created(tag, {}, { scaleMetric: 'rps' }).allowed })
        .toEqual({ tag, cpu: false, rps: true });
    }
  });

  it('class keda in the Raw branch: HPA rules in v0.15.0-rc1 (cpu passes), KEDA rules from v0.15.0 (any scaleMetric refused)', () => {
    for (const tag of KNOWN_TAGS.filter((t) => from(t, 'v0.15.0-rc1'))) {
      const verdict = created(tag, { ...rawSpelled(tag), ...klass('keda') }, { scaleMetric: 'cpu' });
      expect({ tag, allowed: verdict.allowed, id: verdict.allowed ? null : verdict.message.id })
        .toEqual({ tag, allowed: tag === 'v0.15.0-rc1', id: tag === 'v0.15.0-rc1' ? null : 'admission.kedaScaleMetric' });
    }
  });
});

describe('the HPA rules’ own checks', () => {
  const hpaRaw = (tag: string) => ({ ...rawSpelled(tag), ...klass('hpa') });

  it('a target over 100 is refused for memory too (Go precedence: cpu && t < 1 || t > 100); memory below 1 is refused', () => {
    for (const tag of KNOWN_TAGS) {
      const over = created(tag, hpaRaw(tag), { scaleMetric: 'memory', scaleTarget: 150 });
      const zero = created(tag, hpaRaw(tag), { scaleMetric: 'memory', scaleTarget: 0 });
      expect({ tag, over: over.allowed ? null : over.message.id, zero: zero.allowed ? null : zero.message.id })
        .toEqual({ tag, over: 'admission.scaleTargetUtilization', zero: 'admission.scaleTargetMemory' });
      expect({ tag, allowed: created(tag, hpaRaw(tag), { scaleMetric: 'cpu', scaleTarget: 100 }).allowed }).toEqual({ tag, allowed: true });
    }
  });

  it('prometheus passes the HPA rules only in v0.15.0-rc1', () => {
    for (const tag of KNOWN_TAGS) {
      expect({ tag, allowed: created(tag, hpaRaw(tag), { scaleMetric: 'prometheus' }).allowed }).toEqual({ tag, allowed: tag === 'v0.15.0-rc1' });
    }
  });

  it('from v0.15.0 every autoScaling.metrics entry must be of type Resource with resource set', () => {
    const external = { autoScaling: { metrics: [{ type: 'External', external: { metric: { backend: 'prometheus' } } }] } };
    const bare = { autoScaling: { metrics: [{ type: 'Resource' }] } };
    for (const tag of KNOWN_TAGS) {
      const a = created(tag, hpaRaw(tag), external);
      const b = created(tag, hpaRaw(tag), bare);
      const checked = from(tag, 'v0.15.0');
      expect({ tag, a: a.allowed ? null : a.message.id, b: b.allowed ? null : b.message.id })
        .toEqual({ tag, a: checked ? 'admission.autoScalingSource' : null, b: checked ? 'admission.autoScalingResource' : null });
    }
  });

  it('every component is checked, in order predictor, transformer, explainer', () => {
    const verdict = created('v0.16.0', hpaRaw('v0.16.0'), { scaleMetric: 'cpu' }, { transformer: { scaleMetric: 'rps' }, explainer: { scaleTarget: 0 } });
    expect(verdict.allowed ? null : verdict.message.params?.component).toBe('transformer');
  });
});

describe('the KPA rules’ own checks', () => {
  it('an rps target below 1 is refused, a concurrency target below 1 is not', () => {
    for (const tag of KNOWN_TAGS) {
      const rps = created(tag, {}, { scaleMetric: 'rps', scaleTarget: 0 });
      expect({ tag, rps: rps.allowed ? null : rps.message.id, concurrency: created(tag, {}, { scaleMetric: 'concurrency', scaleTarget: 0 }).allowed })
        .toEqual({ tag, rps: 'admission.scaleTargetRps', concurrency: true });
    }
  });
});
