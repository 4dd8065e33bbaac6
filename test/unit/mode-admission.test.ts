/**
 * Deployment mode and admission per release (engine/kserve/mode.ts, admission.ts), against the
 * KServe source as read in content/docs/reference/source-notes.md (§9.1 strict parsing, §9.2 status across
 * upgrades) and the tags themselves (`git show <tag>:<path>` in the KServe mirror). Releases are
 * chosen by tag with compareTags, never by the engine's behaviour ids.
 */
import { describe, expect, it } from 'vitest';
import type { InferenceService } from '../../engine/k8s/types.ts';
import { admitInferenceService, admitInferenceServiceUpdate, mutateInferenceService } from '../../engine/kserve/admission.ts';
import { ANNOTATION, type DeploymentMode } from '../../engine/kserve/constants.ts';
import { parseDeploymentMode, resolveDeploymentMode, workloadModeRejected } from '../../engine/kserve/mode.ts';
import { getRelease, KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { renderMessage } from '../../engine/i18n/render.ts';

const rules = (tag: string) => getRelease(tag).behaviour;
const from = (tag: string, first: string) => compareTags(tag, first) >= 0;
const between = (tag: string, first: string, last: string) => from(tag, first) && compareTags(tag, last) <= 0;

function isvc(annotations: Record<string, string> = {}, status?: string, deleting = false): InferenceService {
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name: 'm', namespace: 'ml', uid: 'uid-m', annotations, ...(deleting ? { finalizers: ['inferenceservice.finalizers'], deletionTimestamp: '2025-01-01T00:00:00Z' } : {}) },
    spec: { predictor: {} },
    ...(status !== undefined ? { status: { deploymentMode: status } } : {}),
  };
}
const mode = (value: string) => ({ [ANNOTATION.deploymentMode]: value });

describe('ParseDeploymentMode (constants.go, v0.17.0 :525-541)', () => {
  it('maps the legacy names and empty, and returns anything else unchanged (case-sensitive)', () => {
    expect(parseDeploymentMode('')).toBe('Standard');
    expect(parseDeploymentMode('RawDeployment')).toBe('Standard');
    expect(parseDeploymentMode('Serverless')).toBe('Knative');
    for (const same of ['Standard', 'Knative', 'ModelMesh', 'standard', 'rawdeployment', 'bogus']) expect(parseDeploymentMode(same)).toBe(same);
  });
});

