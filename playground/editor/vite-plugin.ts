/**
 * Build support for the Monaco editor host; add it to astro.config.mjs as
 * `vite: { plugins: [monacoEditorVite()] }`. It does two things:
 *
 * 1. Keeps Monaco's CSS lazy. Astro links every stylesheet reachable from a page's scripts,
 *    dynamic imports included (withastro/astro#9495), so without this the ~150 KB of Monaco CSS
 *    is a render-blocking <link> on every page that can load the editor. Each CSS file that
 *    monaco-editor imports becomes a small module adding a <style> element when it runs, so the
 *    CSS travels inside the lazy Monaco chunk. url() assets (the codicon font) are still emitted.
 * 2. Pre-bundles the Monaco entry points monaco-env.ts imports for `astro dev`. They are only
 *    reached through a dynamic import, so Vite would discover them at runtime, re-optimize and
 *    answer the page's pending requests with 504 "Outdated Optimize Dep".
 */
import type { Plugin } from 'vite';

/** Every `monaco-editor/…` specifier monaco-env.ts imports (a unit test keeps the two in step). */
export const MONACO_ENTRIES = [
  'monaco-editor/editor/editor.api',
  'monaco-editor/editor/editor.worker',
  'monaco-editor/editor/contrib/suggest/browser/suggestController',
  'monaco-editor/languages/definitions/yaml/register',
  ...[
    'codeEditor', 'codicon', 'hover', 'suggest', 'snippet', 'folding', 'find', 'bracketMatching', 'clipboard',
    'contextmenu', 'comment', 'indentation', 'linesOperations', 'wordOperations', 'cursorUndo', 'gotoError',
    'toggleTabFocusMode', 'codeAction',
  ].map((feature) => `monaco-editor/features/${feature}/register`),
] as const;

const PREFIX = '\0monaco-lazy-css:';
// Must not end in ".css", or Vite's own CSS plugin would claim the virtual module.
const SUFFIX = '.js';

export function monacoEditorVite(): Plugin {
  return {
    name: 'kserve-hpa-lab:monaco-editor',
    enforce: 'pre',
    config: () => ({ optimizeDeps: { include: [...MONACO_ENTRIES] } }),
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('.css') || !/[\\/]node_modules[\\/]monaco-editor[\\/]/.test(importer)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved ? `${PREFIX}${resolved.id}${SUFFIX}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const file = id.slice(PREFIX.length, -SUFFIX.length);
      return [
        `import css from ${JSON.stringify(`${file}?inline`)};`,
        `if (typeof document !== 'undefined') {`,
        `  const style = document.createElement('style');`,
        `  style.dataset.monaco = ${JSON.stringify(file.slice(file.lastIndexOf('/') + 1))};`,
        `  style.textContent = css;`,
        `  document.head.append(style);`,
        `}`,
      ].join('\n');
    },
  };
}
