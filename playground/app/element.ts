/**
 * <hpa-playground>: enhances the server-rendered playground. It holds the state (three YAML texts
 * and a step), re-evaluates with the engine on every change, re-renders the panes from the view
 * functions, and keeps the URL fragment in step. It decides nothing about KServe itself.
 */
import { renderMarkdown } from '../../engine/report/markdown.ts';
import { localeOf, renderMessage } from '../../engine/i18n/render.ts';
import { parseEventWord, type ControllerEvent } from '../../engine/machine/events.ts';
import { scenarioFileText, splitSources } from '../../engine/scenario/compose.ts';
import { encodeState } from '../../engine/link/codec.ts';
import { LIMITS, type InputError } from '../../engine/scenario/source.ts';
import { render, type VNode } from '../dom/vnode.ts';
import { createTextareaHost, EDITOR_CHOICE_KEY, prefersPlainEditor, upgradeToMonaco, type EditorHost, type EditorMarker, type EditorOptions } from '../editor/host.ts';
import { applyEdits, editorForFile, type EditorName } from './edits.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { addEvent, clearEvents, removeEvent, scenarioParts, setOption, setStep, setVersions, type PlaygroundState } from './state.ts';
import { stringsFor, type Strings } from './strings.ts';
import { readFragment, shareUrl, writeFragment } from './url.ts';
import { eventsView, pictureView, problemsView, resultsView, shareView, SHORTCUTS, timelineView, toolbarView, type ViewModel } from './view.ts';
import { mountStatechart } from './chart.ts';
import { applyChange, exploreKeep, exploreLoss, exploreView, loadLoss, type ExploreResult } from './explore.ts';

type Good = Extract<Evaluation, { ok: true }>;
interface Preset { id: string; title: string; state: PlaygroundState }

const PANES = ['toolbar', 'events', 'timeline', 'problems', 'results', 'picture', 'share', 'explore'] as const;
type Pane = (typeof PANES)[number];

function readJson<T>(root: Element, selector: string): T | null {
  const node = root.querySelector(selector);
  if (!node?.textContent) return null;
  try {
    return JSON.parse(node.textContent) as T;
  } catch {
    return null;
  }
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.closest('.monaco-editor') !== null;
}

export class HpaPlayground extends HTMLElement {
  #state!: PlaygroundState;
  #good: Good | null = null;
  #errors: InputError[] = [];
  #strings: Strings = stringsFor('en');
  #editors: Partial<Record<EditorName, EditorHost>> = {};
  #editorOptions: Partial<Record<EditorName, EditorOptions>> = {};
  #form: Record<string, string> = {};
  /** Disclosures the user opened or closed by hand, kept across re-renders. */
  #detailsState = new Map<string, boolean>();
  #linkLength: number | null = null;
  #urlTimer: ReturnType<typeof setTimeout> | undefined;
  #editTimer: ReturnType<typeof setTimeout> | undefined;
  #presets: Preset[] = [];
  #chart: ReturnType<typeof mountStatechart> | null = null;
  /** The explorer's last answer; dropped as soon as the scenario changes. */
  #explore: ExploreResult | null = null;

