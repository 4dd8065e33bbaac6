/**
 * `npm run bench` (check): `hpa-lab check` with default options on a namespace dump as one
 * `kind: List`, 150 models from five templates (same-named HPA under external, renamed HPA,
 * class hpa with an extra HPA, class none, class keda). Side by side in the same run: a search per
 * InferenceService (shapes: false) on the first 30 models, against searching each shape once.
 * Writes bench/results/check.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { checkScenario } from '../engine/explore/check.ts';
import { parseScenario } from '../engine/scenario/parse.ts';

const TEMPLATES = [
  (n: string) => [isvc(n, 'external'), hpa(`${n}-predictor`, `${n}-predictor`)],
  (n: string) => [isvc(n, 'external'), hpa(`${n}-scaler`, `${n}-predictor`)],
  (n: string) => [isvc(n, 'hpa'), hpa(`${n}-extra`, `${n}-predictor`)],
  (n: string) => [isvc(n, 'none')],
  (n: string) => [isvc(n, 'keda')],
];
function isvc(name: string, cls: string) {
  return { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name, namespace: 'ml', annotations: { 'serving.kserve.io/deploymentMode': 'RawDeployment', 'serving.kserve.io/autoscalerClass': cls } }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' }, storageUri: `gs://models/${name}` } } } };
}
function hpa(name: string, target: string) {
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'ml' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 1, maxReplicas: 5 } };
}
const list = (models: number) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: models }, (_, i) => TEMPLATES[i % TEMPLATES.length]!(`model-${String(i).padStart(3, '0')}`)).flat() });

function timed(models: number, shapes: boolean): number {
  const parsed = parseScenario([{ name: 'dump.yaml', text: list(models) }], { skipOtherKinds: true });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors[0]));
  const start = performance.now();
  checkScenario(parsed.scenario, { shapes });
  return performance.now() - start;
}

const results = {
  'perIsvc30Ms': timed(30, false),
  'byShape30Ms': timed(30, true),
  'byShape150Ms': timed(150, true),
  'byShape300Ms': timed(300, true),
};
console.log(`\ncheck, default options (every release from v0.13.0-rc1, fixes), kind: List of five templates

| models | a search per InferenceService | each shape once |
|---|---|---|
| 30 | ${(results.perIsvc30Ms / 1000).toFixed(2)} s | ${(results.byShape30Ms / 1000).toFixed(2)} s |
| 150 | — | ${(results.byShape150Ms / 1000).toFixed(2)} s (target < 3 s) |
| 300 | — | ${(results.byShape300Ms / 1000).toFixed(2)} s |`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/check.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
