/**
 * Outcome claims made in the prose, checked against the engine. Pure: takes a parsed Scenario (the
 * preset loading with import.meta.glob lives in presets.ts), runs it for one release and compares
 * what the page says with what the simulator computes. The <Outcome> component calls
 * `assertOutcome` at build time, so a claim that no longer matches the model fails the build.
 * Words and tones come from the engine (engine/vocabulary.ts, rendered with renderMessage); the
 * sentence frames from the site's UI catalog.
 */
import { COMPONENTS, type ComponentName } from '../../engine/k8s/types.ts';
import { RESULTS, type Result } from '../../engine/kserve/decision.ts';
import { findRelease } from '../../engine/kserve/releases.ts';
import { msg } from '../../engine/i18n/message.ts';
import { renderMessage, renderParam, type Locale } from '../../engine/i18n/render.ts';
import { runScenario, type StepResult } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { loudestTone, RESULT_TONE, RESULT_WORD, type Tone } from '../../engine/vocabulary.ts';
import { ui } from '../i18n/index.ts';
import { fill } from './fill.ts';
import { checkClaim, judge, JudgeError, OUTCOME_WORDS, REFUSED, type Judgement } from './judge.ts';

// Playground.astro and MiniPlayground.astro import siteLocale from here; it lives in locale.ts.
export { siteLocale } from './locale.ts';

/** A step's value for a component that was not reconciled at that step (no decision). */
export const NOT_RECONCILED = 'none';
/** A step's value when the admission webhook refused the step's change: the same word as a refused outcome. */
export { REFUSED };

export interface OutcomeQuery {
  scenario: Scenario;
  /** A KServe release tag, e.g. "v0.14.1" ("0.14.1" is accepted too). */
  release: string;
  /** An HPA of the scenario (a user HPA, or one KServe handled): compare against what happened to it. */
  hpa?: string;
  /** 1-based step. Without `hpa`: compare against that step's result. With `hpa`: only where the playground link opens. */
  step?: number;
  /** For step checks: which component's decision (default predictor). */
  component?: ComponentName;
  /** What the article claims, e.g. "deleted at step 3", "kept", "scaling-fought", "Delete". */
  expect: string;
}

/** 'outcome': the claim is an outcome word; 'summary': the HPA's history; 'step': a step's result. */
export type OutcomeKind = 'summary' | 'outcome' | 'step';

export interface OutcomeCheck {
  kind: OutcomeKind;
  /** Canonical tag of the release that was run. */
  release: string;
  expected: string;
  /** The engine's value, in the same vocabulary as `expected`. */
  actual: string;
  matches: boolean;
  /** The step the playground link should open at (0 = before the first step). */
  linkStep: number;
  /** Number of steps the scenario has. */
  steps: number;
  component: ComponentName;
  /** For HPA checks: what happened to that HPA. */
  judgement: Judgement | null;
  /** For step checks: the step's result as the engine recorded it. */
  stepResult: StepResult | null;
}

/** Thrown for a question that cannot be asked (unknown release, HPA, step or component). */
export class OutcomeQueryError extends Error {
  override name = 'OutcomeQueryError';
}

/** Thrown by `assertOutcome` when the prose and the engine disagree. */
export class OutcomeMismatchError extends Error {
  override name = 'OutcomeMismatchError';
  readonly check: OutcomeCheck;
  constructor(message: string, check: OutcomeCheck) {
    super(message);
    this.check = check;
  }
}

const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

function stepValue(step: StepResult, component: ComponentName): string {
  if (step.admission && !step.admission.allowed) return REFUSED;
  // Several passes in one step (a requeue) read "Update, Delete", as in the lifecycle stories.
  const results = step.decisions.filter((d) => d.component === component).map((d) => d.result);
  return results.length > 0 ? results.join(', ') : NOT_RECONCILED;
}

/** Runs the scenario for one release and compares the claim with the engine's value. */
export function checkOutcome(query: OutcomeQuery): OutcomeCheck {
  const found = findRelease(query.release);
  if (!found.ok) throw new OutcomeQueryError(renderMessage(found.message));
  const release = found.release.tag;
  const component = query.component ?? 'predictor';
  if (!(COMPONENTS as readonly string[]).includes(component)) {
    throw new OutcomeQueryError(`unknown component "${component}"; known: ${COMPONENTS.join(', ')}`);
  }
  if (typeof query.expect !== 'string' || query.expect.trim() === '') throw new OutcomeQueryError('expect is empty: say what the article claims');

  const result = runScenario(query.scenario, { versions: [release] }).versions[0]!;
  const steps = result.steps.length;
  if (query.step !== undefined && (!Number.isInteger(query.step) || query.step < 1 || query.step > steps)) {
    throw new OutcomeQueryError(`step ${query.step} does not exist; the scenario has steps 1–${steps}`);
  }

  if (query.hpa !== undefined || query.step === undefined) {
    let judgement: Judgement;
    try {
      judgement = judge(query.scenario, result, query.hpa);
    } catch (error) {
      if (error instanceof JudgeError) throw new OutcomeQueryError(error.message);
      throw error;
    }
    const claim = checkClaim(judgement, query.expect);
    return {
      kind: claim.kind === 'outcome' ? 'outcome' : 'summary',
      release,
      expected: query.expect,
      actual: claim.actual,
      matches: claim.matches,
      linkStep: query.step ?? judgement.step,
      steps,
      component,
      judgement,
      stepResult: query.step !== undefined ? result.steps[query.step - 1]! : null,
    };
  }

  const stepResult = result.steps[query.step - 1]!;
  const actual = stepValue(stepResult, component);
  return {
    kind: 'step',
    release,
    expected: query.expect,
    actual,
    matches: normalise(actual) === normalise(query.expect),
    linkStep: query.step,
    steps,
    component,
    judgement: null,
    stepResult,
  };
}