// GetDeploymentMode (controller/v1beta1/inferenceservice/utils/utils.go): status first from v0.15.1,
// verbatim in v0.16.0 … v0.18.1 (:223-226), through ParseDeploymentMode from v0.19.0-rc0 (:227, #5427).
// The components take the raw path only when the value equals Standard (predictor.go, v0.16.0 :189).
describe('how each release reads a carried-over status.deploymentMode', () => {
  const DEFAULT: DeploymentMode = 'Serverless';

  it('a status a v0.15 controller wrote as RawDeployment: raw in v0.15.x, Knative path in v0.16.0 … v0.18.1, raw again from v0.19.0-rc0', () => {
    for (const tag of KNOWN_TAGS.filter((t) => from(t, 'v0.15.1'))) {
      const resolved = resolveDeploymentMode(rules(tag), isvc(mode('RawDeployment'), 'RawDeployment'), DEFAULT);
      const expected = between(tag, 'v0.16.0-rc0', 'v0.18.1')
        ? { mode: 'Serverless', from: 'status', value: 'RawDeployment' }
        : { mode: 'RawDeployment', from: 'status', value: from(tag, 'v0.19.0-rc0') ? 'Standard' : 'RawDeployment' };
      expect({ tag, resolved }).toEqual({ tag, resolved: expected });
    }
  });

  it('a status Serverless: Knative path everywhere it is read; from v0.19.0-rc0 it reads as Knative', () => {
    for (const tag of KNOWN_TAGS.filter((t) => from(t, 'v0.15.1'))) {
      const resolved = resolveDeploymentMode(rules(tag), isvc({}, 'Serverless'), 'RawDeployment');
      expect({ tag, resolved }).toEqual({ tag, resolved: { mode: 'Serverless', from: 'status', value: from(tag, 'v0.19.0-rc0') ? 'Knative' : 'Serverless' } });
    }
  });

  it('before v0.15.1 nothing reads (or writes) the status: the annotation decides', () => {
    for (const tag of KNOWN_TAGS.filter((t) => !from(t, 'v0.15.1'))) {
      expect(resolveDeploymentMode(rules(tag), isvc(mode('RawDeployment'), 'Serverless'), DEFAULT)).toEqual({ mode: 'RawDeployment', from: 'annotation', value: 'RawDeployment' });
      expect(rules(tag).writesStatusMode).toBe(false);
    }
    expect(rules('v0.15.1').writesStatusMode).toBe(true);
  });

  it('without a status: the annotation when the release knows it (case-sensitive), else the cluster default, each spelled as the release writes it', () => {
    expect(resolveDeploymentMode(rules('v0.15.2'), isvc(mode('RawDeployment')), DEFAULT)).toEqual({ mode: 'RawDeployment', from: 'annotation', value: 'RawDeployment' });
    // Standard is a v0.16 name (#4608); v0.15.2 does not know it and falls back to the default.
    expect(resolveDeploymentMode(rules('v0.15.2'), isvc(mode('Standard')), DEFAULT)).toEqual({ mode: 'Serverless', from: 'cluster default', value: 'Serverless' });
    expect(resolveDeploymentMode(rules('v0.16.0'), isvc(mode('Standard')), DEFAULT)).toEqual({ mode: 'RawDeployment', from: 'annotation', value: 'Standard' });
    expect(resolveDeploymentMode(rules('v0.16.0'), isvc(mode('RawDeployment')), DEFAULT)).toEqual({ mode: 'RawDeployment', from: 'annotation', value: 'Standard' });
    expect(resolveDeploymentMode(rules('v0.16.0'), isvc({}), 'RawDeployment')).toEqual({ mode: 'RawDeployment', from: 'cluster default', value: 'Standard' });
    // research A2: lower-case standard is no mode GetDeploymentMode knows, in any release.
    for (const tag of ['v0.14.1', 'v0.16.0', 'v0.17.0', 'v0.19.0', 'v0.20.0']) {
      expect(resolveDeploymentMode(rules(tag), isvc(mode('standard')), DEFAULT)).toMatchObject({ mode: 'Serverless', from: 'cluster default' });
    }
    expect(resolveDeploymentMode(rules('v0.20.0'), isvc(mode('ModelMesh')), DEFAULT)).toEqual({ mode: 'ModelMesh', from: 'annotation', value: 'ModelMesh' });
  });
});

// inference_service_defaults.go DefaultInferenceService: adds the annotation only when absent and
// the cluster default is ModelMesh or raw (v0.12.0 :86-94 `RawDeployment`, v0.16.0 :160-168
// `Standard`); from v0.17.0-rc0 (#5025, v0.17.0 :160-170) rewrites RawDeployment and Serverless.
describe('the mutating webhook', () => {
  const annotationAfter = (tag: string, given: InferenceService, clusterDefault: DeploymentMode) =>
    mutateInferenceService(rules(tag), given, clusterDefault).metadata.annotations?.[ANNOTATION.deploymentMode];

  it('adds the cluster default when it is raw, spelled RawDeployment before v0.16.0-rc0 and Standard from it', () => {
    for (const tag of KNOWN_TAGS) {
      expect({ tag, value: annotationAfter(tag, isvc(), 'RawDeployment') }).toEqual({ tag, value: from(tag, 'v0.16.0-rc0') ? 'Standard' : 'RawDeployment' });
      expect({ tag, value: annotationAfter(tag, isvc(), 'ModelMesh') }).toEqual({ tag, value: 'ModelMesh' });
    }
  });

  it('adds nothing when the cluster default is Serverless', () => {
    for (const tag of KNOWN_TAGS) expect(mutateInferenceService(rules(tag), isvc(), 'Serverless')).toEqual(isvc());
  });

  it('rewrites the legacy names RawDeployment and Serverless from v0.17.0-rc0 only, and nothing else', () => {
    for (const tag of KNOWN_TAGS) {
      const normalises = from(tag, 'v0.17.0-rc0');
      expect({ tag, value: annotationAfter(tag, isvc(mode('RawDeployment')), 'Serverless') }).toEqual({ tag, value: normalises ? 'Standard' : 'RawDeployment' });
      expect({ tag, value: annotationAfter(tag, isvc(mode('Serverless')), 'RawDeployment') }).toEqual({ tag, value: normalises ? 'Knative' : 'Serverless' });
      // Case is never normalised (research D), and a present annotation is never replaced by the default.
      expect(annotationAfter(tag, isvc(mode('standard')), 'RawDeployment')).toBe('standard');
      expect(annotationAfter(tag, isvc(mode('Knative')), 'RawDeployment')).toBe('Knative');
    }
  });

  it('keeps the other annotations and does not change its input', () => {
    const given = isvc({ team: 'ml', [ANNOTATION.autoscalerClass]: 'external' });
    const snapshot = structuredClone(given);
    const after = mutateInferenceService(rules('v0.20.0'), given, 'RawDeployment');
    expect(after.metadata.annotations).toEqual({ team: 'ml', [ANNOTATION.autoscalerClass]: 'external', [ANNOTATION.deploymentMode]: 'Standard' });
    expect(given).toEqual(snapshot);
  });
});

