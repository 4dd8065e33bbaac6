/**
 * The computed outcomes a social preview image shows for pages that make claims per release (the
 * home pages and "Am I affected?"): two matrix setups over the representative releases, judged by
 * the engine at build time, in the engine's words and tones for the page's language.
 */
import { renderMessage, type Locale } from '../../engine/i18n/render.ts';
import { REPRESENTATIVE_RELEASES } from '../../engine/vocabulary.ts';
import { buildMatrix, loadSetup } from '../lib/matrix.ts';
import { presetSource, presetTitle } from '../lib/presets.ts';
import type { OgOutcomeRow } from './render.ts';

/** The harm the bug is known for, and the fix people reach for, which has a harm of its own in one range. */
const SETUPS = ['external-same-name', 'external-other-name'] as const;

/** Docs entry ids whose card shows the outcomes. */
const PAGES = new Set(['index', 'zh-cn', 'guides/am-i-affected', 'zh-cn/guides/am-i-affected']);

export function showsOutcomes(id: string): boolean {
  return PAGES.has(id);
}

export async function ogOutcomes(locale: Locale): Promise<OgOutcomeRow[]> {
  const setups = SETUPS.map((id) => loadSetup({ id, source: presetSource(`matrix/${id}`) }));
  const matrix = await buildMatrix(setups, REPRESENTATIVE_RELEASES.eras);
  return matrix.rows.map((row) => ({
    label: presetTitle(`matrix/${row.setup.id}`, locale),
    items: row.cells.map((cell) => ({ tag: cell.tag, word: renderMessage(cell.judgement.word, locale), tone: cell.judgement.tone })),
  }));
}
