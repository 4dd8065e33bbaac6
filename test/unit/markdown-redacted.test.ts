/**
 * The redacted Markdown says in one line what redaction left out (issue 18): the count of removed
 * fields and their paths as code, the model's spec first, in English and Chinese; a hostile key
 * never reaches the line; the plain report has no such line.
 */
import { describe, expect, it } from 'vitest';
import { redactSources } from '../../engine/redact.ts';
import { renderMarkdown } from '../../engine/report/markdown.ts';
import { runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const INPUT = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: my-isvc
  namespace: ml-serving
  labels:
    team: vision
  annotations:
    serving.kserve.io/autoscalerClass: external
    serving.kserve.io/deploymentMode: RawDeployment
    "evil|key\`@x": "1"
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 4
    model:
      modelFormat: { name: sklearn }
      storageUri: gs://bucket/model
status:
  url: http://my-isvc.example
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: my-isvc-predictor
  namespace: ml-serving
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: my-isvc-predictor }
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.12.0, v0.14.1]
events: [pod-created]
`;

function redactedMarkdown(locale: 'en' | 'zh-cn') {
  const result = redactSources([{ name: 'in.yaml', text: INPUT }]);
  if (!result.ok) throw new Error('redaction refused');
  const run = runScenario(result.scenario);
  return { result, text: renderMarkdown({ run, scenarioYaml: result.text, link: null, locale, removed: result.removed }) };
}

describe('redacted Markdown', () => {
  it('says in one line how many fields were left out and which, the spec first', () => {
    const { result, text } = redactedMarkdown('en');
    // Left out by hand: the label map, the unread annotation, the predictor's model and the status.
    expect(result.removed.map((r) => r.path).sort()).toEqual(['metadata.annotations["evil|key`@x"]', 'metadata.labels', 'spec.predictor.model', 'status'].sort());
    const line = text.split('\n').find((l) => l.startsWith('Redacted: '));
    expect(line).toBe('Redacted: 4 fields the model does not read are left out (`spec.predictor.model`, `status`, `metadata.labels`, `metadata.annotations`); the model decides the same without them.');
  });

  it('keeps every field the model reads in the scenario block', () => {
    const { text } = redactedMarkdown('en');
    for (const kept of ['serving.kserve.io/autoscalerClass: external', 'serving.kserve.io/deploymentMode: RawDeployment', 'minReplicas: 1', 'maxReplicas: 4', 'name: my-isvc-predictor', 'minReplicas: 2', 'maxReplicas: 10']) {
      expect(text).toContain(kept);
    }
    expect(text).not.toContain('evil');
    expect(text).not.toContain('gs://');
  });

  it('is Chinese in Chinese', () => {
    const line = redactedMarkdown('zh-cn').text.split('\n').find((l) => l.startsWith('已脱敏'));
    expect(line).toBe('已脱敏：省略了 4 个模型不读取的字段（`spec.predictor.model`、`status`、`metadata.labels`、`metadata.annotations`），省略后模型的结论不变。');
  });

  it('names six paths, cut to the fields Kubernetes and KServe define, and counts the rest', () => {
    const parsed = parseScenario([{ name: 'in.yaml', text: INPUT }]);
    if (!parsed.ok) throw new Error('input');
    const paths = ['status', 'metadata.labels', 'metadata.annotations', 'metadata.managedFields', 'metadata.generation', 'metadata.uid', 'metadata.resourceVersion', 'spec.behavior.SECRET1'];
    const removed = paths.map((path) => ({ object: 'x', path }));
    const text = renderMarkdown({ run: runScenario(parsed.scenario), scenarioYaml: '', link: null, removed });
    expect(text).toContain('(`spec.behavior`, `status`, `metadata.labels`, `metadata.annotations`, `metadata.managedFields`, `metadata.generation` and 2 more)');
    expect(text).not.toContain('SECRET1');
  });

  it('is absent from the plain report', () => {
    const parsed = parseScenario([{ name: 'in.yaml', text: INPUT }]);
    if (!parsed.ok) throw new Error('input');
    const text = renderMarkdown({ run: runScenario(parsed.scenario), scenarioYaml: INPUT, link: null });
    expect(text).not.toContain('Redacted:');
  });
});
