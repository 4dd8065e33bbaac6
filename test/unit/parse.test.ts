/**
 * engine/scenario/parse.ts `parseScenario`: what it accepts from real clusters, and how it refuses
 * bad or hostile input — always with the file, line and column of the problem, never by throwing.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Hpa, InferenceService } from '../../engine/k8s/types.ts';
import { crossCheck, parseScenario, type ParseResult, type ScenarioSource } from '../../engine/scenario/parse.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { formatInputError, LIMITS, type InputError } from '../../engine/scenario/source.ts';

const FILE = 'scenario.yaml';

function parse(text: string, name = FILE): ParseResult {
  return parseScenario([{ name, text }]);
}

function ok(result: ParseResult): Scenario {
  if (!result.ok) throw new Error(`expected success, got:\n${result.errors.map((e) => formatInputError(e)).join('\n')}`);
  return result.scenario;
}

/** An input error with its message rendered in English, as the assertions here read it. */
type EnglishError = Omit<InputError, 'message'> & { message: string };

const english = (error: InputError): EnglishError => ({ ...error, message: renderMessage(error.message, 'en') });

function errorsOf(result: ParseResult): EnglishError[] {
  if (result.ok) throw new Error('expected errors, the input was accepted');
  expect(result.errors.length).toBeGreaterThan(0);
  return result.errors.map(english);
}

/** Exactly one error, at this file, line and column, whose message matches. */
function expectOneError(result: ParseResult, where: { file?: string; line: number; column: number }, message: RegExp): EnglishError {
  const errors = errorsOf(result);
  expect(errors, JSON.stringify(errors)).toHaveLength(1);
  const [error] = errors;
  expect({ file: error!.file, line: error!.line, column: error!.column }).toEqual({ file: where.file ?? FILE, line: where.line, column: where.column });
  expect(error!.message).toMatch(message);
  return error!;
}

/** Runs `fn`, logs and returns how long it took; hostile inputs must come back fast. */
function timed<T>(label: string, fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  console.info(`[hostile] ${label}: ${ms.toFixed(1)} ms`);
  return { value, ms };
}

const HOSTILE_BUDGET_MS = 5000;

/** `kubectl get inferenceservice my-isvc -o yaml`, server noise included. */
const KUBECTL_ISVC = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  annotations:
    serving.kserve.io/autoscalerClass: external
    serving.kserve.io/deploymentMode: RawDeployment
  creationTimestamp: "2025-03-14T09:21:07Z"
  finalizers:
  - inferenceservice.finalizers
  generation: 3
  labels:
    team: ml
  managedFields:
  - apiVersion: serving.kserve.io/v1beta1
    fieldsType: FieldsV1
    fieldsV1:
      f:metadata:
        f:annotations:
          .: {}
          f:serving.kserve.io/autoscalerClass: {}
    manager: kubectl-client-side-apply
    operation: Update
    time: "2025-03-14T09:21:07Z"
  name: my-isvc
  namespace: ml-serving
  resourceVersion: "48211907"
  uid: 6f0c2a1e-9d3b-4c57-8e21-5a7b0d9e4c13
spec:
  predictor:
    maxReplicas: 4
    minReplicas: 2
    scaleTarget: 70
    scaleMetric: cpu
    model:
      modelFormat:
        name: sklearn
      storageUri: gs://kfserving-examples/models/sklearn/1.0/model
status:
  conditions:
  - lastTransitionTime: "2025-03-14T09:22:31Z"
    status: "True"
    type: Ready
  observedGeneration: 3
  url: http://my-isvc-ml-serving.example.com
`;

/** `kubectl get hpa my-isvc-predictor -o yaml`. */
const KUBECTL_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  creationTimestamp: "2025-03-14T09:21:08Z"
  labels:
    app.kubernetes.io/managed-by: Helm
  managedFields:
  - apiVersion: autoscaling/v2
    fieldsType: FieldsV1
    fieldsV1:
      f:status:
        f:currentReplicas: {}
    manager: kube-controller-manager
    operation: Update
    subresource: status
    time: "2025-03-16T02:40:19Z"
  name: my-isvc-predictor
  namespace: ml-serving
  resourceVersion: "48230551"
  uid: b1d7e3c4-2f60-4a8e-9c15-73e0f4a2d981
spec:
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 120
  maxReplicas: 10
  metrics:
  - resource:
      name: cpu
      target:
        averageUtilization: 60
        type: Utilization
    type: Resource
  minReplicas: 2
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: my-isvc-predictor
status:
  currentReplicas: 2
  desiredReplicas: 2
`;

const SCENARIO_DOC = (body: string): string => `apiVersion: hpa-lab/v1
kind: Scenario
${body}`;

