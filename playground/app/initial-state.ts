/**
 * States evaluated on the spot, for the server render and the tests. The page never imports this:
 * its evaluations come from the worker, so the engine's run stays out of its main bundle.
 */
import type { LinkState } from '../../engine/link/state.ts';
import { evaluate } from './evaluate.ts';
import { DEFAULT_FORM, DEFAULT_UI, type AppState, type Evaluations, type UiState } from './state.ts';

/** Evaluates on the spot. */
export const EVALUATE_HERE: Evaluations = { get: (link) => evaluate(link) };

/** A state for texts: evaluated, with the step clamped to what the scenario has. */
export function initialState(link: LinkState, ui: Partial<UiState> = {}): AppState {
  const evaluation = evaluate(link);
  const good = evaluation.ok ? evaluation : null;
  const step = good ? Math.min(link.step, good.totalSteps) : link.step;
  return {
    link: { ...link, step },
    good,
    errors: evaluation.ok ? [] : evaluation.errors,
    explore: null,
    redaction: null,
    ui: { ...DEFAULT_UI, ...ui },
    form: DEFAULT_FORM,
    notice: null,
    fromStep: step,
    evaluations: EVALUATE_HERE,
  };
}
