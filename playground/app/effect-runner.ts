/**
 * What each control that is an effect rather than an action does (copy, download, open a file,
 * find a harm or a fix, pick a preset, jump to an error): it reads the element's state through
 * `EffectHost` and answers with actions, announcements and the element's own chores.
 */
import type { LinkState } from '../../engine/link/state.ts';
import { EDITOR_FILES } from '../../engine/scenario/compose.ts';
import type { Action } from './actions.ts';
import type { Effect } from './controls.ts';
import { editorForFile, type EditorName } from './edits.ts';
import { copyLink, copyMarkdown, copyRedactedLink, download } from './effects.ts';
import type { PageContext } from './panes.ts';
import type { RedactionView } from './share-state.ts';
import type { AppState } from './state.ts';

export interface Preset { id: string; title: string; state: LinkState }

/** The element as an effect sees it; `state` and `page` are read fresh at every use, since effects wait. */
export interface EffectHost {
  readonly state: AppState;
  readonly page: PageContext;
  readonly presets: readonly Preset[];
  dispatch(action: Action): void;
  announce(text: string): void;
  setLinkLength(length: number): void;
  /** Shows (and, through its live region, says) "Copied" beside the button that copied. */
  setCopied(key: string): void;
  previewRedaction(): Promise<RedactionView | null>;
  openShareMenu(): void;
  showHelp(): void;
  openFile(file: File): Promise<void>;
  toggleEditorChoice(): void;
  reveal(editor: EditorName, line: number, column: number): void;
  /** Scrolls to and focuses the event a scenario.yaml line lies in. */
  revealEvent(line: number): void;
}

export async function runEffect(host: EffectHost, effect: Effect, target: HTMLElement): Promise<void> {
  const state = host.state;
  switch (effect) {
    case 'copy-link': {
      const url = await copyLink(state.link);
      host.setLinkLength(url.length);
      host.setCopied(target.dataset.key ?? effect);
      break;
    }
    case 'copy-redacted-link':
    case 'copy-markdown': {
      if (state.errors.length > 0 || !state.good) {
        host.dispatch({ type: 'notice', notice: { kind: 'error', key: 'exportsNeedValid' } });
        break;
      }
      const redact = effect === 'copy-redacted-link' || (state.ui.redact && target.dataset.redact !== 'false');
      const view = redact ? await host.previewRedaction() : null;
      const outcome = effect === 'copy-redacted-link'
        ? await copyRedactedLink(view!, state.link.step)
        : await copyMarkdown({ good: state.good, link: state.link, redaction: view, locale: host.page.locale });
      if (outcome === 'differs') {
        host.dispatch({ type: 'notice', notice: { kind: 'error', key: 'redactionRefused' } });
        host.openShareMenu();
      } else host.setCopied(target.dataset.key ?? effect);
      break;
    }
    case 'download': download(state.link, state.good?.scenario.settings.name ?? null); break;
    case 'toggle-editor': host.toggleEditorChoice(); break;
    case 'goto': {
      const file = target.dataset.file ?? '';
      const editor = editorForFile(file);
      if (!editor && file !== EDITOR_FILES.scenario) break;
      if (host.state.ui.inputCollapsed) host.dispatch({ type: 'toggle', what: 'inputCollapsed' });
      // scenario.yaml is the events list: the row the position lies in.
      if (editor) host.reveal(editor, Number(target.dataset.line), Number(target.dataset.column));
      else host.revealEvent(Number(target.dataset.line));
      break;
    }
    case 'help': host.showHelp(); break;
    case 'open-file': {
      const file = (target as HTMLInputElement).files?.[0];
      if (file) await host.openFile(file);
      break;
    }
    case 'find-loss':
    case 'find-keep': {
      if (state.errors.length > 0 || !state.good) {
        host.dispatch({ type: 'notice', notice: { kind: 'error', key: 'fixFirst' } });
        break;
      }
      // The search (the engine's explorer) loads on first use; it runs on the state as it was asked.
      const explore = await import('./explore.ts');
      const result = effect === 'find-loss' ? explore.exploreLoss(state.good, state.ui.exploreEdits) : explore.exploreKeep(state.good, state.ui.exploreEdits);
      if (host.state.link === state.link) host.dispatch({ type: 'explored', result });
      break;
    }
    case 'preset': {
      const preset = host.presets.find((p) => p.id === (target as HTMLSelectElement).value);
      if (preset) host.dispatch({ type: 'load', link: preset.state, at: 'first-difference' });
      break;
    }
  }
}
