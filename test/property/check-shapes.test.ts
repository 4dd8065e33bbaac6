/**
 * `check` judges InferenceServices that differ only in names once (engine/explore/shape.ts). On
 * random namespaces — several InferenceServices from a few templates, HPAs named like a component
 * or not, some targeting another model's Deployment, names that sort either way — the report must
 * be exactly the one a search per InferenceService gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/explore/check.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const NAMES = ['a', 'model-a', 'zz-top', 'fraud', 'fraud-v2', 'b1', 'churn'];
const CLASSES = [undefined, 'hpa', 'external', 'none', 'keda'];

const arbIsvc = fc.record({
  name: fc.constantFrom(...NAMES),
  namespace: fc.constantFrom('ml', 'team-b'),
  cls: fc.constantFrom(...CLASSES),
  mode: fc.constantFrom(undefined, 'RawDeployment'),
  transformer: fc.boolean(),
  hpa: fc.constantFrom('none', 'same', 'renamed', 'other-target'),
  finalizer: fc.boolean(),
  // Model paths per model, shared, absent, or one YAML would quote (that part is searched as it is).
  uri: fc.constantFrom('shared', 'own', 'none', 'quoted'),
});

type Model = typeof arbIsvc extends fc.Arbitrary<infer T> ? T : never;

function uriOf(m: Model): string {
  if (m.uri === 'none') return '';
  return `, storageUri: ${m.uri === 'shared' ? 'gs://b/m' : m.uri === 'own' ? `gs://b/${m.name}/v1` : `'gs://b/${m.name} #1'`}`;
}

function yamlOf(models: Model[]): string | null {
  const seen = new Set<string>();
  const docs: string[] = [];
  for (const [i, m] of models.entries()) {
    if (seen.has(`${m.namespace}/${m.name}`)) return null;
    seen.add(`${m.namespace}/${m.name}`);
    const annotations = [m.cls ? `    serving.kserve.io/autoscalerClass: ${m.cls}` : '', m.mode ? `    serving.kserve.io/deploymentMode: ${m.mode}` : ''].filter(Boolean);
    docs.push(`apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${m.name}
  namespace: ${m.namespace}
${annotations.length ? `  annotations:\n${annotations.join('\n')}\n` : ''}spec:
  predictor:
    model: {modelFormat: {name: sklearn}${uriOf(m)}}
${m.transformer ? '  transformer:\n    containers: [{name: t, image: t}]\n' : ''}`);
    if (m.hpa === 'none') continue;
    const other = models[(i + 1) % models.length]!;
    const name = m.hpa === 'same' ? `${m.name}-predictor` : `${m.name}-scaler`;
    const target = m.hpa === 'other-target' ? `${other.name}-predictor` : `${m.name}-predictor`;
    docs.push(`apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${m.namespace}
${m.finalizer ? '  finalizers: [example.com/protect]\n' : ''}spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  maxReplicas: 5
`);
  }
  return docs.join('---\n');
}

describe('check by shape', () => {
  it('gives the report a search per InferenceService gives, on random namespaces', () => {
    fc.assert(
      fc.property(fc.array(arbIsvc, { minLength: 2, maxLength: 4 }), (models) => {
        const text = yamlOf(models);
        if (text === null) return;
        const parsed = parseScenario([{ name: 'ns.yaml', text }], { skipOtherKinds: true });
        if (!parsed.ok) return;
        const options = { versions: ['v0.13.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0'], depth: 3 };
        const fast = checkScenario(parsed.scenario, options);
        const reference = checkScenario(parsed.scenario, { ...options, shapes: false });
        expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
      }),
      { numRuns: 30, seed: 20261207 },
    );
  });

  it('searches a namespace of one template once: the same report as one search per model', () => {
    const text = Array.from({ length: 6 }, (_, i) => yamlOf([{ name: `m${i}`, namespace: 'ml', cls: 'external', mode: 'RawDeployment', transformer: false, hpa: 'same', finalizer: false, uri: 'own' }])).join('---\n');
    const parsed = parseScenario([{ name: 'ns.yaml', text }]);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const fast = checkScenario(parsed.scenario, { versions: ['v0.14.1', 'v0.15.2'] });
    expect(JSON.stringify(fast)).toBe(JSON.stringify(checkScenario(parsed.scenario, { versions: ['v0.14.1', 'v0.15.2'], shapes: false })));
    // Each model's own names come back: m3's HPA, m3's events.
    const m3 = fast.checked.find((c) => c.isvc === 'ml/m3')!;
    expect(m3.ranges[0]!.result).toMatchObject({ found: true, loss: { hpa: 'm3-predictor', namespace: 'ml', kind: 'deleted' } });
    expect(JSON.stringify(m3)).not.toMatch(/zq[nihus]\d+zq|m2|m4/);
    // Its own model path too, in the diffs of its changes (each model has another one).
    expect(JSON.stringify(m3)).toContain('storageUri: gs://b/m3/v1');
  });
});