  connectedCallback(): void {
    this.#strings = stringsFor(this.getAttribute('lang') ?? document.documentElement.lang);
    const initial = readJson<PlaygroundState>(this, 'script.pg-initial');
    this.#presets = readJson<Preset[]>(this, 'script.pg-presets') ?? [];
    if (!initial) return;
    this.#state = initial;
    this.#evaluate();
    this.#wireEditors();
    this.addEventListener('click', this.#onClick);
    this.addEventListener('change', this.#onChange);
    this.addEventListener('input', this.#onInput);
    this.addEventListener('keydown', this.#onKeydown);
    this.addEventListener('toggle', this.#onToggle, true);
    this.addEventListener('dragover', (e) => e.preventDefault());
    this.addEventListener('drop', this.#onDrop);
    this.#chart = mountStatechart(this.querySelector('[data-pane="chart"]'), this.#strings);
    this.setAttribute('data-ready', '');
    // The server already rendered these panes for this state: render only what it could not.
    this.#chart?.update(this.#good, this.#state.step);
    void this.#loadFromUrl();
  }

  disconnectedCallback(): void {
    for (const host of Object.values(this.#editors)) host?.dispose();
    clearTimeout(this.#urlTimer);
    clearTimeout(this.#editTimer);
  }

  /** Re-evaluates the current texts; on errors the last good evaluation stays on screen. */
  #evaluate(): void {
    const result = evaluate(this.#state);
    if (result.ok) {
      this.#good = result;
      this.#errors = [];
      if (this.#state.step > result.totalSteps) this.#state = { ...this.#state, step: result.totalSteps };
    } else {
      this.#errors = result.errors;
    }
    this.#applyMarkers();
  }

  #applyMarkers(): void {
    for (const name of ['isvc', 'hpas'] as const) {
      const host = this.#editors[name];
      if (!host) continue;
      const file = name === 'isvc' ? 'inferenceservice.yaml' : 'hpas.yaml';
      const markers: EditorMarker[] = this.#errors.filter((e) => e.file === file).map((e) => ({ line: e.line, column: e.column, message: e.message, severity: 'error' }));
      if (this.#errors.length === 0 && this.#good) {
        for (const lint of this.#good.lints) {
          if (lint.at.file !== file) continue;
          markers.push({ line: lint.at.line, column: lint.at.column, ...('endLine' in lint.at ? { endLine: lint.at.endLine, endColumn: lint.at.endColumn } : {}), message: renderMessage(lint.message, localeOf(this.getAttribute('lang') ?? document.documentElement.lang)), severity: lint.severity });
        }
      }
      host.setMarkers(markers);
    }
  }

  #viewModel(): ViewModel {
    const parts = scenarioParts(this.#state);
    return {
      strings: this.#strings,
      evaluation: this.#good,
      errors: this.#errors,
      step: this.#state.step,
      versions: parts.settings.versions,
      apiServerDefaulting: parts.settings.apiServerDefaulting,
      defaultDeploymentMode: parts.settings.defaultDeploymentMode,
      linkLength: this.#linkLength,
      form: this.#form,
    };
  }

  #render(): void {
    const vm = this.#viewModel();
    const focusKey = this.contains(document.activeElement) ? document.activeElement?.closest('[data-key]')?.getAttribute('data-key') ?? null : null;
    const views: Record<Pane, VNode | null> = {
      toolbar: toolbarView(vm),
      events: eventsView(vm),
      timeline: timelineView(vm),
      problems: problemsView(vm, this.#errors.length === 0 ? this.#good?.lints ?? [] : []),
      results: resultsView(vm),
      picture: pictureView(vm),
      share: shareView(vm),
      explore: exploreView(this.#strings, this.#explore, !this.#good || this.#errors.length > 0),
    };
    for (const pane of PANES) {
      const target = this.querySelector(`[data-pane="${pane}"]`);
      if (!target) continue;
      const node = views[pane];
      render(target, node ? [node] : []);
    }
    for (const [key, open] of this.#detailsState) {
      const details = this.querySelector<HTMLDetailsElement>(`details[data-key="${CSS.escape(key)}"]`);
      if (details) details.open = open;
    }
    if (focusKey) this.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
    this.#chart?.update(this.#good, this.#state.step);
  }

  /** Applies a new state: evaluate, render, announce, and (debounced) write the URL. */
  #commit(next: PlaygroundState, announce = true): void {
    const before = this.#state;
    if (before.isvc !== next.isvc || before.hpas !== next.hpas || before.scenario !== next.scenario) this.#explore = null;
    this.#state = next;
    this.#evaluate();
    this.#render();
    if (announce) this.#announceStep();
    clearTimeout(this.#urlTimer);
    this.#urlTimer = setTimeout(() => {
      void writeFragment(this.#state, location, history).then((fragment) => {
        this.#linkLength = shareUrl(fragment, location).length;
        const length = this.querySelector('.pg-link-length');
        if (length) length.textContent = `${this.#linkLength} ${this.#strings.linkLength}`;
      });
    }, 250);
  }

  #announce(text: string): void {
    const region = this.querySelector('[data-pane="announce"]');
    if (region) region.textContent = text;
  }

  #announceStep(): void {
    const good = this.#good;
    const s = this.#strings;
    if (this.#errors.length > 0) {
      const first = this.#errors[0]!;
      this.#announce(`${s.errors}: ${first.file}:${first.line}:${first.column}: ${first.message}`);
      return;
    }
    if (!good) return;
    const step = this.#state.step;
    if (step === 0) {
      this.#announce(s.before);
      return;
    }
    const parts = good.run.versions.map((v) => {
      const st = v.steps[step - 1];
      if (!st) return v.tag;
      if (st.admission && !st.admission.allowed) return `${v.tag}: ${s.refused}`;
      const results = st.decisions.map((d) => `${d.component} ${d.result}`).join(', ');
      return `${v.tag}: ${results || s.noReconcile}`;
    });
    const event = good.run.versions[0]?.steps[step - 1]?.event ?? '';
    this.#announce(`${s.step} ${step} ${s.of} ${good.totalSteps}: ${event}. ${parts.join('. ')}.`);
  }

  #wireEditors(): void {
    for (const name of ['isvc', 'hpas'] as const) {
      const textarea = this.querySelector<HTMLTextAreaElement>(`textarea[data-editor="${name}"]`);
      if (!textarea) continue;
      textarea.value = this.#state[name];
      this.#editorOptions[name] = {
        textarea,
        schema: name === 'isvc' ? 'inferenceservice' as const : 'hpa' as const,
        label: name === 'isvc' ? this.#strings.isvcEditor : this.#strings.hpaEditor,
        onChange: (text: string) => this.#onEditorChange(name, text),
      };
      this.#editors[name] = createTextareaHost(this.#editorOptions[name]!);
      this.#editors[name]!.setTheme(pageTheme());
      if (!prefersPlainEditor(safeStorage())) this.#upgradeWhenReached(name);
    }
    this.#renderEditorChoice();
    new MutationObserver(() => {
      for (const host of Object.values(this.#editors)) host?.setTheme(pageTheme());
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  }

  /** Monaco (megabytes) loads when someone reaches for an editor, not because it is on screen. */
  #upgradeWhenReached(name: EditorName): void {
    const options = this.#editorOptions[name];
    if (!options) return;
    const box = options.textarea.closest('.pg-editor') ?? options.textarea;
    const upgrade = () => {
      box.removeEventListener('pointerover', upgrade);
      box.removeEventListener('focusin', upgrade);
      if (prefersPlainEditor(safeStorage())) return;
      upgradeToMonaco(this.#editors[name]!, options).then((host) => {
        this.#editors[name] = host;
        host.setTheme(pageTheme());
        this.#applyMarkers();
        this.#renderEditorChoice();
      }).catch(() => undefined);
    };
    box.addEventListener('pointerover', upgrade);
    box.addEventListener('focusin', upgrade);
  }

  /** The user's choice between Monaco and the plain textarea, remembered for next time. */
  #toggleEditor(): void {
    const rich = Object.values(this.#editors).some((host) => host?.kind === 'monaco') || !prefersPlainEditor(safeStorage());
    try {
      safeStorage()?.setItem(EDITOR_CHOICE_KEY, rich ? 'plain' : 'rich');
    } catch {
      // Storage may be off (private mode); the choice then lasts for this page only.
    }
    for (const name of ['isvc', 'hpas'] as const) {
      const options = this.#editorOptions[name];
      const host = this.#editors[name];
      if (!options || !host) continue;
      if (rich && host.kind === 'monaco') {
        host.dispose();
        this.#editors[name] = createTextareaHost(options);
        this.#editors[name]!.setTheme(pageTheme());
      } else if (!rich) {
        upgradeToMonaco(host, options).then((next) => {
          this.#editors[name] = next;
          next.setTheme(pageTheme());
          this.#applyMarkers();
          this.#renderEditorChoice();
        }).catch(() => undefined);
      }
    }
    this.#applyMarkers();
    this.#renderEditorChoice(rich ? 'plain' : 'rich');
  }

  #renderEditorChoice(choice?: 'plain' | 'rich'): void {
    const button = this.querySelector<HTMLButtonElement>('[data-action="toggle-editor"]');
    if (!button) return;
    const plain = choice ? choice === 'plain' : prefersPlainEditor(safeStorage()) && !Object.values(this.#editors).some((h) => h?.kind === 'monaco');
    button.textContent = plain ? this.#strings.richEditor : this.#strings.plainEditor;
    button.hidden = false;
  }

  #onEditorChange(name: EditorName, text: string): void {
    this.#state = { ...this.#state, [name]: text };
    clearTimeout(this.#editTimer);
    this.#editTimer = setTimeout(() => this.#commit(this.#state, false), 200);
  }

  #setEditorText(name: EditorName, text: string): void {
    this.#editors[name]?.setValue(text);
  }

  #loadState(next: PlaygroundState): void {
    this.#setEditorText('isvc', next.isvc);
    this.#setEditorText('hpas', next.hpas);
    this.#commit(next);
  }

  async #loadFromUrl(): Promise<void> {
    const decoded = await readFragment(location);
    if (!decoded) return;
    if (!decoded.ok) {
      this.#showLinkError(decoded.message);
      return;
    }
    this.#loadState(decoded.state);
  }

  #showLinkError(message: string): void {
    const box = this.querySelector('[data-pane="link-error"]');
    if (!box) return;
    box.textContent = `${this.#strings.linkError}: ${message}. ${this.#strings.lastGood}`;
    box.removeAttribute('hidden');
  }

  #totalSteps(): number {
    return this.#good?.totalSteps ?? 0;
  }

  #send(event: ControllerEvent): void {
    if (!this.#good || this.#errors.length > 0) {
      // Say why nothing happened rather than ignoring the key press or click.
      this.#announce(`${this.#strings.errors}: ${this.#strings.fixFirst}`);
      return;
    }
    this.#commit(addEvent(this.#state, event, this.#totalSteps()));
  }

