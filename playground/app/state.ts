/**
 * The playground's state. `link` is what a shared link carries (three YAML texts and the step on
 * screen); the rest is derived from it (the last evaluation that parsed, the input's problems) or
 * belongs to this page only (which output tab is open, what the event controls hold). Every change
 * goes through the action table in actions.ts.
 */
import type { Message } from '../../engine/i18n/message.ts';
import type { LinkState } from '../../engine/link/state.ts';
import type { InputError } from '../../engine/scenario/source.ts';
import type { Evaluation, Good } from './evaluate.ts';
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
  /** The timeline's folded run of a dump's apply steps, opened (it is folded by default). */
  appliesOpen: boolean;
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

/** New texts whose evaluation is on its way (from the page's worker); what is on screen is older. */
export interface Pending {
  /** Refuse the texts if they turn out not to parse (a control made them), going back to `revert`. */
  strict: boolean;
  /** The texts the evaluation on screen describes. */
  revert: LinkState;
  /** Open where the releases first part ways once the answer is in. */
  at?: 'first-difference';
}

/** Where the action table gets texts' evaluations; `undefined` means not yet known (pending). */
export interface Evaluations {
  get(link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>): Evaluation | undefined;
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
  /** Set while the texts in `link` wait for their evaluation (only in the page). */
  pending?: Pending | null;
  /** Where evaluations come from: on the spot (server, tests) or the page's worker's answers. */
  evaluations: Evaluations;
}

export const DEFAULT_UI: UiState = {
  dockTab: 'picture',
  dockOpen: true,
  inputCollapsed: false,
  allChecks: false,
  atRiskOnly: false,
  appliesOpen: false,
  exploreEdits: false,
  redact: true,
  rename: false,
};

export const DEFAULT_FORM: Readonly<Record<string, string>> = {
  'scale-replicas': '3',
  'annotate-key': 'serving.kserve.io/autoscalerClass',
  'annotate-value': 'external',
};

/**
 * The page's first state, before the worker has answered: nothing evaluated yet, the texts
 * pending (the server-rendered panes stay on screen until the answer is in).
 */
export function awaitingState(link: LinkState, evaluations: Evaluations, ui: Partial<UiState> = {}): AppState {
  return {
    link, good: null, errors: [], explore: null, redaction: null, ui: { ...DEFAULT_UI, ...ui }, form: DEFAULT_FORM, notice: null,
    fromStep: link.step, pending: { strict: false, revert: link }, evaluations,
  };
}

/** True while the results on screen describe an older input than the editors hold. */
export function isStale(state: Pick<AppState, 'errors'>): boolean {
  return state.errors.length > 0;
}

/** The step the results on screen are at: while new texts wait for the worker, the kept results' own step. */
export function shownStep(state: Pick<AppState, 'good' | 'link' | 'pending'>): number {
  const step = state.pending ? state.pending.revert.step : state.link.step;
  return Math.min(step, totalSteps(state));
}

export function totalSteps(state: Pick<AppState, 'good'>): number {
  return state.good?.totalSteps ?? 0;
}
