/**
 * "Is this Chinese text free of untranslated English?" for the unit tests, as the e2e scan of the
 * Chinese pages asks it (test/e2e/wide.spec.ts).
 */

export const CJK = /[\u4e00-\u9fff]/;

// Three English words in a row: an untranslated sentence. Quoted input, code spans and command
// lines are verbatim.
const SENTENCE = /\b[A-Za-z]+(?:['’][A-Za-z]+)?(?:[ \u00a0]+[A-Za-z]+(?:['’][A-Za-z]+)?){2,}\b/;
const VERBATIM = /"[^"]*"|`[^`]*`|\b(?:kubectl|npx|helm)\b[^，。；：、（）()]*/g;

/** The first untranslated English sentence in the text, or null. */
export function untranslated(text: string): string | null {
  return SENTENCE.exec(text.replace(VERBATIM, ' '))?.[0] ?? null;
}
