/** One note per Argo CD or Flux object a walk passed over, naming what it points at. */
import { msg, type Message } from '../i18n/message.ts';
import type { SkippedDocument } from '../scenario/parse.ts';
import { printable } from './text-report.ts';

export function pointerNotes(skipped: readonly SkippedDocument[]): Message[] {
  return skipped.filter((s) => s.pointsAt).map((s) => msg('ci.pointsAt', { file: printable(s.file), line: s.line, kind: s.kind ?? '', target: printable(s.pointsAt!) }));
}
