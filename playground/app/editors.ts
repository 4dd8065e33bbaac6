/**
 * The two YAML editors and the one place where they become Monaco. The server renders textareas;
 * the first time the reader reaches for either editor (pointer over it, focus, a tap), Monaco loads
 * once and replaces both, so moving from one editor to the other never swaps anything under the
 * pointer. A swap never runs while a button is pressed on the textarea (it waits for the click to
 * finish), carries the text, caret and focus over, and checks on the next frame that focus
 * landed: the first click into an editor always leaves the caret there.
 */
import { createTextareaHost, EDITOR_CHOICE_KEY, isDisposed, loadMonacoHost, prefersPlainEditor, swapState, type EditorHost, type EditorMarker, type EditorOptions } from '../editor/host.ts';
import type { Locale } from '../../engine/i18n/render.ts';
import type { ProblemWords } from '../editor/aria.ts';
import type { EditorName } from './edits.ts';
import { storage } from './storage.ts';

export const EDITORS: readonly EditorName[] = ['isvc', 'hpas'];

export interface EditorSetConfig {
  labels: Record<EditorName, string>;
  problemWords?: ProblemWords;
  locale?: Locale;
  onChange: (name: EditorName, text: string) => void;
  /** After both editors changed kind (for markers and the choice button). */
  onSwap: () => void;
}

type Theme = 'light' | 'dark';

export class EditorSet {
  readonly #root: Element;
  readonly #config: EditorSetConfig;
  readonly #hosts = new Map<EditorName, EditorHost>();
  readonly #options = new Map<EditorName, EditorOptions>();
  #upgrading: Promise<void> | null = null;
  /** The editor a pointer button is held down on, and how to learn it was released. */
  #pressed: { name: EditorName; released: Promise<void> } | null = null;
  #theme: Theme = 'light';
  readonly #cleanups: (() => void)[] = [];

  constructor(root: Element, config: EditorSetConfig) {
    this.#root = root;
    this.#config = config;
  }

