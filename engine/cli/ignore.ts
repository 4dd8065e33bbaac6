/**
 * What a walk leaves out: `--exclude` globs and the `.gitignore` files it meets.
 *
 * The .gitignore subset honoured: blank lines and `#` comments, `!` re-includes, a trailing `/`
 * (directories only), a leading or inner `/` (anchored to the .gitignore's directory, otherwise
 * the pattern matches a name at any depth), and `*`, `?`, `[…]`, `**` as git reads them. Not
 * honoured: `\` escapes of a leading `#` or `!`, trailing-space escapes, `.git/info/exclude` and
 * the global excludes file (a CI checkout has none of them).
 */
import picomatch from 'picomatch';

interface Rule {
  match: (relative: string) => boolean;
  negate: boolean;
  directoryOnly: boolean;
}

/** Rules of one .gitignore, for paths relative to the directory that holds it. */
export interface IgnoreFile {
  /** The directory that holds it, as the walk names it. */
  base: string;
  rules: Rule[];
}

export function parseGitignore(base: string, text: string): IgnoreFile {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1);
    const directoryOnly = line.endsWith('/');
    if (directoryOnly) line = line.replace(/\/+$/, '');
    const anchored = line.includes('/');
    line = line.replace(/^\/+/, '');
    if (line === '') continue;
    const match = picomatch(anchored ? line : `**/${line}`, { dot: true });
    rules.push({ match, negate, directoryOnly });
  }
  return { base, rules };
}

const relativeTo = (base: string, path: string): string | null => {
  const root = base.replace(/\/+$/, '');
  if (root === '.' && !path.startsWith('/')) return path.replace(/^\.\//, '');
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : null;
};

/** Whether git would ignore `path` by these files (outermost first; the last matching rule wins, as in git). */
export function ignoredByGit(files: readonly IgnoreFile[], path: string, directory: boolean): boolean {
  let ignored = false;
  for (const file of files) {
    const relative = relativeTo(file.base, path);
    if (relative === null) continue;
    for (const rule of file.rules) {
      if (rule.directoryOnly && !directory) continue;
      if (rule.match(relative)) ignored = !rule.negate;
    }
  }
  return ignored;
}

/** A test for `--exclude` globs, against the path as the walk names it (a leading `./` dropped). */
export function excluder(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((glob) => picomatch(glob.replace(/^\.\//, ''), { dot: true }));
  return (path) => {
    const relative = path.replace(/^\.\//, '');
    return matchers.some((m) => m(relative));
  };
}
