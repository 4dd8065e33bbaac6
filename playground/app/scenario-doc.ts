/**
 * Edits to the Scenario document (releases, options, events) made in place in its YAML, through
 * the yaml library's document tree: the user's comments, key order and layout elsewhere survive,
 * and the engine's parser runs once afterwards, on the result. Nothing here validates; a text the
 * yaml library cannot read is left alone (null), and the caller says why.
 */
import { Document, isMap, isSeq, parseAllDocuments, type YAMLSeq } from 'yaml';
import { formatEvent, type ControllerEvent } from '../../engine/machine/events.ts';
import { SCENARIO_API_VERSION } from '../../engine/schema/scenario.ts';

type Edit = (doc: Document) => void;

/** Words that describe a preset's objects rather than the user's: dropped once the objects change. */
export const PRESET_WORDS = ['metadata', 'title', 'description', 'i18n'] as const;

/**
 * Applies `edit` to the first Scenario document of `text` (a fresh one when the text holds none)
 * and returns the new text; null when the text is not readable YAML. Only that document is
 * re-printed; the documents around it are kept byte for byte.
 */
export function editScenario(text: string, edit: Edit): string | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  const index = docs.findIndex((d) => isMap(d.contents) && d.get('kind') === 'Scenario');
  if (index === -1) {
    const fresh = new Document({ apiVersion: SCENARIO_API_VERSION, kind: 'Scenario' });
    edit(fresh);
    const body = text.trim();
    return body.length === 0 ? fresh.toString() : `${body}\n---\n${fresh.toString()}`;
  }
  const doc = docs[index]!;
  edit(doc);
  const start = index === 0 ? 0 : docs[index - 1]!.range[2];
  return text.slice(0, start) + doc.toString() + text.slice(doc.range[2]);
}

/** The event as the Scenario document writes it: a word, or `{apply: object}`. */
function eventNode(event: ControllerEvent): unknown {
  return event.type === 'object.apply' ? { apply: event.object } : formatEvent(event);
}

function eventsSeq(doc: Document): YAMLSeq {
  const node = doc.get('events', true);
  if (isSeq(node)) return node;
  const seq = doc.createNode([]) as YAMLSeq;
  doc.set('events', seq);
  return seq;
}

export const appendEvent = (event: ControllerEvent): Edit => (doc) => {
  eventsSeq(doc).items.push(doc.createNode(eventNode(event)) as never);
};

/** Removes the event at `index` (0-based among the events). */
export const removeEventAt = (index: number): Edit => (doc) => {
  const seq = eventsSeq(doc);
  if (index >= 0 && index < seq.items.length) seq.items.splice(index, 1);
};

/** Replaces every event (the explorer's sequence); keeps the key where the user had it. */
export const replaceEvents = (events: readonly ControllerEvent[]): Edit => (doc) => {
  const seq = eventsSeq(doc);
  seq.items = events.map((e) => doc.createNode(eventNode(e)) as never);
};

export const setField = (key: 'versions' | 'startRelease' | 'apiServerDefaulting' | 'defaultDeploymentMode', value: unknown): Edit => (doc) => {
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
  return docs.some((d) => isMap(d.contents) && d.get('kind') === 'Scenario' && PRESET_WORDS.some((k) => d.has(k)));
}
