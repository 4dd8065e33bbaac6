/**
 * Raw DEFLATE (RFC 1951) decoding with a byte budget, written out so that every runtime applies one
 * rule: the platforms' DecompressionStream differ (Node accepts bytes after the end of the stream,
 * Chromium refuses them) and inflate a whole written chunk before the reader can stop them. Here the
 * output grows block by block and decoding stops at the first byte past the budget, so a bomb costs
 * at most `budget` bytes of memory and the work to produce them.
 */

export type InflateResult =
  | { ok: true; bytes: Uint8Array }
  /** `produced` bytes were written (never more than the budget) when the next one would pass it. */
  | { ok: false; reason: 'budget'; produced: number }
  | { ok: false; reason: 'damaged' }
  /** The stream ended with `extra` bytes of input left over. */
  | { ok: false; reason: 'trailing'; extra: number };

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

class Damaged extends Error {}
class OverBudget extends Error {}

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of its code-length code. */
const CLEN_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i += 1) counts[lengths[i]!]! += 1;
  counts[0] = 0;
  // An over-subscribed code cannot be decoded unambiguously.
  let left = 1;
  for (let len = 1; len < 16; len += 1) {
    left = left * 2 - counts[len]!;
    if (left < 0) throw new Damaged();
  }
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len += 1) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let sym = 0; sym < lengths.length; sym += 1) if (lengths[sym] !== 0) symbols[offsets[lengths[sym]!]!++] = sym;
  return { counts, symbols };
}

let fixedCodes: { lit: Huffman; dist: Huffman } | null = null;
function fixed(): { lit: Huffman; dist: Huffman } {
  if (!fixedCodes) {
    const lit = new Uint8Array(288);
    lit.fill(8, 0, 144);
    lit.fill(9, 144, 256);
    lit.fill(7, 256, 280);
    lit.fill(8, 280, 288);
    fixedCodes = { lit: huffman(lit), dist: huffman(new Uint8Array(30).fill(5)) };
  }
  return fixedCodes;
}

/** Inflates `input` (raw DEFLATE, no header), refusing output past `budget` bytes and input past the stream's end. */
export function inflateRaw(input: Uint8Array, budget: number): InflateResult {
  let pos = 0;
  let bitBuf = 0;
  let bitCount = 0;
  let out = new Uint8Array(Math.min(budget, Math.max(1024, input.length * 4)));
  let size = 0;

  const bits = (n: number): number => {
    while (bitCount < n) {
      if (pos >= input.length) throw new Damaged();
      bitBuf |= input[pos++]! << bitCount;
      bitCount += 8;
    }
    const value = bitBuf & ((1 << n) - 1);
    bitBuf >>>= n;
    bitCount -= n;
    return value;
  };
  const decode = (code: Huffman): number => {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len += 1) {
      value |= bits(1);
      const count = code.counts[len]!;
      if (value - first < count) return code.symbols[index + value - first]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new Damaged();
  };
  // Grows the output by doubling, never past the budget: memory follows what was really produced.
  const room = (n: number): void => {
    if (size + n > budget) throw new OverBudget();
    if (size + n <= out.length) return;
    const grown = new Uint8Array(Math.min(budget, Math.max(size + n, out.length * 2)));
    grown.set(out.subarray(0, size));
    out = grown;
  };

  const stored = (): void => {
    bitBuf = 0;
    bitCount = 0;
    if (pos + 4 > input.length) throw new Damaged();
    const len = input[pos]! | (input[pos + 1]! << 8);
    const nlen = input[pos + 2]! | (input[pos + 3]! << 8);
    pos += 4;
    if (len !== (~nlen & 0xffff) || pos + len > input.length) throw new Damaged();
    room(len);
    out.set(input.subarray(pos, pos + len), size);
    size += len;
    pos += len;
  };
  const codes = (lit: Huffman, dist: Huffman): void => {
    for (;;) {
      const symbol = decode(lit);
      if (symbol < 256) {
        room(1);
        out[size++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      const lengthCode = symbol - 257;
      if (lengthCode >= 29) throw new Damaged();
      const length = LENGTH_BASE[lengthCode]! + bits(LENGTH_EXTRA[lengthCode]!);
      const distCode = decode(dist);
      if (distCode >= 30) throw new Damaged();
      const distance = DIST_BASE[distCode]! + bits(DIST_EXTRA[distCode]!);
      if (distance > size) throw new Damaged();
      room(length);
      // Byte by byte: a copy may overlap the bytes it is writing (distance < length).
      for (let i = 0; i < length; i += 1, size += 1) out[size] = out[size - distance]!;
    }
  };
  const dynamic = (): void => {
    const nlit = bits(5) + 257;
    const ndist = bits(5) + 1;
    const nclen = bits(4) + 4;
    if (nlit > 286 || ndist > 30) throw new Damaged();
    const clen = new Uint8Array(19);
    for (let i = 0; i < nclen; i += 1) clen[CLEN_ORDER[i]!] = bits(3);
    const clenCode = huffman(clen);
    const lengths = new Uint8Array(nlit + ndist);
    for (let i = 0; i < lengths.length;) {
      const symbol = decode(clenCode);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (symbol === 16) {
        if (i === 0) throw new Damaged();
        value = lengths[i - 1]!;
        repeat = 3 + bits(2);
      } else repeat = symbol === 17 ? 3 + bits(3) : 11 + bits(7);
      if (i + repeat > lengths.length) throw new Damaged();
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    // Without an end-of-block code the block could never end.
    if (lengths[256] === 0) throw new Damaged();
    codes(huffman(lengths.subarray(0, nlit)), huffman(lengths.subarray(nlit)));
  };

  try {
    for (let last = 0; !last;) {
      last = bits(1);
      const type = bits(2);
      if (type === 0) stored();
      else if (type === 1) codes(fixed().lit, fixed().dist);
      else if (type === 2) dynamic();
      else throw new Damaged();
    }
  } catch (error) {
    if (error instanceof OverBudget) return { ok: false, reason: 'budget', produced: size };
    if (error instanceof Damaged) return { ok: false, reason: 'damaged' };
    throw error;
  }
  // The bits left in the last byte are padding; whole bytes after it are not part of the stream.
  if (pos < input.length) return { ok: false, reason: 'trailing', extra: input.length - pos };
  return { ok: true, bytes: out.subarray(0, size) };
}
