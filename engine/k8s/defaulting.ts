import type { Hpa, Json } from './types.ts';

/**
 * autoscaling/v2 defaulting as the API server applies it on every write (kubernetes
 * pkg/apis/autoscaling/v2/defaults.go): minReplicas 1, a CPU 80% metric when metrics are empty,
 * and — only when `behavior` is present — default scaleUp/scaleDown rules for the nil parts.
 * Not modelled: the alpha `tolerance` field.
 */
export function defaultHpa(hpa: Hpa): Hpa {
  const spec = { ...hpa.spec };
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (!spec.metrics || spec.metrics.length === 0) spec.metrics = [defaultCpuMetric()];
  if (spec.behavior) {
    spec.behavior = {
      ...spec.behavior,
      scaleUp: fillRules(spec.behavior.scaleUp, SCALE_UP),
      scaleDown: fillRules(spec.behavior.scaleDown, SCALE_DOWN),
    };
  }
  return { ...hpa, spec };
}

function defaultCpuMetric(): Json {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
}

type Rules = { stabilizationWindowSeconds: number; selectPolicy: string; policies: Json[] };

const SCALE_UP: Rules = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Pods', value: 4, periodSeconds: 15 },
    { type: 'Percent', value: 100, periodSeconds: 15 },
  ],
};

const SCALE_DOWN: Rules = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

function fillRules(given: Json | undefined, defaults: Rules): Json {
  if (!given || typeof given !== 'object' || Array.isArray(given)) return structuredClone(defaults) as Json;
  return {
    stabilizationWindowSeconds: given.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: given.selectPolicy ?? defaults.selectPolicy,
    policies: given.policies ?? structuredClone(defaults.policies),
  };
}
