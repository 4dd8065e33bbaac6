/**
 * The one vocabulary every front end shares: outcome words (as message ids, so each language
 * renders them), their tones, and the representative releases the tools compare by default.
 * The CLI, the playground, the matrix, the outcome badges and the social images all read it.
 */
import type { MessageId } from './i18n/message.ts';
import type { Result } from './kserve/decision.ts';
import type { Fate } from './verdict.ts';
import type { HpaState } from './views.ts';

/** How a word should look: a harm, a warning, fine, or a refusal (nothing happened at all). */
export type Tone = 'loss' | 'warn' | 'safe' | 'refused';

/**
 * Which tone wins when one place holds several: a harm, then a warning, then a refusal, then
 * fine. A refusal means nothing happened, so what did happen to the user's HPA speaks first.
 */
export const TONE_PRECEDENCE: readonly Tone[] = ['loss', 'warn', 'refused', 'safe'];

/** The loudest of some tones by TONE_PRECEDENCE, or null for none. */
export function loudestTone(tones: readonly Tone[]): Tone | null {
  return TONE_PRECEDENCE.find((t) => tones.includes(t)) ?? null;
}

export const FATES: readonly Fate[] = ['kept', 'overwritten', 'deleted', 'terminating', 'removed', 'conflict', 'scaling-fought'];

export const FATE_WORD: Readonly<Record<Fate, MessageId>> = {
  kept: 'fate.kept',
  overwritten: 'fate.overwritten',
  deleted: 'fate.deleted',
  terminating: 'fate.terminating',
  removed: 'fate.removed',
  conflict: 'fate.conflict',
  'scaling-fought': 'fate.scalingFought',
};

export const FATE_TONE: Readonly<Record<Fate, Tone>> = {
  kept: 'safe',
  removed: 'safe',
  overwritten: 'warn',
  terminating: 'warn',
  conflict: 'warn',
  'scaling-fought': 'warn',
  deleted: 'loss',
};

/** What became of KServe's own HPA (not a user's): the matrix rows about class hpa. */
export type KserveHpaOutcome = 'managed' | 'deleted' | 'cleaned-up' | 'left' | 'never-created';

export const KSERVE_OUTCOME_WORD: Readonly<Record<KserveHpaOutcome, MessageId>> = {
  managed: 'kserveHpa.managed',
  deleted: 'kserveHpa.deleted',
  'cleaned-up': 'kserveHpa.cleanedUp',
  left: 'kserveHpa.left',
  'never-created': 'kserveHpa.neverCreated',
};

export const KSERVE_OUTCOME_TONE: Readonly<Record<KserveHpaOutcome, Tone>> = {
  managed: 'safe',
  'cleaned-up': 'safe',
  'never-created': 'safe',
  left: 'warn',
  deleted: 'loss',
};

export const RESULT_WORD: Readonly<Record<Result, MessageId>> = {
  Create: 'result.Create',
  Update: 'result.Update',
  Delete: 'result.Delete',
  Existed: 'result.Existed',
  Skipped: 'result.Skipped',
  NotCalled: 'result.NotCalled',
  Error: 'result.Error',
};

export const RESULT_TONE: Readonly<Record<Result, Tone>> = {
  Create: 'safe',
  Update: 'warn',
  Delete: 'loss',
  Existed: 'safe',
  Skipped: 'safe',
  NotCalled: 'safe',
  Error: 'refused',
};

export const HPA_STATE_WORD: Readonly<Record<HpaState, MessageId>> = {
  present: 'state.present',
  owned: 'state.owned',
  terminating: 'state.terminating',
  'owned-terminating': 'state.ownedTerminating',
  gone: 'state.gone',
};

export const HPA_STATE_TONE: Readonly<Record<HpaState, Tone>> = {
  present: 'safe',
  owned: 'warn',
  terminating: 'warn',
  'owned-terminating': 'warn',
  gone: 'loss',
};

/** The releases the tools show when the user names none, and the ones that stand for each era. */
export const REPRESENTATIVE_RELEASES = {
  /** One with the bug, one with the fix: the default comparison (CLI, playground, presets). */
  compare: ['v0.14.1', 'v0.15.2'],
  /** The edges of the buggy window, added next to a comparison in one action. */
  bugWindowEdges: ['v0.12.0', 'v0.16.0'],
  /** One tag per behaviour era and the edges of the buggy window: the columns of the matrix. */
  eras: ['v0.12.0', 'v0.13.1', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0'],
} as const satisfies Record<string, readonly string[]>;