// validateDeploymentMode (inference_service_validation.go): none before v0.15.1; status verbatim
// v0.15.1 … v0.18.1 (v0.16.0 :493-503); status through ParseDeploymentMode v0.19.x, so an empty
// status reads as Standard (v0.19.0 :586-596); v0.20.0-rc0 allows an empty status first (:691-694, #5799).
describe('validateDeploymentMode on an update', () => {
  const update = (tag: string, stored: InferenceService, next: InferenceService) => admitInferenceServiceUpdate(rules(tag), stored, next);

  it('refuses an annotation that differs from the recorded status, with KServe\'s message', () => {
    const refused = update('v0.16.0', isvc(mode('RawDeployment'), 'Standard'), isvc(mode('RawDeployment')));
    expect(refused).toEqual({ allowed: false, message: { id: 'admission.modeChange', params: { from: 'Standard', to: 'RawDeployment' } } });
    expect(renderMessage((refused as { message: Parameters<typeof renderMessage>[0] }).message)).toBe("update rejected: deploymentMode cannot be changed from 'Standard' to 'RawDeployment'");
  });

  it('checks nothing before v0.15.1', () => {
    for (const tag of KNOWN_TAGS.filter((t) => !from(t, 'v0.15.1'))) {
      expect(update(tag, isvc(mode('RawDeployment'), 'Serverless'), isvc(mode('Serverless')))).toEqual({ allowed: true });
    }
  });

  it('v0.16.x: a status RawDeployment and an unchanged annotation RawDeployment pass (both verbatim); v0.17–v0.18 compare the rewritten Standard with it and refuse', () => {
    for (const tag of ['v0.16.0', 'v0.16.0-rc1']) {
      const next = mutateInferenceService(rules(tag), isvc(mode('RawDeployment')), 'Serverless');
      expect(update(tag, isvc(mode('RawDeployment'), 'RawDeployment'), next)).toEqual({ allowed: true });
    }
    for (const tag of ['v0.17.0', 'v0.18.1']) {
      const next = mutateInferenceService(rules(tag), isvc(mode('RawDeployment')), 'Serverless');
      expect(update(tag, isvc(mode('RawDeployment'), 'RawDeployment'), next)).toMatchObject({ allowed: false, message: { params: { from: 'RawDeployment', to: 'Standard' } } });
    }
    // v0.19.0-rc0 parses the status: RawDeployment reads as Standard, so the rewritten annotation passes.
    const next = mutateInferenceService(rules('v0.19.0'), isvc(mode('RawDeployment')), 'Serverless');
    expect(update('v0.19.0', isvc(mode('RawDeployment'), 'RawDeployment'), next)).toEqual({ allowed: true });
  });

  it('an empty status: allowed in every release except v0.19.x, which parses it to Standard and refuses any other annotation', () => {
    for (const tag of KNOWN_TAGS) {
      const v019 = between(tag, 'v0.19.0-rc0', 'v0.19.0');
      for (const annotation of ['standard', 'Knative']) {
        const verdict = update(tag, isvc(mode(annotation)), isvc(mode(annotation)));
        expect({ tag, annotation, allowed: verdict.allowed }).toEqual({ tag, annotation, allowed: !v019 });
        if (!verdict.allowed) expect(verdict.message).toEqual({ id: 'admission.modeChange', params: { from: 'Standard', to: annotation } });
      }
      expect(update(tag, isvc(mode('Standard')), isvc(mode('Standard'))).allowed).toBe(true);
      // No annotation on the update: nothing to compare.
      expect(update(tag, isvc({}), isvc({})).allowed).toBe(true);
    }
  });

  it('v0.20 compares the parsed status with the annotation as given: case still counts', () => {
    expect(update('v0.20.0', isvc(mode('standard'), 'Standard'), isvc(mode('standard')))).toMatchObject({ allowed: false, message: { params: { from: 'Standard', to: 'standard' } } });
    expect(update('v0.20.0', isvc(mode('Standard'), 'RawDeployment'), isvc(mode('Standard')))).toEqual({ allowed: true });
  });

  it('while the InferenceService is being deleted: everything is checked before v0.17.0-rc0, all but the mode from it, nothing from v0.19.0-rc0', () => {
    for (const tag of KNOWN_TAGS.filter((t) => from(t, 'v0.15.1'))) {
      const modeVerdict = update(tag, isvc(mode('RawDeployment'), 'Serverless', true), isvc(mode('RawDeployment'), undefined, true));
      expect({ tag, allowed: modeVerdict.allowed }).toEqual({ tag, allowed: from(tag, 'v0.17.0-rc0') });
      // The class check still runs in v0.17–v0.18 and not from v0.19.0-rc0 (#5420).
      const classVerdict = update(tag, isvc({ [ANNOTATION.autoscalerClass]: 'bogus' }, undefined, true), isvc({ [ANNOTATION.autoscalerClass]: 'bogus' }, undefined, true));
      expect({ tag, allowed: classVerdict.allowed }).toEqual({ tag, allowed: from(tag, 'v0.19.0-rc0') });
    }
  });
});

