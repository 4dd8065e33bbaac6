/**
 * Every user action of the playground, as one pure table: (state, action) → state. The element
 * turns clicks, keys and editor changes into actions and renders what comes back; nothing here
 * touches the DOM, the clipboard or the address bar. Controls never break the input: an action
 * whose result would not parse is refused with a notice, and the state stays as it was.
 */
import { compareTags } from '../../engine/kserve/tags.ts';
import type { Lint } from '../../engine/lint.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { parseEventWord, parseTarget, withTarget, type ControllerEvent } from '../../engine/machine/events.ts';
import { REPRESENTATIVE_RELEASES } from '../../engine/vocabulary.ts';
import { applyEdits, type EditorName } from './edits.ts';
import { applySafeChangeToTexts, type ExploreResult } from './explore-result.ts';
import type { RedactionView } from './share-state.ts';
import { appendEvent, editEvents, editScenario, forgetPresetWords, moveEvent, removeEventAt, replaceEvents, setField } from '../../engine/scenario/edit.ts';
import { listEvents } from '../../engine/scenario/event-list.ts';
import { formatPosition } from '../../engine/scenario/source.ts';
import { isStale, totalSteps, type AppState, type DockTab, type Notice, type UiState } from './state.ts';

export const MIN_RELEASES = 2;
export const MAX_RELEASES = 5;

export type Action =
  | { type: 'step'; to: number }
  | { type: 'step-by'; delta: number }
  | { type: 'step-last' }
  | { type: 'event'; word: string }
  | { type: 'reapply'; hpa: string }
  | { type: 'remove-event'; index: number }
  /** Events are input: moved, aimed elsewhere or removed in place, even while the input has problems. */
  | { type: 'move-event'; from: number; to: number }
  | { type: 'retarget-event'; index: number; target: string }
  /** An input error's fix, named by the error's place and the fix's index among its fixes. */
  | { type: 'fix-input'; at: string; fix: number }
  | { type: 'clear-events' }
  | { type: 'add-release'; tag: string }
  | { type: 'remove-release'; tag: string }
  | { type: 'add-bug-window' }
  | { type: 'set-defaulting'; on: boolean }
  | { type: 'set-mode'; mode: 'Serverless' | 'RawDeployment' }
  | { type: 'set-start'; tag: string | null }
  | { type: 'edit'; editor: EditorName; text: string }
  /** A preset, a link or a file: new texts. `at: 'first-difference'` opens where the releases first part ways. */
  | { type: 'load'; link: LinkState; at?: 'link' | 'first-difference'; keepScenario?: boolean }
  /** A lint's quick fix, named by the lint (id and place), not its position: the list may have changed since it was drawn. */
  | { type: 'fix'; lint: string }
  /** The explorer's answer (computed by the element, which loads the search on first use). */
  | { type: 'explored'; result: ExploreResult }
  | { type: 'load-loss'; index: number }
  | { type: 'apply-change'; index: number }
  | { type: 'dock-tab'; tab: DockTab }
  | { type: 'toggle'; what: 'dockOpen' | 'inputCollapsed' | 'allChecks' | 'atRiskOnly' | 'appliesOpen' | 'exploreEdits' | 'redact' | 'rename' }
  /** What redaction removes (computed by the element, which loads the redaction on first use). */
  | { type: 'redaction'; view: RedactionView | null }
  | { type: 'form'; key: string; value: string }
  | { type: 'notice'; notice: Notice | null }
  /** The page's worker answered for the pending texts (the answer is in `state.evaluations`). */
  | { type: 'evaluated' };

/**
 * What can be done while new texts wait for the worker: typing, loading, moving or removing an
 * event in the list, and the view's own switches. Every other action reads the results on screen
 * (their releases, steps or events) to build its edit, so it waits for the answer and runs then.
 */
export const RUNS_WHILE_PENDING: ReadonlySet<Action['type']> = new Set<Action['type']>([
  'edit', 'load', 'evaluated', 'move-event', 'retarget-event', 'remove-event',
  'dock-tab', 'toggle', 'redaction', 'form', 'notice',
]);

type Handler<T extends Action['type']> = (state: AppState, action: Extract<Action, { type: T }>) => AppState;

const say = (state: AppState, key: string, detail?: Notice['detail'], kind: Notice['kind'] = 'error'): AppState => ({ ...state, notice: { kind, key, ...(detail ? { detail } : {}) } });

function moveTo(state: AppState, step: number): AppState {
  const to = Math.max(0, Math.min(totalSteps(state), Math.trunc(step)));
  if (Number.isNaN(to)) return state;
  return { ...state, link: { ...state.link, step: to }, fromStep: state.link.step, notice: null };
}

/**
 * New texts: evaluate once, clamp the step, drop the explorer's answer (it was for other texts).
 * With `strict`, a result with problems is refused (controls must not break the input).
 */
