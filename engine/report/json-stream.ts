/**
 * JSON written piece by piece, with the very text `JSON.stringify(value, null, 2)` gives for the
 * same value, so an output can be as long as the run without ever being one string (V8 caps a
 * string at about 512 MiB). Parts of the value may be marked as streamed: their entries or items
 * are produced one at a time while writing. Everything else is ordinary JSON data and is written
 * by JSON.stringify itself, indented to where it sits.
 */

/** An object whose entries are produced while it is written, in order; `undefined` values are left out as JSON.stringify leaves them. */
export class StreamedObject {
  readonly entries: () => Iterable<readonly [string, unknown]>;
  constructor(entries: () => Iterable<readonly [string, unknown]>) {
    this.entries = entries;
  }
}

/** An array whose items are produced while it is written; `undefined` becomes null as in JSON.stringify. */
export class StreamedArray {
  readonly items: () => Iterable<unknown>;
  constructor(items: () => Iterable<unknown>) {
    this.items = items;
  }
}

/** A plain value at a depth: JSON.stringify's text with every line after the first indented (strings never hold a raw line break). */
function plain(value: unknown, indent: string): string | undefined {
  const text = JSON.stringify(value, null, 2);
  return text === undefined || indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}

/**
 * The pieces of the JSON text. The depth of the generators follows the nesting of streamed
 * parts, which the caller's code fixes; data from the input is only ever inside plain parts.
 */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (!(value instanceof StreamedObject) && !(value instanceof StreamedArray)) {
    yield plain(value, indent) ?? 'null';
    return;
  }
  const inner = `${indent}  `;
  const [open, close] = value instanceof StreamedObject ? ['{', '}'] : ['[', ']'];
  let first = true;
  const entries: Iterable<readonly [string | null, unknown]> = value instanceof StreamedObject ? value.entries() : mapItems(value.items());
  for (const [key, item] of entries) {
    const streamed = item instanceof StreamedObject || item instanceof StreamedArray;
    const text = streamed ? null : plain(item, inner);
    // What JSON.stringify leaves out of an object (undefined, a function) and writes as null in an array.
    if (text === undefined && key !== null) continue;
    yield `${first ? open : ','}\n${inner}${key === null ? '' : `${JSON.stringify(key)}: `}`;
    first = false;
    if (streamed) yield* jsonPieces(item, inner);
    else yield text ?? 'null';
  }
  yield first ? `${open}${close}` : `\n${indent}${close}`;
}

function* mapItems(items: Iterable<unknown>): Generator<readonly [null, unknown]> {
  for (const item of items) yield [null, item];
}

/**
 * The pieces gathered into chunks of whole lines, about `size` characters each, without their
 * last line break: writing each chunk followed by a line break gives the text and one line break,
 * exactly what writing the whole text as one line would.
 */
export function* lineChunks(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length < size) continue;
    const cut = pending.lastIndexOf('\n');
    if (cut === -1) continue;
    yield pending.slice(0, cut);
    pending = pending.slice(cut + 1);
  }
  yield pending;
}
