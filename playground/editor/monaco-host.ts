/**
 * The Monaco side of the editor host, loaded only through `loadMonacoHost` (host.ts). It takes
 * the textarea's place in the same box and hides the textarea until `dispose` puts it back.
 *
 * Keyboard: Tab and Shift+Tab move focus out of the editor (`tabFocusMode`), so the editor never
 * traps keyboard users. Indent and outdent with Ctrl+] and Ctrl+[ (Cmd on macOS); F8 goes to the
 * next problem; Ctrl+Space opens completion; Ctrl+K Ctrl+I shows the hover at the caret.
 */
import { announceMarkers, findMessageElement, linkDescription } from './aria.ts';
import { offsetAt, type EditorHost, type EditorMarker, type EditorOptions } from './host.ts';
import { ensureYamlConfigured, monaco, QUICK_FIXES } from './monaco-env.ts';
import { modelFileName } from './schemas.ts';

export interface InitialState {
  text: string;
  caret: { line: number; column: number };
  /** The other end of a selection that started at `caret`; absent or equal = no selection. */
  selectionEnd?: { line: number; column: number };
  focused: boolean;
  theme: 'light' | 'dark';
}

/** Owner of the caller's markers; monaco-yaml's schema markers use the owner `yaml`. */
export const MARKER_OWNER = 'kserve-hpa-lab';
/** WCAG-minded floor for the editor's font size, in CSS pixels. */
export const MIN_FONT_SIZE = 13;

const SEVERITY: Readonly<Record<EditorMarker['severity'], monaco.MarkerSeverity>> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

const themeName = (theme: 'light' | 'dark'): string => (theme === 'dark' ? 'vs-dark' : 'vs');

let editorCount = 0;

/** A box in the textarea's place: same height (border-box), margins and border. */
function createBox(textarea: HTMLTextAreaElement): HTMLDivElement {
  const style = getComputedStyle(textarea);
  const parent = textarea.parentElement;
  const parentStyle = parent ? getComputedStyle(parent) : null;
  const parentWidth = parent && parentStyle
    ? parent.clientWidth - Number.parseFloat(parentStyle.paddingLeft) - Number.parseFloat(parentStyle.paddingRight)
    : 0;
  const outerWidth = textarea.offsetWidth + Number.parseFloat(style.marginLeft) + Number.parseFloat(style.marginRight);
  const box = textarea.ownerDocument.createElement('div');
  box.className = 'editor-host-monaco';
  Object.assign(box.style, {
    boxSizing: 'border-box',
    // The unrounded border-box height (offsetHeight rounds to whole pixels).
    height: `${textarea.getBoundingClientRect().height}px`,
    // Follow the container's width when the textarea filled it, so resizing keeps working.
    width: Math.abs(outerWidth - parentWidth) < 1 ? 'auto' : `${textarea.offsetWidth}px`,
    margin: style.margin,
    border: style.border,
    borderRadius: style.borderRadius,
    overflow: 'hidden',
  });
  return box;
}

export function createMonacoHost(options: EditorOptions, initial: InitialState): EditorHost {
  ensureYamlConfigured(options.locale);
  const { textarea } = options;
  const box = createBox(textarea);
  box.dataset.editorSchema = options.schema;
  const fontSize = Math.max(MIN_FONT_SIZE, Number.parseFloat(getComputedStyle(textarea).fontSize) || 14);
  const uri = monaco.Uri.parse(`file:///kserve-hpa-lab/${modelFileName(++editorCount, options.schema)}`);
  const model = monaco.editor.createModel(initial.text, 'yaml', uri);
  textarea.before(box);
  const previousDisplay = textarea.style.display;
  textarea.style.display = 'none';

  const editor = monaco.editor.create(box, {
    model,
    ariaLabel: options.label,
    automaticLayout: true,
    tabFocusMode: true,
    fontSize,
    theme: themeName(initial.theme),
    tabSize: 2,
    insertSpaces: true,
    detectIndentation: false,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    stickyScroll: { enabled: false },
    lineNumbersMinChars: 3,
    // YAML values tokenize as strings; allow schema completions there.
    quickSuggestions: { other: true, strings: true, comments: false },
    // Hovers and suggestions escape the box instead of being clipped by it.
    fixedOverflowWidgets: true,
  });

  const message = findMessageElement(textarea, options.messageElement);
  const focusTarget = (): Element | null => box.querySelector('[role="textbox"]');
  const target = focusTarget();
  if (target && message) linkDescription(target, message);

  let applying = false;
  const onContent = model.onDidChangeContent(() => {
    if (!applying) options.onChange(model.getValue());
  });

  const end = initial.selectionEnd ?? initial.caret;
  editor.setSelection(new monaco.Selection(initial.caret.line, initial.caret.column, end.line, end.column));
  editor.revealLineInCenterIfOutsideViewport(initial.caret.line);
  if (initial.focused) editor.focus();

  let disposedHost = false;
  return {
    kind: 'monaco',
    getValue: () => model.getValue(),
    setValue(text) {
      if (text === model.getValue()) return;
      applying = true;
      try {
        // An edit, not model.setValue: the user can undo a preset load or a shared link.
        model.pushStackElement();
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        model.pushStackElement();
      } finally {
        applying = false;
      }
    },
    setMarkers(markers) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers.map((marker) => ({
        startLineNumber: marker.line,
        startColumn: marker.column,
        endLineNumber: marker.endLine ?? marker.line,
        // An empty range is widened by Monaco to the word at the position.
        endColumn: marker.endColumn ?? marker.column,
        message: marker.message,
        severity: SEVERITY[marker.severity],
      })));
      const at = (offset: number) => model.getPositionAt(offset);
      QUICK_FIXES.set(model.uri.toString(), markers.flatMap((marker) => (marker.fix ? [{
        range: { startLineNumber: marker.line, startColumn: marker.column, endLineNumber: marker.endLine ?? marker.line, endColumn: marker.endColumn ?? marker.column },
        label: marker.fix.label,
        versionId: model.getVersionId(),
        edits: marker.fix.edits.map((e) => {
          const start = at(e.offset);
          const end = at(e.end);
          return { range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: e.text };
        }),
      }] : [])));
      announceMarkers(focusTarget(), message, markers, options.problemWords);
    },
    setTheme(theme) {
      textarea.dataset.editorTheme = theme;
      monaco.editor.setTheme(themeName(theme));
    },
    focus: () => editor.focus(),
    revealLine(line, column = 1) {
      editor.setPosition({ lineNumber: line, column });
      editor.revealPositionInCenterIfOutsideViewport({ lineNumber: line, column });
    },
    dispose() {
      if (disposedHost) return;
      disposedHost = true;
      const hadFocus = editor.hasTextFocus();
      const position = editor.getPosition();
      textarea.value = model.getValue();
      onContent.dispose();
      QUICK_FIXES.delete(model.uri.toString());
      editor.dispose();
      model.dispose();
      box.remove();
      textarea.style.display = previousDisplay;
      if (position) {
        const offset = offsetAt(textarea.value, position.lineNumber, position.column);
        textarea.setSelectionRange(offset, offset);
      }
      if (hadFocus) textarea.focus();
    },
  };
}
