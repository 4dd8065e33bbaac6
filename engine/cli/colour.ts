/**
 * Colour for the terminal, by tone: only when standard output is a terminal and NO_COLOR is not
 * set (https://no-color.org); otherwise text passes through untouched, so pipes and files get
 * plain text.
 */
import type { Tone } from '../vocabulary.ts';

const CODES: Readonly<Record<Tone, string>> = { loss: '31', warn: '33', safe: '32', refused: '35' };

export interface Colourer {
  enabled: boolean;
  paint: (text: string, tone: Tone) => string;
  bold: (text: string) => string;
  /** Kept for callers that print already-painted text. */
  text: (text: string) => string;
}

export function colourer(io: { isTTY?: boolean; env?: Readonly<Record<string, string | undefined>> }): Colourer {
  const enabled = Boolean(io.isTTY) && !io.env?.NO_COLOR;
  return {
    enabled,
    paint: (text, tone) => (enabled ? `\u001b[${CODES[tone]}m${text}\u001b[39m` : text),
    bold: (text) => (enabled ? `\u001b[1m${text}\u001b[22m` : text),
    text: (text) => text,
  };
}