function withLink(state: AppState, link: LinkState, strict: boolean): AppState {
  // In the page, evaluations come from a worker: texts it has not answered for wait (`pending`).
  const evaluation = state.evaluations.get(link);
  if (!evaluation) return { ...state, link, pending: { strict, revert: state.pending?.revert ?? state.link }, explore: null, notice: null, fromStep: state.link.step };
  if (!evaluation.ok) {
    if (strict) return say(state, 'refusedChange', evaluation.errors[0]?.message);
    return { ...state, link, errors: evaluation.errors, explore: null, notice: null, fromStep: state.link.step, pending: null };
  }
  const step = Math.max(0, Math.min(evaluation.totalSteps, link.step));
  return { ...state, link: { ...link, step }, good: evaluation, errors: [], explore: null, notice: null, fromStep: state.link.step, pending: null };
}

/** The worker answered for the pending texts: take them as if evaluated on the spot, from the texts on screen. */
function evaluated(state: AppState): AppState {
  const pending = state.pending;
  if (!pending || !state.evaluations.get(state.link)) return state;
  const next = withLink({ ...state, link: pending.revert, pending: null }, state.link, pending.strict);
  return pending.at === 'first-difference' ? atFirstDifference(next) : next;
}

function atFirstDifference(next: AppState): AppState {
  if (next.pending) return { ...next, pending: { ...next.pending, at: 'first-difference' } };
  if (!next.good || next.errors.length) return next;
  return { ...next, link: { ...next.link, step: next.good.run.firstDisagreement ?? next.good.totalSteps } };
}

/** Applies a Scenario-document edit through the controls; refused while the input has problems. */
function editDoc(state: AppState, edit: Parameters<typeof editScenario>[1], step = state.link.step): AppState {
  if (isStale(state) || !state.good) return say(state, 'fixFirst');
  const scenario = editScenario(state.link.scenario, edit);
  if (scenario === null) return say(state, 'scenarioUnreadable');
  return withLink(state, { ...state.link, scenario, step }, true);
}

/**
 * Edits the events as input: applied whether or not the result parses (its problems then show
 * where the event is), so an event the objects made invalid can always be changed or removed.
 * A change that makes stale input whole again opens where the releases first part ways.
 */
function editEventsText(state: AppState, edit: Parameters<typeof editScenario>[1], step = state.link.step): AppState {
  const scenario = editScenario(state.link.scenario, edit);
  if (scenario === null) return say(state, 'scenarioUnreadable');
  const next = withLink(state, { ...state.link, scenario, step }, false);
  if (!isStale(state) || (!next.pending && isStale(next))) return next;
  // Evaluated in the worker, the jump waits for its answer (and is dropped there if still stale).
  return atFirstDifference(next);
}

/** The objects changed: a preset's name and description no longer describe them. */
function objectsChanged(state: AppState, texts: Pick<LinkState, 'isvc' | 'hpas'>, strict: boolean): AppState {
  const scenario = editScenario(state.link.scenario, forgetPresetWords) ?? state.link.scenario;
  return withLink(state, { ...state.link, ...texts, scenario }, strict);
}

function versions(state: AppState): string[] {
  return state.good?.run.versions.map((v) => v.tag) ?? [];
}

function setVersions(state: AppState, tags: readonly string[]): AppState {
  const sorted = [...new Set(tags)].sort(compareTags);
  return editDoc(state, setField('versions', sorted));
}

function sendEvent(state: AppState, event: ControllerEvent): AppState {
  return editDoc(state, appendEvent(event), totalSteps(state) + 1);
}

function setUi<K extends keyof UiState>(state: AppState, key: K, value: UiState[K]): AppState {
  return { ...state, ui: { ...state.ui, [key]: value } };
}

