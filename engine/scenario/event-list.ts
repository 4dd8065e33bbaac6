/**
 * The Scenario document's events as a list the playground edits in place: every item of
 * `events`, readable or not, with where it sits, so an event the objects made invalid (or that
 * never read) can be removed, moved or aimed elsewhere. Reading only; edit.ts writes.
 */
import { formatEvent, type ControllerEvent } from '../machine/events.ts';
import { EDITOR_FILES } from './compose.ts';
import { readEvent } from './parse.ts';
import type { SourcePosition } from './scenario.ts';
import { loadYaml, locate, rangeOf, type InputError } from './source.ts';
import { createChecker, isRecord } from './validate.ts';

export interface EventEntry {
  /** 0-based among the events. */
  index: number;
  /** The event read, or null when the item does not read as one (its problem is in `problems`). */
  event: ControllerEvent | null;
  /** The event's word (`pod-created@ml/a`, `apply HorizontalPodAutoscaler/x`), or the item's own text. */
  word: string;
  at: SourcePosition;
  /** The item's last line: a position between `at.line` and it lies in this event. */
  endLine: number;
  /** What is wrong with the item on its own (cross-document problems come from the parser). */
  problems: InputError[];
}

const MAX_WORD = 80;

/** The events of the first Scenario document of `text`; empty when there is none or it does not read. */
export function listEvents(text: string, file: string = EDITOR_FILES.scenario): EventEntry[] {
  const loaded = loadYaml(file, text);
  if (!loaded.ok) return [];
  const doc = loaded.documents.find((d) => isRecord(d.value) && d.value.kind === 'Scenario');
  if (!doc || !isRecord(doc.value) || !Array.isArray(doc.value.events)) return [];
  return doc.value.events.map((item, index) => {
    const problems: InputError[] = [];
    const read = readEvent(createChecker(doc, problems), doc, item, index);
    const range = rangeOf(doc, ['events', index]);
    const own = range ? text.slice(range.offset, range.end).replace(/\s+/g, ' ').trim() : String(item);
    return {
      index,
      event: read?.event ?? null,
      word: read ? formatEvent(read.event) : own.length > MAX_WORD ? `${own.slice(0, MAX_WORD - 1)}…` : own,
      at: locate(doc, ['events', index]),
      // A block item's range ends at the start of the next line.
      endLine: range ? (range.endColumn === 1 && range.endLine > range.line ? range.endLine - 1 : range.endLine) : locate(doc, ['events', index]).line,
      problems,
    };
  });
}

/** The event a `file:line` position lies in, or null. */
export function eventAtLine(entries: readonly EventEntry[], file: string, line: number): EventEntry | null {
  return entries.find((e) => e.at.file === file && line >= e.at.line && line <= Math.max(e.at.line, e.endLine)) ?? null;
}
