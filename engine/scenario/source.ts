/**
 * Reading YAML text safely: size, document, alias and depth limits, and every problem reported
 * as `file:line:column: message`. Nothing in the input is executed or evaluated; custom tags
 * are refused.
 */
import { Composer, CST, Lexer, LineCounter, Parser, YAMLParseError, isMap, isNode, isScalar, visit, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { msg, type Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { InputFix } from './event-fixes.ts';

export interface InputError {
  file: string;
  line: number;
  column: number;
  /** What is wrong, as a message id and parameters; each front end renders it in its language. */
  message: Message;
  /** One-click changes that make this problem go away (an event's target, or removing it), best first. */
  fixes?: readonly InputFix[];
}

export const LIMITS = {
  /** Total input across all files. */
  bytes: 1024 * 1024,
  /** Total input `check` reads from a repository of manifests. */
  repositoryBytes: 32 * 1024 * 1024,
  documents: 200,
  /**
   * Documents per file on the command line (`check`, and run/link/redact of a mixed stream): a
   * real install manifest (KServe's v0.15.0 kserve.yaml, 1.4 MiB) has hundreds; what bounds the
   * work is the objects the model reads, the events and the nesting, not the file.
   */
  repositoryDocuments: 20_000,
  aliases: 100,
  depth: 48,
  /** Columns a block indicator or indentation may reach; deeper block nesting is refused before parsing. */
  indent: 512,
  events: 5000,
  /** Problems reported per parse; the rest are dropped. */
  errors: 100,
} as const;

/** `file:line:column`, as input errors and the playground's links to them are written. */
export function formatPosition(at: Pick<InputError, 'file' | 'line' | 'column'>): string {
  return `${at.file}:${at.line}:${at.column}`;
}

export function formatInputError(error: InputError, locale: Locale = 'en'): string {
  return `${formatPosition(error)}: ${renderMessage(error.message, locale)}`;
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

export function loadYaml(file: string, text: string, maxDocuments: number = LIMITS.documents): LoadResult {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: Message): InputError => {
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, message };
  };
  let parsed: Document.Parsed[];
  try {
    const result = parseYamlStream(text, { prettyErrors: false, uniqueKeys: true, customTags: [], resolveKnownTags: false, logLevel: 'error' }, lineCounter);
    if (!result.ok) {
      // The line counter may not have seen the text yet: count lines here.
      const lineStart = text.lastIndexOf('\n', result.offset - 1) + 1;
      const line = (text.slice(0, lineStart).match(/\n/g)?.length ?? 0) + 1;
      return { ok: false, errors: [{ file, line, column: result.offset - lineStart + 1, message: result.message }] };
    }
    parsed = result.documents;
  } catch (error) {
    return { ok: false, errors: [{ file, line: 1, column: 1, message: msg('input.yamlUnreadable', { detail: shortMessage(error) }) }] };
  }
  const errors: InputError[] = [];
  const documents: LoadedDocument[] = [];
  for (const doc of parsed) {
    // An unclosed quote runs to the end of the text, where the yaml library reports it (and the
    // errors it causes there): report it where it opens instead, once.
    const unclosed = doc.errors.find((e) => e.code === 'MISSING_CHAR' && /^Missing closing .?quote/.test(e.message));
    const opening = unclosed ? unclosedQuoteStart(text, unclosed.pos[0]) : null;
    for (const error of doc.errors) {
      if (opening !== null && unclosed && error !== unclosed && error.pos[0] >= unclosed.pos[0]) continue;
      if (opening !== null && error === unclosed) {
        const quote = text[opening] === "'" ? "'" : '"';
        errors.push(at(opening, msg('input.unclosedQuote', { quote })));
        continue;
      }
      errors.push(at(error.pos[0], yamlErrorMessage(error)));
    }
    if (doc.errors.length > 0) continue;
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') errors.push(at(warning.pos[0], msg('input.customTag')));
    }
    if (documents.length >= maxDocuments) {
      errors.push(at(doc.range[0], msg('input.tooManyDocuments', { limit: maxDocuments })));
      break;
    }
    // An alias whose anchor is not earlier in this document (anchors do not cross `---`) is that, not a bomb.
    const unresolved = unresolvedAlias(doc);
    if (unresolved) {
      errors.push(at(unresolved.offset, msg('input.unresolvedAlias', { alias: unresolved.name })));
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.aliases });
    } catch (error) {
      errors.push(at(doc.range[0], error instanceof ReferenceError ? msg('input.aliasBomb') : msg('input.yamlUnreadable', { detail: shortMessage(error) })));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (depthExceeds(value, LIMITS.depth)) {
      errors.push(at(doc.range[0], msg('input.nestedTooDeep', { limit: LIMITS.depth })));
      continue;
    }
    documents.push({ file, doc, value, lineCounter });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, documents };
}

export type StreamResult = { ok: true; documents: Document.Parsed[] } | { ok: false; offset: number; message: Message };

/**
 * `parseAllDocuments` with a nesting bound checked *before* composing. The yaml library composes
 * recursively and relies on catching the stack overflow; a V8 regexp compiled near that limit
 * then aborts the whole process (seen with `[` × 1000 parsed twice). So: a lexer pass refuses
 * deep flow nesting and absurd block indentation, then the CST is measured iteratively, and
 * only documents within LIMITS.depth are composed.
 */
