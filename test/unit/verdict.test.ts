/**
 * engine/verdict.ts: how a user HPA's history becomes its fate (issue 12: every harm), and the
 * history in words. The fate is the worst harm while the HPA exists, `deleted` once it is gone
 * after any harm, and `removed` when only the user removed it.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { HARMS, isHarm, lossesOf, verdictFor, verdictLosses, verdictSummary, type HpaEventKind } from '../../engine/verdict.ts';
import type { Cluster } from '../../engine/k8s/store.ts';
import type { Hpa } from '../../engine/k8s/types.ts';

const ref = { namespace: 'ml', name: 'h' };
const history = (...kinds: HpaEventKind[]) => kinds.map((kind, i) => ({ step: i + 3, kind }));

describe('verdictFor', () => {
  it('kept when nothing happened', () => {
    expect(verdictFor(ref, 'ml/m', [], true)).toEqual({ hpa: 'h', namespace: 'ml', isvc: 'ml/m', fate: 'kept', firstLossStep: null, history: [] });
  });

  it('present: the worst harm decides, whatever the order; the first harm is the loss step', () => {
    expect(verdictFor(ref, null, history('fought', 'overwritten'), true)).toMatchObject({ fate: 'overwritten', firstLossStep: 3 });
    expect(verdictFor(ref, null, history('conflict', 'fought'), true)).toMatchObject({ fate: 'conflict', firstLossStep: 3 });
    expect(verdictFor(ref, null, history('fought'), true)).toMatchObject({ fate: 'scaling-fought' });
    expect(verdictFor(ref, null, history('overwritten', 'terminating'), true)).toMatchObject({ fate: 'terminating' });
    // Deleted, then restored by GitOps: present again, but it was deleted.
    expect(verdictFor(ref, null, history('deleted', 'restored'), true)).toMatchObject({ fate: 'deleted', firstLossStep: 3 });
  });

  it('the user\'s own removals, re-applies and GitOps restores are history, never harms', () => {
    expect(verdictFor(ref, null, history('removed'), false)).toMatchObject({ fate: 'removed', firstLossStep: null });
    expect(verdictFor(ref, null, history('removed', 'reapplied'), true)).toMatchObject({ fate: 'kept', firstLossStep: null });
    expect(verdictFor(ref, null, history('restored'), true)).toMatchObject({ fate: 'kept', firstLossStep: null });
    for (const kind of ['removed', 'reapplied', 'restored'] as const) expect(isHarm(kind)).toBe(false);
    expect([...HARMS]).toEqual(['deleted', 'collected', 'terminating', 'overwritten', 'conflict', 'fought']);
  });

  it('gone after any harm is deleted, whatever finished it; garbage collection counts as deleted', () => {
    expect(verdictFor(ref, null, history('overwritten', 'removed'), false)).toMatchObject({ fate: 'deleted', firstLossStep: 3 });
    expect(verdictFor(ref, null, history('collected'), false)).toMatchObject({ fate: 'deleted' });
    expect(verdictFor(ref, null, history('conflict', 'removed'), false)).toMatchObject({ fate: 'deleted' });
  });
});

describe('verdictSummary', () => {
  it('says the whole history in order, with steps', () => {
    expect(renderMessage(verdictSummary({ history: [] }))).toBe('kept');
    expect(renderMessage(verdictSummary({ history: history('overwritten') }))).toBe('overwritten at step 3');
    expect(renderMessage(verdictSummary({ history: history('overwritten', 'restored', 'deleted') }))).toBe('overwritten at step 3, restored by GitOps at step 4, deleted at step 5');
  });

  it('renders in Chinese from the same history', () => {
    const zh = renderMessage(verdictSummary({ history: history('deleted', 'restored') }), 'zh-cn');
    expect(zh).toMatch(/3/);
    expect(zh).toMatch(/4/);
    // No English words left, GitOps being a name.
    expect(zh.replace('GitOps', '')).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('lossesOf and verdictLosses (issue 19 item 4)', () => {
  const hpa = (metrics: unknown[] | undefined, behavior?: Record<string, unknown>): Hpa => ({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'ml', uid: 'u' },
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 3, ...(metrics ? { metrics: metrics as Hpa['spec']['metrics'] } : {}), ...(behavior ? { behavior: behavior as Hpa['spec']['behavior'] } : {}) },
  });
  const cluster = (...hpas: Hpa[]) => ({ hpas }) as unknown as Cluster;
  const memory70 = { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 70 } } };
  const cpu80 = { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };

  it('an overwrite that changed the metrics and the behavior says what was lost', () => {
    const lost = lossesOf(ref, ['overwritten'], 3, { before: cluster(hpa([memory70], { scaleDown: { stabilizationWindowSeconds: 600 } })), after: cluster(hpa([cpu80], {})) });
    expect(lost).toEqual([
      { step: 3, kind: 'metrics', before: [{ type: 'Resource', name: 'memory', target: 'Utilization', value: 70 }], after: [{ type: 'Resource', name: 'cpu', target: 'Utilization', value: 80 }] },
      { step: 3, kind: 'behavior' },
    ]);
    const verdict = verdictFor(ref, null, history('overwritten'), true, lost);
    expect(verdictLosses(verdict).map((m) => renderMessage(m))).toEqual([
      'your memory 70% target replaced by cpu 80% at step 3',
      'your scaling behavior replaced by KServe\'s empty one at step 3',
    ]);
    expect(renderMessage(verdictLosses(verdict)[0]!, 'zh-cn')).toBe('第 3 步你的 memory 70% 目标被替换为 cpu 80%');
  });

  it('no loss when the metrics stayed, the HPA had no behavior of its own, or the step did not overwrite it', () => {
    expect(lossesOf(ref, ['overwritten'], 3, { before: cluster(hpa([cpu80])), after: cluster(hpa([cpu80], {})) })).toEqual([]);
    expect(lossesOf(ref, ['deleted'], 4, { before: cluster(hpa([memory70])), after: cluster() })).toEqual([]);
    expect(lossesOf(ref, ['fought'], 4, { before: cluster(hpa([memory70])), after: cluster(hpa([cpu80])) })).toEqual([]);
    expect(verdictFor(ref, null, history('overwritten'), true)).not.toHaveProperty('lost');
  });

  it('an HPA with no metrics of its own (no defaulting) is told KServe set one', () => {
    const lost = lossesOf(ref, ['overwritten'], 2, { before: cluster(hpa(undefined)), after: cluster(hpa([cpu80], {})) });
    expect(renderMessage(verdictLosses({ lost })[0]!)).toBe('KServe set a cpu 80% target where you had none at step 2');
  });
});
