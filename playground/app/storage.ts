/**
 * The playground's one door to localStorage: every key it uses is named here, and every access
 * survives storage being off (private windows, blocked cookies).
 */
import { validateState, type LinkState } from '../../engine/link/state.ts';
import { EDITOR_CHOICE_KEY } from '../editor/host.ts';

export const STORAGE_KEYS = {
  /** "plain" or "rich": the editor the reader chose. */
  editor: EDITOR_CHOICE_KEY,
  /** JSON {input: px, dock: px}: where the reader left the splitters. */
  layout: 'kserve-hpa-lab:layout',
  /**
   * JSON {hash, state}: an edit the address bar does not hold yet (the page was left before the
   * link caught up) or cannot hold (too big for a link), with the fragment the bar showed then.
   */
  draft: 'kserve-hpa-lab:draft',
} as const;

export function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readLayout(): { input?: number; dock?: number } {
  try {
    const value = JSON.parse(storage()?.getItem(STORAGE_KEYS.layout) ?? '{}') as unknown;
    if (typeof value !== 'object' || value === null) return {};
    const record = value as Record<string, unknown>;
    const px = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 10_000 ? v : undefined);
    return { input: px(record.input), dock: px(record.dock) };
  } catch {
    return {};
  }
}

export function writeLayout(layout: { input?: number; dock?: number }): void {
  try {
    storage()?.setItem(STORAGE_KEYS.layout, JSON.stringify(layout));
  } catch {
    // Not remembered: the layout lasts for this page.
  }
}

/** The kept edit, if it was made on the page whose fragment is `hash` (another link means other work). */
export function readDraft(hash: string): LinkState | null {
  try {
    const value = JSON.parse(storage()?.getItem(STORAGE_KEYS.draft) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null || (value as { hash?: unknown }).hash !== hash) return null;
    // Storage is input like any other: the link's own checks decide what a state is.
    const checked = validateState((value as { state?: unknown }).state);
    return checked.ok ? checked.state : null;
  } catch {
    return null;
  }
}

/** Synchronous on purpose: it runs in pagehide, where nothing asynchronous is sure to finish. */
export function writeDraft(hash: string, state: LinkState): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(STORAGE_KEYS.draft, JSON.stringify({ hash, state: { isvc: state.isvc, hpas: state.hpas, scenario: state.scenario, step: state.step } }));
    return true;
  } catch {
    // Storage full or off: the edit lasts as long as the page.
    return false;
  }
}

export function clearDraft(): void {
  try {
    storage()?.removeItem(STORAGE_KEYS.draft);
  } catch {
    // Nothing was kept.
  }
}
