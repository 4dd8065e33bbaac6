/**
 * KServe's own unit-test cases (test/fixtures/upstream-cases.json, copied from the shared ground
 * truth) run against the engine: each at the tag it was written for, and the decision cases at
 * every release with the same behaviour. Zero mismatches allowed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createHpa, deleteHpa, updateHpa, findHpa, EMPTY_CLUSTER } from '../../engine/k8s/store.ts';
import type { ComponentSpec, Hpa, Json } from '../../engine/k8s/types.ts';
import { autoscalerClass, dispatchFor, semanticHPAEquals, type DecisionInput } from '../../engine/kserve/checks.ts';
import { decide } from '../../engine/kserve/decision.ts';
import { buildDesiredHpa, withControllerReference } from '../../engine/kserve/desired-hpa.ts';
import { getRelease, RELEASES, type Release } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';

interface UpstreamCase {
  name: string;
  version: 'buggy' | 'fixed';
  kind: 'build' | 'semanticEquals' | 'checkHPAExist' | 'reconcile' | 'ownerRef' | 'classSelection' | 'metrics';
  source: { tag?: string; derived?: boolean; test?: string };
  isvc: Record<string, any> | null;
  desiredHpa?: any;
  existingHpa: any;
  expected: Record<string, any>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/upstream-cases.json', import.meta.url), 'utf8')) as { cases: UpstreamCase[] };

/** Derived buggy cases were hand-evaluated against the last buggy tag. */
const primaryTag = (c: UpstreamCase): string => c.source.tag ?? (c.version === 'buggy' ? 'v0.15.0' : 'v0.15.1');

/**
 * Decision cases hold for every release in the tag range of the code they were written against,
 * chosen by tag from behaviour.md (not by the behaviour id the engine itself derives): the buggy
 * checkHPAExist in v0.13.0-rc1 … v0.15.0, the fixed one from v0.15.1, and the class-aware
 * equality from v0.13.0-rc1 on.
 */
const inRange = (tag: string, from: string, to: string | null): boolean => compareTags(tag, from) >= 0 && (to === null || compareTags(tag, to) <= 0);

function tagsFor(c: UpstreamCase): Release[] {
  const primary = getRelease(primaryTag(c));
  if (!['checkHPAExist', 'reconcile', 'semanticEquals'].includes(c.kind)) return [primary];
  const [from, to] = c.kind === 'semanticEquals'
    ? (compareTags(primary.tag, 'v0.13.0-rc1') >= 0 ? ['v0.13.0-rc1', null] : ['v0.12.0', 'v0.13.0-rc0'])
    : c.version === 'buggy' ? ['v0.13.0-rc1', 'v0.15.0'] : ['v0.15.1', null];
  return RELEASES.filter((r) => inRange(r.tag, from!, to ?? null));
}

function hpaFrom(given: any, fallbackName = 'test-hpa'): Hpa {
  const meta = given.metadata ?? { annotations: given.annotations };
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name: meta.name ?? fallbackName,
      namespace: meta.namespace ?? 'default',
      uid: 'uid',
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.ownerReferences ? { ownerReferences: meta.ownerReferences } : {}),
    },
    spec: { scaleTargetRef: { kind: 'Deployment', name: '' }, maxReplicas: 0, ...given.spec },
  } as Hpa;
}

/** The fixture writes metrics flat ({resource: 'cpu'}); the engine writes Kubernetes' shape. */
function flattenMetrics(metrics: Json[] | undefined): unknown {
  if (!metrics) return null;
  return metrics.map((m: any) => ({ type: m.type, resource: m.resource.name, target: m.resource.target }));
}

function decisionInput(release: Release, c: UpstreamCase): DecisionInput {
  const desired = hpaFrom(c.desiredHpa);
  return {
    behaviour: release.behaviour,
    mode: { mode: 'RawDeployment', from: 'annotation', value: release.behaviour.modeSpelling.RawDeployment },
    deploymentMode: 'RawDeployment',
    deploymentModeFrom: 'annotation',
    annotations: c.isvc?.annotations ?? {},
    desired,
    existing: c.existingHpa ? hpaFrom(c.existingHpa) : null,
  };
}

const CHECK_RESULT: Record<string, string> = { Create: 'Create', Update: 'Update', Delete: 'Delete', Existed: 'Existed', Skipped: 'Skipped' };

