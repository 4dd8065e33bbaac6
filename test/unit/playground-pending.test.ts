/**
 * The page evaluates in a worker (issue 17): new texts wait as `pending` with the last results kept,
 * and only the answer for the texts on screen is taken. The bound on the work (issue 21) refuses a
 * scenario before any step runs. Expectations are counted by hand from the inputs.
 */
import { describe, expect, it } from 'vitest';
import type { LinkState } from '../../engine/link/state.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { runWork, workProblem } from '../../engine/scenario/work.ts';
import { reduce } from '../../playground/app/actions.ts';
import { evaluate, type Evaluation } from '../../playground/app/evaluate.ts';
import { initialState } from '../../playground/app/initial-state.ts';
import type { AppState, Evaluations } from '../../playground/app/state.ts';
import { ISSUE_4312_HPA as HPA, ISSUE_4312_ISVC as ISVC } from '../support/issue-4312.ts';
import { modelObjects } from '../support/generated-namespace.ts';

const SCENARIO = 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\nevents: [pod-created]\n';
const key = (link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>) => `${link.isvc}\u0000${link.hpas}\u0000${link.scenario}`;

/** The page's way: answers only for texts put in by hand (the worker's replies). */
function worker(): Evaluations & { answer(link: LinkState, evaluation?: Evaluation): void } {
  const known = new Map<string, Evaluation>();
  return {
    get: (link) => known.get(key(link)),
    answer: (link, evaluation = evaluate(link)) => void known.set(key(link), evaluation),
  };
}

function pageState(): { state: AppState; answers: ReturnType<typeof worker> } {
  const answers = worker();
  const state: AppState = { ...initialState({ isvc: ISVC, hpas: HPA, scenario: SCENARIO, step: 1 }), evaluations: answers };
  return { state, answers };
}

describe('evaluations from the worker', () => {
  it('an event waits for its answer with the last results kept, then shows its own', () => {
    const { state, answers } = pageState();
    // The ISVC and the HPA, then one pod event: three steps.
    expect(state.good!.totalSteps).toBe(3);
    const waiting = reduce(state, { type: 'event', word: 'resync' });
    expect(waiting.pending).toBeTruthy();
    expect(waiting.good).toBe(state.good);
    expect(waiting.link.scenario).toContain('resync');
    answers.answer(waiting.link);
    const done = reduce(waiting, { type: 'evaluated' });
    expect(done.pending).toBeNull();
    expect(done.good!.totalSteps).toBe(4);
    expect(done.link.step).toBe(4);
  });

  it('an answer for older texts is never taken for the newer ones on screen', () => {
    const { state, answers } = pageState();
    const first = reduce(state, { type: 'event', word: 'resync' });
    const second = reduce(first, { type: 'event', word: 'pod-deleted' });
    answers.answer(first.link);
    const after = reduce(second, { type: 'evaluated' });
    expect(after).toBe(second);
    expect(after.good).toBe(state.good);
    answers.answer(second.link);
    expect(reduce(second, { type: 'evaluated' }).good!.totalSteps).toBe(5);
  });

  it('a control whose texts turn out not to evaluate is refused, and the texts go back', () => {
    const { state, answers } = pageState();
    const waiting = reduce(state, { type: 'event', word: 'resync' });
    answers.answer(waiting.link, { ok: false, errors: [{ file: 'scenario.yaml', line: 4, column: 1, message: { id: 'input.pasteIsvc' } }] });
    const refused = reduce(waiting, { type: 'evaluated' });
    expect(refused.link).toEqual(state.link);
    expect(refused.good).toBe(state.good);
    expect(refused.notice?.key).toBe('refusedChange');
  });

  it('typing that does not parse shows its problems once answered, the last results kept', () => {
    const { state, answers } = pageState();
    const waiting = reduce(state, { type: 'edit', editor: 'hpas', text: 'metadata: "unclosed\n' });
    answers.answer(waiting.link);
    const stale = reduce(waiting, { type: 'evaluated' });
    expect(stale.errors.length).toBeGreaterThan(0);
    expect(stale.good).toBe(state.good);
    expect(stale.link.hpas).toBe('metadata: "unclosed\n');
  });
});

describe('the work bound', () => {
  const scenario = (models: number, versions: string) => {
    const items = Array.from({ length: models }, (_, i) => {
      const { isvc, hpa } = modelObjects(i);
      return hpa ? [isvc, hpa] : [isvc];
    }).flat();
    const parsed = parseScenario([{ name: 'list.json', text: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }) }, { name: 'scenario.yaml', text: `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${versions}]\nevents: [resync, resync]\n` }]);
    if (!parsed.ok) throw new Error('does not parse');
    return parsed.scenario;
  };

  it('counts releases × steps × objects', () => {
    // Three models: two with an HPA (models 0 and 1), so five objects; five object steps and two events.
    expect(runWork(scenario(3, 'v0.14.1, v0.15.2'))).toBe(2 * 7 * 5);
    expect(workProblem(scenario(3, 'v0.14.1, v0.15.2'), 70)).toBeNull();
    expect(workProblem(scenario(3, 'v0.14.1, v0.15.2'), 69)?.message).toEqual({ id: 'input.tooMuchWork', params: { objects: 5, events: 2, releases: 2, work: 70, limit: 69 } });
  });

  it('the playground refuses a 700-model dump before running it, and says why', () => {
    const big = scenario(700, 'v0.14.1, v0.15.2');
    const texts = { isvc: '', hpas: '', scenario: '' };
    expect(big.objects.length).toBe(700 + 467);
    const evaluation = evaluate({ ...texts, isvc: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: big.objects.map((o) => o.object) }), scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\n' });
    expect(evaluation.ok).toBe(false);
    if (!evaluation.ok) expect(evaluation.errors.map((e) => e.message.id)).toEqual(['input.tooMuchWork']);
  });
});
