/**
 * A generated namespace as `kubectl get isvc,hpa -o yaml` gives it (one List), for the benches:
 * a third of the models external with a same-named HPA, a third external with a distinct-named
 * HPA, a third class hpa without one; and events aimed at single models with a resync now and then.
 */
/** Model `i` of the namespace: its InferenceService, and its HPA unless it is of class hpa. */
export function modelObjects(i: number): { isvc: Record<string, unknown>; hpa: Record<string, unknown> | null } {
  const name = `model-${i}`;
  const kind = i % 3;
  const annotations: Record<string, string> = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };
  if (kind !== 2) annotations['serving.kserve.io/autoscalerClass'] = 'external';
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { name, namespace: 'ml', annotations, labels: { team: 'ranking' }, resourceVersion: String(1000 + i) },
    spec: { predictor: { minReplicas: 1, maxReplicas: 4, model: { modelFormat: { name: 'sklearn' }, storageUri: `gs://bucket/${name}` } } },
    status: { url: `http://${name}.ml.example.com` },
  };
  if (kind === 2) return { isvc, hpa: null };
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: kind === 0 ? `${name}-predictor` : `${name}-scaler`, namespace: 'ml' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${name}-predictor` }, minReplicas: 1, maxReplicas: 8, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }] },
  };
  return { isvc, hpa };
}

function model(i: number): unknown[] {
  const { isvc, hpa } = modelObjects(i);
  return hpa ? [isvc, hpa] : [isvc];
}

export const BENCH_VERSIONS = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0'];

/** The namespace's InferenceServices and HPAs as one JSON List. */
export function namespaceList(models: number): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: models }, (_, i) => model(i)).flat() });
}

const CYCLE = ['pod-created', 'pod-deleted', 'hpa-scaled:3', 'pod-created'];

/**
 * A Scenario document: `count` events aimed at the first `targets` models, every `resyncEvery`th
 * a resync (Infinity: none). With the same `targets`, a bigger namespace gets the very same events.
 */
export function namespaceScenario(models: number, count: number, resyncEvery: number, versions: readonly string[] = BENCH_VERSIONS, targets = models): string {
  const events = Array.from({ length: count }, (_, i) => ((i + 1) % resyncEvery === 0 ? 'resync' : `${CYCLE[i % CYCLE.length]!}@ml/model-${(i * 7) % targets}`));
  return `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${versions.join(', ')}]\nevents:\n${events.map((e) => `  - "${e}"`).join('\n')}\n`;
}
