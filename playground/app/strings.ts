/**
 * The playground's words: the playground area of the shared UI catalog (site/i18n/<locale>/playground.ts).
 * Imported directly rather than through ui(), so the page's script carries no other area's words.
 */
import { localeOf, type Locale } from '../../engine/i18n/render.ts';
import { playground as en } from '../../site/i18n/en/playground.ts';
import type { UiArea } from '../../site/i18n/types.ts';
import { playground as zhCn } from '../../site/i18n/zh-cn/playground.ts';

export type { Locale };
export { localeOf };

export type Strings = UiArea<typeof en>;

const STRINGS: Readonly<Record<Locale, Strings>> = { en, 'zh-cn': zhCn };

export function stringsFor(locale: string | null | undefined): Strings {
  return STRINGS[localeOf(locale)];
}
