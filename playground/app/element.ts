/**
 * <hpa-playground>: a thin shell around the server-rendered workbench. It turns clicks, keys and
 * editor changes into actions (controls.ts, keys.ts), runs them through the action table
 * (actions.ts), and then brings the page in line with the new state: the panes whose inputs
 * changed (panes.ts), the editors (editors.ts), the address bar and the live region. Controls that
 * are effects rather than actions run in effect-runner.ts (the clipboard, downloads and files
 * themselves in effects.ts); small DOM chores are in element-dom.ts. It decides nothing about KServe.
 */
import { renderMessage } from '../../engine/i18n/render.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { patch } from '../dom/vnode.ts';
import { reduce, type Action } from './actions.ts';
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
import { initialState, type AppState } from './state.ts';
import { localeOf, stringsFor } from './strings.ts';
import { clearDraft, readDraft, writeDraft } from './storage.ts';
import { readFragment, shareUrl, writeFragment } from './url.ts';

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
    this.#state = initialState(initial, { dockOpen: this.dataset.dockOpen !== 'false' });
    // The server drew every pane for this very state: nothing to redraw until something changes.
    for (const [name, pane] of Object.entries(this.#panes)) if (!pane.visible || pane.visible(this.#state)) this.#drawn.set(name, pane.deps(this.#state, this.#page));
    // Phones get the explanations closed, so every release's decision fits under the step bar.
    if (stacked.matches) this.#page = { ...this.#page, compact: true };
    this.#mountEditors();
    this.#chart = mountStatechart(this.querySelector('[data-pane="chart"]'), s);
    this.#chart.update(this.#state.good, this.#state.link.step);
    this.#wire();
    const onLayout = () => {
      this.#page = { ...this.#page, compact: stacked.matches };
      this.#drawPanes(false);
    };
    stacked.addEventListener('change', onLayout);
    this.#cleanups.push(() => stacked.removeEventListener('change', onLayout));
    this.#drawPanes(false);
    this.#applyLayout();
    showCurrentStep(this);
    // Ready once a link in the address bar is on screen too (decoding is asynchronous).
    void this.#loadFromUrl().finally(() => this.setAttribute('data-ready', ''));
  }

  disconnectedCallback(): void {
    for (const cleanup of this.#cleanups) cleanup();
    this.#editors?.dispose();
    clearTimeout(this.#urlTimer);
    clearTimeout(this.#editTimer);
  }

  /** For tests and the bench: the state as the page holds it. */
  get state(): AppState {
    return this.#state;
  }

  dispatch(action: Action): void {
    if (action.type !== 'edit') this.#flushEdits();
    const before = this.#state;
    const next = reduce(before, action);
    if (next === before) return;
    this.#state = next;
    this.#sync(before);
  }

  /** Brings the page in line with the state, touching only what changed. */
  #sync(before: AppState): void {
    const next = this.#state;
    const stepMoved = before.link.step !== next.link.step;
    const textsChanged = before.link.isvc !== next.link.isvc || before.link.hpas !== next.link.hpas || before.link.scenario !== next.link.scenario;
    // "Copied" speaks of what is on screen; once the scenario or the step changes, it no longer does.
    if (before.link !== next.link && this.#page.copied) this.#page = { ...this.#page, copied: null };
    if (textsChanged) for (const name of EDITORS) if (!this.#pendingEdits.has(name)) this.#editors?.setValue(name, next.link[name]);
    if (before.errors !== next.errors || before.good !== next.good) this.#applyMarkers();
    this.#drawPanes(stepMoved);
    if (before.ui !== next.ui || before.errors !== next.errors || before.good !== next.good) this.#applyLayout();
    // The statechart follows the step only while it is shown; it catches up when its tab opens.
    const chartShown = next.ui.dockOpen && next.ui.dockTab === 'chart';
    if (chartShown && (stepMoved || before.good !== next.good || !(before.ui.dockOpen && before.ui.dockTab === 'chart'))) this.#chart?.update(next.good, next.link.step);
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
        if (pane.mark && this.#marked.get(name) !== this.#state.link.step) {
          pane.mark(target, this.#state.link.step);
          this.#marked.set(name, this.#state.link.step);
        }
        continue;
      }
      vm ??= viewModel(this.#state, this.#page, flash);
      const node = pane.view(vm);
      patch(target, node ? [node] : []);
      this.#drawn.set(name, deps);
      this.#marked.set(name, this.#state.link.step);
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

  async #loadFromUrl(): Promise<void> {
    // An edit kept on this very address is newer than what the address holds.
    const draft = readDraft(location.hash);
    if (draft) {
      this.dispatch({ type: 'load', link: draft, at: 'link' });
      return;
    }
    const decoded = await readFragment(location);
    if (!decoded) return;
    if (!decoded.ok) {
      const box = this.querySelector('[data-pane="link-error"]');
      if (box) {
        box.textContent = `${this.#page.s.linkError}: ${renderMessage(decoded.message, this.#page.locale)}. ${this.#page.s.lastGood}`;
        box.removeAttribute('hidden');
      }
      return;
    }
    // A link opens exactly where it was made: `hpa-lab link` encodes the first disagreement.
    this.dispatch({ type: 'load', link: decoded.state, at: 'link' });
  }

  #announce(text: string): void {
    announce(this, text);
  }

  #announceStep(): void {
    this.#announce(stepSentence(this.#state, this.#page.s, this.#page.locale));
  }
}

if (!customElements.get('hpa-playground')) customElements.define('hpa-playground', HpaPlayground);
