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

/**
 * namespace → name → first position. Lists that only grew at the end, or had entries replaced under
 * the same name, share one table: they agree on the name at every position they have, so a
 * position past a list's end means "not in this list". `covered` is the longest such list's length;
 * only a list of that length may extend the table (another branch appending to a shorter one
 * builds its own).
 */
interface Table {
  byName: Map<string, Map<string, number>>;
  covered: number;
}
const tables = new WeakMap<readonly Named[], Table>();

function tableOf(list: readonly Named[]): Table {
  let table = tables.get(list);
  if (table) return table;
  table = { byName: new Map(), covered: 0 };
  for (let i = 0; i < list.length; i += 1) enter(table, list[i]!, i);
  table.covered = list.length;
  tables.set(list, table);
  return table;
}

function enter(table: Table, entry: Named, at: number): void {
  const { namespace, name } = refOf(entry);
  let names = table.byName.get(namespace);
  if (!names) table.byName.set(namespace, names = new Map());
  // The first entry under a name wins, as a scan finds it.
  if (!names.has(name)) names.set(name, at);
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
  const at = tableOf(list).byName.get(ref.namespace)?.get(ref.name) ?? -1;
  return at < list.length ? at : -1;
}

/**
 * Entries grouped by a key other than the name (HPAs by the Deployment they scale), kept as the
 * names table is: lists that only grew at the end, or had entries replaced under the same key,
 * share one table of positions, and a position past a list's end is not in that list.
 */
interface Groups {
  byKey: Map<string, number[]>;
  covered: number;
}
interface Grouper {
  key: (entry: never) => string;
  /** The kind of entry it groups (a list holds one kind): appends of other kinds leave it alone. */
  kind: string;
  tables: WeakMap<readonly Named[], Groups>;
}
const groupers: Grouper[] = [];
const kindOf = (entry: Named): string => ('kind' in entry && typeof entry.kind === 'string' ? entry.kind : '');

function grouperOf(key: (entry: never) => string, sample: Named): Grouper {
  let grouper = groupers.find((g) => g.key === key);
  if (!grouper) groupers.push(grouper = { key, kind: kindOf(sample), tables: new WeakMap() });
  return grouper;
}

function enterGroup(groups: Groups, key: string, at: number): void {
  const positions = groups.byKey.get(key);
  if (positions) positions.push(at);
  else groups.byKey.set(key, [at]);
}

function groupsOf(list: readonly Named[], grouper: Grouper): Groups {
  let groups = grouper.tables.get(list);
  if (groups) return groups;
  const key = grouper.key as (entry: Named) => string;
  groups = { byKey: new Map(), covered: list.length };
  for (let i = 0; i < list.length; i += 1) enterGroup(groups, key(list[i]!), i);
  grouper.tables.set(list, groups);
  return groups;
}

/** The entries whose `key` is `value`, in list order. `key` must be one function kept for the purpose (its table is per function). */
export function groupOf<T extends Named>(list: readonly T[], key: (entry: T) => string, value: string): T[] {
  if (list.length < SCAN_BELOW) return list.filter((entry) => key(entry) === value);
  const groups = groupsOf(list, grouperOf(key as (entry: never) => string, list[0]!));
  const out: T[] = [];
  for (const at of groups.byKey.get(value) ?? []) if (at < list.length) out.push(list[at]!);
  return out;
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
  /** Every entry kept its position or was added at the end (replacements and appends). */
  grew: boolean;
  /** Writes along the chain; every CHAIN writes the link CHAIN back is cut, bounding what one list keeps alive. */
  depth: number;
}

const origins = new WeakMap<readonly Named[], Origin>();
/**
 * A list keeps at least CHAIN and at most 2 × CHAIN ancestors alive, so any two lists at most
 * CHAIN writes apart are always related (readers compare whole lists only past that).
 */
const CHAIN = 32;

function derived<T extends Named>(next: T[], from: readonly T[], touched: readonly T[], inPlace: boolean, grew: boolean): T[] {
  const parent = origins.get(from);
  const depth = (parent?.depth ?? 0) + 1;
  origins.set(next, { from, touched, inPlace, grew, depth });
  if (depth % CHAIN === 0) {
    // Cut the chain CHAIN writes back: amortised one link per write.
    let list: readonly Named[] = next;
    for (let i = 0; i < CHAIN; i += 1) {
      const origin = origins.get(list);
      if (!origin) return next;
      list = origin.from;
    }
    origins.delete(list);
  }
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
  for (const { key, tables: groups } of groupers) {
    const shared = groups.get(list);
    if (shared && (key as (entry: T) => string)(old) === (key as (entry: T) => string)(value)) groups.set(next, shared);
  }
  return derived(next, list, [old, value], true, true);
}

/** The list with `value` added at the end. */
export function appended<T extends Named>(list: readonly T[], value: T): T[] {
  const next = [...list, value];
  // From the length where lookups use tables, a list that grows hands them on (built once, not per append).
  if (next.length < SCAN_BELOW) return derived(next, list, [value], false, true);
  const table = tableOf(list);
  if (table.covered === list.length) {
    enter(table, value, list.length);
    table.covered = next.length;
    tables.set(next, table);
  }
  for (const grouper of groupers) {
    if (grouper.kind !== kindOf(value)) continue;
    const shared = groupsOf(list, grouper);
    if (shared.covered === list.length) {
      enterGroup(shared, (grouper.key as (entry: T) => string)(value), list.length);
      shared.covered = next.length;
      grouper.tables.set(next, shared);
    }
  }
  return derived(next, list, [value], false, true);
}

/** A new list without the entries `drop` says to drop (a new list also when none is). */
export function without<T extends Named>(list: readonly T[], drop: (entry: T) => boolean): T[] {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const entry of list) (drop(entry) ? dropped : kept).push(entry);
  return derived(kept, list, dropped, dropped.length === 0, dropped.length === 0);
}

export interface ListChange<T> {
  /** Entries the writes between the two lists touched, old and new versions (may repeat). */
  touched: T[];
  /** True when every write replaced an entry in its place. */
  inPlace: boolean;
  /** True when every write replaced an entry in its place or added one at the end. */
  grew: boolean;
}

/**
 * What the writes that led from `before` to `after` touched, or null when `after` does not
 * descend from `before` within the remembered chain (then compare the whole lists).
 */
export function changesBetween<T extends Named>(before: readonly T[], after: readonly T[]): ListChange<T> | null {
  const touched: T[] = [];
  let inPlace = true;
  let grew = true;
  for (let list: readonly Named[] = after; list !== before;) {
    const origin = origins.get(list);
    if (!origin) return null;
    touched.push(...(origin.touched as T[]));
    inPlace &&= origin.inPlace;
    grew &&= origin.grew;
    list = origin.from;
  }
  return { touched, inPlace, grew };
}
