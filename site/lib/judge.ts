/**
 * What a run did to one HPA, in the engine's vocabulary: the user HPA's verdict (engine/verdict.ts)
 * or, for the HPA KServe creates itself, kserveHpaVerdict; plus the case where the admission
 * webhook refused the InferenceService, so nothing ran. Every site table (matrix, upgrade and
 * advice tables, gallery) and the claims the pages make are built on this one reading of a run.
 * No KServe rule lives here: which HPA is KServe's comes from the decisions the engine recorded.
 */
import { msg, type Message, type MessageId } from '../../engine/i18n/message.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import type { VersionResult } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import { kserveHpasOf, type KserveHpa } from '../../engine/report/run-view.ts';
import { historyMessage, verdictSummary, type Fate, type Verdict } from '../../engine/verdict.ts';
import {
  FATE_TONE,
  FATE_WORD,
  FATES,
  KSERVE_OUTCOME_TONE,
  KSERVE_OUTCOME_WORD,
  type KserveHpaOutcome,
  type Tone,
} from '../../engine/vocabulary.ts';

/** The webhook refused the InferenceService when it was applied: nothing was reconciled. */
export const REFUSED = 'refused';

export type SubjectOutcome = Fate | KserveHpaOutcome | typeof REFUSED;

export const KSERVE_OUTCOMES: readonly KserveHpaOutcome[] = Object.keys(KSERVE_OUTCOME_WORD) as KserveHpaOutcome[];

/** Every word a claim may use to name an outcome (anything else is compared with the history summary). */
export const OUTCOME_WORDS: readonly string[] = [...new Set<string>([...FATES, ...KSERVE_OUTCOMES, REFUSED])];

export interface Judgement {
  /** A user HPA (one the scenario applied without an InferenceService owner) or the one KServe creates. */
  whose: 'user' | 'kserve';
  hpa: string;
  namespace: string;
  outcome: SubjectOutcome;
  tone: Tone;
  /** The outcome in a few words. */
  word: Message;
  /** What happened, step by step ("overwritten at step 3, deleted at step 4"). */
  history: Message;
  /** The history entries without steps' words, for tables that split them (before/after an upgrade). */
  entries: readonly { step: number; kind: string }[];
  /** The webhook's reason when it refused the InferenceService. */
  refusal: Message | null;
  /** Where a playground link should open: the refusal, the first harm (or decisive step), else the last step. */
  step: number;
  steps: number;
  /** The user HPA's verdict, when it is one. */
  verdict: Verdict | null;
}

/** The step that applied an InferenceService or a ScaledObject and was refused (a webhook, KEDA's CRD), if any. */
function refusedApply(scenario: Scenario, result: VersionResult): { index: number; reason: Message } | null {
  for (const [i, step] of result.steps.entries()) {
    if (i >= scenario.objects.length) break;
    if (scenario.objects[i]!.object.kind !== 'HorizontalPodAutoscaler' && step.admission && !step.admission.allowed) {
      return { index: step.index, reason: step.admission.message };
    }
  }
  return null;
}

function userJudgement(scenario: Scenario, result: VersionResult, verdict: Verdict): Judgement {
  const refused = refusedApply(scenario, result);
  const steps = result.steps.length;
  const outcome: SubjectOutcome = refused && verdict.fate === 'kept' ? REFUSED : verdict.fate;
  return {
    whose: 'user',
    hpa: verdict.hpa,
    namespace: verdict.namespace,
    outcome,
    tone: outcome === REFUSED ? 'refused' : FATE_TONE[verdict.fate],
    word: outcome === REFUSED ? msg('cell.refused') : msg(FATE_WORD[verdict.fate]),
    history: verdictSummary(verdict),
    entries: verdict.history,
    refusal: refused?.reason ?? null,
    step: refused && outcome === REFUSED ? refused.index : verdict.firstLossStep ?? steps,
    steps,
    verdict,
  };
}

