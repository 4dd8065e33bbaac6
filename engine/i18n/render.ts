/**
 * Renders messages in a language. Parameters are rendered first (a nested message in the same
 * language, a list joined as the language joins lists), then put into the catalog's sentence.
 */
import { en } from './en.ts';
import type { Message, MessageId, MessageParam } from './message.ts';
import { zhCn } from './zh-cn.ts';

export const LOCALES = ['en', 'zh-cn'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en, 'zh-cn': zhCn };

/** BCP 47 tags for Intl, per locale. */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en', 'zh-cn': 'zh-CN' };

export function isLocale(value: string | null | undefined): value is Locale {
  return value === 'en' || value === 'zh-cn';
}

/** Accepts "zh-CN", "zh-cn", "zh"; anything else is English. */
export function localeOf(value: string | null | undefined): Locale {
  return value && /^zh\b/i.test(value) ? 'zh-cn' : 'en';
}

const PLACEHOLDER = /\{([a-zA-Z]+)\}/g;

export function renderMessage(message: Message, locale: Locale = 'en'): string {
  const template: string = CATALOGS[locale][message.id] ?? en[message.id] ?? message.id;
  const params = message.params ?? {};
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? renderParam(params[name]!, locale) : whole));
}

export function renderParam(param: MessageParam, locale: Locale): string {
  if (param === null) return '—';
  if (Array.isArray(param)) {
    if (param.length === 0) return CATALOGS[locale]['list.none'];
    const items = param.map((p) => renderParam(p, locale));
    // Chinese joins with 、 and 和 without spaces, which glues names together: space the last join.
    if (locale === 'zh-cn' && items.length > 1) return `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`;
    return new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type: 'conjunction' }).format(items);
  }
  if (typeof param === 'object') return renderMessage(param as Message, locale);
  return String(param);
}

/** A renderer bound to one language, for views that render many messages. */
export function translator(locale: Locale): (message: Message) => string {
  return (message) => renderMessage(message, locale);
}
