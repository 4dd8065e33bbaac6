/**
 * Redaction on generated scenarios: it always verifies (the redacted scenario decides what the
 * original decides, which redactSources checks by running both), and no string of a dropped field
 * survives: labels, status, managedFields, annotation values the model does not read, storage
 * URIs, env values, Scenario titles. With --rename no name or namespace survives either.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { redactSources } from '../../engine/redact.ts';
import { runScenario } from '../../engine/run.ts';

/** Marks every string a redaction must drop, so the check cannot be fooled by a coincidence. */
const SECRET = 'zz-secret-';

const name = fc.stringMatching(/^[a-z][a-z0-9]{2,7}$/);
const secret = fc.stringMatching(/^[a-z0-9]{4,10}$/).map((s) => `${SECRET}${s}`);

interface Model {
  namespace: string;
  isvc: string;
  classValue: 'external' | 'none' | 'hpa' | null;
  sameName: boolean;
  otherHpa: boolean;
  finalizer: boolean;
  owned: boolean;
}

const model = fc.record({
  namespace: name,
  isvc: name,
  classValue: fc.constantFrom('external', 'none', 'hpa', null),
  sameName: fc.boolean(),
  otherHpa: fc.boolean(),
  finalizer: fc.boolean(),
  owned: fc.boolean(),
});

function documents(models: Model[], junk: string[]): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  models.forEach((m, i) => {
    const annotations: Record<string, string> = { 'serving.kserve.io/deploymentMode': 'RawDeployment', 'acme.example/token': junk[i % junk.length]! };
    if (m.classValue) annotations['serving.kserve.io/autoscalerClass'] = m.classValue;
    docs.push({
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: m.isvc, namespace: m.namespace, annotations, labels: { team: junk[(i + 1) % junk.length]! }, managedFields: [{ manager: junk[(i + 2) % junk.length]! }] },
      spec: { predictor: { minReplicas: 1, maxReplicas: 3, model: { storageUri: `gs://${junk[(i + 3) % junk.length]!}/model` }, containers: [{ env: [{ name: 'KEY', value: junk[i % junk.length]! }] }] } },
      status: { url: `http://${junk[(i + 1) % junk.length]!}.example.com` },
    });
    const hpa = (hpaName: string) => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: {
        name: hpaName,
        namespace: m.namespace,
        labels: { owner: junk[(i + 2) % junk.length]! },
        ...(m.finalizer ? { finalizers: ['kserve.io/protect'] } : {}),
        ...(m.owned ? { ownerReferences: [{ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', name: m.isvc, uid: `uid-${i}` }] } : {}),
      },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${m.isvc}-predictor` }, minReplicas: 1, maxReplicas: 5 },
      status: { currentReplicas: 2, conditions: [{ message: junk[(i + 3) % junk.length]! }] },
    });
    if (m.sameName) docs.push(hpa(`${m.isvc}-predictor`));
    if (m.otherHpa) docs.push(hpa(`${m.isvc}-scaler`));
  });
  return docs;
}

const arbInput = fc.record({
  models: fc.uniqueArray(model, { minLength: 1, maxLength: 3, selector: (m) => `${m.namespace}/${m.isvc}` }),
  junk: fc.array(secret, { minLength: 4, maxLength: 4 }),
  events: fc.array(fc.constantFrom('pod-created', 'pod-deleted', 'resync', 'gitops-sync', 'hpa-scaled:3', 'annotate'), { maxLength: 4 }),
  rename: fc.boolean(),
});

describe('redaction (property)', () => {
  it('always verifies, keeps the same verdicts, and drops every string of a dropped field (and every name with rename)', () => {
    fc.assert(fc.property(arbInput, ({ models, junk, events, rename }) => {
      // Names must not collide across models once derived (<isvc>-predictor), nor start with the marker.
      const docs = documents(models, junk);
      const first = models[0]!;
      const target = `@${first.namespace}/${first.isvc}`;
      const words = events.map((e) => (e === 'annotate' ? `isvc-annotate:acme.example/note=${junk[0]}${target}` : e === 'resync' || e === 'gitops-sync' ? e : `${e}${target}`));
      const scenario = { apiVersion: 'hpa-lab/v1', kind: 'Scenario', title: junk[1], description: junk[2], versions: ['v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.20.0'], events: words };
      const text = [...docs, scenario].map((d) => stringify(d)).join('---\n');
      const result = redactSources([{ name: 'in.yaml', text }], { rename });
      if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 400));
      expect(result.text).not.toContain(SECRET);
      if (rename) {
        for (const m of models) {
          expect(result.text).not.toMatch(new RegExp(`\\b${m.isvc}\\b`));
          expect(result.text).not.toMatch(new RegExp(`namespace: ${m.namespace}\\b`));
        }
      }
      // Same fates in the same releases (redactSources compared every step; this is the reader's view).
      const before = runScenario(result.scenario).versions.map((v) => v.verdicts.map((d) => d.fate).sort());
      expect(before.length).toBe(4);
    }), { numRuns: 60 });
  });
});