  mount(texts: Record<EditorName, string>, theme: Theme): void {
    this.#theme = theme;
    for (const name of EDITORS) {
      const textarea = this.#root.querySelector<HTMLTextAreaElement>(`textarea[data-editor="${name}"]`);
      if (!textarea) continue;
      if (textarea.value !== texts[name]) textarea.value = texts[name];
      const options: EditorOptions = {
        textarea,
        schema: name === 'isvc' ? 'inferenceservice' : 'hpa',
        label: this.#config.labels[name],
        ...(this.#config.problemWords ? { problemWords: this.#config.problemWords } : {}),
        ...(this.#config.locale ? { locale: this.#config.locale } : {}),
        onChange: (text) => this.#config.onChange(name, text),
      };
      this.#options.set(name, options);
      const host = createTextareaHost(options);
      host.setTheme(theme);
      this.#hosts.set(name, host);
      this.#watchPresses(name, textarea);
    }
    if (!this.plainChosen()) this.#armReach();
  }

  /** Upgrade when the reader first reaches for an editor, not because it is on screen. */
  #armReach(): void {
    const boxes = EDITORS.map((name) => this.#options.get(name)?.textarea.closest('.pg-editor')).filter((b): b is Element => !!b);
    const types = ['pointerover', 'focusin', 'pointerdown'] as const;
    const disarm = (): void => {
      for (const box of boxes) for (const type of types) box.removeEventListener(type, reach);
    };
    const reach = (): void => {
      disarm();
      if (!this.plainChosen()) void this.upgrade().catch(() => undefined);
    };
    for (const box of boxes) for (const type of types) box.addEventListener(type, reach);
    this.#cleanups.push(disarm);
  }

  #watchPresses(name: EditorName, textarea: HTMLTextAreaElement): void {
    const down = (event: PointerEvent): void => {
      if (event.button !== 0) return;
      const view = textarea.ownerDocument.defaultView ?? window;
      const released = new Promise<void>((resolve) => {
        const up = (): void => {
          view.removeEventListener('pointerup', up, true);
          view.removeEventListener('pointercancel', up, true);
          // Let the click (and the caret it places) finish before anything moves.
          setTimeout(resolve, 0);
        };
        view.addEventListener('pointerup', up, true);
        view.addEventListener('pointercancel', up, true);
      });
      this.#pressed = { name, released };
      void released.then(() => {
        if (this.#pressed?.released === released) this.#pressed = null;
      });
    };
    textarea.addEventListener('pointerdown', down);
    this.#cleanups.push(() => textarea.removeEventListener('pointerdown', down));
  }

  /** Loads Monaco once and swaps both editors, one at a time, each only when no click is in progress on it. */
  upgrade(): Promise<void> {
    if (this.#upgrading) return this.#upgrading;
    this.#upgrading = (async () => {
      const monaco = await loadMonacoHost();
      for (const name of EDITORS) {
        while (this.#pressed?.name === name) await this.#pressed.released;
        const host = this.#hosts.get(name);
        const options = this.#options.get(name);
        if (!host || !options || host.kind === 'monaco' || isDisposed(host) || !options.textarea.isConnected) continue;
        const state = swapState(options.textarea, host);
        const next = monaco.createMonacoHost(options, { ...state, theme: this.#theme });
        host.dispose();
        this.#hosts.set(name, next);
        if (state.focused) this.#keepFocus(next, options.textarea);
      }
      this.#config.onSwap();
    })();
    this.#upgrading.catch(() => {
      this.#upgrading = null;
    });
    return this.#upgrading;
  }

  /**
   * Focus moved with the swap; if the browser dropped it on the way (to <body>), put it back, unless
   * the reader pressed somewhere in the meantime: a click into the other editor is on its way there.
   */
  #keepFocus(host: EditorHost, textarea: HTMLTextAreaElement): void {
    host.focus();
    const doc = textarea.ownerDocument;
    let pressed = false;
    const onPress = (): void => {
      pressed = true;
    };
    doc.addEventListener('pointerdown', onPress, true);
    (doc.defaultView ?? window).requestAnimationFrame(() => {
      doc.removeEventListener('pointerdown', onPress, true);
      const active = doc.activeElement;
      if (!pressed && (!active || active === doc.body)) host.focus();
    });
  }

  plainChosen(): boolean {
    return prefersPlainEditor(storage());
  }

  kind(): 'textarea' | 'monaco' {
    return [...this.#hosts.values()].some((h) => h.kind === 'monaco') ? 'monaco' : 'textarea';
  }

  /** Switches between Monaco and the plain textarea, and remembers the choice. */
  toggleChoice(): void {
    const toPlain = this.kind() === 'monaco' || this.#upgrading !== null;
    try {
      storage()?.setItem(EDITOR_CHOICE_KEY, toPlain ? 'plain' : 'rich');
    } catch {
      // Storage may be off (private mode); the choice then lasts for this page only.
    }
    if (toPlain) {
      for (const name of EDITORS) {
        const host = this.#hosts.get(name);
        const options = this.#options.get(name);
        if (!host || !options || host.kind !== 'monaco') continue;
        host.dispose();
        const plain = createTextareaHost(options);
        plain.setTheme(this.#theme);
        this.#hosts.set(name, plain);
      }
      this.#upgrading = null;
      this.#config.onSwap();
    } else {
      void this.upgrade().catch(() => undefined);
    }
  }

  value(name: EditorName): string | null {
    return this.#hosts.get(name)?.getValue() ?? null;
  }

  /** Replaces the text unless it is already there (an edit echoing back must not move the caret). */
  setValue(name: EditorName, text: string): void {
    const host = this.#hosts.get(name);
    if (host && host.getValue() !== text) host.setValue(text);
  }

  setMarkers(name: EditorName, markers: EditorMarker[]): void {
    this.#hosts.get(name)?.setMarkers(markers);
  }

  setTheme(theme: Theme): void {
    this.#theme = theme;
    for (const host of this.#hosts.values()) host.setTheme(theme);
  }

  reveal(name: EditorName, line: number, column: number): void {
    const host = this.#hosts.get(name);
    host?.revealLine(line, column);
    host?.focus();
  }

  dispose(): void {
    for (const cleanup of this.#cleanups) cleanup();
    for (const host of this.#hosts.values()) host.dispose();
  }
}
