/**
 * engine/verdict.ts: how a user HPA's history becomes its fate (issue 12: every harm), and the
 * history in words. The fate is the worst harm while the HPA exists, `deleted` once it is gone
 * after any harm, and `removed` when only the user removed it.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { HARMS, isHarm, verdictFor, verdictSummary, type HpaEventKind } from '../../engine/verdict.ts';

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
