/**
 * <hpa-playground>: a thin shell around the server-rendered workbench. It turns clicks, keys and
 * editor changes into actions (controls.ts, keys.ts), runs them through the action table
 * (actions.ts), and then brings the page in line with the new state: the panes whose inputs
 * changed (panes.ts), the editors (editors.ts), the address bar and the live region. Controls that
 * are effects rather than actions run in effect-runner.ts (the clipboard, downloads and files
 * themselves in effects.ts); small DOM chores are in element-dom.ts. It decides nothing about KServe.
 * Evaluations run in a Web Worker (evaluator.ts); until one is in, the results on screen stay and
 * are marked as updating, and a link opens behind a neutral "opening the link…" state.
 */
import { renderMessage } from '../../engine/i18n/render.ts';
import type { Message } from '../../engine/i18n/message.ts';
import type { LinkState } from '../../engine/link/state.ts';
import type { Evaluation } from './evaluate.ts';
import { patch } from '../dom/vnode.ts';
import { reduce, RUNS_WHILE_PENDING, type Action } from './actions.ts';
import { mountStatechart } from './chart.ts';
import { actionFor, effectiveForm } from './controls.ts';
import type { EditorName } from './edits.ts';
import { EDITORS, EditorSet } from './editors.ts';
import { runEffect, type EffectHost, type Preset } from './effect-runner.ts';
import { readFile } from './effects.ts';
import { announce, closeMenus, modalOpen, moveTab, openShareMenu, readJson, restoreFocus, revealEvent, showHelp } from './element-dom.ts';
import { redactionKey, type RedactionView } from './share-state.ts';
import { focusOf, keyIntent } from './keys.ts';
import { panes, viewModel, type PageContext, type Pane } from './panes.ts';
import { dropProseHasRules, keepDecisionsInView, showCurrentStep, wireSplitters } from './layout.ts';
import { editorMarkers, problemWords, stepSentence } from './speech.ts';
import { awaitingState, shownStep, type AppState } from './state.ts';
import { EvaluationCache, Evaluator, type Answer } from './evaluator.ts';
import { localeOf, stringsFor } from './strings.ts';
import { clearDraft, readDraft, writeDraft } from './storage.ts';
import { fragmentOf, readFragment, shareUrl, writeFragment } from './url.ts';

