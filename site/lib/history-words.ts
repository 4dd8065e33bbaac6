/** An HPA's history in words, in either site language, rendered from the engine's catalog. */
import { msg, type MessageId } from '../../engine/i18n/message.ts';
import { renderMessage, type Locale } from '../../engine/i18n/render.ts';
import { historyMessage } from '../../engine/verdict.ts';

/** `history.*` for a user HPA's history, `kserveHistory.*` for KServe's own HPA. */
export function historyText(history: readonly { step: number; kind: string }[], locale: Locale, empty: MessageId, words: 'history' | 'kserveHistory' = 'history'): string {
  if (history.length === 0) return renderMessage(msg(empty), locale);
  const entries = history.map((h) => msg('history.entry', { kind: msg(`${words}.${h.kind}` as MessageId), step: h.step }));
  return renderMessage(historyMessage(entries), locale);
}
