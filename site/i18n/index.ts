/**
 * The site's and the playground's own words, one typed catalog per language, split by area so
 * each file stays small: site/i18n/<locale>/<area>.ts. Astro components and the playground read
 * the same objects; a language file that misses a key does not compile. The engine's words
 * (results, explanations, verdicts) live in engine/i18n and are rendered with renderMessage.
 */
import { localeOf, type Locale } from '../../engine/i18n/render.ts';
import { playground as enPlayground } from './en/playground.ts';
import { site as enSite } from './en/site.ts';
import type { UiArea } from './types.ts';
import { playground as zhPlayground } from './zh-cn/playground.ts';
import { site as zhSite } from './zh-cn/site.ts';

export type { Locale };
export { localeOf };

export interface UiCatalog {
  playground: UiArea<typeof enPlayground>;
  site: UiArea<typeof enSite>;
}

const CATALOGS: Readonly<Record<Locale, UiCatalog>> = {
  en: { playground: enPlayground, site: enSite },
  'zh-cn': { playground: zhPlayground, site: zhSite },
};

export function ui(locale: Locale): UiCatalog {
  return CATALOGS[locale];
}

/** Every area of every language, for the completeness test. */
export const UI_CATALOGS = CATALOGS;