export function parseYamlStream(text: string, options: ParseOptions & DocumentOptions & SchemaOptions, lineCounter?: LineCounter): StreamResult {
  const shallow = lexicalNesting(text);
  if (shallow) return { ok: false, ...shallow };
  const tokens = Array.from(new Parser(lineCounter?.addNewLine).parse(text));
  const deep = deepestCollection(tokens, LIMITS.depth);
  if (deep !== null) return { ok: false, offset: deep, message: msg('input.nestedTooDeep', { limit: LIMITS.depth }) };
  const documents = Array.from(new Composer({ ...options, uniqueKeys: false }).compose(tokens));
  if (options.uniqueKeys !== false) documents.forEach(flagDuplicateKeys);
  return { ok: true, documents };
}

/** The first alias in a document that names no anchor before it, with its offset; the walk never expands aliases. */
function unresolvedAlias(doc: Document.Parsed): { name: string; offset: number } | null {
  let found: { name: string; offset: number } | null = null;
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) !== undefined) return undefined;
      found = { name: alias.source.slice(0, 60), offset: alias.range?.[0] ?? 0 };
      return visit.BREAK;
    },
  });
  return found;
}

/** The key each duplicate-key error of ours names, so the error can be put in words in any language. */
const DUPLICATE_KEYS = new WeakMap<YAMLParseError, string>();

/** yaml's own uniqueKeys compares every pair of keys (80 000 keys: 30 s); one Set per map instead. */
function flagDuplicateKeys(doc: Document.Parsed): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else if (key.range) {
          const name = String(key.value).slice(0, 60);
          const error = new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', `Map keys must be unique; "${name}" appears twice`);
          DUPLICATE_KEYS.set(error, name);
          doc.errors.push(error);
        }
      }
    },
  });
}

/** Our own problems by id; the yaml library's sentences (English only) whole, inside a message. */
function yamlErrorMessage(error: YAMLParseError): Message {
  if (error.code === 'RESOURCE_EXHAUSTION') return msg('input.yamlTooDeep');
  const key = DUPLICATE_KEYS.get(error);
  if (key !== undefined) return msg('input.duplicateKey', { key });
  return msg('input.yamlSyntax', { detail: firstLine(error.message) });
}

function lexicalNesting(text: string): { offset: number; message: Message } | null {
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let afterScalarMark = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === CST.SCALAR || lexeme === CST.DOCUMENT || lexeme === CST.FLOW_END) {
      if (lexeme === CST.FLOW_END) flow = 0;
      afterScalarMark = lexeme === CST.SCALAR;
      continue;
    }
    const type = afterScalarMark ? null : CST.tokenType(lexeme);
    afterScalarMark = false;
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      flow += 1;
      if (flow > LIMITS.depth) return { offset, message: msg('input.nestedTooDeep', { limit: LIMITS.depth }) };
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind' || (type === 'space' && offset === lineStart))) {
      const column = offset - lineStart + (type === 'space' ? lexeme.length : 0);
      if (column > LIMITS.indent) return { offset, message: msg('input.yamlIndentTooDeep', { column: LIMITS.indent }) };
    }
    const newline = lexeme.lastIndexOf('\n');
    offset += lexeme.length;
    if (newline !== -1) lineStart = offset - lexeme.length + newline + 1;
  }
  return null;
}

/** Where the quoted scalar that ends (unclosed) at `end` opens; null when no such scalar is found. */
function unclosedQuoteStart(text: string, end: number): number | null {
  const stack: CST.Token[] = Array.from(new Parser().parse(text));
  while (stack.length > 0) {
    const token = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push(token.value);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      for (const item of token.items) {
        if ('key' in item && item.key) stack.push(item.key);
        if (item.value) stack.push(item.value);
      }
    } else if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && token.offset + token.source.length === end) {
      return token.offset;
    }
  }
  return null;
}

/** The offset of the first collection nested deeper than `limit`, walking the CST without recursion. */
function deepestCollection(tokens: readonly CST.Token[], limit: number): number | null {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return null;
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

/** A span of source text, for editor markers and quick-fix edits. */
export interface SourceRange {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Offsets into the file's text: [offset, end). */
  offset: number;
  end: number;
}

/** The exact span of the node at `path`, or null when it is absent. */
export function rangeOf(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, path: readonly (string | number)[]): SourceRange | null {
  const node = loaded.doc.getIn(path, true);
  if (!isNode(node) || !node.range) return null;
  const [offset, end] = node.range;
  const start = loaded.lineCounter.linePos(offset);
  const stop = loaded.lineCounter.linePos(end);
  return { file: loaded.file, line: start.line, column: start.col, endLine: stop.line, endColumn: stop.col, offset, end };
}

/** The span of each value in the map at `path`, by key, in one pass (rangeOf per key rescans the map). */
export function rangesOfEntries(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, path: readonly (string | number)[]): Map<string, SourceRange> {
  const out = new Map<string, SourceRange>();
  const map = loaded.doc.getIn(path, true);
  if (!isMap(map)) return out;
  for (const { key, value } of map.items) {
    if (!isScalar(key) || !isNode(value) || !value.range) continue;
    const [offset, end] = value.range;
    const start = loaded.lineCounter.linePos(offset);
    const stop = loaded.lineCounter.linePos(end);
    out.set(String(key.value), { file: loaded.file, line: start.line, column: start.col, endLine: stop.line, endColumn: stop.col, offset, end });
  }
  return out;
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