const HANDLERS: { [T in Action['type']]: Handler<T> } = {
  step: (s, a) => moveTo(s, a.to),
  'step-by': (s, a) => moveTo(s, s.link.step + a.delta),
  'step-last': (s) => moveTo(s, totalSteps(s)),
  event: (s, a) => {
    if (isStale(s) || !s.good) return say(s, 'fixFirst');
    const parsed = parseEventWord(a.word);
    return parsed.ok ? sendEvent(s, parsed.event) : say(s, 'badEvent', parsed.message);
  },
  reapply: (s, a) => {
    const entry = s.good?.scenario.objects.find((o) => o.object.kind === 'HorizontalPodAutoscaler'
      && (o.object.metadata.name === a.hpa || `${o.object.metadata.namespace}/${o.object.metadata.name}` === a.hpa));
    return entry ? sendEvent(s, { type: 'object.apply', object: entry.object }) : say(s, 'fixFirst');
  },
  'remove-event': (s, a) => {
    const offset = s.good?.eventOffset ?? 0;
    const step = s.link.step > offset + a.index ? s.link.step - 1 : s.link.step;
    return editEventsText(s, removeEventAt(a.index), step);
  },
  'move-event': (s, a) => editEventsText(s, moveEvent(a.from, a.to)),
  'retarget-event': (s, a) => {
    const event = listEvents(s.link.scenario)[a.index]?.event;
    const target = parseTarget(a.target);
    if (!event || !target) return s;
    return editEventsText(s, editEvents({ set: [{ index: a.index, event: withTarget(event, target) }] }));
  },
  'fix-input': (s, a) => {
    const fix = s.errors.find((e) => formatPosition(e) === a.at)?.fixes?.[a.fix];
    return fix ? editEventsText(s, editEvents(fix.edit)) : say(s, 'fixFirst');
  },
  'clear-events': (s) => editDoc(s, replaceEvents([]), Math.min(s.link.step, s.good?.eventOffset ?? 0)),
  'add-release': (s, a) => {
    const current = versions(s);
    if (current.includes(a.tag)) return s;
    if (current.length >= MAX_RELEASES) return say(s, 'tooManyReleases');
    return setVersions(s, [...current, a.tag]);
  },
  'remove-release': (s, a) => {
    const current = versions(s);
    if (current.length <= MIN_RELEASES) return say(s, 'tooFewReleases');
    return setVersions(s, current.filter((t) => t !== a.tag));
  },
  'add-bug-window': (s) => {
    const current = versions(s);
    const missing = REPRESENTATIVE_RELEASES.bugWindowEdges.filter((t) => !current.includes(t));
    if (current.length + missing.length > MAX_RELEASES) return say(s, 'tooManyReleases');
    return setVersions(s, [...current, ...missing]);
  },
  'set-defaulting': (s, a) => editDoc(s, setField('apiServerDefaulting', a.on)),
  'set-mode': (s, a) => editDoc(s, setField('defaultDeploymentMode', a.mode)),
  'set-start': (s, a) => {
    // Choosing "I run X and upgrade" with no upgrade in the story yet: add the upgrade and show it.
    const upgrades = s.good?.scenario.events.some((e) => e.event.type === 'controller.upgraded') ?? false;
    if (a.tag === null || upgrades) return editDoc(s, setField('startRelease', a.tag));
    return editDoc(s, (doc) => {
      setField('startRelease', a.tag)(doc);
      appendEvent({ type: 'controller.upgraded', tag: null })(doc);
    }, totalSteps(s) + 1);
  },
  edit: (s, a) => (s.link[a.editor] === a.text ? s : objectsChanged(s, { isvc: s.link.isvc, hpas: s.link.hpas, [a.editor]: a.text }, false)),
  load: (s, a) => {
    const link = a.keepScenario && a.link.scenario.trim() === '' ? { ...a.link, scenario: editScenario(s.link.scenario, forgetPresetWords) ?? s.link.scenario } : a.link;
    const next = withLink({ ...s, explore: null }, link, false);
    return a.at === 'first-difference' ? atFirstDifference(next) : next;
  },
  evaluated: (s) => evaluated(s),
  fix: (s, a) => {
    const lint = isStale(s) || s.pending ? undefined : s.good?.lints.find((l) => lintKey(l) === a.lint);
    if (!lint?.fix) return say(s, 'fixFirst');
    const texts = applyEdits(s.link, lint.fix.edits);
    return objectsChanged(s, texts, false);
  },
  // The answer shows where the question was asked: the explorer's tab, open.
  explored: (s, a) => (isStale(s) ? say(s, 'fixFirst') : { ...s, explore: a.result, ui: { ...s.ui, dockTab: 'explore', dockOpen: true }, notice: null }),
  'load-loss': (s, a) => {
    const result = s.explore?.kind === 'loss' ? s.explore.results[a.index] : undefined;
    if (!result?.found) return s;
    const explore = s.explore;
    const next = editDoc(s, replaceEvents(result.events), result.loss.step);
    // Keep the answer on screen: it still describes these objects.
    return next.notice ? next : { ...next, explore };
  },
  'apply-change': (s, a) => {
    const group = s.explore?.kind === 'keep' ? s.explore.groups[a.index] : undefined;
    if (!group || isStale(s)) return say(s, 'fixFirst');
    const applied = applySafeChangeToTexts(s.link, group.safe);
    if (!applied) return say(s, 'refusedChange');
    let next = applied.texts.isvc === s.link.isvc && applied.texts.hpas === s.link.hpas ? s : objectsChanged(s, applied.texts, true);
    if (next.notice || applied.moves.length === 0) return next;
    const moved = versions(next).map((t) => applied.moves.find((m) => m.from === t)?.to ?? t);
    next = setVersions(next, moved);
    return next;
  },
  'dock-tab': (s, a) => ({ ...s, ui: { ...s.ui, dockTab: a.tab, dockOpen: true } }),
  toggle: (s, a) => setUi(s, a.what, !s.ui[a.what]),
  redaction: (s, a) => ({ ...s, redaction: a.view }),
  form: (s, a) => ({ ...s, form: { ...s.form, [a.key]: a.value } }),
  notice: (s, a) => ({ ...s, notice: a.notice }),
};

/** A lint as a control names it: its id and where it points. */
export function lintKey(lint: Pick<Lint, 'id' | 'at'>): string {
  return `${lint.id}@${formatPosition(lint.at)}`;
}

export function reduce(state: AppState, action: Action): AppState {
  const handler = HANDLERS[action.type] as Handler<Action['type']>;
  return handler(state, action);
}
