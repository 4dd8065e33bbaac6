/**
 * The playground's state. `link` is what a shared link carries (three YAML texts and the step on
 * screen); the rest is derived from it (the last evaluation that parsed, the input's problems) or
 * belongs to this page only (which output tab is open, what the event controls hold). Every change
 * goes through the action table in actions.ts.
 */
import type { Message } from '../../engine/i18n/message.ts';
import type { LinkState } from '../../engine/link/state.ts';
import type { InputError } from '../../engine/scenario/source.ts';
import { evaluate, type Good } from './evaluate.ts';
import type { ExploreResult } from './explore-result.ts';
import type { RedactionView } from './share-state.ts';

export type PlaygroundState = LinkState;
export type { Good };

export type DockTab = 'picture' | 'chart' | 'explore';

export interface UiState {
  /** The output's lower pane: HPAs over time, the statechart, the explorer. */
  dockTab: DockTab;
  dockOpen: boolean;
  /** The input pane folded to a one-line summary, giving the output the whole width. */
  inputCollapsed: boolean;
  /** Show every check of a decision, not only those that differ from a neighbouring release. */
  allChecks: boolean;
  /** With several InferenceServices, show only those at risk in some release. */
  atRiskOnly: boolean;
  /** Let the explorer make the user's own edits (class switches). */
  exploreEdits: boolean;
  /** Markdown is redacted unless the user turns it off; names are kept unless asked. */
  redact: boolean;
  rename: boolean;
}

/** Something the page must say at the step bar: why a click did nothing, or what just happened. */
export interface Notice {
  kind: 'error' | 'info';
  /** A key of the UI catalog's playground area. */
  key: string;
  /** A name shown as is (a file name), or the engine's message (rendered in the page's language). */
  detail?: string | Message;
}

export interface AppState {
  link: LinkState;
  /** The last evaluation that parsed: shown (dimmed) while the current input has errors. */
  good: Good | null;
  /** Problems of the current input; empty when `good` describes it. */
  errors: InputError[];
  explore: ExploreResult | null;
  /** What redaction removes, computed when the share menu opens. */
  redaction: RedactionView | null;
  ui: UiState;
  /** Values of the event controls (replicas, annotation key and value, targets). */
  form: Readonly<Record<string, string>>;
  notice: Notice | null;
  /** The step before the last move, so the view can mark what the move changed. */
  fromStep: number;
}

export const DEFAULT_UI: UiState = {
  dockTab: 'picture',
  dockOpen: true,
  inputCollapsed: false,
  allChecks: false,
  atRiskOnly: false,
  exploreEdits: false,
  redact: true,
  rename: false,
};

export const DEFAULT_FORM: Readonly<Record<string, string>> = {
  'scale-replicas': '3',
  'annotate-key': 'serving.kserve.io/autoscalerClass',
  'annotate-value': 'external',
};

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
  };
}

/** True while the results on screen describe an older input than the editors hold. */
export function isStale(state: Pick<AppState, 'errors'>): boolean {
  return state.errors.length > 0;
}

export function totalSteps(state: Pick<AppState, 'good'>): number {
  return state.good?.totalSteps ?? 0;
}
