/**
 * The lists and counts a step builds up (its decisions, notes and writes, the work queue, the
 * passes per InferenceService), grown without copying. A resync takes up every InferenceService
 * of the namespace, and copying the step's lists on each pass made the step cost the square of
 * the namespace.
 *
 * Why growing in place is safe: one `send` runs its microsteps in a line, each action reading the
 * context the one before returned, and nothing keeps a context from the middle of a step (a run
 * reads the machine at rest, the explorer branches only from resting snapshots, and every step
 * starts from fresh lists in `beginStep`). So a list this module made during the step belongs to
 * the step alone and may be extended; any other list (a constant, one a caller passed in, one an
 * earlier step left behind) is copied first, and the copy is the step's from then on. Outside a
 * step every list is as immutable as before.
 */

const owned = new WeakSet<object>();

/** `list` with `items` appended: in place when the step made it, else a copy the step then owns. */
export function appendedTo<T>(list: readonly T[], ...items: readonly T[]): T[] {
  if (owned.has(list)) {
    for (const item of items) (list as T[]).push(item);
    return list as T[];
  }
  const copy = [...list, ...items];
  owned.add(copy);
  return copy;
}

/** `list` with its last entry replaced (a list with entries only). */
export function lastReplaced<T>(list: readonly T[], value: T): T[] {
  const out = owned.has(list) ? list as T[] : list.slice();
  owned.add(out);
  out[out.length - 1] = value;
  return out;
}

/** The first entry and the rest of a queue. */
export function shifted<T>(list: readonly T[]): [T | undefined, T[]] {
  if (owned.has(list)) return [(list as T[]).shift(), list as T[]];
  const rest = list.slice(1);
  owned.add(rest);
  return [list[0], rest];
}

/** `counts` with one more for `key`. */
export function counted(counts: Readonly<Record<string, number>>, key: string): Record<string, number> {
  const out = owned.has(counts) ? counts as Record<string, number> : { ...counts };
  owned.add(out);
  out[key] = (out[key] ?? 0) + 1;
  return out;
}
