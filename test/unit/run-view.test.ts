/**
 * The RunView (engine/report/run-view.ts), the one reading of a run the CLI, the playground and
 * the site render. Expectations are derived by hand: a pod event of an external InferenceService
 * with a same-named HPA deletes it in v0.14.1 (kserve#4312) and overwrites it, taking ownership,
 * in v0.15.2 (kserve#4363); other InferenceServices of the namespace are not reconciled.
 */
import { describe, expect, it } from 'vitest';
import { runView, stepTone } from '../../engine/report/run-view.ts';
import { runScenario, type StepResult } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { loudestTone } from '../../engine/vocabulary.ts';
import { namespaceList } from '../support/generated-namespace.ts';
import type { Decision } from '../../engine/machine/controller.ts';

// model-0: external, same-named HPA; model-1: external, HPA named otherwise; model-2: class hpa, no user HPA.
function namespaceRun() {
  const scenario = 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\nevents: ["pod-created@ml/model-0"]\n';
  const parsed = parseScenario([{ name: 'ns.yaml', text: `${namespaceList(3)}\n---\n${scenario}` }]);
  if (!parsed.ok) throw new Error('the generated namespace should parse');
  return runScenario(parsed.scenario);
}

const decision = (isvc: string, result: Decision['result']): Decision => ({ isvc, component: 'predictor', hpa: 'h', result, trace: [], call: null });

function step(parts: Partial<StepResult>): StepResult {
  return { index: 1, event: 'e', position: null, release: 'v0.15.2', reconciled: true, reconciledIsvcs: [], admission: null, decisions: [], deploymentWrites: [], scaledObjectWrites: [], hpas: [], deployments: [], isvcPresent: true, isvcs: [], notes: [], path: [], ...parts };
}

describe('one tone precedence', () => {
  it('ranks a harm, then a warning, then a refusal, then fine', () => {
    expect(loudestTone(['refused', 'warn'])).toBe('warn');
    expect(loudestTone(['safe', 'refused', 'loss'])).toBe('loss');
    expect(loudestTone(['safe', 'refused'])).toBe('refused');
    expect(loudestTone([])).toBeNull();
  });

  it('an overwrite outranks a failed write in the same step', () => {
    expect(stepTone(step({ decisions: [decision('ml/a', 'Error'), decision('ml/a', 'Update')] }))).toBe('warn');
  });

  it('skipped lookups are quiet; replicas set back over an HPA are a warning', () => {
    expect(stepTone(step({ decisions: [decision('ml/a', 'Skipped')] }))).toBe('quiet');
    const pinned = step({ decisions: [decision('ml/a', 'Skipped')], deploymentWrites: [{ kind: 'pinned', namespace: 'ml', name: 'a-predictor', replicas: 1, was: 3, undid: 'a-hpa' }] });
    expect(stepTone(pinned)).toBe('warn');
    expect(stepTone(pinned, 'ml/a', new Set(['a-predictor']))).toBe('warn');
    expect(stepTone(pinned, 'ml/b', new Set(['b-predictor']))).toBe('quiet');
  });

  it('a refusal tones only the InferenceService it refused', () => {
    const refused = step({ admission: { allowed: false, message: { id: 'cell.refused' }, isvc: 'ml/b' }, decisions: [decision('ml/a', 'Skipped')] });
    expect(stepTone(refused, 'ml/b')).toBe('refused');
    expect(stepTone(refused, 'ml/a')).toBe('quiet');
    expect(stepTone(refused)).toBe('refused');
  });
});

describe('runView', () => {
  const view = runView(namespaceRun());
  const group = (name: string) => view.groups.find((g) => g.isvc === `ml/${name}`)!;
  // Five objects are applied first (model-2 has no HPA), so the event is step 6.
  const EVENT = 6;

  it('groups the InferenceServices once, in the order they were applied', () => {
    expect(view.groups.map((g) => g.isvc)).toEqual(['ml/model-0', 'ml/model-1', 'ml/model-2']);
    expect(view.several).toBe(true);
    expect(view.qualified).toBe(false);
    expect([...group('model-1').lookups]).toContain('model-1-predictor');
  });

  it('v0.14.1 deletes the same-named HPA: a harm, and the HPA is gone', () => {
    const cell = view.cell(0, EVENT, group('model-0'));
    expect(cell.tone).toBe('loss');
    expect(cell.message).toEqual({ id: 'cell.result', params: { result: 'Delete' } });
    expect(cell.changed).toBe(true);
    expect(cell.hpas).toEqual([]);
    expect(view.verdicts(0, group('model-0')).map((v) => v.fate)).toEqual(['deleted']);
  });

  it('v0.15.2 overwrites it and takes ownership: a warning, the HPA owned', () => {
    const cell = view.cell(1, EVENT, group('model-0'));
    expect(cell.tone).toBe('warn');
    expect(cell.hpas.map((e) => [e.hpa.name, e.state])).toEqual([['model-0-predictor', 'owned']]);
  });

  it('the other InferenceServices are quiet at that step and keep their HPAs', () => {
    const cell = view.cell(0, EVENT, group('model-1'));
    expect(cell.quiet).toBe(true);
    expect(cell.tone).toBe('quiet');
    expect(cell.hpas.map((e) => [e.hpa.name, e.state])).toEqual([['model-1-scaler', 'present']]);
    expect(view.verdicts(0, group('model-1')).map((v) => v.fate)).toEqual(['kept']);
  });

  it("reads KServe's own HPAs with their verdicts", () => {
    const own = view.kserveHpas(0);
    expect(own.find((h) => h.name === 'model-2-predictor')?.verdict.outcome).toBe('managed');
    expect(own.some((h) => h.name === 'model-0-predictor')).toBe(false);
  });
});

describe('the namespace report order (issue 18)', () => {
  const view = runView(namespaceRun());
  const names = (groups: readonly { isvc: string }[]) => groups.map((g) => g.isvc);
  const group = (name: string) => view.groups.find((g) => g.isvc === `ml/${name}`)!;

  it('only model-0 is at risk: its same-named HPA is deleted (v0.14.1) and overwritten (v0.15.2)', () => {
    expect(view.atRisk(group('model-0'))).toBe(true);
    expect(view.atRisk(group('model-1'))).toBe(false);
    expect(view.atRisk(group('model-2'))).toBe(false);
  });

  it('at the pod event, the InferenceService acted on is shown and the two that were not reconciled fold', () => {
    const order = view.order(6);
    expect(names(order.shown)).toEqual(['ml/model-0']);
    expect(names(order.calm)).toEqual(['ml/model-1', 'ml/model-2']);
    expect(order.calmReconciled).toBe(false);
    expect(order.hidden).toBe(0);
  });

  it('"only what is at risk" hides the others and counts them', () => {
    const order = view.order(6, true);
    expect(names(order.shown)).toEqual(['ml/model-0']);
    expect(order.calm).toEqual([]);
    expect(order.hidden).toBe(2);
  });

  it('before the first step, those at risk later come first, the rest in run order', () => {
    expect(names(view.order(0).shown)).toEqual(['ml/model-0', 'ml/model-1', 'ml/model-2']);
  });
});
