/**
 * Outcome claims made in the prose, checked against the engine. Pure: takes a parsed Scenario (the
 * preset loading with import.meta.glob lives in presets.ts), runs it for one release and compares
 * what the article says with what the simulator computes. The <Outcome> component calls
 * `assertOutcome` at build time, so a claim that no longer matches the model fails the build.
 */
import { COMPONENTS, type ComponentName } from '../../engine/k8s/types.ts';
import { RESULTS } from '../../engine/kserve/decision.ts';
import { findRelease } from '../../engine/kserve/releases.ts';
import { runScenario, type StepResult } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import type { Fate, Verdict } from '../../engine/verdict.ts';
import { verdictSummary } from '../../engine/verdict.ts';
import { renderMessage } from '../../engine/i18n/render.ts';

/** Words `expect` may be to compare against a user HPA's final fate instead of its whole history. */
export const FATE_WORDS: readonly Fate[] = ['kept', 'overwritten', 'deleted', 'terminating', 'removed', 'conflict', 'scaling-fought'];

/** A step's value for a component that was not reconciled at that step (no decision). */
export const NOT_RECONCILED = 'none';
/** A step's value when the admission webhook refused the step's change. */
export const REFUSED = 'refused';

export interface OutcomeQuery {
  scenario: Scenario;
  /** A KServe release tag, e.g. "v0.14.1" ("0.14.1" is accepted too). */
  release: string;
  /** A user HPA of the scenario: compare against its verdict (summary, or fate when `expect` is a fate word). */
  hpa?: string;
  /** 1-based step. Without `hpa`: compare against that step's result. With `hpa`: only where the playground link opens. */
  step?: number;
  /** For step checks: which component's decision (default predictor). */
  component?: ComponentName;
  /** What the article claims, e.g. "deleted at step 3", "kept", "Delete". */
  expect: string;
}

export type OutcomeKind = 'summary' | 'fate' | 'step';

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
  /** For HPA checks: the engine's verdict for that HPA. */
  verdict: Verdict | null;
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

/** Names of the HPAs the scenario applies without an InferenceService ownerReference. */
function verdictFor(verdicts: readonly Verdict[], hpa: string | undefined): Verdict {
  if (hpa === undefined) {
    if (verdicts.length === 1) return verdicts[0]!;
    const names = verdicts.map((v) => v.hpa).join(', ') || 'none';
    throw new OutcomeQueryError(`say which HPA (hpa=…) or which step (step=…) the claim is about; the scenario's user HPAs: ${names}`);
  }
  const found = verdicts.find((v) => v.hpa === hpa);
  if (!found) {
    const names = verdicts.map((v) => v.hpa).join(', ') || 'none';
    throw new OutcomeQueryError(`no user HPA named "${hpa}" in the scenario; its user HPAs: ${names}`);
  }
  return found;
}

function stepValue(step: StepResult, component: ComponentName): string {
  if (step.admission && !step.admission.allowed) return REFUSED;
  // Several passes in one step (a requeue) read "Update, Delete", as in the lifecycle stories.
  const results = step.decisions.filter((d) => d.component === component).map((d) => d.result);
  return results.length > 0 ? results.join(', ') : NOT_RECONCILED;
}