describe('class validation on create and update', () => {
  it('accepts a class from the release that introduced it: external v0.12.0, keda v0.15.0-rc1, none v0.15.1', () => {
    const first = { external: 'v0.12.0', keda: 'v0.15.0-rc1', none: 'v0.15.1', hpa: 'v0.12.0' } as const;
    for (const tag of KNOWN_TAGS) {
      for (const [value, since] of Object.entries(first)) {
        const verdict = admitInferenceService(rules(tag), isvc({ [ANNOTATION.autoscalerClass]: value }));
        expect({ tag, value, allowed: verdict.allowed }).toEqual({ tag, value, allowed: from(tag, since) });
      }
      expect(admitInferenceService(rules(tag), isvc({ [ANNOTATION.autoscalerClass]: 'kpa' })).allowed).toBe(false);
    }
  });

  it('the refusal names the class and what the release accepts', () => {
    const verdict = admitInferenceService(rules('v0.14.1'), isvc({ [ANNOTATION.autoscalerClass]: 'none' }));
    expect(verdict).toEqual({ allowed: false, message: { id: 'admission.classUnsupported', params: { class: 'none', accepted: ['hpa', 'external'] } } });
    expect(renderMessage((verdict as { message: Parameters<typeof renderMessage>[0] }).message)).toBe('[none] is not a supported autoscaler class type (this release accepts hpa and external)');
  });
});

// research-10-12.md A1: from v0.17.0-rc0 NewRawKubeReconciler parses the component's merged
// annotation strictly (raw_kube_reconciler.go :177) and the workload factory accepts only
// Standard and RawDeployment (factory.go :85-98); absent parses to Standard.
describe('the strict workload-mode parse', () => {
  it('rejects Knative, Serverless, ModelMesh and lower-case standard from v0.17.0-rc0, and nothing before', () => {
    for (const tag of KNOWN_TAGS) {
      const strict = from(tag, 'v0.17.0-rc0');
      for (const value of ['Knative', 'Serverless', 'ModelMesh', 'standard', 'rawdeployment']) {
        expect({ tag, value, rejected: workloadModeRejected(rules(tag), mode(value)) }).toEqual({ tag, value, rejected: strict ? value : null });
      }
      for (const ok of [mode('Standard'), mode('RawDeployment'), {}]) expect(workloadModeRejected(rules(tag), ok)).toBeNull();
    }
  });
});