  #field(key: string): string {
    return this.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-key="${key}"]`)?.value ?? '';
  }

  #sendWord(word: string): void {
    const parsed = parseEventWord(word);
    if (parsed.ok) this.#send(parsed.event);
    else this.#announce(parsed.message);
  }

  #onClick = (event: MouseEvent): void => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
    if (!target || !this.contains(target) || target.tagName === 'SELECT' || target.tagName === 'INPUT') return;
    const action = target.dataset.action;
    switch (action) {
      case 'event': this.#sendWord(target.dataset.word ?? ''); break;
      case 'scale': this.#sendWord(`hpa-scaled:${this.#field('scale-replicas')}`); break;
      case 'annotate': {
        const key = this.#field('annotate-key').trim();
        const value = this.#field('annotate-value');
        this.#sendWord(value === '' ? `isvc-annotate:${key}-` : `isvc-annotate:${key}=${value}`);
        break;
      }
      case 'hpa-delete': this.#sendWord(`hpa-delete:${this.#field('hpa-target')}`); break;
      case 'remove-finalizer': this.#sendWord(`hpa-remove-finalizer:${this.#field('finalizer-target')}`); break;
      case 'reapply': {
        const name = this.#field('hpa-target');
        const hpa = this.#good?.scenario.objects.find((o) => o.object.kind === 'HorizontalPodAutoscaler' && o.object.metadata.name === name);
        if (hpa) this.#send({ type: 'object.apply', object: hpa.object });
        break;
      }
      case 'step': this.#commit(setStep(this.#state, Number(target.dataset.step), this.#totalSteps())); break;
      case 'remove-event': this.#commit(removeEvent(this.#state, Number(target.dataset.index))); break;
      case 'clear-events': this.#commit({ ...clearEvents(this.#state), step: Math.min(this.#state.step, this.#good?.eventOffset ?? 0) }); break;
      case 'remove-release': {
        const versions = scenarioParts(this.#state).settings.versions.filter((t) => t !== target.dataset.tag);
        this.#commit(setVersions(this.#state, versions));
        break;
      }
      case 'add-bug-window': {
        const versions = scenarioParts(this.#state).settings.versions;
        const added = ['v0.12.0', ...versions.filter((t) => t !== 'v0.12.0' && t !== 'v0.16.0'), 'v0.16.0'].slice(0, 5);
        this.#commit(setVersions(this.#state, added));
        break;
      }
      case 'fix': {
        const lint = this.#good?.lints[Number(target.dataset.index)];
        if (!lint?.fix) break;
        const next = applyEdits(this.#state, lint.fix.edits);
        this.#setEditorText('isvc', next.isvc);
        this.#setEditorText('hpas', next.hpas);
        this.#commit(next);
        break;
      }
      case 'goto': {
        const editor = editorForFile(target.dataset.file ?? '');
        if (!editor) break;
        this.#editors[editor]?.revealLine(Number(target.dataset.line), Number(target.dataset.column));
        this.#editors[editor]?.focus();
        break;
      }
      case 'find-loss':
      case 'find-keep': {
        if (!this.#good || this.#errors.length > 0) break;
        this.#explore = action === 'find-loss' ? exploreLoss(this.#good) : exploreKeep(this.#good);
        this.#render();
        this.#announce(this.querySelector('.pg-explore-list')?.textContent ?? '');
        break;
      }
      case 'load-loss': {
        const result = this.#explore?.kind === 'loss' ? this.#explore.results[Number(target.dataset.index)] : undefined;
        if (result?.found) this.#commit(loadLoss(this.#state, result));
        break;
      }
      case 'apply-change': {
        const entry = this.#explore?.kind === 'keep' ? this.#explore.results[Number(target.dataset.index)] : undefined;
        const change = entry?.changes[Number(target.dataset.change)];
        const next = change ? applyChange(this.#state, change) : null;
        if (!next) break;
        this.#setEditorText('isvc', next.isvc);
        this.#setEditorText('hpas', next.hpas);
        this.#commit(next);
        break;
      }
      case 'toggle-editor': this.#toggleEditor(); break;
      case 'copy-link': void this.#copyLink(); break;
      case 'copy-markdown': void this.#copyMarkdown(); break;
      case 'download': this.#download(); break;
      default: break;
    }
  };

  #onChange = (event: Event): void => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    switch (target.dataset.action) {
      case 'add-release': {
        if (!target.value) break;
        const versions = [...scenarioParts(this.#state).settings.versions, target.value];
        this.#commit(setVersions(this.#state, versions));
        break;
      }
      case 'toggle-defaulting': this.#commit(setOption(this.#state, { apiServerDefaulting: (target as HTMLInputElement).checked })); break;
      case 'set-mode': this.#commit(setOption(this.#state, { defaultDeploymentMode: target.value === 'RawDeployment' ? 'RawDeployment' : 'Serverless' })); break;
      case 'preset': {
        const preset = this.#presets.find((p) => p.id === target.value);
        if (preset) this.#loadState(preset.state);
        break;
      }
      case 'open-file': {
        const file = (target as HTMLInputElement).files?.[0];
        if (file) void this.#openFile(file);
        break;
      }
      default: break;
    }
  };

  #onInput = (event: Event): void => {
    const target = event.target as HTMLElement;
    const key = target.dataset.key;
    if (key && (target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) this.#form[key] = target.value;
  };

  #onToggle = (event: Event): void => {
    const target = event.target as HTMLDetailsElement;
    const key = target.dataset?.key;
    if (!key) return;
    this.#detailsState.set(key, target.open);
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
    const step = this.#state.step;
    const moves: Record<string, number> = { ArrowLeft: step - 1, ArrowRight: step + 1, Home: 0, End: this.#totalSteps() };
    if (event.key in moves && (event.target as HTMLElement).closest('[data-pane="timeline"]')) {
      event.preventDefault();
      this.#commit(setStep(this.#state, moves[event.key]!, this.#totalSteps()));
      return;
    }
    const word = Object.entries(SHORTCUTS).find(([, key]) => key === event.key)?.[0];
    if (!word) return;
    event.preventDefault();
    if (word === 'hpa-scaled') this.#sendWord(`hpa-scaled:${this.#form['scale-replicas'] ?? '3'}`);
    else this.#sendWord(word);
  };

  #onDrop = (event: DragEvent): void => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    void this.#openFile(file);
  };

  async #openFile(file: File): Promise<void> {
    if (file.size > LIMITS.bytes) {
      this.#showLinkError(`${file.name} is larger than 1 MiB`);
      return;
    }
    const text = await file.text();
    const split = splitSources([{ name: file.name, text }]);
    this.#loadState({ ...split, scenario: split.scenario || this.#state.scenario, step: 0 });
  }

  async #copy(text: string, label: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.#announce(`${this.#strings.copied}: ${label}`);
    } catch {
      const box = this.querySelector<HTMLTextAreaElement>('[data-pane="copy-fallback"]');
      if (box) {
        box.hidden = false;
        box.value = text;
        box.select();
      }
    }
  }

  async #copyLink(): Promise<void> {
    const fragment = await encodeState(this.#state);
    const url = shareUrl(fragment, location);
    this.#linkLength = url.length;
    await this.#copy(url, this.#strings.copyLink);
    this.#render();
  }

  async #copyMarkdown(): Promise<void> {
    if (!this.#good) return;
    const link = shareUrl(await encodeState(this.#state), location);
    const markdown = renderMarkdown({ run: this.#good.run, scenarioYaml: scenarioFileText(this.#state), link, linkStep: this.#state.step });
    await this.#copy(markdown, this.#strings.copyMarkdown);
  }

  #download(): void {
    const blob = new Blob([scenarioFileText(this.#state)], { type: 'text/yaml' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${this.#good?.scenario.settings.name ?? 'scenario'}.yaml`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

function pageTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

if (!customElements.get('hpa-playground')) customElements.define('hpa-playground', HpaPlayground);