export interface AssertQuery extends OutcomeQuery {
  /** The preset id, for messages. */
  preset: string;
}

function describeQuery(query: AssertQuery): string {
  const about = query.hpa !== undefined
    ? `HPA ${query.hpa}`
    : query.step !== undefined
      ? `step ${query.step} (${query.component ?? 'predictor'})`
      : 'its HPA';
  return `preset "${query.preset}", release ${query.release}, ${about}`;
}

/**
 * The build-time guard behind <Outcome>: returns the check when the engine agrees with the claim,
 * otherwise throws with a message naming the preset, the release and both values.
 */
export function assertOutcome(query: AssertQuery): OutcomeCheck {
  let check: OutcomeCheck;
  try {
    check = checkOutcome(query);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new OutcomeQueryError(`<Outcome> ${describeQuery(query)}: ${message}`);
  }
  if (!check.matches) {
    const vocabulary = check.kind === 'step'
      ? `a step result (${[...RESULTS, NOT_RECONCILED, REFUSED].join(', ')})`
      : check.kind === 'outcome' ? `an outcome (${OUTCOME_WORDS.join(', ')})` : 'the history summary';
    throw new OutcomeMismatchError(
      `<Outcome> ${describeQuery(query)}: the article says "${check.expected}" but the engine computes "${check.actual}" ` +
        `(compared as ${vocabulary}). Fix the prose or the model so they agree.`,
      check,
    );
  }
  return check;
}

// ---------------------------------------------------------------------------------------------
// Labels. The badge text is built from the engine's values, never from the prose.

const isResult = (value: string): value is Result => (RESULTS as readonly string[]).includes(value);

/** A step value ("Delete", "Update, Delete", "none", "refused") in the reader's language. */
function stepText(value: string, locale: Locale): string {
  if (value === REFUSED) return renderMessage(msg('cell.refused'), locale);
  if (value === NOT_RECONCILED) return renderMessage(msg('cell.notReconciled'), locale);
  // A result reads as KServe's name, then the language's word for it where that is another word ("Delete 删除").
  const named = (result: Result) => {
    const word = renderMessage(msg(RESULT_WORD[result]), locale);
    return word === result ? result : `${result} ${word}`;
  };
  const words = value.split(', ').map((v) => (isResult(v) ? named(v) : v));
  return renderParam(words, locale);
}

/** The engine's value in the reader's language: the HPA's history, its outcome, or the step's result. */
export function outcomeText(check: OutcomeCheck, locale: Locale): string {
  if (check.kind === 'step') return stepText(check.actual, locale);
  const judgement = check.judgement!;
  return renderMessage(check.kind === 'outcome' ? judgement.word : judgement.history, locale);
}

/** The badge's visible text, e.g. "v0.14.1: deleted at step 3" or "v0.14.1, step 3: Delete". */
export function outcomeLabel(check: OutcomeCheck, locale: Locale): string {
  const s = ui(locale).site;
  const text = outcomeText(check, locale);
  if (check.kind !== 'step') return fill(s['outcome.label'], { release: check.release, text });
  if (check.component === 'predictor') return fill(s['outcome.stepLabel'], { release: check.release, step: check.linkStep, text });
  return fill(s['outcome.stepComponentLabel'], { release: check.release, step: check.linkStep, component: check.component, text });
}

/** Text for screen readers and the tooltip: what was simulated and where the link goes. */
export function outcomeDescription(check: OutcomeCheck, preset: string, locale: Locale): string {
  const s = ui(locale).site;
  const subject = check.kind === 'step'
    ? fill(s['outcome.subjectStep'], { component: check.component })
    : fill(s['outcome.subjectHpa'], { hpa: check.judgement!.hpa });
  return fill(s['outcome.description'], { subject, preset, release: check.release, step: check.linkStep });
}

/** The badge's tone: the engine's tone for the outcome, or for the step's result (the worst of several). */
export function outcomeTone(check: OutcomeCheck): Tone {
  if (check.kind !== 'step') return check.judgement!.tone;
  if (check.actual === REFUSED) return 'refused';
  const tones = check.actual.split(', ').filter(isResult).map((r) => RESULT_TONE[r]);
  return loudestTone(tones) ?? 'safe';
}