/** Runs one case at one release; returns a mismatch description or null. */
function mismatch(c: UpstreamCase, release: Release): string | null {
  const b = release.behaviour;
  const expected = c.expected;
  switch (c.kind) {
    case 'build': {
      const meta = c.isvc!.componentMeta ?? {};
      const hpa = buildDesiredHpa(b, meta, (c.isvc!.componentExtension ?? null) as ComponentSpec | null);
      const gotMeta = Object.fromEntries(Object.entries({ name: hpa.metadata.name, namespace: hpa.metadata.namespace, annotations: hpa.metadata.annotations, labels: hpa.metadata.labels }).filter(([, v]) => v !== undefined && v !== ''));
      const gotSpec = { ...hpa.spec, metrics: flattenMetrics(hpa.spec.metrics) };
      const want = expected.desiredHpa;
      const ok = JSON.stringify(sortKeys(gotMeta)) === JSON.stringify(sortKeys(want.metadata)) && JSON.stringify(sortKeys(gotSpec)) === JSON.stringify(sortKeys(want.spec));
      return ok ? null : `built ${JSON.stringify({ gotMeta, gotSpec })}`;
    }
    case 'metrics': {
      const hpa = buildDesiredHpa(b, {}, (c.isvc!.componentExtension ?? null) as ComponentSpec | null);
      const got = flattenMetrics(hpa.spec.metrics);
      return JSON.stringify(sortKeys(got)) === JSON.stringify(sortKeys(expected.metrics)) ? null : `metrics ${JSON.stringify(got)}`;
    }
    case 'semanticEquals': {
      const got = semanticHPAEquals(b, hpaFrom(c.desiredHpa), hpaFrom(c.existingHpa));
      return got === expected.equal ? null : `equal=${got}`;
    }
    case 'checkHPAExist': {
      const { result } = decide(decisionInput(release, c), 'lookup');
      return CHECK_RESULT[result] === expected.checkResult ? null : `checkResult=${result}`;
    }
    case 'reconcile': {
      const input = decisionInput(release, c);
      const { result } = decide(input, 'lookup');
      const options = { apiServerDefaulting: false };
      let cluster = input.existing ? createHpa(EMPTY_CLUSTER, input.existing, options).cluster : EMPTY_CLUSTER;
      const verb = result === 'Create' || result === 'Update' || result === 'Delete' ? result : null;
      if (verb !== (expected.apiCall ?? null)) return `apiCall=${verb}`;
      if (verb === 'Create') cluster = createHpa(cluster, input.desired, options).cluster;
      if (verb === 'Update') cluster = updateHpa(cluster, input.desired, options).cluster;
      if (verb === 'Delete') cluster = deleteHpa(cluster, input.desired.metadata).cluster;
      const after = findHpa(cluster, input.desired.metadata);
      if (verb === 'Delete' && after) return 'HPA still found after Delete';
      if ((verb === 'Create' || verb === 'Update') && (after?.spec.minReplicas !== input.desired.spec.minReplicas || after?.spec.maxReplicas !== input.desired.spec.maxReplicas)) return 'written HPA differs from desired';
      return null;
    }
    case 'ownerRef': {
      const owner = { metadata: { name: c.isvc!.name, namespace: c.isvc!.namespace, uid: c.isvc!.uid } };
      const refs = withControllerReference(hpaFrom(c.desiredHpa), owner).metadata.ownerReferences ?? [];
      const want = expected.desiredOwnerReferences as { name: string; uid: string; controller: boolean }[];
      const ok = refs.length === want.length && want.every((w, i) => refs[i]!.name === w.name && refs[i]!.uid === w.uid && refs[i]!.controller === w.controller && refs[i]!.kind === 'InferenceService');
      return ok ? null : `ownerReferences ${JSON.stringify(refs)}`;
    }
    case 'classSelection': {
      const annotations = c.isvc!.annotations ?? {};
      if ('class' in expected) return autoscalerClass(annotations) === expected.class ? null : `class=${autoscalerClass(annotations)}`;
      const dispatch = dispatchFor(b, autoscalerClass(annotations));
      const gotError = dispatch === 'error';
      if (gotError !== expected.error) return `dispatch=${dispatch}`;
      return gotError || dispatch === expected.reconciler ? null : `dispatch=${dispatch}`;
    }
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}

describe('upstream KServe unit-test cases', () => {
  it('loads all 88 cases', () => {
    expect(fixture.cases).toHaveLength(88);
  });

  for (const c of fixture.cases) {
    it(`${c.version} ${c.kind}: ${c.name}`, () => {
      const failures = tagsFor(c).flatMap((release) => {
        const problem = mismatch(c, release);
        return problem ? [`${release.tag}: ${problem}`] : [];
      });
      expect(failures).toEqual([]);
    });
  }

  it('has zero mismatches across every case and release it applies to', () => {
    let runs = 0;
    const failures: string[] = [];
    for (const c of fixture.cases) {
      for (const release of tagsFor(c)) {
        runs += 1;
        const problem = mismatch(c, release);
        if (problem) failures.push(`${c.name} @ ${release.tag}: ${problem}`);
      }
    }
    expect(failures).toEqual([]);
    expect(runs).toBeGreaterThan(88);
  });

  it('really distinguishes the releases: the buggy and fixed answers differ on the not-owned case', () => {
    const c = fixture.cases.find((x) => x.kind === 'reconcile' && x.name.startsWith('do not delete') && x.version === 'fixed')!;
    expect(decide(decisionInput(getRelease('v0.14.1'), c), 'lookup').result).toBe('Delete');
    expect(decide(decisionInput(getRelease('v0.15.2'), c), 'lookup').result).toBe('Update');
  });
});