describe('parseScenario: accepted input', () => {
  it('reads kubectl -o yaml output and drops server-side fields', () => {
    const scenario = ok(parse(`${KUBECTL_ISVC}---\n${KUBECTL_HPA}`));
    expect(scenario.objects).toHaveLength(2);
    const isvc = scenario.objects[0]!.object as InferenceService;
    const hpa = scenario.objects[1]!.object as Hpa;

    expect(isvc.kind).toBe('InferenceService');
    expect(isvc.metadata).toEqual({
      name: 'my-isvc',
      namespace: 'ml-serving',
      uid: '6f0c2a1e-9d3b-4c57-8e21-5a7b0d9e4c13',
      labels: { team: 'ml' },
      annotations: { 'serving.kserve.io/autoscalerClass': 'external', 'serving.kserve.io/deploymentMode': 'RawDeployment' },
      finalizers: ['inferenceservice.finalizers'],
    });
    // storageUri is read too: v0.20 compares it on a predictor rename (validatePredictorNameChange).
    expect(isvc.spec.predictor).toEqual({ minReplicas: 2, maxReplicas: 4, scaleTarget: 70, scaleMetric: 'cpu', storageUri: 'gs://kfserving-examples/models/sklearn/1.0/model' });
    expect(isvc).not.toHaveProperty('status');

    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.uid).toBe('b1d7e3c4-2f60-4a8e-9c15-73e0f4a2d981');
    for (const noise of ['managedFields', 'resourceVersion', 'creationTimestamp', 'generation']) {
      expect(hpa.metadata).not.toHaveProperty(noise);
      expect(isvc.metadata).not.toHaveProperty(noise);
    }
    expect(hpa).not.toHaveProperty('status');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-isvc-predictor' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 120 } },
    });
    // Positions point at the start of each document.
    expect(scenario.objects.map((o) => o.position)).toEqual([
      { file: FILE, line: 1, column: 1 },
      { file: FILE, line: KUBECTL_ISVC.split('\n').length + 1, column: 1 },
    ]);
  });

  it('unwraps kind: List (kubectl get hpa,isvc -o yaml)', () => {
    const indent = (text: string) => text.trimEnd().split('\n').map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`)).join('\n');
    const list = `apiVersion: v1\nkind: List\nmetadata:\n  resourceVersion: ""\nitems:\n${indent(KUBECTL_ISVC)}\n${indent(KUBECTL_HPA)}\n`;
    const scenario = ok(parse(list));
    expect(scenario.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual(['InferenceService/my-isvc', 'HorizontalPodAutoscaler/my-isvc-predictor']);
    // Each item is located at its own entry, not at the List.
    expect(scenario.objects[0]!.position.line).toBe(6);
    expect(scenario.objects[1]!.position.line).toBe(6 + KUBECTL_ISVC.trimEnd().split('\n').length);
    expect(scenario.objects[1]!.position.column).toBe(3);
  });

  it('converts an autoscaling/v1 HPA: targetCPUUtilizationPercentage becomes a cpu Utilization metric', () => {
    const scenario = ok(parse(`apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata:
  name: legacy
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: my-isvc-predictor}
  minReplicas: 1
  maxReplicas: 5
  targetCPUUtilizationPercentage: 65
status:
  currentCPUUtilizationPercentage: 12
`));
    const hpa = scenario.objects[0]!.object as Hpa;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-isvc-predictor' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 65 } } }],
    });
    expect(hpa.spec).not.toHaveProperty('targetCPUUtilizationPercentage');
  });

  it('an autoscaling/v1 HPA without a target has no metrics (the API server defaults them later)', () => {
    const hpa = ok(parse('apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 2}\n')).objects[0]!.object as Hpa;
    expect(hpa.spec.metrics).toBeUndefined();
  });

  it('applies the defaults when there is no Scenario document', () => {
    const scenario = ok(parse(KUBECTL_ISVC));
    expect(scenario.settings.versions).toEqual(['v0.14.1', 'v0.15.2']);
    expect(scenario.settings.apiServerDefaulting).toBe(true);
    expect(scenario.settings.defaultDeploymentMode).toBe('Serverless');
    expect(scenario.events).toEqual([]);
  });

  it('applies the defaults for fields a Scenario document leaves out', () => {
    const scenario = ok(parse(SCENARIO_DOC('events: [resync]\n')));
    expect(scenario.settings.versions).toEqual(['v0.14.1', 'v0.15.2']);
    expect(scenario.settings.apiServerDefaulting).toBe(true);
    expect(scenario.settings.defaultDeploymentMode).toBe('Serverless');
  });

  it('reads a Scenario document: versions with and without "v", options, title, events', () => {
    const scenario = ok(parse(`${KUBECTL_ISVC}---
${SCENARIO_DOC(`metadata:
  name: demo
title: A demo
versions: [0.14.1, v0.15.2, "0.16.0", v0.14.1]
apiServerDefaulting: false
defaultDeploymentMode: RawDeployment
events:
  - pod-created
  - hpa-scaled:3
  - isvc-annotate:serving.kserve.io/autoscalerClass=hpa
  - isvc-annotate:team-
  - hpa-delete:my-isvc-predictor
  - hpa-remove-finalizer:my-isvc-predictor/kserve.io/protect
  - resync
  - controller-restarted
  - pod-deleted
  - apply: {apiVersion: autoscaling/v2, kind: HorizontalPodAutoscaler, metadata: {name: late, namespace: ml-serving}, spec: {scaleTargetRef: {kind: Deployment, name: x}, maxReplicas: 3}}
  - isvc-delete
`)}`));
    // Canonical tags, duplicates dropped, order kept.
    expect(scenario.settings.versions).toEqual(['v0.14.1', 'v0.15.2', 'v0.16.0']);
    expect(scenario.settings.apiServerDefaulting).toBe(false);
    expect(scenario.settings.defaultDeploymentMode).toBe('RawDeployment');
    expect(scenario.settings.name).toBe('demo');
    expect(scenario.settings.title).toBe('A demo');
    expect(scenario.events.map((e) => e.event)).toEqual([
      { type: 'pod.created', isvc: null },
      { type: 'hpa.scaled', replicas: 3, isvc: null },
      { type: 'isvc.annotate', key: 'serving.kserve.io/autoscalerClass', value: 'hpa', isvc: null },
      { type: 'isvc.annotate', key: 'team', value: null, isvc: null },
      { type: 'hpa.delete', hpa: { namespace: null, name: 'my-isvc-predictor' } },
      { type: 'hpa.removeFinalizer', hpa: { namespace: null, name: 'my-isvc-predictor' }, finalizer: 'kserve.io/protect' },
      { type: 'resync' },
      { type: 'controller.restarted' },
      { type: 'pod.deleted', isvc: null },
      expect.objectContaining({ type: 'object.apply', object: expect.objectContaining({ kind: 'HorizontalPodAutoscaler', metadata: expect.objectContaining({ name: 'late' }) }) }),
      { type: 'isvc.delete', isvc: null },
    ]);
    // No startRelease: each compared release runs itself throughout.
    expect(scenario.settings.startRelease).toBeNull();
    // Each event points at its list entry.
    const firstEventLine = KUBECTL_ISVC.split('\n').length + 1 + 9;
    expect(scenario.events[0]!.position).toEqual({ file: FILE, line: firstEventLine, column: 5 });
    expect(scenario.events[10]!.position).toEqual({ file: FILE, line: firstEventLine + 10, column: 5 });
  });

  it('accepts versions as one comma-separated string', () => {
    expect(ok(parse(SCENARIO_DOC('versions: "0.15.1,v0.13.0"\n'))).settings.versions).toEqual(['v0.15.1', 'v0.13.0']);
  });

  it('accepts an empty input as an empty scenario', () => {
    const scenario = ok(parse(''));
    expect(scenario.objects).toEqual([]);
    expect(scenario.events).toEqual([]);
  });

  it('keeps deletionTimestamp only for an object that still has finalizers', () => {
    const base = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  deletionTimestamp: "2025-01-01T00:00:00Z"\n';
    const spec = 'spec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 2}\n';
    const held = ok(parse(`${base}  finalizers: [kserve.io/protect]\n${spec}`)).objects[0]!.object;
    const bare = ok(parse(`${base}${spec}`)).objects[0]!.object;
    expect(held.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(bare.metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('parseScenario: bad input gives file, line, column and a clear message', () => {
  it('malformed YAML: an unclosed quote is reported where it opens, not at the end of the file', () => {
    expectOneError(parse('apiVersion: autoscaling/v2\nkind: "HorizontalPodAutoscaler\nmetadata:\n  name: x\n'), { line: 2, column: 7 }, /quote is never closed/i);
  });

  it('malformed YAML: tab indentation', () => {
    expectOneError(parse('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n\tname: x\n'), { line: 4, column: 1 }, /tab/i);
  });

  it('malformed YAML: duplicate keys point at the second key', () => {
    const error = expectOneError(parse('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: x\n  name: y\n'), { line: 5, column: 3 }, /unique|duplicate/i);
    expect(error.message).toContain('name');
  });

  it('duplicate keys are found in flow maps and nested maps too', () => {
    expectOneError(parse('a: {b: 1, c: 2, b: 3}\n'), { line: 1, column: 17 }, /unique|duplicate/i);
    expectOneError(parse('a:\n  x:\n    k: 1\n    k: 2\n'), { line: 4, column: 5 }, /unique|duplicate/i);
  });

  it('a kind outside the model (Deployment) points at the kind value', () => {
    const error = expectOneError(parse('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'), { line: 2, column: 7 }, /Deployment/);
    expect(error.message).toMatch(/InferenceService/);
    expect(error.message).toMatch(/HorizontalPodAutoscaler/);
  });

  it('missing metadata.name', () => {
    expectOneError(parse('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  namespace: x\nspec: {}\n'), { line: 4, column: 3 }, /metadata\.name/);
  });

  it('an invalid name points at the name value', () => {
    const error = expectOneError(parse('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: My_HPA\nspec: {}\n'), { line: 4, column: 9 }, /not a valid Kubernetes name/);
    expect(error.message).toContain('My_HPA');
  });

  it('an annotation value that is not a string (unquoted true) asks to quote it', () => {
    const error = expectOneError(
      parse('apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\n  annotations:\n    serving.kserve.io/stop: true\nspec:\n  predictor: {}\n'),
      { line: 6, column: 29 },
      /must be a string/,
    );
    expect(error.message).toMatch(/quote/);
    expect(error.message).toContain('serving.kserve.io/stop');
  });

  it('a duplicate object names the line of the first one', () => {
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 2}\n';
    // No namespace means "default", as kubectl reads it.
    const error = expectOneError(parse(`# comment\n${hpa}---\n${hpa}`), { line: 8, column: 1 }, /duplicate HorizontalPodAutoscaler default\/h/);
    expect(error.message).toContain(`${FILE}:2`);
  });

  it('an unknown event word lists the known ones', () => {
    const error = expectOneError(parse(SCENARIO_DOC('events:\n  - pod-created\n  - pod-exploded\n')), { line: 5, column: 5 }, /unknown event "pod-exploded"/);
    expect(error.message).toContain('hpa-scaled');
  });

  it('a bad hpa-scaled argument', () => {
    for (const bad of ['hpa-scaled', 'hpa-scaled:x', 'hpa-scaled:-1', 'hpa-scaled:1.5', 'hpa-scaled:100001']) {
      expectOneError(parse(SCENARIO_DOC(`events:\n  - resync\n  - "${bad}"\n`)), { line: 5, column: 5 }, /hpa-scaled needs a replica count/);
    }
  });

  it('an event that is neither a word nor {apply: …}', () => {
    expectOneError(parse(SCENARIO_DOC('events:\n  - {apply: {}, extra: 1}\n')), { line: 4, column: 5 }, /apply/);
    expectOneError(parse(SCENARIO_DOC('events:\n  - 42\n')), { line: 4, column: 5 }, /an event is a word/);
  });

  it('an unknown Scenario field points at the key, not the value', () => {
    const error = expectOneError(parse(SCENARIO_DOC('versions: [v0.14.1]\nevnts: [resync]\n')), { line: 4, column: 1 }, /unknown Scenario field "evnts"/);
    expect(error.message).toContain('events');
    // In flow style the key sits mid-line: the column must be the key's, not the value's.
    const line = '{apiVersion: hpa-lab/v1, kind: Scenario, verions: [v0.14.1]}';
    expectOneError(parse(line), { line: 1, column: line.indexOf('verions') + 1 }, /unknown Scenario field "verions"/);
  });

  it('an unknown tag names the known tags', () => {
    const error = expectOneError(parse(SCENARIO_DOC('versions: [v0.14.1, v9.9.9]\n')), { line: 3, column: 21 }, /unknown KServe release "v9\.9\.9"/);
    expect(error.message).toContain('v0.14.1');
    expect(error.message).toContain('v0.15.2');
  });

  it('wrong types in Scenario options', () => {
    expectOneError(parse(SCENARIO_DOC('apiServerDefaulting: "yes"\n')), { line: 3, column: 22 }, /true or false/);
    expectOneError(parse(SCENARIO_DOC('defaultDeploymentMode: Knative\n')), { line: 3, column: 24 }, /RawDeployment or Serverless/);
    expectOneError(parse(SCENARIO_DOC('versions: []\n')), { line: 3, column: 11 }, /non-empty/);
  });

  it('a second Scenario document names the first', () => {
    const error = expectOneError(parse(`${SCENARIO_DOC('events: [resync]\n')}---\n${SCENARIO_DOC('events: [resync]\n')}`), { line: 5, column: 1 }, /second Scenario/);
    expect(error.message).toContain(`${FILE}:1`);
  });

  it('custom YAML tags are refused and nothing is evaluated', () => {
    expectOneError(parse('apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: !!js/function "function () { globalThis.pwned = true }"\n'), { line: 4, column: 9 }, /custom YAML tags/);
    expectOneError(parse('apiVersion: autoscaling/v2\nkind: !Ref HorizontalPodAutoscaler\nmetadata: {name: h}\n'), { line: 2, column: 7 }, /custom YAML tags/);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
  });

  it('errors are sorted by position and the bad document does not hide the others', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: BAD}\n';
    const errors = errorsOf(parse(text));
    expect(errors.map((e) => [e.line, e.column])).toEqual([[2, 7], [7, 18]]);
  });
});

