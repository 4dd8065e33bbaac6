/**
 * The one writer of scenario text. Edits go through the yaml library's document tree and
 * re-print only the document they change, so the user's comments, key order and the documents
 * around it survive byte for byte; a fresh Scenario document is written from settings only where
 * there is no user text to keep (links, redaction). Every event is written by `eventDocument`.
 * Nothing here validates: a text the yaml library cannot read is left alone (null), and the
 * caller says why.
 */
import { Document, isMap, isSeq, parseAllDocuments, Scalar, visit, type YAMLSeq } from 'yaml';
import { formatEvent, formatTarget, parseEventWord, type ControllerEvent } from '../machine/events.ts';
import { SCENARIO_API_VERSION } from '../schema/scenario.ts';
import { DEFAULT_SETTINGS, type ScenarioSettings, type ScenarioStepInput } from './scenario.ts';

type Edit = (doc: Document) => void;

/** Where an edit lands: the document's index in the stream and the path prefix inside it (List items). */
interface Place {
  index: number;
  prefix: (string | number)[];
}

/**
 * Parses `text`, lets `find` pick a document, applies `edit` to it and splices its new print
 * between the untouched neighbours. Null when the text is not readable YAML; `missing` decides
 * what happens when `find` picks none.
 */
function editDocument(text: string, find: (docs: Document.Parsed[]) => Place | null, edit: (doc: Document, prefix: (string | number)[]) => void, missing: () => string | null): string | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  const place = find(docs);
  if (!place) return missing();
  const doc = docs[place.index]!;
  edit(doc, place.prefix);
  const start = place.index === 0 ? 0 : docs[place.index - 1]!.range[2];
  return text.slice(0, start) + quoteBlankBlocks(doc).toString() + text.slice(doc.range[2]);
}

/**
 * A line a GitHub runner reads as a workflow command (`::add-mask::…`): `::` after nothing but
 * blanks, which it trims. A key, a plain scalar or a block line of input could start one.
 */
const COMMAND_LINE = /^[\s\u0085]*::/m;

