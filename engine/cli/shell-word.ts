/**
 * A path as one word of a POSIX shell command the user can paste: as it is when it holds only
 * characters no shell treats specially, else in single quotes (a quote inside as '\''), so a
 * chart at `charts/my model` or `a;b` is rendered, never split or run.
 */
const PLAIN = /^[A-Za-z0-9_./@%+=:,-]+$/;

export function shellWord(word: string): string {
  return PLAIN.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