function kserveJudgement(scenario: Scenario, result: VersionResult, ref: KserveHpa): Judgement {
  const refused = refusedApply(scenario, result);
  const steps = result.steps.length;
  const verdict = ref.verdict;
  const outcome: SubjectOutcome = refused ? REFUSED : verdict.outcome;
  const history = verdict.history.length === 0
    ? msg(KSERVE_OUTCOME_WORD[verdict.outcome])
    : historyMessage(verdict.history.map((h) => msg('history.entry', { kind: msg(`kserveHistory.${h.kind}` as MessageId), step: h.step })));
  const decisive = verdict.history.find((h) => h.kind !== 'created');
  return {
    whose: 'kserve',
    hpa: ref.name,
    namespace: ref.namespace,
    outcome,
    tone: outcome === REFUSED ? 'refused' : KSERVE_OUTCOME_TONE[verdict.outcome],
    word: outcome === REFUSED ? msg('cell.refused') : msg(KSERVE_OUTCOME_WORD[verdict.outcome]),
    history,
    entries: verdict.history,
    refusal: refused?.reason ?? null,
    step: refused ? refused.index : decisive?.step ?? steps,
    steps,
    verdict: null,
  };
}

/** Thrown for a question the run cannot answer (no such HPA, or several and none named). */
export class JudgeError extends Error {
  override name = 'JudgeError';
}

/**
 * What happened to `hpa` (a user HPA, else an HPA KServe handled) in one release's run. Without
 * `hpa`: the only user HPA, else the only HPA KServe handled.
 */
export function judge(scenario: Scenario, result: VersionResult, hpa?: string): Judgement {
  if (hpa !== undefined) {
    const verdict = result.verdicts.find((v) => v.hpa === hpa || `${v.namespace}/${v.hpa}` === hpa);
    if (verdict) return userJudgement(scenario, result, verdict);
    const own = kserveHpasOf(result).find((r) => r.name === hpa || `${r.namespace}/${r.name}` === hpa);
    if (own) return kserveJudgement(scenario, result, own);
    throw new JudgeError(`no HPA named "${hpa}" in ${result.tag}'s run; user HPAs: ${names(result.verdicts.map((v) => v.hpa))}; KServe's: ${names(kserveHpasOf(result).map((r) => r.name))}`);
  }
  if (result.verdicts.length === 1) return userJudgement(scenario, result, result.verdicts[0]!);
  if (result.verdicts.length > 1) throw new JudgeError(`say which HPA: the scenario's user HPAs are ${names(result.verdicts.map((v) => v.hpa))}`);
  const own = kserveHpasOf(result);
  if (own.length === 1) return kserveJudgement(scenario, result, own[0]!);
  throw new JudgeError(own.length === 0 ? `no HPA to judge in ${result.tag}'s run` : `say which HPA: KServe handled ${names(own.map((r) => r.name))}`);
}

/** Every user HPA of the run, else every HPA KServe handled. */
export function judgeAll(scenario: Scenario, result: VersionResult): Judgement[] {
  if (result.verdicts.length > 0) return result.verdicts.map((v) => userJudgement(scenario, result, v));
  return kserveHpasOf(result).map((ref) => kserveJudgement(scenario, result, ref));
}

const names = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '));
const normalise = (text: string): string => text.trim().replace(/\s+/g, ' ').toLowerCase();

export interface ClaimCheck {
  /** 'outcome' when the claim names an outcome word, 'summary' when it states the history. */
  kind: 'outcome' | 'summary';
  expected: string;
  /** The engine's value in the claim's vocabulary. */
  actual: string;
  matches: boolean;
}

/**
 * A claim a page makes about a judgement: an outcome word (kept, deleted, scaling-fought,
 * conflict, managed, cleaned-up, refused, …) or the history in English ("overwritten at step 3,
 * deleted at step 4"), compared without regard to case or spacing.
 */
export function checkClaim(judgement: Judgement, expected: string): ClaimCheck {
  const isWord = OUTCOME_WORDS.includes(normalise(expected));
  const actual = isWord ? judgement.outcome : renderMessage(judgement.history, 'en');
  return { kind: isWord ? 'outcome' : 'summary', expected, actual, matches: normalise(actual) === normalise(expected) };
}
