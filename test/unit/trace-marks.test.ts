/**
 * The trace view's marks (playground/app/trace.ts): "differs" is computed against every other
 * compared release, not only the neighbours, and a decision that deletes or overwrites shows its
 * whole trace; any other shows the checks that differ and the one that decided (its last).
 */
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../engine/machine/controller.ts';
import { differingChecks, shownChecks } from '../../playground/app/trace.ts';

/** A decision with a trace of (check, value) pairs; the rest is what every decision carries. */
function decision(result: Decision['result'], trace: [string, string][]): Decision {
  return {
    isvc: 'ml/m', component: 'predictor', hpa: 'm-predictor', result, call: null,
    trace: trace.map(([check, value]) => ({ node: check, check, value, inputs: {}, why: { id: 'phrase.resync' }, anchor: null })) as unknown as Decision['trace'],
  };
}

const DELETE = decision('Delete', [['deploymentMode', 'RawDeployment'], ['autoscalerClass', 'external'], ['hpaFound', 'true'], ['shouldDeleteHPA', 'true']]);
const SAME_DELETE = decision('Delete', [['deploymentMode', 'RawDeployment'], ['autoscalerClass', 'external'], ['hpaFound', 'true'], ['shouldDeleteHPA', 'true']]);
const KEPT = decision('NotCalled', [['deploymentMode', 'RawDeployment'], ['autoscalerClass', 'external'], ['hpaFound', 'true'], ['shouldDeleteHPA', 'false']]);

describe('trace marks', () => {
  it('a check differs when any other release, not only a neighbour, has another value', () => {
    // Columns: DELETE, SAME_DELETE, KEPT. The first column's neighbour deletes the same way; the third does not.
    expect([...differingChecks([DELETE], [[SAME_DELETE], [KEPT]])[0]!]).toEqual(['shouldDeleteHPA']);
    expect([...differingChecks([DELETE], [[SAME_DELETE]])[0]!]).toEqual([]);
    // A release that made no such decision: every check differs.
    expect(differingChecks([DELETE], [[]])[0]!.size).toBe(4);
  });

  it('a deleting decision shows its whole trace even when nothing differs', () => {
    expect(shownChecks(DELETE, new Set(), false)).toEqual([0, 1, 2, 3]);
    expect(shownChecks(decision('Update', [['a', '1'], ['b', '2']]), new Set(), false)).toEqual([0, 1]);
  });

  it('another decision shows the checks that differ and the one that decided; all on demand', () => {
    expect(shownChecks(KEPT, new Set(['autoscalerClass']), false)).toEqual([1, 3]);
    expect(shownChecks(KEPT, new Set(), false)).toEqual([3]);
    expect(shownChecks(KEPT, new Set(), true)).toEqual([0, 1, 2, 3]);
  });
});
