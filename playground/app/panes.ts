/**
 * The panes of the workbench: for each, what it is drawn from (its dependencies) and its view.
 * The element re-renders a pane only when one of its dependencies changed (by identity), so a
 * step move redraws the step bar, the timeline and the results, and leaves the editors, the
 * toolbar and the explorer alone. The Astro component renders the same views at build time.
 */
import { listEvents, type EventEntry } from '../../engine/scenario/event-list.ts';
import type { VNode } from '../dom/vnode.ts';
import { effectiveForm } from './controls.ts';
import { markColumn, markTimeline } from './marks.ts';
import { isStale, shownStep, type AppState } from './state.ts';
import type { ViewModel } from './views/common.ts';
import { exploreView } from './views/explore.ts';
import { problemsView, summaryView } from './views/input.ts';
import { pictureView } from './views/picture.ts';
import { resultsView } from './views/results.ts';
import { eventListView } from './views/events-list.ts';
import { eventsView, noticeView, staleView, stepperView, timelineView } from './views/steps.ts';
import { dockTabsView, linkKeptView, shareView, toolbarView } from './views/toolbar.ts';
import type { Strings } from './strings.ts';
import type { Locale } from '../../engine/i18n/render.ts';

/** What the page knows besides the state: presets, the link's length, the page's language. */
export interface PageContext {
  s: Strings;
  locale: Locale;
  idBase: string;
  presets: readonly { id: string; title: string; texts?: { isvc: string; hpas: string } }[];
  linkLength: number | null;
  /** The copy button (its data-key) whose copy is the last one done for the texts on screen. */
  copied?: string | null;
  /** Set while the scenario is too big for a link: the fragment's length, and whether storage kept the edit. */
  linkKept?: { length: number; kept: boolean } | null;
  readonly: boolean;
  /** The stacked layout (phones): explanations start closed. */
  compact?: boolean;
}

/** The preset the objects still are (same texts), or null once the user changed them. */
export function presetIdOf(state: Pick<AppState, 'link'>, presets: PageContext['presets']): string | null {
  return presets.find((p) => p.texts && p.texts.isvc === state.link.isvc && p.texts.hpas === state.link.hpas)?.id ?? null;
}

/** The last text's events: a step move draws again from the same text. */
let listed: { text: string; events: EventEntry[] } | null = null;
function eventsOf(text: string): EventEntry[] {
  if (listed?.text !== text) listed = { text, events: listEvents(text) };
  return listed.events;
}

export function viewModel(state: AppState, page: PageContext, flash: false | number = false): ViewModel {
  return {
    s: page.s,
    locale: page.locale,
    good: state.good,
    errors: state.errors,
    events: eventsOf(state.link.scenario),
    stale: isStale(state),
    step: shownStep(state),
    flash,
    ui: state.ui,
    form: effectiveForm(state.form, state.good),
    notice: state.notice,
    explore: state.explore,
    redaction: state.redaction,
    linkLength: page.linkLength,
    copied: page.copied ?? null,
    linkKept: page.linkKept ?? null,
    presets: page.presets.map(({ id, title }) => ({ id, title })),
    presetId: presetIdOf(state, page.presets),
    readonly: page.readonly,
    compact: page.compact ?? false,
  };
}

export interface Pane {
  deps: (state: AppState, page: PageContext) => readonly unknown[];
  view: (vm: ViewModel) => VNode | null;
  /** Hidden panes are not drawn; they are drawn when they show again. */
  visible?: (state: AppState) => boolean;
  /** A step move this pane shows without a redraw (its deps leave the step out). */
  mark?: (root: Element, step: number) => void;
}

const stale = (s: AppState) => isStale(s);

export function panes(idBase: string): Record<string, Pane> {
  return {
    toolbar: { deps: (s, p) => [s.good?.scenario.settings, presetIdOf(s, p.presets), stale(s)], view: (vm) => toolbarView(vm, idBase) },
    // Inside the toolbar's share menu: redrawn with the toolbar, and on its own when only it changed.
    share: { deps: (s, p) => [s.good, stale(s), s.redaction, s.ui.redact, s.ui.rename, p.linkLength, p.copied], view: shareView },
    linkkept: { deps: (_s, p) => [p.linkKept ?? null], view: linkKeptView },
    stepper: { deps: (s) => [s.good, s.link.step], view: stepperView },
    events: { deps: (s) => [s.good, stale(s)], view: eventsView },
    notice: { deps: (s) => [s.notice], view: noticeView },
    timeline: { deps: (s) => [s.good, isStale(s), s.ui.appliesOpen], view: (vm) => timelineView(vm, idBase), mark: markTimeline },
    stale: { deps: (s) => [s.errors, s.good], view: staleView },
    results: { deps: (s, p) => [s.good, s.link.step, s.ui.allChecks, s.ui.atRiskOnly, p.compact], view: resultsView },
    docktabs: { deps: (s) => [s.ui.dockTab, s.ui.dockOpen], view: (vm) => dockTabsView(vm, idBase) },
    picture: { deps: (s) => [s.good], view: pictureView, mark: markColumn, visible: (s) => s.ui.dockOpen && s.ui.dockTab === 'picture' },
    explore: { deps: (s) => [s.explore, stale(s), s.ui.exploreEdits, s.good], view: exploreView },
    problems: { deps: (s) => [s.errors, s.good, stale(s)], view: problemsView },
    eventlist: { deps: (s) => [s.link.scenario, s.errors, s.good, s.link.step], view: (vm) => eventListView(vm, idBase) },
    summary: { deps: (s) => [s.good, s.errors], view: summaryView, visible: (s) => s.ui.inputCollapsed },
  };
}
