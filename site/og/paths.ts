/**
 * Where a docs entry's social preview image lives: `og/<entry id>.png` under the site base, with
 * the locale roots ("index", "zh-cn") as `og/index.png` and `og/zh-cn/index.png`. Shared by the
 * endpoint that writes the images (pages/og/[...slug].png.ts) and the Head override that links them.
 */
import type { Locale } from '../../engine/i18n/render.ts';

/** Locales other than the root one: their home page's id is the locale itself. */
const LOCALES = ['zh-cn'] as const satisfies readonly Locale[];

/** The endpoint's `slug` param (path under og/, without ".png") for a docs entry id. */
export function ogSlug(id: string): string {
  return (LOCALES as readonly string[]).includes(id) ? `${id}/index` : id;
}

/** The site locale of a docs entry id. */
export function ogLocale(id: string): Locale {
  return id === 'zh-cn' || id.startsWith('zh-cn/') ? 'zh-cn' : 'en';
}

/** The image's path below the site base, e.g. "og/guides/analysis.png". */
export function ogImagePath(id: string): string {
  return `og/${ogSlug(id)}.png`;
}
