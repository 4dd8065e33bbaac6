/** The page's language, as the engine names languages (engine/i18n/render.ts is the one Locale type). */
import { localeOf, type Locale } from '../../engine/i18n/render.ts';

/** Maps Astro.currentLocale (or, without one, the URL path) to a Locale. */
export function siteLocale(currentLocale: string | undefined, pathname = ''): Locale {
  if (currentLocale) return localeOf(currentLocale);
  return /(^|\/)zh-cn(\/|$)/i.test(pathname) ? 'zh-cn' : 'en';
}

export type { Locale };
