/**
 * The cluster's lists without scans. A list is never changed in place: every write makes a new
 * one. So a table built for a list (namespace → name → position) stays right for as long as the
 * list lives, and a write that replaces one entry under the same name hands its table on to the
 * new list. Each new list also remembers the list it came from and the objects the write touched,
 * so a reader can ask what changed between two lists in what the writes touched, not in the
 * length of the list. Everything lives in WeakMaps beside the lists: the cluster stays plain JSON.
 */
import type { ObjectRef } from './types.ts';

/** An entry of a cluster list: an object with metadata, or a record named at the top (Deployment). */
export type Named = { metadata: ObjectRef } | ObjectRef;

const refOf = (entry: Named): ObjectRef => ('metadata' in entry ? entry.metadata : entry);

/** Below this length a scan is cheaper than a table. */
const SCAN_BELOW = 8;

type Table = Map<string, Map<string, number>>;
const tables = new WeakMap<readonly Named[], Table>();

function tableOf(list: readonly Named[]): Table {
  let table = tables.get(list);
  if (table) return table;
  table = new Map();
  for (let i = 0; i < list.length; i += 1) {
    const { namespace, name } = refOf(list[i]!);
    let names = table.get(namespace);
    if (!names) table.set(namespace, names = new Map());
    // The first entry under a name wins, as a scan finds it.
    if (!names.has(name)) names.set(name, i);
  }
  tables.set(list, table);
  return table;
}

/** The position of the first entry named `ref`, or -1. */
export function positionOf(list: readonly Named[], ref: ObjectRef): number {
  if (list.length < SCAN_BELOW) {
    for (let i = 0; i < list.length; i += 1) {
      const meta = refOf(list[i]!);
      if (meta.name === ref.name && meta.namespace === ref.namespace) return i;
    }
    return -1;
  }
  return tableOf(list).get(ref.namespace)?.get(ref.name) ?? -1;
}

/** The first entry named `ref`. */
export function lookup<T extends Named>(list: readonly T[], ref: ObjectRef): T | undefined {
  const at = positionOf(list, ref);
  return at < 0 ? undefined : list[at];
}

/** Where a list came from: the list before the write and the entries the write touched (old and new). */
interface Origin {
  from: readonly Named[];
  touched: readonly Named[];
  /** Every entry kept its position (replacements only). */
  inPlace: boolean;
  /** Writes since the chain last started afresh; bounds how much one list keeps alive. */
  depth: number;
}

const origins = new WeakMap<readonly Named[], Origin>();
/** A list keeps at most this many ancestors alive; a longer chain starts afresh (readers then compare whole lists). */
const CHAIN = 32;

function derived<T extends Named>(next: T[], from: readonly T[], touched: readonly T[], inPlace: boolean): T[] {
  const parent = origins.get(from);
  const depth = (parent?.depth ?? 0) + 1;
  if (depth <= CHAIN) origins.set(next, { from, touched, inPlace, depth });
  return next;
}

/** The list with the entry at `at` replaced by `value`. */
export function replacedAt<T extends Named>(list: readonly T[], at: number, value: T): T[] {
  const next = list.slice();
  const old = next[at]!;
  next[at] = value;
  const a = refOf(old);
  const b = refOf(value);
  const table = tables.get(list);
  if (table && a.name === b.name && a.namespace === b.namespace) tables.set(next, table);
  return derived(next, list, [old, value], true);
}

/** The list with `value` added at the end. */
export function appended<T extends Named>(list: readonly T[], value: T): T[] {
  return derived([...list, value], list, [value], false);
}

/** A new list without the entries `drop` says to drop (a new list also when none is). */
export function without<T extends Named>(list: readonly T[], drop: (entry: T) => boolean): T[] {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const entry of list) (drop(entry) ? dropped : kept).push(entry);
  return derived(kept, list, dropped, dropped.length === 0);
}

export interface ListChange<T> {
  /** Entries the writes between the two lists touched, old and new versions (may repeat). */
  touched: T[];
  /** True when every write replaced an entry in its place. */
  inPlace: boolean;
}

/**
 * What the writes that led from `before` to `after` touched, or null when `after` does not
 * descend from `before` within the remembered chain (then compare the whole lists).
 */
export function changesBetween<T extends Named>(before: readonly T[], after: readonly T[]): ListChange<T> | null {
  const touched: T[] = [];
  let inPlace = true;
  for (let list: readonly Named[] = after; list !== before;) {
    const origin = origins.get(list);
    if (!origin) return null;
    touched.push(...(origin.touched as T[]));
    inPlace &&= origin.inPlace;
    list = origin.from;
  }
  return { touched, inPlace };
}
