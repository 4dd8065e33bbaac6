/**
 * Link fragments: `<format>.<base64url(deflate-raw(JSON))>`. Decoding is bounded at every stage
 * (fragment length, inflated size, JSON nesting, JSON shape), each bound checked before the work
 * it limits, so a hostile or truncated link yields a message, never a hang or a memory blow-up.
 * Encoding uses the web-standard CompressionStream; decoding uses inflate.ts, so Node and every
 * browser accept and refuse exactly the same links.
 */
import { msg, type Message } from '../i18n/message.ts';
import { inflateRaw } from './inflate.ts';
import { CURRENT_FORMAT, MigrationError, migrate, validateState, type LinkState } from './state.ts';

export const LINK_LIMITS = {
  /** Characters after the "#". */
  fragment: 256 * 1024,
  /** Bytes after inflating. */
  inflated: 3 * 1024 * 1024,
  /** Nesting of arrays and objects in the JSON; a link's payload is one flat object. */
  depth: 32,
} as const;

export type DecodeResult = { ok: true; state: LinkState; format: number } | { ok: false; message: Message };

export async function encodeState(state: LinkState): Promise<string> {
  const json = JSON.stringify({ isvc: state.isvc, hpas: state.hpas, scenario: state.scenario, step: state.step });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'));
  return `${CURRENT_FORMAT}.${toBase64Url(deflated)}`;
}

export async function decodeFragment(fragment: string): Promise<DecodeResult> {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length === 0) return { ok: false, message: msg('input.linkEmpty') };
  if (text.length > LINK_LIMITS.fragment) return { ok: false, message: msg('input.linkTooLong', { length: text.length, limit: LINK_LIMITS.fragment }) };
  const match = /^(\d{1,4})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) return { ok: false, message: msg('input.linkForeign') };
  const format = Number(match[1]);
  if (format < 1) return { ok: false, message: msg('input.linkFormat', { format }) };
  if (format > CURRENT_FORMAT) {
    return { ok: false, message: msg('input.linkNewer', { format, current: CURRENT_FORMAT }) };
  }
  const bytes = fromBase64Url(match[2]!);
  if (!bytes) return { ok: false, message: msg('input.linkBase64') };
  const inflated = inflateRaw(bytes, LINK_LIMITS.inflated);
  if (!inflated.ok) {
    if (inflated.reason === 'budget') return { ok: false, message: msg('input.linkTooBig', { limit: LINK_LIMITS.inflated / 1024 / 1024 }) };
    if (inflated.reason === 'trailing') return { ok: false, message: msg('input.linkTrailing', { count: inflated.extra }) };
    return { ok: false, message: msg('input.linkInflate') };
  }
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
  } catch {
    return { ok: false, message: msg('input.linkJson') };
  }
  if (jsonDepth(json, LINK_LIMITS.depth) > LINK_LIMITS.depth) return { ok: false, message: msg('input.linkTooDeep', { limit: LINK_LIMITS.depth }) };
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return { ok: false, message: msg('input.linkJson') };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, message: msg('input.linkNoScenario') };
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(format, payload as Record<string, unknown>);
  } catch (error) {
    if (error instanceof MigrationError) return { ok: false, message: error.problem };
    // A migration step's own exception is a bug of ours: its text goes along untranslated.
    return { ok: false, message: msg('input.linkMigrationFailed', { detail: error instanceof Error ? error.message : String(error) }) };
  }
  const checked = validateState(migrated);
  return checked.ok ? { ok: true, state: checked.state, format } : checked;
}

/** Streams bytes through a transform and collects what comes out. */
async function pipe(input: Uint8Array, transform: TransformStream<BufferSource, Uint8Array>): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  const writing = writer.write(input as BufferSource).then(() => writer.close());
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
  }
  await writing;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * The deepest nesting of arrays and objects in a JSON text, counted in one pass without recursion
 * and given up at `limit + 1`, so JSON.parse never meets a deeply nested input. Brackets inside
 * strings do not count; the text need not be valid JSON (JSON.parse judges that afterwards).
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return deepest;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
