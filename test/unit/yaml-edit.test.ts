import { describe, expect, it } from 'vitest';
import { editField, fieldPath } from '../../engine/scenario/yaml-edit.ts';

const TEXT = `# my cluster
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m   # the model
  annotations:
    serving.kserve.io/autoscalerClass: external
---
kind: List
items:
- apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: m-predictor}
  spec: {maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: m-predictor}}
`;

describe('editing one field inside user YAML', () => {
  it('parses field paths with bracketed annotation keys', () => {
    expect(fieldPath('metadata.annotations["serving.kserve.io/autoscalerClass"]')).toEqual(['metadata', 'annotations', 'serving.kserve.io/autoscalerClass']);
    expect(fieldPath('metadata.name')).toEqual(['metadata', 'name']);
  });

  it('changes an annotation and keeps comments and the other document byte for byte', () => {
    const out = editField(TEXT, 'InferenceService/m', ['metadata', 'annotations', 'serving.kserve.io/autoscalerClass'], 'none')!;
    expect(out).toContain('serving.kserve.io/autoscalerClass: none');
    expect(out).toContain('# my cluster');
    expect(out).toContain('# the model');
    expect(out.slice(out.indexOf('---'))).toBe(TEXT.slice(TEXT.indexOf('---')));
  });

  it('renames an HPA inside a List and adds or removes a finalizer', () => {
    const renamed = editField(TEXT, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'name'], 'm-predictor-hpa')!;
    expect(renamed).toContain('name: m-predictor-hpa');
    expect(renamed).toContain('scaleTargetRef: { kind: Deployment, name: m-predictor }');
    const guarded = editField(TEXT, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'finalizers'], ['kserve.io/protect'])!;
    expect(guarded).toContain('kserve.io/protect');
    expect(editField(guarded, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'finalizers'], undefined)).not.toContain('kserve.io/protect');
  });

  it('returns null for an object that is not there or text that does not parse', () => {
    expect(editField(TEXT, 'HorizontalPodAutoscaler/other', ['metadata', 'name'], 'x')).toBeNull();
    expect(editField('a: [', 'InferenceService/m', ['metadata', 'name'], 'x')).toBeNull();
  });
});
