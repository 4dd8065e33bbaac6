/** An HPA's history in words, in either site language; English comes from the engine's verdicts. */
import { HISTORY_WORDS, type HpaEventKind } from '../../engine/verdict.ts';

export const HISTORY_WORDS_ZH: Readonly<Record<HpaEventKind, string>> = {
  overwritten: '被覆盖',
  deleted: '被删除',
  terminating: '进入 Terminating 状态',
  collected: '被垃圾回收',
  removed: '被你移除',
  reapplied: '被你重新创建',
};

/** Extra kinds a caller may add (the matrix speaks of KServe's own HPA too). */
export type ExtraWords = Readonly<Record<string, { en: string; 'zh-cn': string }>>;

export function historyText(history: readonly { step: number; kind: string }[], locale: 'en' | 'zh-cn', empty: string, extra: ExtraWords = {}): string {
  if (history.length === 0) return empty;
  const word = (kind: string): string => extra[kind]?.[locale]
    ?? (locale === 'zh-cn' ? HISTORY_WORDS_ZH[kind as HpaEventKind] : HISTORY_WORDS[kind as HpaEventKind])
    ?? kind;
  return locale === 'zh-cn'
    ? history.map((h) => `第 ${h.step} 步${word(h.kind)}`).join('，')
    : history.map((h) => `${word(h.kind)} at step ${h.step}`).join(', ');
}