/** 1-based line and column of the first occurrence of `needle` in `text` (at `from` or later). */
function where(text: string, needle: string, from = 0): { line: number; column: number } {
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

// Issue 10: a scenario holds any number of InferenceServices and HPAs across namespaces
// (`kind: List`, `-A` output, several files); per-InferenceService events name their target, and
// the parser refuses an event that does not pick exactly one (parse.ts crossCheck).
describe('parseScenario: many InferenceServices across namespaces', () => {
  const isvc = (namespace: string, name: string, extra = '') => `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${extra}spec:\n  predictor: {minReplicas: 1}\n`;
  const hpa = (namespace: string, name: string, target: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}\n  maxReplicas: 3\n`;
  const stream = (...docs: string[]) => docs.join('---\n');
  const keys = (scenario: Scenario) => scenario.objects.map((o) => `${o.object.kind}/${o.object.metadata.namespace}/${o.object.metadata.name}`);
  const twoInMl = stream(isvc('ml', 'model-a'), isvc('ml', 'model-b'));

  it('reads several InferenceServices and HPAs in several namespaces from a YAML stream, in order', () => {
    const scenario = ok(parse(stream(isvc('ml', 'model-a'), hpa('ml', 'model-a-predictor', 'model-a-predictor'), isvc('dev', 'model-a'), hpa('dev', 'model-a-predictor', 'model-a-predictor'), isvc('ml', 'model-b'))));
    expect(keys(scenario)).toEqual([
      'InferenceService/ml/model-a',
      'HorizontalPodAutoscaler/ml/model-a-predictor',
      'InferenceService/dev/model-a',
      'HorizontalPodAutoscaler/dev/model-a-predictor',
      'InferenceService/ml/model-b',
    ]);
  });

  it('reads `kubectl get isvc,hpa -A -o yaml` (one kind: List across namespaces)', () => {
    const item = (doc: string) => doc.trimEnd().split('\n').map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`)).join('\n');
    const list = `apiVersion: v1\nitems:\n${[isvc('ml', 'model-a'), isvc('prod', 'model-a'), isvc('prod', 'ranker'), hpa('ml', 'model-a-predictor', 'model-a-predictor'), hpa('prod', 'ranker-hpa', 'ranker-predictor')].map(item).join('\n')}\nkind: List\nmetadata:\n  resourceVersion: ""\n`;
    const scenario = ok(parse(list));
    expect(keys(scenario)).toEqual([
      'InferenceService/ml/model-a',
      'InferenceService/prod/model-a',
      'InferenceService/prod/ranker',
      'HorizontalPodAutoscaler/ml/model-a-predictor',
      'HorizontalPodAutoscaler/prod/ranker-hpa',
    ]);
    // Each item is located at its own list entry.
    const second = where(list, '- apiVersion', list.indexOf('- apiVersion') + 1);
    expect(scenario.objects[1]!.position).toEqual({ file: FILE, line: second.line, column: 3 });
    expect(scenario.objects.every((o) => o.position.column === 3)).toBe(true);
  });

  it('the same name in two namespaces is two objects; the same name twice in one namespace is a duplicate', () => {
    expect(keys(ok(parse(stream(isvc('a', 'm'), isvc('b', 'm'), hpa('a', 'h', 'm-predictor'), hpa('b', 'h', 'm-predictor')))))).toHaveLength(4);
    const text = stream(isvc('a', 'm'), isvc('b', 'm'), isvc('a', 'm'));
    const error = expectOneError(parse(text), where(text, 'apiVersion', text.lastIndexOf('---')), /duplicate InferenceService a\/m/);
    expect(error.message).toContain(`${FILE}:1`);
    const hpas = stream(hpa('a', 'h', 'd'), hpa('b', 'h', 'd'), hpa('b', 'h', 'd'));
    expectOneError(parse(hpas), where(hpas, 'apiVersion', hpas.lastIndexOf('---')), /duplicate HorizontalPodAutoscaler b\/h/);
  });

  it('an event without a target, with two InferenceServices, is an error at the event that lists both', () => {
    const text = `${twoInMl}---\n${SCENARIO_DOC('events:\n  - resync\n  - pod-created\n')}`;
    const error = expectOneError(parse(text), where(text, 'pod-created'), /pod-created/);
    expect(error.message).toContain('ml/model-a');
    expect(error.message).toContain('ml/model-b');
    // Every per-InferenceService word is held to it; the cluster-wide ones are not.
    for (const word of ['pod-deleted', 'hpa-scaled:2', 'isvc-annotate:k=v', 'isvc-delete']) {
      const t = `${twoInMl}---\n${SCENARIO_DOC(`events:\n  - resync\n  - controller-restarted\n  - gitops-sync\n  - controller-upgraded\n  - "${word}"\n`)}`;
      expectOneError(parse(t), where(t, `"${word}"`), /ml\/model-a.*ml\/model-b/);
    }
  });

  it('an event without a target means the only InferenceService; one added later by an apply counts too', () => {
    ok(parse(`${isvc('ml', 'model-a')}---\n${SCENARIO_DOC('events: [pod-created, hpa-scaled:2, isvc-delete]\n')}`));
    const late = `${isvc('ml', 'model-a')}---\n${SCENARIO_DOC(`events:\n  - pod-created@model-a\n  - apply: {apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, metadata: {name: late, namespace: ml}, spec: {predictor: {}}}\n  - pod-created\n`)}`;
    expectOneError(parse(late), where(late, 'pod-created\n'), /ml\/late/);
  });

  it('targets: @name, @namespace/name, an unknown one, and a name that is in two namespaces', () => {
    const text = (events: string) => `${stream(isvc('ml', 'model-a'), isvc('dev', 'model-a'), isvc('ml', 'model-b'))}---\n${SCENARIO_DOC(`events:\n${events}`)}`;
    const scenario = ok(parse(text('  - pod-created@ml/model-a\n  - pod-deleted@model-b\n  - hpa-scaled:3@dev/model-a\n')));
    expect(scenario.events.map((e) => e.event)).toEqual([
      { type: 'pod.created', isvc: { namespace: 'ml', name: 'model-a' } },
      { type: 'pod.deleted', isvc: { namespace: null, name: 'model-b' } },
      { type: 'hpa.scaled', replicas: 3, isvc: { namespace: 'dev', name: 'model-a' } },
    ]);
    const unknown = text('  - pod-created@ml/nope\n');
    const error = expectOneError(parse(unknown), where(unknown, 'pod-created@'), /no InferenceService ml\/nope/);
    expect(error.message).toContain('ml/model-a');
    expectOneError(parse(text('  - pod-created@prod/model-a\n')), where(unknown, 'pod-created@'), /no InferenceService prod\/model-a/);
    const ambiguous = text('  - isvc-delete@model-a\n');
    const vague = expectOneError(parse(ambiguous), where(ambiguous, 'isvc-delete'), /model-a is in several namespaces/);
    expect(vague.message).toContain('ml/model-a');
    expect(vague.message).toContain('dev/model-a');
    expect(vague.message).toContain('@<namespace>/model-a');
  });

  it('HPA events: a bare name in two namespaces must be qualified', () => {
    const base = stream(isvc('a', 'm'), isvc('b', 'm'), hpa('a', 'h', 'm-predictor'), hpa('b', 'h', 'm-predictor'));
    const scenario = ok(parse(`${base}---\n${SCENARIO_DOC('events: [hpa-delete:a/h, "hpa-remove-finalizer:b/h/kserve.io/protect"]\n')}`));
    expect(scenario.events.map((e) => e.event)).toEqual([
      { type: 'hpa.delete', hpa: { namespace: 'a', name: 'h' } },
      { type: 'hpa.removeFinalizer', hpa: { namespace: 'b', name: 'h' }, finalizer: 'kserve.io/protect' },
    ]);
    for (const word of ['hpa-delete:h', 'hpa-remove-finalizer:h/kserve.io/protect']) {
      const t = `${base}---\n${SCENARIO_DOC(`events:\n  - "${word}"\n`)}`;
      const error = expectOneError(parse(t), where(t, `"${word}"`), /HPA h exists in a, b/);
      expect(error.message).toContain('<namespace>/h');
    }
  });

  it('the mapping form {event, isvc}', () => {
    const text = (events: string) => `${twoInMl}---\n${SCENARIO_DOC(`events:\n${events}`)}`;
    const scenario = ok(parse(text('  - {event: pod-created, isvc: ml/model-a}\n  - {event: "hpa-scaled:2", isvc: model-b}\n  - {event: resync}\n')));
    expect(scenario.events.map((e) => e.event)).toEqual([
      { type: 'pod.created', isvc: { namespace: 'ml', name: 'model-a' } },
      { type: 'hpa.scaled', replicas: 2, isvc: { namespace: null, name: 'model-b' } },
      { type: 'resync' },
    ]);
    // Problems point into the mapping: at the isvc value, or at the event value.
    const bad = (events: string, needle: string, message: RegExp) => {
      const t = text(events);
      expectOneError(parse(t), where(t, needle), message);
    };
    bad('  - {event: pod-created, isvc: "Bad/Name"}\n', '"Bad/Name"', /isvc names an InferenceService/);
    bad('  - {event: resync, isvc: ml/model-a}\n', 'ml/model-a}', /resync concerns every InferenceService.*takes no isvc/);
    bad('  - {event: pod-created@ml/model-b, isvc: ml/model-a}\n', 'ml/model-a}', /give the InferenceService once/);
    bad('  - {event: pod-exploded, isvc: ml/model-a}\n', 'pod-exploded', /unknown event "pod-exploded"/);
    bad('  - {event: pod-created, isvc: ml/nope}\n', '{event', /no InferenceService ml\/nope/);
    bad('  - {event: pod-created}\n', '{event', /2 InferenceServices/);
    bad('  - {event: pod-created, isvc: ml/model-a, extra: 1}\n', '{event', /an event is a word/);
  });

  it('startRelease: a modelled tag (with or without "v") or an error at its value', () => {
    expect(ok(parse(SCENARIO_DOC('startRelease: 0.12.0\n'))).settings.startRelease).toBe('v0.12.0');
    expect(ok(parse(SCENARIO_DOC('startRelease: v0.15.1\n'))).settings.startRelease).toBe('v0.15.1');
    const error = expectOneError(parse(SCENARIO_DOC('startRelease: v0.11.0\n')), { line: 3, column: 15 }, /unknown KServe release "v0\.11\.0"/);
    expect(error.message).toContain('v0.12.0');
  });

  it('controller-upgraded:<tag> must name a modelled release, at the event', () => {
    expect(ok(parse(SCENARIO_DOC('events: [controller-upgraded, "controller-upgraded:v0.16.0"]\n'))).events.map((e) => e.event)).toEqual([
      { type: 'controller.upgraded', tag: null },
      { type: 'controller.upgraded', tag: 'v0.16.0' },
    ]);
    const text = SCENARIO_DOC('events:\n  - resync\n  - controller-upgraded:v0.99.0\n');
    const error = expectOneError(parse(text), where(text, 'controller-upgraded'), /unknown KServe release "v0\.99\.0"/);
    expect(error.message).toContain('v0.20.0');
  });

  it('crossCheck also guards a scenario changed after parsing (the CLI\'s --events); events without a position point at <events>', () => {
    const scenario = ok(parse(twoInMl));
    const errors = crossCheck({ ...scenario, events: [{ event: { type: 'pod.created', isvc: null }, position: null }, { event: { type: 'controller.upgraded', tag: 'v0.0.1' }, position: null }] }).map(english);
    expect(errors).toEqual([
      { file: '<events>', line: 1, column: 1, message: expect.stringMatching(/^pod-created: .*ml\/model-a.*ml\/model-b/) },
      { file: '<events>', line: 1, column: 1, message: expect.stringMatching(/unknown KServe release "v0\.0\.1"/) },
    ]);
    expect(crossCheck({ ...scenario, events: [{ event: { type: 'pod.created', isvc: { namespace: 'ml', name: 'model-b' } }, position: null }] })).toEqual([]);
  });
});