/** Printing that keeps a quoted string on one line: the library folds long ones at their line breaks. */
const ONE_LINE = { lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

/**
 * yaml 2.9.1 prints a string made only of blanks and line breaks, with a space in it (`" \n"`),
 * as a `|+` block without an indentation indicator, which reads back without the spaces. Such
 * strings are written double-quoted, and so is every key or value with a line a runner would take
 * for a command (a quoted string keeps its line breaks as `\n`); every other string keeps the style
 * the library picks.
 */
function quoteBlankBlocks(doc: Document): Document {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value !== 'string') return;
      if ((node.value.includes('\n') && node.value.includes(' ') && /^\s*$/.test(node.value)) || COMMAND_LINE.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc;
}

/** YAML for a value (redacted objects, explored edits, summaries), with no line a runner takes for a command. */
export function printYaml(value: unknown): string {
  return quoteBlankBlocks(new Document(value)).toString(ONE_LINE);
}

/**
 * A user's YAML text for an output a workflow log may show (the scenario block of a Markdown
 * comment): as given when no line of it could be read as a workflow command, else re-printed with
 * every such key and value double-quoted, the same documents and values. The text parsed before
 * it got here; a text the yaml library cannot read is left as it is.
 */
export function commandSafeYaml(text: string): string {
  if (!COMMAND_LINE.test(text)) return text;
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return text;
  return docs.map((doc) => quoteBlankBlocks(doc).toString(ONE_LINE)).join('');
}

const isScenario = (doc: Document): boolean => isMap(doc.contents) && doc.get('kind') === 'Scenario';

/** Words that describe a preset's objects rather than the user's: dropped once the objects change. */
export const PRESET_WORDS = ['metadata', 'title', 'description', 'i18n'] as const;

/**
 * Applies `edit` to the first Scenario document of `text` (a fresh one when the text holds none)
 * and returns the new text; null when the text is not readable YAML.
 */
export function editScenario(text: string, edit: Edit): string | null {
  const find = (docs: Document.Parsed[]): Place | null => {
    const index = docs.findIndex(isScenario);
    return index === -1 ? null : { index, prefix: [] };
  };
  return editDocument(text, find, (doc) => edit(doc), () => {
    const fresh = new Document({ apiVersion: SCENARIO_API_VERSION, kind: 'Scenario' });
    edit(fresh);
    const printed = quoteBlankBlocks(fresh).toString();
    const body = text.trim();
    return body.length === 0 ? printed : `${body}\n---\n${printed}`;
  });
}

/**
 * An event as the Scenario document writes it: `{apply: object}`, the word, or a mapping where
 * the word would read back as another event (`my-hpa/example/protect` reads as namespace
 * `my-hpa`, HPA `example`, finalizer `protect`).
 */
export function eventDocument(event: ControllerEvent): unknown {
  if (event.type === 'object.apply') return { apply: event.object };
  const word = formatEvent(event);
  const again = parseEventWord(word);
  if (again.ok && JSON.stringify(again.event) === JSON.stringify(event)) return word;
  if (event.type === 'hpa.delete') return { event: 'hpa-delete', hpa: formatTarget(event.hpa) };
  if (event.type === 'hpa.removeFinalizer') return { event: 'hpa-remove-finalizer', hpa: formatTarget(event.hpa), finalizer: event.finalizer };
  return word;
}

function eventsSeq(doc: Document): YAMLSeq {
  const node = doc.get('events', true);
  if (isSeq(node)) return node;
  const seq = doc.createNode([]) as YAMLSeq;
  doc.set('events', seq);
  return seq;
}

export const appendEvent = (event: ControllerEvent): Edit => (doc) => {
  eventsSeq(doc).items.push(doc.createNode(eventDocument(event)) as never);
};

/** Removes the event at `index` (0-based among the events). */
export const removeEventAt = (index: number): Edit => (doc) => {
  const seq = eventsSeq(doc);
  if (index >= 0 && index < seq.items.length) seq.items.splice(index, 1);
};

/**
 * A change to some events of the Scenario document, as the engine's input fixes describe it
 * (event-fixes.ts): events written anew at their index, then events removed. Indices are those of
 * the text the fix was computed for.
 */
export interface EventsEdit {
  set?: readonly { index: number; event: ControllerEvent }[];
  remove?: readonly number[];
}

export const editEvents = (change: EventsEdit): Edit => (doc) => {
  const seq = eventsSeq(doc);
  for (const { index, event } of change.set ?? []) {
    if (index >= 0 && index < seq.items.length) seq.items[index] = doc.createNode(eventDocument(event)) as never;
  }
  const gone = new Set(change.remove ?? []);
  if (gone.size > 0) seq.items = seq.items.filter((_, i) => !gone.has(i));
};

/** Moves the event at `from` to `to` (0-based among the events); out of range does nothing. */
export const moveEvent = (from: number, to: number): Edit => (doc) => {
  const seq = eventsSeq(doc);
  if (from < 0 || to < 0 || from >= seq.items.length || to >= seq.items.length || from === to) return;
  const [item] = seq.items.splice(from, 1);
  seq.items.splice(to, 0, item!);
};

/** Replaces every event (the explorer's sequence); keeps the key where the user had it. */
export const replaceEvents = (events: readonly ControllerEvent[]): Edit => (doc) => {
  const seq = eventsSeq(doc);
  seq.items = events.map((e) => doc.createNode(eventDocument(e)) as never);
};

export const setField = (key: 'versions' | 'startRelease' | 'apiServerDefaulting' | 'defaultDeploymentMode' | 'keda', value: unknown): Edit => (doc) => {
  if (value === null || value === undefined) doc.delete(key);
  else doc.set(key, doc.createNode(value));
};

/** Drops the preset's name, title, description and translations (see PRESET_WORDS). */
export const forgetPresetWords: Edit = (doc) => {
  for (const key of PRESET_WORDS) doc.delete(key);
};

/** True when the Scenario document in `text` still carries words of a preset. */
export function hasPresetWords(text: string): boolean {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return false;
  return docs.some((d) => isScenario(d) && PRESET_WORDS.some((k) => d.has(k)));
}

/** The Scenario document for given settings and events; defaults are written out so files are self-describing. */
export function scenarioDocumentText(settings: ScenarioSettings, events: readonly ScenarioStepInput[]): string {
  const doc: Record<string, unknown> = { apiVersion: SCENARIO_API_VERSION, kind: 'Scenario' };
  if (settings.name) doc.metadata = { name: settings.name };
  if (settings.title) doc.title = settings.title;
  if (settings.description) doc.description = settings.description;
  if (Object.keys(settings.i18n).length > 0) doc.i18n = settings.i18n;
  doc.versions = settings.versions;
  if (settings.startRelease) doc.startRelease = settings.startRelease;
  doc.apiServerDefaulting = settings.apiServerDefaulting;
  doc.defaultDeploymentMode = settings.defaultDeploymentMode;
  // Written only when it differs from the default, so scenarios without KEDA read as before.
  if (settings.keda !== DEFAULT_SETTINGS.keda) doc.keda = settings.keda;
  doc.events = events.map(({ event }) => eventDocument(event));
  return quoteBlankBlocks(new Document(doc)).toString(ONE_LINE);
}

/** `metadata.annotations["serving.kserve.io/x"]` → ['metadata', 'annotations', 'serving.kserve.io/x']. */
export function fieldPath(field: string): string[] {
  const path: string[] = [];
  const pattern = /([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of field.matchAll(pattern)) path.push(match[1] ?? JSON.parse(`"${match[2]}"`));
  return path;
}

/** Where an object (by kind and name) sits: its document and the path prefix inside it (List items). */
function findObject(docs: Document.Parsed[], kind: string, name: string): Place | null {
  for (const [index, doc] of docs.entries()) {
    const contents = doc.contents;
    if (!isMap(contents)) continue;
    const docKind: unknown = doc.get('kind');
    if (docKind === kind && doc.getIn(['metadata', 'name']) === name) return { index, prefix: [] };
    const items = contents.get('items', true);
    if (docKind === 'List' && isSeq(items)) {
      for (const [i, item] of items.items.entries()) {
        if (isMap(item) && doc.getIn(['items', i, 'kind']) === kind && doc.getIn(['items', i, 'metadata', 'name']) === name) return { index, prefix: ['items', i] };
      }
    }
  }
  return null;
}

/**
 * Sets (or, with `value === undefined`, removes) a field of the object `Kind/name` in `text`.
 * Returns the new text, or null when the object is not in this text.
 */
export function editField(text: string, object: string, path: readonly string[], value: unknown): string | null {
  const slash = object.indexOf('/');
  const kind = object.slice(0, slash);
  const name = object.slice(slash + 1);
  return editDocument(text, (docs) => findObject(docs, kind, name), (doc, prefix) => {
    const full = [...prefix, ...path];
    if (value === undefined) doc.deleteIn(full);
    else doc.setIn(full, value);
  }, () => null);
}
