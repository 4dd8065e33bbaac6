import { describe, expect, it } from 'vitest';
import { lintScenario, type Lint } from '../../engine/lint.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { applyEdits } from '../../playground/app/edits.ts';

const isvc = (annotations: Record<string, string>, predictorAnnotations = '') => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  namespace: ml
  annotations:
${Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  predictor:
    minReplicas: 1${predictorAnnotations ? `\n    annotations:\n      serving.kserve.io/autoscalerClass: ${predictorAnnotations}` : ''}
`;

const hpa = (name: string, target = 'm-predictor', extra = '') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ml${extra}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  maxReplicas: 4
`;

const RAW = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };

function lints(isvcText: string, hpaText: string, versions = 'v0.14.1,v0.15.2'): Lint[] {
  const scenario = `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${versions}]\n`;
  const parsed = parseScenario([
    { name: 'inferenceservice.yaml', text: isvcText },
    { name: 'hpas.yaml', text: hpaText },
    { name: 'scenario.yaml', text: scenario },
  ]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return lintScenario(parsed.scenario);
}

const ids = (list: Lint[]) => list.map((l) => l.id).sort();

describe('lints for this bug class', () => {
  it('flags a user HPA named like a component, at its name, with a rename that clears it', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    const hpaText = hpa('m-predictor');
    const found = lints(isvcText, hpaText).find((l) => l.id === 'hpa-named-like-component')!;
    expect(found.at).toMatchObject({ file: 'hpas.yaml', line: 4, column: 9 });
    const fixed = applyEdits({ isvc: isvcText, hpas: hpaText, scenario: '', step: 0 }, found.fix!.edits);
    expect(fixed.hpas).toContain('name: m-predictor-hpa');
    expect(ids(lints(isvcText, fixed.hpas))).not.toContain('hpa-named-like-component');
  });

  it('does not flag a differently named HPA or one KServe owns', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    expect(ids(lints(isvcText, hpa('m-custom')))).toEqual([]);
    const owned = hpa('m-predictor', 'm-predictor', '\n  ownerReferences: [{apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, name: m, uid: u}]');
    expect(ids(lints(isvcText, owned))).toEqual([]);
  });

  it('flags a class the chosen release refuses, and offers external for none before v0.15.1', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'none' });
    const refused = lints(isvcText, hpa('m-custom')).find((l) => l.id === 'class-rejected')!;
    expect(refused.message).toContain('v0.14.1');
    expect(refused.message).not.toContain('v0.15.2');
    const fixed = applyEdits({ isvc: isvcText, hpas: '', scenario: '', step: 0 }, refused.fix!.edits);
    expect(fixed.isvc).toContain('serving.kserve.io/autoscalerClass: external');
    expect(ids(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.16.0'))).not.toContain('class-rejected');
  });

  it('says the class is moot in Serverless mode (the cluster default)', () => {
    expect(ids(lints(isvc({ 'serving.kserve.io/autoscalerClass': 'external' }), hpa('m-custom')))).toEqual(['class-moot-serverless']);
  });

  it('notes an autoscalerClass annotation on an HPA and an HPA that scales another Deployment', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    const annotated = hpa('m-custom', 'm-predictor', '\n  annotations:\n    serving.kserve.io/autoscalerClass: external');
    expect(ids(lints(isvcText, annotated))).toEqual(['class-on-hpa']);
    expect(ids(lints(isvcText, hpa('m-custom', 'other')))).toEqual(['hpa-targets-other-deployment']);
  });

  it('warns about the legacy RawDeployment annotation only where v0.16 would lock the ISVC', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    expect(ids(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.17.0'))).toEqual([]);
    const legacy = lints(isvcText, hpa('m-custom'), 'v0.16.0').find((l) => l.id === 'legacy-mode-annotation')!;
    expect(legacy.message).toContain('v0.16.0');
    expect(applyEdits({ isvc: isvcText, hpas: '', scenario: '', step: 0 }, legacy.fix!.edits).isvc).toContain('serving.kserve.io/deploymentMode: Standard');
    // Standard means nothing before v0.16, so no fix is offered when an older release is also chosen.
    expect(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.16.0').find((l) => l.id === 'legacy-mode-annotation')?.fix).toBeUndefined();
  });

  it('warns about a component-level class a release does not know (the webhook never sees it)', () => {
    const found = lints(isvc({ ...RAW }, 'bogus'), hpa('m-custom')).find((l) => l.id === 'component-class-unknown')!;
    expect(found.message).toContain('bogus');
    expect(found.at).toMatchObject({ file: 'inferenceservice.yaml' });
  });
});