/** The stacked layout's media query (playground.css). */
const STACKED = '(max-width: 55.99rem), (max-height: 33.99rem)';
const pageTheme = (): 'light' | 'dark' => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
const same = (a: readonly unknown[] | undefined, b: readonly unknown[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

export class HpaPlayground extends HTMLElement {
  #state!: AppState;
  #page!: PageContext;
  #presets: Preset[] = [];
  #panes: Record<string, Pane> = {};
  /** Each pane's dependencies when it was last drawn (the server drew the first state). */
  #drawn = new Map<string, readonly unknown[]>();
  /** Step moves so far: the changed-cell highlight alternates with it, so it replays on every move. */
  #moves = 0;
  /** The step each marking pane last showed. */
  #marked = new Map<string, number>();
  /** Disclosures the user opened or closed, kept across re-renders. */
  #details = new Map<string, boolean>();
  #editors: EditorSet | null = null;
  #chart: ReturnType<typeof mountStatechart> | null = null;
  #urlTimer: ReturnType<typeof setTimeout> | undefined;
  #editTimer: ReturnType<typeof setTimeout> | undefined;
  #pendingEdits = new Map<EditorName, string>();
  /** The state on screen is not (yet) the one in the address bar. */
  #unsaved = false;
  #cleanups: (() => void)[] = [];
  #evaluator = new Evaluator();
  #evaluations = new EvaluationCache();
  /** The texts last sent to the worker (a pending state asks once per texts). */
  #requested: LinkState | null = null;
  /** Set once the first evaluation (the preset's or the link's) is on screen; actions before wait. */
  #started = false;
  #early: Action[] = [];
  /** Actions that read the results, held while new texts wait for the worker. */
  #waiting: Action[] = [];
  #updatingTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    const locale = localeOf(this.getAttribute('lang') ?? document.documentElement.lang);
    const s = stringsFor(locale);
    const initial = readJson<LinkState>(this, 'script.pg-initial');
    this.#presets = readJson<Preset[]>(this, 'script.pg-presets') ?? [];
    if (!initial) return;
    this.#page = {
      s, locale, idBase: this.dataset.idBase ?? 'pg', linkLength: null, readonly: false, compact: false,
      presets: this.#presets.map((p) => ({ id: p.id, title: p.title, texts: { isvc: p.state.isvc, hpas: p.state.hpas } })),
    };
    this.#panes = panes(this.#page.idBase);
    const stacked = matchMedia(STACKED);
    this.#state = awaitingState(initial, this.#evaluations, { dockOpen: this.dataset.dockOpen !== 'false' });
    // Phones get the explanations closed, so every release's decision fits under the step bar.
    if (stacked.matches) this.#page = { ...this.#page, compact: true };
    this.#mountEditors();
    this.#chart = mountStatechart(this.querySelector('[data-pane="chart"]'), s);
    this.#wire();
    const onLayout = () => {
      this.#page = { ...this.#page, compact: stacked.matches };
      this.#drawPanes(false);
    };
    stacked.addEventListener('change', onLayout);
    this.#cleanups.push(() => stacked.removeEventListener('change', onLayout));
    // Ready once the first results are on screen: a link's own (decoded and evaluated in the worker), else the preset's.
    void this.#start().finally(() => {
      this.removeAttribute('data-opening');
      this.setAttribute('data-ready', '');
    });
  }

  disconnectedCallback(): void {
    for (const cleanup of this.#cleanups) cleanup();
    this.#editors?.dispose();
    this.#evaluator.dispose();
    clearTimeout(this.#updatingTimer);
    clearTimeout(this.#urlTimer);
    clearTimeout(this.#editTimer);
  }

  /** For tests and the bench: the state as the page holds it. */
  get state(): AppState {
    return this.#state;
  }

  dispatch(action: Action): void {
    // Until the first results are in, the state has nothing to act on: actions wait their turn.
    if (!this.#started) {
      this.#early.push(action);
      return;
    }
    if (action.type !== 'edit') this.#flushEdits();
    // New texts replace the old: what waited was meant for the old ones.
    if (action.type === 'load') this.#waiting.length = 0;
    if (this.#state.pending && !RUNS_WHILE_PENDING.has(action.type)) {
      this.#waiting.push(action);
      return;
    }
    const before = this.#state;
    const next = reduce(before, action);
    if (next === before) return;
    this.#state = next;
    this.#sync(before);
    if (next.pending) this.#request(next.link);
    this.#markUpdating(Boolean(next.pending));
    // The answer is in: what waited for it runs now, in the order it came.
    if (!next.pending) for (const waited of this.#waiting.splice(0)) this.dispatch(waited);
  }

  /** Asks the worker for texts' evaluation; only the newest request's answer is taken. */
  #request(link: LinkState): void {
    const requested = this.#requested;
    if (requested && requested.isvc === link.isvc && requested.hpas === link.hpas && requested.scenario === link.scenario) return;
    this.#requested = link;
    void this.#evaluator.request({ kind: 'evaluate', link }).then((answer) => this.#take(answer, link));
  }

  async #take(answer: Answer | null, link: LinkState): Promise<void> {
    if (!answer) return;
    if (this.#requested === link) this.#requested = null;
    const evaluation = answer.kind === 'evaluated' ? answer.evaluation : await evaluateHere(link);
    if (!evaluation) return;
    this.#evaluations.set(link, evaluation);
    this.dispatch({ type: 'evaluated' });
  }

  /** The results on screen are older than the texts: marked (and said) once the wait is noticeable. */
  #markUpdating(pending: boolean): void {
    const region = this.querySelector<HTMLElement>('[data-pane="updating"]');
    if (!pending) {
      clearTimeout(this.#updatingTimer);
      this.#updatingTimer = undefined;
      this.removeAttribute('data-updating');
      if (region && region.textContent !== '') region.textContent = '';
      return;
    }
    if (this.#updatingTimer !== undefined || this.hasAttribute('data-updating')) return;
    this.#updatingTimer = setTimeout(() => {
      this.#updatingTimer = undefined;
      if (!this.#state.pending) return;
      this.setAttribute('data-updating', '');
      if (region) region.textContent = this.#page.s.updating;
    }, 120);
  }

  /** Brings the page in line with the state, touching only what changed. */
  #sync(before: AppState): void {
    const next = this.#state;
    const stepMoved = shownStep(before) !== shownStep(next);
    const textsChanged = before.link.isvc !== next.link.isvc || before.link.hpas !== next.link.hpas || before.link.scenario !== next.link.scenario;
    // "Copied" speaks of what is on screen; once the scenario or the step changes, it no longer does.
    if (before.link !== next.link && this.#page.copied) this.#page = { ...this.#page, copied: null };
    if (textsChanged) for (const name of EDITORS) if (!this.#pendingEdits.has(name)) this.#editors?.setValue(name, next.link[name]);
    if (before.errors !== next.errors || before.good !== next.good) this.#applyMarkers();
    this.#drawPanes(stepMoved);
    if (before.ui !== next.ui || before.errors !== next.errors || before.good !== next.good) this.#applyLayout();
    // The statechart follows the step only while it is shown; it catches up when its tab opens.
    const chartShown = next.ui.dockOpen && next.ui.dockTab === 'chart';
    if (chartShown && (stepMoved || before.good !== next.good || !(before.ui.dockOpen && before.ui.dockTab === 'chart'))) this.#chart?.update(next.good, shownStep(next));
    if (stepMoved) this.#announceStep();
    if (next.notice && next.notice !== before.notice) this.#announce(this.querySelector('.pg-notice')?.textContent ?? '');
    if (next.explore && next.explore !== before.explore) this.#announce(this.querySelector('.pg-explore-list')?.textContent ?? '');
    if (stepMoved) keepDecisionsInView(this, this.#page.compact ?? false);
    if (stepMoved || before.good !== next.good) showCurrentStep(this);
    if (before.link !== next.link) {
      this.#unsaved = true;
      this.#scheduleUrl();
    }
  }

  #drawPanes(moved: boolean): void {
    if (!this.#started) return;
    if (moved) this.#moves += 1;
    const flash = moved ? this.#moves : false;
    const active = document.activeElement;
    const focusKey = active && this.contains(active) ? active.closest('[data-key]')?.getAttribute('data-key') ?? null : null;
    let vm: ReturnType<typeof viewModel> | null = null;
    for (const [name, pane] of Object.entries(this.#panes)) {
      if (pane.visible && !pane.visible(this.#state)) continue;
      const deps = pane.deps(this.#state, this.#page);
      const target = this.querySelector(`[data-pane="${name}"]`);
      if (!target) continue;
      if (same(this.#drawn.get(name), deps)) {
        if (pane.mark && this.#marked.get(name) !== shownStep(this.#state)) {
          pane.mark(target, shownStep(this.#state));
          this.#marked.set(name, shownStep(this.#state));
        }
        continue;
      }
      vm ??= viewModel(this.#state, this.#page, flash);
      const node = pane.view(vm);
      patch(target, node ? [node] : []);
      this.#drawn.set(name, deps);
      this.#marked.set(name, shownStep(this.#state));
      // A pane drawn inside another (the share menu in the toolbar) is current now too.
      for (const inner of target.querySelectorAll('[data-pane]')) {
        const innerName = inner.getAttribute('data-pane')!;
        if (this.#panes[innerName]) this.#drawn.set(innerName, this.#panes[innerName]!.deps(this.#state, this.#page));
      }
    }
    if (!vm) return;
    for (const [key, open] of this.#details) {
      const details = this.querySelector<HTMLDetailsElement>(`details[data-key="${CSS.escape(key)}"]`);
      if (details && details.open !== open) details.open = open;
    }
    if (focusKey && !this.contains(document.activeElement === document.body ? null : document.activeElement)) restoreFocus(this, focusKey);
  }

  #applyLayout(): void {
    const ui = this.#state.ui;
    this.toggleAttribute('data-input-collapsed', ui.inputCollapsed);
    this.toggleAttribute('data-dock-open', ui.dockOpen);
    this.toggleAttribute('data-stale', this.#state.errors.length > 0);
    this.style.setProperty('--pg-n', String(this.#state.good?.run.versions.length ?? 2));
    for (const tab of ['picture', 'chart', 'explore'] as const) {
      const panel = this.querySelector<HTMLElement>(`[data-panel="${tab}"]`);
      if (panel) panel.hidden = !(ui.dockOpen && ui.dockTab === tab);
    }
    const toggle = this.querySelector<HTMLButtonElement>('[data-action="toggle-input"]');
    if (toggle) {
      toggle.setAttribute('aria-expanded', ui.inputCollapsed ? 'false' : 'true');
      toggle.textContent = ui.inputCollapsed ? this.#page.s.showInput : this.#page.s.hideInput;
    }
    const summary = this.querySelector<HTMLElement>('[data-pane="summary"]');
    if (summary) summary.hidden = !ui.inputCollapsed;
  }

  #mountEditors(): void {
    const s = this.#page.s;
    this.#editors = new EditorSet(this, {
      labels: { isvc: s.isvcEditor, hpas: s.hpaEditor },
      locale: this.#page.locale,
      problemWords: problemWords(s),
      onChange: (name, text) => this.#onEditorChange(name, text),
      onSwap: () => {
        this.#applyMarkers();
        this.#renderEditorChoice();
      },
    });
    this.#editors.mount({ isvc: this.#state.link.isvc, hpas: this.#state.link.hpas }, pageTheme());
    // The textareas describe their problems too; the swap to Monaco then changes nothing on screen.
    this.#applyMarkers();
    this.#renderEditorChoice();
    const observer = new MutationObserver(() => this.#editors?.setTheme(pageTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.#cleanups.push(() => observer.disconnect());
  }

  #renderEditorChoice(): void {
    const button = this.querySelector<HTMLButtonElement>('[data-action="toggle-editor"]');
    if (!button || !this.#editors) return;
    const plain = this.#editors.kind() === 'textarea' && this.#editors.plainChosen();
    button.textContent = plain ? this.#page.s.richEditor : this.#page.s.plainEditor;
    button.hidden = false;
  }

  #applyMarkers(): void {
    // Before the first evaluation the server's problem lines stay as they are.
    if (!this.#started) return;
    for (const name of EDITORS) this.#editors?.setMarkers(name, editorMarkers(this.#state, name, this.#page.locale));
  }

  /** Typing is batched (200 ms) into one edit: one parse and one run per pause, not per key. */
  #onEditorChange(name: EditorName, text: string): void {
    this.#pendingEdits.set(name, text);
    clearTimeout(this.#editTimer);
    this.#editTimer = setTimeout(() => this.#flushEdits(), 200);
  }

  #flushEdits(): void {
    clearTimeout(this.#editTimer);
    const edits = [...this.#pendingEdits];
    this.#pendingEdits.clear();
    for (const [editor, text] of edits) this.dispatch({ type: 'edit', editor, text });
  }

  #wire(): void {
    const on = <K extends keyof HTMLElementEventMap>(target: EventTarget, type: K, handler: (event: HTMLElementEventMap[K]) => void, capture = false) => {
      target.addEventListener(type, handler as EventListener, capture);
      this.#cleanups.push(() => target.removeEventListener(type, handler as EventListener, capture));
    };
    on(this, 'click', (event) => {
      const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
      if (!target || !this.contains(target) || target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
      // A link that is a control (the skip link) acts; following it would replace the scenario's fragment.
      if (target.tagName === 'A') event.preventDefault();
      this.#control(target);
    });
    on(this, 'change', (event) => {
      const target = event.target as HTMLElement;
      if (target.dataset.action) this.#control(target);
    });
    on(this, 'input', (event) => {
      const target = event.target as HTMLElement;
      const key = target.dataset.key;
      if (key && (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) && !target.dataset.action) {
        this.#state = reduce(this.#state, { type: 'form', key, value: target.value });
      }
    });
    on(this, 'toggle', (event) => {
      const details = event.target as HTMLDetailsElement;
      const key = details.dataset?.key;
      if (!key || details.tagName !== 'DETAILS') return;
      this.#details.set(key, details.open);
      if (details.open && (key === 'share-menu' || key === 'redaction-preview')) void this.#previewRedaction();
    }, true);
    on(this, 'keydown', (event) => moveTab(this, event, (tab) => this.dispatch({ type: 'dock-tab', tab })));
    on(document, 'keydown', (event) => this.#onGlobalKey(event));
    on(document, 'click', (event) => closeMenus(this, event.target as Node, this.#details));
    on(this, 'dragover', (event) => event.preventDefault());
    on(this, 'drop', (event) => {
      const file = event.dataTransfer?.files?.[0];
      if (!file) return;
      event.preventDefault();
      void this.#openFile(file);
    });
    // Leaving the page (reload, close, another tab on a phone) keeps what the address bar has not caught up with.
    const keep = () => this.#keepUnsaved();
    const keepWhenHidden = () => {
      if (document.visibilityState === 'hidden') this.#keepUnsaved();
    };
    window.addEventListener('pagehide', keep);
    document.addEventListener('visibilitychange', keepWhenHidden);
    this.#cleanups.push(() => window.removeEventListener('pagehide', keep), () => document.removeEventListener('visibilitychange', keepWhenHidden));
    this.#cleanups.push(...wireSplitters(this, (what) => this.dispatch({ type: 'toggle', what })));
    if (this.classList.contains('pg-wb')) dropProseHasRules(document);
  }

  #control(target: HTMLElement): void {
    const form = effectiveForm(this.#state.form, this.#state.good);
    const intent = actionFor({
      action: target.dataset.action ?? '',
      dataset: { ...target.dataset },
      value: (target as HTMLInputElement).value,
      checked: (target as HTMLInputElement).checked,
    }, form);
    if (intent === null) return;
    if (typeof intent === 'string') void runEffect(this.#effectHost(), intent, target);
    else {
      this.dispatch(intent);
      if (intent.type === 'toggle' && intent.what === 'rename' && this.#state.redaction) void this.#previewRedaction();
    }
    // A select that picks an action (add a release) goes back to its prompt.
    if (target.tagName === 'SELECT' && target.dataset.action === 'add-release') (target as HTMLSelectElement).value = '';
  }

  /** The element as the effects see it (effect-runner.ts). */
  #effectHost(): EffectHost {
    const el = this;
    return {
      get state() { return el.#state; },
      get page() { return el.#page; },
      get presets() { return el.#presets; },
      dispatch: (action) => this.dispatch(action),
      announce: (text) => this.#announce(text),
      setLinkLength: (length) => this.#setLinkLength(length),
      setCopied: (key) => this.#setCopied(key),
      previewRedaction: () => this.#previewRedaction(),
      openShareMenu: () => openShareMenu(this),
      showHelp: () => showHelp(this),
      openFile: (file) => this.#openFile(file),
      toggleEditorChoice: () => {
        this.#editors?.toggleChoice();
        this.#renderEditorChoice();
      },
      reveal: (editor, line, column) => this.#editors?.reveal(editor, line, column),
      revealEvent: (line) => revealEvent(this, line),
    };
  }

  /** What redaction removes for the texts on screen, computed once per texts and option (the redaction loads on first use). */
  async #previewRedaction(): Promise<RedactionView | null> {
    const state = this.#state;
    if (state.errors.length > 0 || !state.good) return null;
    const key = redactionKey(state.link, state.ui.rename);
    if (state.redaction?.key === key) return state.redaction;
    const { redaction } = await import('./share.ts');
    const view = redaction(state.link, state.ui.rename);
    if (this.#state.link === state.link && this.#state.ui.rename === state.ui.rename) this.dispatch({ type: 'redaction', view });
    return view;
  }

  async #openFile(file: File): Promise<void> {
    const read = await readFile(file);
    if (!read.ok) {
      this.dispatch({ type: 'notice', notice: { kind: 'error', key: 'fileTooLarge', detail: file.name } });
      return;
    }
    this.dispatch({ type: 'load', link: read.link, at: 'first-difference', keepScenario: true });
  }

  #onGlobalKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || !this.isConnected || modalOpen(this)) return;
    if (event.key === 'Escape') {
      const open = this.querySelector<HTMLDetailsElement>('details.pg-menu[open]');
      if (open) {
        open.open = false;
        open.querySelector('summary')?.focus();
      }
      return;
    }
    const target = event.target instanceof Element ? event.target : null;
    // Keys belong to the page outside the playground only when focus is nowhere in particular.
    if (target && target !== document.body && !this.contains(target)) return;
    const intent = keyIntent(event, focusOf(target), effectiveForm(this.#state.form, this.#state.good));
    if (!intent) return;
    event.preventDefault();
    if (intent === 'help') showHelp(this);
    else this.dispatch(intent);
  }

  #scheduleUrl(): void {
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      const link = this.#state.link;
      void writeFragment(link, location, history).then((written) => {
        if (written.ok) {
          if (this.#state.link === link && this.#pendingEdits.size === 0) {
            this.#unsaved = false;
            clearDraft();
          }
          this.#setLinkKept(null);
          this.#setLinkLength(shareUrl(written.fragment, location).length);
          return;
        }
        // Too big for a link: the edit stays in this browser, and the page says how to share it.
        const kept = writeDraft(location.hash, link);
        this.#setLinkKept({ length: written.length, kept });
      });
    }, 250);
  }

  #setCopied(key: string | null): void {
    if (this.#page.copied === key) return;
    this.#page = { ...this.#page, copied: key };
    this.#drawPanes(false);
  }

  /** Synchronous: pagehide gives no time for encoding, so the texts go to storage as they are. */
  #keepUnsaved(): void {
    if (!this.#unsaved && this.#pendingEdits.size === 0) return;
    writeDraft(location.hash, { ...this.#state.link, ...Object.fromEntries(this.#pendingEdits) });
  }

  #setLinkKept(kept: PageContext['linkKept']): void {
    const before = this.#page.linkKept ?? null;
    if (before?.length === kept?.length && before?.kept === kept?.kept) return;
    this.#page = { ...this.#page, linkKept: kept, linkLength: kept ? null : this.#page.linkLength };
    this.#drawPanes(false);
    if (kept && !before) this.#announce(this.querySelector('.pg-link-kept p')?.textContent ?? '');
  }

  #setLinkLength(length: number): void {
    if (this.#page.linkLength === length) return;
    this.#page = { ...this.#page, linkLength: length };
    this.#drawPanes(false);
  }

  /**
   * The first results: an edit kept for this address, else the link in the address bar, else the
   * preset the server drew. A link is decoded and evaluated in the worker, and drawn at once.
   */
  async #start(): Promise<void> {
    const draft = readDraft(location.hash);
    const fragment = draft ? null : fragmentOf(location);
    let opened: { link: LinkState; evaluation: Evaluation } | null = null;
    if (draft) {
      const evaluation = await this.#firstAnswer({ kind: 'evaluate', link: draft }, draft);
      if (evaluation) opened = { link: draft, evaluation };
    } else if (fragment) {
      const answer = await this.#evaluator.request({ kind: 'open', fragment });
      if (answer?.kind === 'evaluated') opened = { link: answer.link, evaluation: answer.evaluation };
      else if (answer?.kind === 'refused') this.#showLinkError(answer.message);
      else if (answer?.kind === 'failed') {
        const decoded = await readFragment(location);
        if (decoded && !decoded.ok) this.#showLinkError(decoded.message);
        const evaluation = decoded?.ok ? await evaluateHere(decoded.state) : null;
        if (decoded?.ok && evaluation) opened = { link: decoded.state, evaluation };
      }
    }
    if (opened) {
      this.#evaluations.set(opened.link, opened.evaluation);
      this.#started = true;
      // A link opens exactly where it was made: `hpa-lab link` encodes the first disagreement.
      this.dispatch({ type: 'load', link: opened.link, at: 'link' });
      this.#chart?.update(this.#state.good, shownStep(this.#state));
    } else {
      const initial = this.#state.link;
      const evaluation = await this.#firstAnswer({ kind: 'evaluate', link: initial }, initial);
      if (evaluation) this.#evaluations.set(initial, evaluation);
      this.#started = true;
      this.#state = reduce(this.#state, { type: 'evaluated' });
      // The server drew every pane for this very state: nothing to redraw until something changes.
      for (const [name, pane] of Object.entries(this.#panes)) if (!pane.visible || pane.visible(this.#state)) this.#drawn.set(name, pane.deps(this.#state, this.#page));
      this.#chart?.update(this.#state.good, shownStep(this.#state));
      this.#applyMarkers();
      this.#drawPanes(false);
      this.#applyLayout();
      showCurrentStep(this);
    }
    const early = this.#early.splice(0);
    for (const action of early) this.dispatch(action);
  }

  /** One evaluation before the page has started: from the worker, else (no worker) right here. */
  async #firstAnswer(body: { kind: 'evaluate'; link: LinkState }, link: LinkState): Promise<Evaluation | null> {
    const answer = await this.#evaluator.request(body);
    if (answer?.kind === 'evaluated') return answer.evaluation;
    return evaluateHere(link);
  }

  #showLinkError(message: Message): void {
    const box = this.querySelector('[data-pane="link-error"]');
    if (box) {
      box.textContent = `${this.#page.s.linkError}: ${renderMessage(message, this.#page.locale)}. ${this.#page.s.lastGood}`;
      box.removeAttribute('hidden');
    }
  }

  #announce(text: string): void {
    announce(this, text);
  }

  #announceStep(): void {
    this.#announce(stepSentence(this.#state, this.#page.s, this.#page.locale));
  }
}

/** Where the worker cannot run (it failed to load): the same evaluation on the main thread, loaded on demand. */
async function evaluateHere(link: LinkState): Promise<Evaluation | null> {
  try {
    const { evaluate } = await import('./evaluate.ts');
    return evaluate(link);
  } catch {
    return null;
  }
}

if (!customElements.get('hpa-playground')) customElements.define('hpa-playground', HpaPlayground);
