/**
 * What every pane view shares: the view model (built from the state by the element, and by the
 * Astro components at build time), the engine's message renderer in the page's language, and
 * the button helper. Interactive elements carry data-action (what a click does) and data-key (so
 * focus and open disclosures survive a re-render).
 */
import { msg, type Message } from '../../../engine/i18n/message.ts';
import type { Result } from '../../../engine/kserve/decision.ts';
import { RESULT_WORD } from '../../../engine/vocabulary.ts';
import { renderMessage, type Locale } from '../../../engine/i18n/render.ts';
import type { EventEntry } from '../../../engine/scenario/event-list.ts';
import type { InputError } from '../../../engine/scenario/source.ts';
import type { Tone } from '../../../engine/vocabulary.ts';
import { h, type Attr, type Child, type VNode } from '../../dom/vnode.ts';
import type { Good } from '../evaluate.ts';
import type { ExploreResult } from '../explore-result.ts';
import type { Notice, UiState } from '../state.ts';
import type { Strings } from '../strings.ts';
import type { RedactionView } from '../share-state.ts';

export interface ViewModel {
  s: Strings;
  locale: Locale;
  /** The last evaluation that parsed. */
  good: Good | null;
  errors: readonly InputError[];
  /** The Scenario document's events as the text has them now (readable or not). */
  events: readonly EventEntry[];
  /** True while `good` is older than the input (the input has problems). */
  stale: boolean;
  step: number;
  /** Mark what the last move changed: false, or the move's number (the highlight restarts on each move). */
  flash: false | number;
  ui: UiState;
  form: Readonly<Record<string, string>>;
  notice: Notice | null;
  explore: ExploreResult | null;
  redaction: RedactionView | null;
  linkLength: number | null;
  /** The copy button (data-key) that just copied, for its visible and spoken "Copied". */
  copied: string | null;
  /** The scenario is too big for a link (see PageContext). */
  linkKept: { length: number; kept: boolean } | null;
  /** Preset choices and the one the texts still are (null: the user's own objects). */
  presets: readonly { id: string; title: string }[];
  presetId: string | null;
  /** Embedded step-throughs: no editing controls, details closed. */
  readonly: boolean;
  /** A stacked (phone) layout: explanations start closed so every release's decision fits. */
  compact: boolean;
}

/** The engine's message in the view's language. */
export function tr(vm: Pick<ViewModel, 'locale'>, message: Message): string {
  return renderMessage(message, vm.locale);
}

/** A decision's word in the view's language, or null where the language's word is KServe's result name itself. */
export function resultWord(vm: Pick<ViewModel, 'locale'>, result: Result): string | null {
  const word = tr(vm, msg(RESULT_WORD[result]));
  return word === result ? null : word;
}

/** A decision as the reader sees it: KServe's result name once, in code, then the language's word for it. */
export function resultLabel(vm: Pick<ViewModel, 'locale'>, result: Result): Child[] {
  const word = resultWord(vm, result);
  return [h('code', { class: 'pg-result' }, result), word ? ` ${word}` : null];
}

/** A UI word by key, for keys computed at run time (notices, help rows). */
export function word(vm: Pick<ViewModel, 's'>, key: string): string {
  return (vm.s as Readonly<Record<string, string>>)[key] ?? key;
}

export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function button(key: string, action: string, label: Child, attrs: Record<string, Attr> = {}): VNode {
  return h('button', { type: 'button', 'data-action': action, 'data-key': key, ...attrs }, label);
}

/**
 * Lists as ARIA lists, not <ul>/<ol>: the playground sits inside Starlight's prose wrapper, whose
 * `.sl-markdown-content :is(ol, ul):has(> li > …)` rule makes Chromium restyle about a thousand
 * elements on every redraw that touches a real list (10 of a step's ~16 ms at 1440×900, measured
 * with a performance trace). Screen readers announce these lists the same way.
 */
export function list(className: string, items: Child[], attrs: Record<string, Attr> = {}): VNode {
  return h('div', { ...attrs, class: `pg-list ${className}`, role: 'list' }, items);
}

export function item(attrs: Record<string, Attr> | null, ...children: Child[]): VNode {
  return h('div', { ...(attrs ?? {}), role: 'listitem' }, ...children);
}

/** A tone as a class: every outcome word gets its colour from engine/vocabulary.ts tones. */
export const toneClass = (tone: Tone | 'quiet'): string => `pg-tone-${tone}`;

/** Versions as the user reads them: oldest first (evaluate sorts them). */
export function versionsOf(vm: Pick<ViewModel, 'good'>) {
  return vm.good?.run.versions ?? [];
}

export type { Strings, Good, InputError, Tone, Locale };