/** Runs the scenario for one release and compares the claim with the engine's value. */
export function checkOutcome(query: OutcomeQuery): OutcomeCheck {
  const found = findRelease(query.release);
  if (!found.ok) throw new OutcomeQueryError(found.message);
  const release = found.release.tag;
  const component = query.component ?? 'predictor';
  if (!(COMPONENTS as readonly string[]).includes(component)) {
    throw new OutcomeQueryError(`unknown component "${component}"; known: ${COMPONENTS.join(', ')}`);
  }
  if (typeof query.expect !== 'string' || query.expect.trim() === '') throw new OutcomeQueryError('expect is empty: say what the article claims');

  const run = runScenario(query.scenario, { versions: [release] });
  const result = run.versions[0]!;
  const steps = result.steps.length;
  if (query.step !== undefined && (!Number.isInteger(query.step) || query.step < 1 || query.step > steps)) {
    throw new OutcomeQueryError(`step ${query.step} does not exist; the scenario has steps 1–${steps}`);
  }

  if (query.hpa !== undefined || query.step === undefined) {
    const verdict = verdictFor(result.verdicts, query.hpa);
    const isFate = (FATE_WORDS as readonly string[]).includes(normalise(query.expect));
    const actual = isFate ? verdict.fate : renderMessage(verdictSummary(verdict), 'en');
    const linkStep = query.step ?? verdict.firstLossStep ?? steps;
    return {
      kind: isFate ? 'fate' : 'summary',
      release,
      expected: query.expect,
      actual,
      matches: normalise(actual) === normalise(query.expect),
      linkStep,
      steps,
      component,
      verdict,
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
    verdict: null,
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
      : 'its user HPA';
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
      : check.kind === 'fate' ? `a fate (${FATE_WORDS.join(', ')})` : 'the verdict summary';
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


export type SiteLocale = 'en' | 'zh-cn';

/** Maps Astro.currentLocale (or a URL path) to one of the site's two locales. */
export function siteLocale(currentLocale: string | undefined, pathname = ''): SiteLocale {
  const lang = (currentLocale ?? '').toLowerCase();
  if (lang.startsWith('zh')) return 'zh-cn';
  if (lang === '' && /(^|\/)zh-cn(\/|$)/i.test(pathname)) return 'zh-cn';
  return 'en';
}


const FATE_LABEL: Readonly<Record<SiteLocale, Readonly<Record<Fate, string>>>> = {
  en: { kept: 'kept', overwritten: 'overwritten', deleted: 'deleted', terminating: 'left Terminating', removed: 'removed by you', conflict: 'two HPAs on one Deployment', 'scaling-fought': 'scaling fought' },
  'zh-cn': { kept: '保留', overwritten: '被覆盖', deleted: '被删除', terminating: '停留在 Terminating 状态', removed: '被你移除', conflict: '同一 Deployment 上有两个 HPA', 'scaling-fought': '扩缩容被抵消' },
};

const RESULT_ZH: Readonly<Record<string, string>> = {
  Create: '创建',
  Update: '更新',
  Delete: '删除',
  Existed: '已存在，不写入',
  Skipped: '跳过',
  NotCalled: '未调用 HPA 调和器',
  Error: '出错',
  [NOT_RECONCILED]: '未调和',
  [REFUSED]: '被准入 webhook 拒绝',
};

const RESULT_EN: Readonly<Record<string, string>> = {
  [NOT_RECONCILED]: 'not reconciled',
  [REFUSED]: 'refused by the webhook',
};

/** The engine's value in the reader's language: the HPA's history, its fate, or the step's result. */
export function outcomeText(check: OutcomeCheck, locale: SiteLocale): string {
  if (check.kind === 'step') {
    const value = check.actual;
    if (locale === 'en') return RESULT_EN[value] ?? value;
    return (RESULTS as readonly string[]).includes(value) ? `${value}（${RESULT_ZH[value]}）` : RESULT_ZH[value] ?? value;
  }
  const verdict = check.verdict!;
  if (check.kind === 'fate') return FATE_LABEL[locale][verdict.fate];
  return renderMessage(verdictSummary(verdict), locale);
}

/** The badge's visible text, e.g. "v0.14.1: deleted at step 3" or "v0.14.1, step 3: Delete". */
export function outcomeLabel(check: OutcomeCheck, locale: SiteLocale): string {
  const text = outcomeText(check, locale);
  if (check.kind !== 'step') return locale === 'zh-cn' ? `${check.release}：${text}` : `${check.release}: ${text}`;
  const component = check.component === 'predictor' ? '' : check.component;
  if (locale === 'zh-cn') return `${check.release} 第 ${check.linkStep} 步${component ? ` ${component}` : ''}：${text}`;
  return `${check.release}, step ${check.linkStep}${component ? `, ${component}` : ''}: ${text}`;
}

/** Text for screen readers and the tooltip: what was simulated and where the link goes. */
export function outcomeDescription(check: OutcomeCheck, preset: string, locale: SiteLocale): string {
  const subject = check.kind === 'step'
    ? (locale === 'zh-cn' ? `${check.component} 组件的调和结果` : `the ${check.component}'s reconcile result`)
    : (locale === 'zh-cn' ? `HPA ${check.verdict!.hpa} 的结局` : `what happens to HPA ${check.verdict!.hpa}`);
  if (locale === 'zh-cn') {
    return `模拟器在构建时计算的${subject}（场景 ${preset}，KServe ${check.release}）。在演练场中打开，定位到第 ${check.linkStep} 步。`;
  }
  return `Computed by the simulator at build time: ${subject} (preset ${preset}, KServe ${check.release}). Opens in the playground at step ${check.linkStep}.`;
}

/** A CSS-friendly tone for the badge; the text always carries the meaning on its own. */
export function outcomeTone(check: OutcomeCheck): 'loss' | 'warn' | 'safe' | 'neutral' {
  if (check.kind === 'step') {
    if (check.actual === 'Delete') return 'loss';
    if (check.actual === 'Update') return 'warn';
    return 'neutral';
  }
  const fate = check.verdict!.fate;
  if (fate === 'deleted') return 'loss';
  if (fate === 'overwritten' || fate === 'terminating') return 'warn';
  return 'safe';
}