describe('parseScenario: positions across several files', () => {
  const isvc = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  predictor: {}\n';
  const hpa = (name: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ${name}\nspec: {scaleTargetRef: {kind: Deployment, name: m-predictor}, maxReplicas: 2}\n`;

  it('objects and events keep the name of the file they came from', () => {
    const scenario = ok(parseScenario([
      { name: 'isvc.yaml', text: isvc },
      { name: 'hpas.yaml', text: `${hpa('a')}---\n${hpa('b')}` },
      { name: 'scenario.yaml', text: SCENARIO_DOC('events: [pod-created]\n') },
    ]));
    expect(scenario.objects.map((o) => o.position)).toEqual([
      { file: 'isvc.yaml', line: 1, column: 1 },
      { file: 'hpas.yaml', line: 1, column: 1 },
      { file: 'hpas.yaml', line: 7, column: 1 },
    ]);
    expect(scenario.events[0]!.position).toEqual({ file: 'scenario.yaml', line: 3, column: 10 });
  });

  it('an error in the second file carries that file name and its own line numbers', () => {
    const errors = errorsOf(parseScenario([
      { name: 'isvc.yaml', text: isvc },
      { name: 'hpas.yaml', text: `${hpa('fine')}---\n${hpa('Not_Fine')}` },
    ]));
    expect(errors).toEqual([{ file: 'hpas.yaml', line: 10, column: 9, message: expect.stringContaining('Not_Fine') }]);
  });

  it('syntax errors in two files are both reported, each with its own file', () => {
    const errors = errorsOf(parseScenario([
      { name: 'a.yaml', text: 'x: "unclosed\n' },
      { name: 'b.yaml', text: 'ok: 1\nbad:\n\t- tab\n' },
    ]));
    expect(errors.map((e) => e.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(errors[1]!.line).toBe(3);
  });

  it('a duplicate across files names the first file and line', () => {
    const errors = errorsOf(parseScenario([
      { name: 'one.yaml', text: `# first\n${hpa('h')}` },
      { name: 'two.yaml', text: hpa('h') },
    ]));
    expect(errors).toEqual([{ file: 'two.yaml', line: 1, column: 1, message: expect.stringContaining('one.yaml:2') }]);
  });

  it('a Scenario document in each of two files: the second points back at the first file', () => {
    const errors = errorsOf(parseScenario([
      { name: 'one.yaml', text: SCENARIO_DOC('events: [resync]\n') },
      { name: 'two.yaml', text: `${hpa('h')}---\n${SCENARIO_DOC('events: [resync]\n')}` },
    ]));
    expect(errors).toEqual([{ file: 'two.yaml', line: 7, column: 1, message: expect.stringContaining('one.yaml:1') }]);
  });
});

