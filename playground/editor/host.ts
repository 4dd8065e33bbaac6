/**
 * The editor host: one handle the playground talks to, whether the editor is the server-rendered
 * textarea or Monaco. Loaded eagerly, so this file imports no Monaco: `loadMonacoHost` pulls it
 * in with a dynamic import. See playground/editor/README.md for how the product wires it up.
 */
import type { Locale } from '../../engine/i18n/render.ts';
import { announceMarkers, findMessageElement, type ProblemWords } from './aria.ts';

export interface EditorMarker {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** A quick fix: text edits by character offset into this editor's text (Monaco offers it as a code action, Ctrl+.). */
  fix?: { label: string; edits: readonly { offset: number; end: number; text: string }[] };
}

export interface EditorHost {
  readonly kind: 'textarea' | 'monaco';
  getValue(): string;
  /** Replaces the text; does not fire onChange. Monaco keeps it undoable. */
  setValue(text: string): void;
  /** Shows the caller's markers (schema squiggles in Monaco are separate and stay). Sets
   * `aria-invalid` when one is an error and writes the first problem into the message element. */
  setMarkers(markers: EditorMarker[]): void;
  /** Monaco's theme is page-wide: every Monaco editor on the page follows the last call. */
  setTheme(theme: 'light' | 'dark'): void;
  focus(): void;
  /** Moves the caret to line/column (1-based) and scrolls it into view; does not take focus. */
  revealLine(line: number, column?: number): void;
  /** Detaches listeners. Monaco: puts the textarea back with the current text. */
  dispose(): void;
}

export interface EditorOptions {
  /** Server-rendered, already holding the text; the source of truth until Monaco loads. */
  textarea: HTMLTextAreaElement;
  /** Which JSON Schema monaco-yaml validates and documents against. */
  schema: 'inferenceservice' | 'hpa';
  /** Accessible name; used when the textarea has no label of its own, and by Monaco. */
  label: string;
  /** Every edit by the user, with the whole text. Debounce in the caller. */
  onChange: (text: string) => void;
  /** Where the first problem is written; default: the first `aria-describedby` target of the textarea. */
  messageElement?: HTMLElement | null;
  /** How that line is worded (the page's language); English by default. */
  problemWords?: ProblemWords;
  /** The language of the schema hovers (one per page: the first editor's wins). */
  locale?: Locale;
}

/** The storage key for the user's editor choice; values "plain" or "rich". */
export const EDITOR_CHOICE_KEY = 'kserve-hpa-lab:editor';

/** 1-based line and column of a character offset in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** Character offset of a 1-based line/column in `text`, clamped to the text. */
export function offsetAt(text: string, line: number, column = 1): number {
  const lines = text.split('\n');
  const index = Math.min(Math.max(1, Math.floor(line)), lines.length) - 1;
  let offset = 0;
  for (let i = 0; i < index; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(Math.max(1, Math.floor(column)), lines[index]!.length + 1) - 1;
}

const disposed = new WeakSet<EditorHost>();

export function createTextareaHost(options: EditorOptions): EditorHost {
  const { textarea } = options;
  const hasName = (textarea.labels?.length ?? 0) > 0 || textarea.hasAttribute('aria-label') || textarea.hasAttribute('aria-labelledby');
  if (!hasName) textarea.setAttribute('aria-label', options.label);
  const message = findMessageElement(textarea, options.messageElement);
  const onInput = (): void => options.onChange(textarea.value);
  textarea.addEventListener('input', onInput);

  const host: EditorHost = {
    kind: 'textarea',
    getValue: () => textarea.value,
    setValue(text) {
      textarea.value = text;
    },
    setMarkers(markers) {
      announceMarkers(textarea, message, markers, options.problemWords);
    },
    setTheme(theme) {
      textarea.dataset.editorTheme = theme;
    },
    focus: () => textarea.focus(),
    revealLine(line, column = 1) {
      const offset = offsetAt(textarea.value, line, column);
      textarea.setSelectionRange(offset, offset);
      const style = getComputedStyle(textarea);
      const lineHeight = Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.2 || 20;
      const row = positionAt(textarea.value, offset).line;
      textarea.scrollTop = Math.max(0, (row - 1) * lineHeight - textarea.clientHeight / 2);
    },
    dispose() {
      textarea.removeEventListener('input', onInput);
      disposed.add(host);
    },
  };
  return host;
}

/** The Monaco side of the host (megabytes), loaded once per page on first use. */
export function loadMonacoHost(): Promise<typeof import('./monaco-host.ts')> {
  return import('./monaco-host.ts');
}

/** The parts of a textarea host's state a swap must carry over to Monaco. */
export function swapState(textarea: HTMLTextAreaElement, host: EditorHost) {
  return {
    text: host.getValue(),
    caret: positionAt(textarea.value, textarea.selectionStart ?? 0),
    // A selection made just before the swap (Ctrl+A, then a paste) must survive it.
    selectionEnd: positionAt(textarea.value, textarea.selectionEnd ?? textarea.selectionStart ?? 0),
    focused: textarea.ownerDocument.activeElement === textarea,
    theme: textarea.dataset.editorTheme === 'dark' ? 'dark' as const : 'light' as const,
  };
}

/** True once `dispose` was called on the host. */
export function isDisposed(host: EditorHost): boolean {
  return disposed.has(host);
}

/**
 * True when the plain textarea suits better: the user chose it (`EDITOR_CHOICE_KEY` = "plain"), or,
 * without a choice, the primary pointer is coarse or there is no fine pointer (phones, tablets).
 * A stored "rich" choice wins over the pointer check. Storage errors count as no choice.
 */
export function prefersPlainEditor(
  storage: Pick<Storage, 'getItem'> | null,
  media: Pick<Window, 'matchMedia'> | null = typeof matchMedia === 'function' ? globalThis : null,
): boolean {
  let choice: string | null = null;
  try {
    choice = storage?.getItem(EDITOR_CHOICE_KEY) ?? null;
  } catch {
    choice = null;
  }
  if (choice === 'plain') return true;
  if (choice === 'rich') return false;
  if (!media) return false;
  return media.matchMedia('(pointer: coarse)').matches || !media.matchMedia('(any-pointer: fine)').matches;
}
