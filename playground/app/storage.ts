/**
 * The playground's one door to localStorage: every key it uses is named here, and every access
 * survives storage being off (private windows, blocked cookies).
 */
import { EDITOR_CHOICE_KEY } from '../editor/host.ts';

export const STORAGE_KEYS = {
  /** "plain" or "rich": the editor the reader chose. */
  editor: EDITOR_CHOICE_KEY,
  /** JSON {input: px, dock: px}: where the reader left the splitters. */
  layout: 'kserve-hpa-lab:layout',
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