describe('parseScenario: hostile input is refused quickly with a clear message', () => {
  it('input over 1 MiB is refused before parsing, and the message gives the limit', () => {
    const text = `a: "${'x'.repeat(LIMITS.bytes)}"\n`;
    const { value, ms } = timed('1 MiB + a few bytes', () => parse(text));
    const error = expectOneError(value, { line: 1, column: 1 }, /limit is 1\.0 MiB/);
    expect(error.message).toMatch(/input is/);
    expect(ms).toBeLessThan(500);
  });

  it('the size limit counts UTF-8 bytes, not characters, and sums all files', () => {
    // 400 000 CJK characters are 1.2 MB in UTF-8.
    expectOneError(parse(`a: ${'中'.repeat(400_000)}\n`), { line: 1, column: 1 }, /limit is 1\.0 MiB/);
    const half = `a: "${'x'.repeat(600_000)}"\n`;
    const errors = errorsOf(parseScenario([{ name: 'one.yaml', text: half }, { name: 'two.yaml', text: half }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/limit is 1\.0 MiB/);
  });

  it('100 000-deep flow nesting: one clear error, no stack overflow', () => {
    const { value, ms } = timed('100k-deep [[[', () => parse('['.repeat(100_000)));
    const error = expectOneError(value, { line: 1, column: LIMITS.depth + 1 }, /nested more than 48 levels/);
    expect(error.message).not.toMatch(/call stack/i);
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  it('deep nesting can be parsed again and again in one process (regression: V8 aborted the process on the second parse)', () => {
    // The yaml library catches its own stack overflow; a regexp compiled near the stack limit then
    // made V8 abort the whole process ("RegExpCompiler Allocation failed"): `[` × 1000, parsed
    // twice, killed the CLI, the site build or a playground tab. Fresh process: a clean stack.
    const script = `
      const { parseScenario } = await import(${JSON.stringify(new URL('../../engine/scenario/parse.ts', import.meta.url).href)});
      const { formatInputError } = await import(${JSON.stringify(new URL('../../engine/scenario/source.ts', import.meta.url).href)});
      for (const text of ['['.repeat(1000), '{a: '.repeat(3000), '- '.repeat(3000) + 'x', 'a:\\n  b: ' + '['.repeat(100000)]) {
        for (let i = 0; i < 4; i += 1) {
          const result = parseScenario([{ name: 'a.yaml', text }]);
          console.log(result.ok ? 'accepted' : result.errors.length + ' ' + formatInputError(result.errors[0]));
        }
      }`;
    const { value: child, ms } = timed('deep nesting × 16 in a child process', () => spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 }));
    expect(child.status, child.stderr.slice(0, 500)).toBe(0);
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(16);
    for (const line of lines) expect(line).toMatch(/^1 .*nested/);
    expect(ms).toBeLessThan(10_000);
  });

  it('3000-deep block nesting: clear message', () => {
    const compact = `${'- '.repeat(3000)}x\n- y\n`;
    const { value, ms } = timed('3000-deep block sequence', () => parse(compact));
    expect(errorsOf(value)).toHaveLength(1);
    expect(errorsOf(value)[0]!.message).toMatch(/nested too deeply/);
    expect(errorsOf(value)[0]!.line).toBe(1);
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
    // Indented maps: the 49th level is refused and located.
    const maps = Array.from({ length: 60 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' leaf\n';
    expectOneError(parse(maps), { line: LIMITS.depth + 1, column: LIMITS.depth + 1 }, /nested more than 48 levels/);
    // 3000 levels of indented maps do not fit in 1 MiB: refused by the size limit.
    const huge = Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    expect(errorsOf(timed('3000-deep indented maps', () => parse(huge)).value)[0]!.message).toMatch(/limit/);
  });

  it('exactly 48 levels are accepted as YAML (the limit is not off by one)', () => {
    const deep = `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {kind: Deployment, name: d}\n  maxReplicas: 2\n  metrics: ${'['.repeat(LIMITS.depth - 2)}${']'.repeat(LIMITS.depth - 2)}\n`;
    ok(parse(deep));
    const tooDeep = deep.replace('[', '[[').replace(']', ']]');
    expect(errorsOf(parse(tooDeep))[0]!.message).toMatch(/nested more than 48/);
  });

  it('a billion-laughs alias bomb is refused without expanding it', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, next] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f'], ['f', 'g'], ['g', 'h'], ['h', 'i']] as const) {
      rows.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const heapBefore = process.memoryUsage().heapUsed;
    const { value, ms } = timed('billion laughs', () => parse(rows.join('\n')));
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const error = expectOneError(value, { line: 1, column: 1 }, /alias/);
    expect(error.message).toMatch(/too many alias/);
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
    expect(heapGrowth).toBeLessThan(200 * 1024 * 1024);
  });

  it('a few aliases are fine', () => {
    const text = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  labels: &l {a: "1"}\n  annotations: *l\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 2}\n';
    expect(ok(parse(text)).objects[0]!.object.metadata.annotations).toEqual({ a: '1' });
  });

  it('5000 events are accepted, 5001 are refused at the events key', () => {
    const events = (n: number) => SCENARIO_DOC(`events:\n${'  - resync\n'.repeat(n)}`);
    expect(ok(parse(events(LIMITS.events))).events).toHaveLength(5000);
    const { value, ms } = timed('5001 events', () => parse(events(LIMITS.events + 1)));
    expectOneError(value, { line: 4, column: 3 }, /more than 5000 events/);
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  it('200 documents are accepted, the 201st is refused where it starts', () => {
    const hpa = (i: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h${i}}\nspec: {scaleTargetRef: {kind: Deployment, name: d}, maxReplicas: 2}\n`;
    const stream = (n: number) => Array.from({ length: n }, (_, i) => hpa(i)).join('---\n');
    expect(ok(parse(stream(LIMITS.documents))).objects).toHaveLength(200);
    const { value, ms } = timed('201 documents', () => parse(stream(LIMITS.documents + 1)));
    // Located at the "---" that opens the 201st document.
    const error = expectOneError(value, { line: 200 * 5, column: 1 }, /more than 200 YAML documents/);
    expect(error.file).toBe(FILE);
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  /**
   * Parses inputs of size n and 4n (after a warm-up) and returns both times. Linear work grows
   * about 4×, quadratic work 16×; comparing the two is robust on slow or busy machines.
   */
  function growth(label: string, build: (n: number) => string, n: number): { small: number; large: number; value: ParseResult } {
    parse(build(n));
    // The fastest of a few runs: other processes on a busy machine only ever add time.
    const small = Math.min(...[1, 2, 3].map(() => timed(`${label} × ${n}`, () => parse(build(n))).ms));
    const first = timed(`${label} × ${4 * n}`, () => parse(build(4 * n)));
    const large = first.ms > 8 * small ? Math.min(first.ms, timed(`${label} × ${4 * n} again`, () => parse(build(4 * n))).ms) : first.ms;
    return { small, large, value: first.value };
  }

  it('keys in one map cost linear time (regression: the duplicate-key check was quadratic, 80 000 keys took 76 s)', () => {
    const { small, large, value } = growth('keys in one map', (n) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n'), 10_000);
    expect(errorsOf(value)[0]!.message).toMatch(/no kind/);
    expect(large).toBeLessThan(Math.max(10 * small, 300));
    expect(large).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  it('annotations cost linear time and keep their locations (regression: one map rescan per annotation, 40 000 took 8.7 s)', () => {
    const build = (n: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  annotations:\n${Array.from({ length: n }, (_, i) => `    k${i}: "v${i}"`).join('\n')}\nspec: {maxReplicas: 1, scaleTargetRef: {kind: Deployment, name: d}}\n`;
    const { small, large, value } = growth('annotations', build, 10_000);
    const entry = ok(value).objects[0]!;
    expect(Object.keys(entry.object.metadata.annotations!)).toHaveLength(40_000);
    // The value of k12345 is on line 6 + 12345, after `    k12345: `.
    expect(entry.locations?.annotations.k12345).toMatchObject({ line: 6 + 12_345, column: 13, endLine: 6 + 12_345 });
    expect(large).toBeLessThan(Math.max(10 * small, 300));
    expect(large).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  it('thousands of problems are capped (regression: locating each one rescanned its map)', () => {
    const text = SCENARIO_DOC(Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n'));
    const { value, ms } = timed('20k unknown Scenario fields', () => parse(text));
    const errors = errorsOf(value);
    expect(errors.length).toBeLessThanOrEqual(LIMITS.errors + 1);
    expect(errors.some((e) => /more than 100 problems/.test(e.message))).toBe(true);
    expect(errors[0]).toMatchObject({ line: 3, column: 1, message: expect.stringContaining('"k0"') });
    expect(ms).toBeLessThan(HOSTILE_BUDGET_MS);
  });

  it('never throws, whatever the bytes', () => {
    const samples = ['\u0000', '\uFEFF---\n', '%YAML 9.9\n---\n', '!<tag:evil> x', '&a [*a]', '*undefined_alias', '? [a, b]\n: c', '---\n...\n---\n', 'a: |\n  \u0007bell\n', '"\\uD800"', '- - - -', ']]]]}}}}', '{{{{', `${'a: '.repeat(100)}x`, '\r\n\r\n:'];
    for (const text of samples) {
      const sources: ScenarioSource[] = [{ name: 'x.yaml', text }];
      expect(() => parseScenario(sources), JSON.stringify(text)).not.toThrow();
      const result = parseScenario(sources);
      if (!result.ok) for (const e of result.errors) expect(e.line).toBeGreaterThanOrEqual(1);
    }
  });
});
