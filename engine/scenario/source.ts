/**
 * Reading YAML text safely: size, document, alias and depth limits, and every problem reported
 * as `file:line:column: message`. Nothing in the input is executed or evaluated; custom tags
 * are refused.
 */
import { LineCounter, parseAllDocuments, isNode, type Document } from 'yaml';

export interface InputError {
  file: string;
  line: number;
  column: number;
  message: string;
}

export const LIMITS = {
  /** Total input across all files. */
  bytes: 1024 * 1024,
  documents: 200,
  aliases: 100,
  depth: 48,
  events: 5000,
} as const;

export function formatInputError(error: InputError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/** One parsed YAML document with what is needed to point back into the text. */
export interface LoadedDocument {
  file: string;
  doc: Document.Parsed;
  value: unknown;
  lineCounter: LineCounter;
}

export type LoadResult = { ok: true; documents: LoadedDocument[] } | { ok: false; errors: InputError[] };

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function loadYaml(file: string, text: string): LoadResult {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string): InputError => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  let parsed: Document.Parsed[];
  try {
    const result = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, customTags: [], resolveKnownTags: false });
    parsed = Array.isArray(result) ? result : [];
  } catch (error) {
    return { ok: false, errors: [{ file, line: 1, column: 1, message: `the YAML could not be read (${shortMessage(error)})` }] };
  }
  const errors: InputError[] = [];
  const documents: LoadedDocument[] = [];
  for (const doc of parsed) {
    for (const error of doc.errors) {
      const message = error.code === 'RESOURCE_EXHAUSTION' ? 'the YAML is nested too deeply' : firstLine(error.message);
      errors.push(at(error.pos[0], message));
    }
    if (doc.errors.length > 0) continue;
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') errors.push(at(warning.pos[0], 'custom YAML tags are not accepted'));
    }
    if (documents.length >= LIMITS.documents) {
      errors.push(at(doc.range[0], `more than ${LIMITS.documents} YAML documents`));
      break;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.aliases });
    } catch (error) {
      errors.push(at(doc.range[0], error instanceof ReferenceError ? 'too many alias expansions (a YAML alias bomb?)' : `the YAML could not be read (${shortMessage(error)})`));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (depthExceeds(value, LIMITS.depth)) {
      errors.push(at(doc.range[0], `the document is nested more than ${LIMITS.depth} levels deep`));
      continue;
    }
    documents.push({ file, doc, value, lineCounter });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, documents };
}

/** Where a path inside a document starts, falling back to the nearest enclosing node that exists. */
export function locate(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, path: readonly (string | number)[]): Omit<InputError, 'message'> {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = length === 0 ? loaded.doc.contents : loaded.doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) {
      const pos = loaded.lineCounter.linePos(node.range[0]);
      return { file: loaded.file, line: pos.line, column: pos.col };
    }
  }
  return { file: loaded.file, line: 1, column: 1 };
}

/** The position of a map key (for "unknown field" errors), else of its value. */
export function locateKey(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, path: readonly (string | number)[]): Omit<InputError, 'message'> {
  const parent = path.length <= 1 ? loaded.doc.contents : loaded.doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
    for (const pair of parent.items as unknown[]) {
      const k = pair && typeof pair === 'object' && 'key' in pair ? (pair as { key: unknown }).key : null;
      if (isNode(k) && k.range && 'value' in k && (k as { value: unknown }).value === key) {
        const pos = loaded.lineCounter.linePos(k.range[0]);
        return { file: loaded.file, line: pos.line, column: pos.col };
      }
    }
  }
  return locate(loaded, path);
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function shortMessage(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error)).slice(0, 200);
}
