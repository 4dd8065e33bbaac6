/**
 * Issue 19 item 5: what a Deployment write after a spec change (a rollout) sends as replicas, per
 * release and class, derived from deployment_reconciler.go at the tags (source notes §11.3):
 * - v0.12.0 … v0.13.1: a full Update of the desired object, built without replicas (v0.12.0 :60-82)
 *   and filled with the API server's default 1 by the dry-run update (:103): replicas 1, every class;
 * - v0.14.0-rc0 … v0.14.1 (#3786): a merge of the existing object with the desired one minus
 *   replicas (v0.14.1 :221-242): the live count stays;
 * - v0.15.0-rc0 … v0.15.0 (#3972): the dry-run-filled desired object merged with a copy without
 *   replicas, unless the desired class is external (v0.15.0 :384-408): replicas 1 for hpa and keda,
 *   the external pin (minReplicas, else 1) for external;
 * - v0.15.1+ (#4445): a two-way patch, replicas cleared on both sides unless the class is none
 *   (v0.15.1 :402-430): the live count stays.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_CLUSTER, putDeployment } from '../../engine/k8s/store.ts';
import type { InferenceService } from '../../engine/k8s/types.ts';
import { podTemplate, SOURCE_URI_ANNOTATION } from '../../engine/kserve/component-meta.ts';
import { reconcileDeployment } from '../../engine/kserve/deployment.ts';
import { getRelease, RELEASE_TABLE } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';

const isvc: InferenceService = {
  apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
  metadata: { name: 'm', namespace: 'ns', uid: 'uid-m', annotations: {} },
  spec: { predictor: { minReplicas: 4 } },
} as InferenceService;

const oldTemplate = { labels: { app: 'm' }, annotations: { [SOURCE_URI_ANNOTATION]: 'gs://b/v1' } };
const newTemplate = { labels: { app: 'm' }, annotations: { [SOURCE_URI_ANNOTATION]: 'gs://b/v2' } };

/** A Deployment an HPA scaled to 4, then a rollout (new template) under `className` in `tag`. */
function rollout(tag: string, className: string, minReplicas: number | undefined = 4, template = newTemplate) {
  const cluster = putDeployment(EMPTY_CLUSTER, { namespace: 'ns', name: 'm-predictor', isvc: 'm', component: 'predictor', replicas: 4, ownerUid: 'uid-m', scaledBy: 'm-predictor', template: oldTemplate });
  return reconcileDeployment(cluster, getRelease(tag).behaviour, isvc, {
    component: 'predictor', canary: null, name: 'm-predictor', className, annotations: {},
    extension: minReplicas === undefined ? {} : { minReplicas }, keep: ['m-predictor'], template,
  });
}

const inRange = (tag: string, first: string, last: string) => compareTags(tag, first) >= 0 && compareTags(tag, last) <= 0;
const dropsToDefault = (tag: string) => inRange(tag, 'v0.12.0', 'v0.13.1') || inRange(tag, 'v0.15.0-rc0', 'v0.15.0');

describe('rollout replicas per release', () => {
  it('the table says apiDefault exactly in v0.12.0 … v0.13.1 and v0.15.0-rc0 … v0.15.0', () => {
    for (const release of RELEASE_TABLE) expect(release.behaviour.rolloutReplicas, release.tag).toBe(dropsToDefault(release.tag) ? 'apiDefault' : 'kept');
  });

  for (const release of RELEASE_TABLE) {
    it(`${release.tag}: class hpa, a new model version`, () => {
      const { writes, cluster } = rollout(release.tag, 'hpa');
      const want = dropsToDefault(release.tag) ? 1 : 4;
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatchObject({ kind: 'patched', replicas: want });
      expect(writes[0]!.reset === true).toBe(want === 1);
      expect(cluster.deployments[0]!.replicas).toBe(want);
    });
  }

  it('v0.12.0 and v0.13.1 drop every class: the Deployment reconciler reads no class there', () => {
    for (const tag of ['v0.12.0', 'v0.13.1']) {
      expect(rollout(tag, 'external').writes[0]).toMatchObject({ kind: 'patched', replicas: 1, was: 4, reset: true, undid: 'm-predictor' });
    }
  });

  it('v0.15.0: hpa and keda drop to 1 (not minReplicas); external keeps its pin', () => {
    expect(rollout('v0.15.0', 'keda').writes[0]).toMatchObject({ replicas: 1, reset: true });
    expect(rollout('v0.15.0', 'hpa', 4).writes[0]).toMatchObject({ replicas: 1, reset: true });
    // createRawDefaultDeployment sets replicas = minReplicas only for external (:157-158); the patch keeps them.
    const pinned = rollout('v0.15.0', 'external', 4);
    expect(pinned.writes[0]).toMatchObject({ kind: 'patched', replicas: 4 });
    expect(pinned.writes[0]!.reset).toBeUndefined();
  });

  it('v0.15.2: none pins, the other classes keep the live count', () => {
    expect(rollout('v0.15.2', 'none', 4).writes[0]!.reset).toBeUndefined();
    for (const className of ['hpa', 'external', 'keda']) expect(rollout('v0.15.2', className).writes[0]).toMatchObject({ replicas: 4 });
  });

  it('no spec change, no write: the replicas stay in every release', () => {
    for (const tag of ['v0.12.0', 'v0.15.0']) expect(rollout(tag, 'hpa', 4, oldTemplate).writes).toEqual([]);
  });
});

describe('the pod template carries the model URI', () => {
  const meta = { labels: { a: 'b' }, annotations: { x: 'y' } };
  it('adds the source-URI annotation when the component has a storageUri', () => {
    const withUri = { ...isvc, spec: { predictor: { storageUri: 'gs://b/v1' } } } as InferenceService;
    expect(podTemplate(withUri, 'predictor', null, meta).annotations).toEqual({ x: 'y', [SOURCE_URI_ANNOTATION]: 'gs://b/v1' });
    expect(podTemplate(isvc, 'predictor', null, meta).annotations).toEqual({ x: 'y' });
  });
  it('a canary takes its own URI, else the stable one (buildCanaryPredictor merges over the stable)', () => {
    const stable = { ...isvc, spec: { predictor: { storageUri: 'gs://b/v1' } } } as InferenceService;
    expect(podTemplate(stable, 'predictor', { predictor: { storageUri: 'gs://b/v2' }, trafficPercent: 10 }, meta).annotations[SOURCE_URI_ANNOTATION]).toBe('gs://b/v2');
    expect(podTemplate(stable, 'predictor', { predictor: {}, trafficPercent: 10 }, meta).annotations[SOURCE_URI_ANNOTATION]).toBe('gs://b/v1');
  });
});
