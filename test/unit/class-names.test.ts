/**
 * An autoscaler class is looked up in each release's table of classes; a value named like an
 * Object method (`constructor`, `toString`, `__proto__`) once found the method there and crashed
 * `run` ("no edge for function Object()"). KServe's switch knows no such class: it is as unknown
 * as `bogus`, in every release, and the lint says so.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { lintScenario } from '../../engine/lint.ts';
import { runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const scenario = (className: string) => {
  const text = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  annotations: { serving.kserve.io/deploymentMode: RawDeployment }
spec:
  predictor:
    maxReplicas: 2
    annotations: { serving.kserve.io/autoscalerClass: "${className}" }
---
apiVersion: hpa-lab/v1
kind: Scenario
events: [pod-created, resync]
`;
  const parsed = parseScenario([{ name: 'in.yaml', text }]);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { ...parsed.scenario, settings: { ...parsed.scenario.settings, versions: [...KNOWN_TAGS] } };
};

const results = (className: string) => runScenario(scenario(className)).versions.map((v) => v.steps.map((s) => s.decisions.map((d) => d.result)));

describe('a class named like an Object method', () => {
  for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    it(`${name} decides as an unknown class in every release, and is linted as one`, () => {
      expect(results(name)).toEqual(results('bogus'));
      const lints = lintScenario(scenario(name)).filter((l) => l.id === 'component-class-unknown');
      expect(lints).toHaveLength(1);
    });
  }
});
