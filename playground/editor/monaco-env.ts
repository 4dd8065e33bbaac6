/**
 * Monaco for this site, set up once per page: the core API plus only the features the editors
 * use, the two module workers, and one shared monaco-yaml configuration holding both schemas.
 * Never import the `monaco-editor` entry: it registers every language and emits ~15 MB of workers.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// The core widget, and the contributions the editors use (editor.api registers none of them).
import 'monaco-editor/features/codeEditor/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
// features/suggest only adds inline completions; the suggest widget itself is this contribution.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/snippet/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/codeAction/register';
import 'monaco-editor/languages/definitions/yaml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { configureMonacoYaml } from 'monaco-yaml';
import YamlWorker from './yaml.worker.ts?worker';
import { buildEditorSchemas } from './schemas.ts';
import type { Locale } from '../../engine/i18n/render.ts';

export { monaco };

self.MonacoEnvironment = {
  getWorker: (_moduleId: string, label: string) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
};

interface LegacyWorkerOptions {
  label?: string;
  createData?: unknown;
  host?: Record<string, Function>;
  keepIdleModels?: boolean;
}

/**
 * monaco-worker-manager 2.0.1 (inside monaco-yaml 5.5.1) calls createWebWorker with the pre-0.55
 * `{ label, moduleId, createData }`; Monaco 0.55+ wants `{ worker }`. This adapter does what Monaco's
 * own internal/common/workers.js does. TODO: drop when monaco-yaml ships the fix
 * (https://github.com/remcohaszing/monaco-yaml/issues/272).
 */
function createLegacyWebWorker(options: LegacyWorkerOptions) {
  const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!('workerMain.js', options.label ?? 'editorWorkerService'))
    .then((w) => {
      w.postMessage('ignore');
      w.postMessage(options.createData);
      return w;
    });
  return monaco.editor.createWebWorker({ worker, host: options.host, keepIdleModels: options.keepIdleModels });
}

let configured = false;

/** The quick fixes of each model's markers (by model URI), offered as code actions. */
export const QUICK_FIXES = new Map<string, { range: monaco.IRange; label: string; versionId: number; edits: { range: monaco.IRange; text: string }[] }[]>();

function registerQuickFixes(): void {
  monaco.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(model, range) {
      const fixes = (QUICK_FIXES.get(model.uri.toString()) ?? []).filter((f) => monaco.Range.areIntersectingOrTouching(f.range, range));
      return {
        actions: fixes.map((f) => ({
          title: f.label,
          kind: 'quickfix',
          isPreferred: true,
          // The text the fix was computed for: Monaco refuses it once the text has changed since.
          edit: { edits: f.edits.map((e) => ({ resource: model.uri, versionId: f.versionId, textEdit: { range: e.range, text: e.text } })) },
        })),
        dispose() {},
      };
    },
  }, { providedCodeActionKinds: ['quickfix'] });
}

/** Configures monaco-yaml once for the page (hovers in the page's language); every editor's model picks its schema by URI. */
export function ensureYamlConfigured(locale: Locale = 'en'): void {
  if (configured) return;
  configured = true;
  const shimmed = { ...monaco, editor: { ...monaco.editor, createWebWorker: createLegacyWebWorker } } as unknown as typeof monaco;
  const options = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    format: { enable: true },
    // Hover on a key whose value is a map shows the schema docs, not a dump of the map.
    hoverAnchor: false,
    // The schema URIs are names, not pages; do not print them as "Source:" links in hovers.
    hoverSchemaSource: false,
    schemas: buildEditorSchemas(undefined, locale).map(({ uri, fileMatch, schema }) => ({ uri, fileMatch, schema })),
  };
  configureMonacoYaml(shimmed, options);
  registerQuickFixes();
}
