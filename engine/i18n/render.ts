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

const PLACEHOLDER = /\{([a-zA-Z]+)\}/;

/**
 * One message or list being rendered: the parameters it still needs, the texts of those done, and
 * how to put them together. Rendering keeps its own stack of these instead of recursing, so a
 * message nested as deep as the input makes it (a long history) cannot exhaust the call stack.
 */
interface Frame {
  parts: readonly MessageParam[];
  rendered: string[];
  finish: (rendered: readonly string[]) => string;
}

const listFormats = new Map<Locale, Intl.ListFormat>();

function joinList(items: readonly string[], locale: Locale): string {
  if (items.length === 0) return CATALOGS[locale]['list.none'];
  // Chinese joins with 、 and 和 without spaces, which glues names together: space the last join.
  if (locale === 'zh-cn' && items.length > 1) return `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`;
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(INTL_LOCALE[locale], { style: 'long', type: 'conjunction' })));
  return format.format(items);
}

/** The text of a parameter that holds nothing to render below it, or null for a message or a list. */
function leafText(param: MessageParam): string | null {
  if (param === null) return '—';
  if (Array.isArray(param) || typeof param === 'object') return null;
  return String(param);
}

function frameOf(param: Message | readonly MessageParam[], locale: Locale): Frame {
  if (Array.isArray(param)) return { parts: param, rendered: [], finish: (items) => joinList(items, locale) };
  const message = param as Message;
  const template: string = CATALOGS[locale][message.id] ?? en[message.id] ?? message.id;
  const params = message.params ?? {};
  // split with a capturing group: literal text at even indices, placeholder names at odd ones.
  const pieces = template.split(PLACEHOLDER);
  const filled: number[] = [];
  const parts: MessageParam[] = [];
  for (let i = 1; i < pieces.length; i += 2) {
    if (!Object.hasOwn(params, pieces[i]!)) continue;
    filled.push(i);
    parts.push(params[pieces[i]!]!);
  }
  return {
    parts,
    rendered: [],
    finish: (texts) => {
      // A placeholder without a parameter stays as written, as String.replace left it.
      for (let i = 1; i < pieces.length; i += 2) pieces[i] = `{${pieces[i]}}`;
      filled.forEach((at, k) => (pieces[at] = texts[k]!));
      // `+=` keeps V8's string ropes, so a deep chain costs linear time (join would copy each level).
      let out = '';
      for (const piece of pieces) out += piece;
      return out;
    },
  };
}

function render(root: MessageParam, locale: Locale): string {
  const leaf = leafText(root);
  if (leaf !== null) return leaf;
  const stack: Frame[] = [frameOf(root as Message | readonly MessageParam[], locale)];
  let text = '';
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.rendered.length < top.parts.length) {
      const next = top.parts[top.rendered.length]!;
      const done = leafText(next);
      if (done !== null) top.rendered.push(done);
      else stack.push(frameOf(next as Message | readonly MessageParam[], locale));
      continue;
    }
    stack.pop();
    text = top.finish(top.rendered);
    stack[stack.length - 1]?.rendered.push(text);
  }
  return text;
}

/** Parameters are rendered first (a nested message in the same language, a list as the language joins lists), then put into the sentence. */
export function renderMessage(message: Message, locale: Locale = 'en'): string {
  return render(message, locale);
}

export function renderParam(param: MessageParam, locale: Locale): string {
  return render(param, locale);
}
