/**
 * Link fragments: `<format>.<base64url(deflate-raw(JSON))>`. Decoding is bounded at every stage
 * (fragment length, inflated size, JSON shape), so a hostile or truncated link yields a message,
 * never a hang or a memory blow-up. Uses only web-standard APIs present in Node and browsers.
 */
import { msg, type Message } from '../i18n/message.ts';
import { CURRENT_FORMAT, MigrationError, migrate, validateState, type LinkState } from './state.ts';

export const LINK_LIMITS = {
  /** Characters after the "#". */
  fragment: 256 * 1024,
  /** Bytes after inflating. */
  inflated: 3 * 1024 * 1024,
} as const;

export type DecodeResult = { ok: true; state: LinkState; format: number } | { ok: false; message: Message };

export async function encodeState(state: LinkState): Promise<string> {
  const json = JSON.stringify({ isvc: state.isvc, hpas: state.hpas, scenario: state.scenario, step: state.step });
  const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  return `${CURRENT_FORMAT}.${toBase64Url(deflated!)}`;
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
  let inflated: Uint8Array | null;
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), LINK_LIMITS.inflated);
  } catch {
    return { ok: false, message: msg('input.linkInflate') };
  }
  if (!inflated) return { ok: false, message: msg('input.linkTooBig', { limit: LINK_LIMITS.inflated / 1024 / 1024 }) };
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated));
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

/** Streams bytes through a transform, giving up (null) once the output passes `limit` bytes. */
async function pipe(input: Uint8Array, transform: TransformStream<BufferSource, Uint8Array>, limit: number): Promise<Uint8Array | null> {
  const writer = transform.writable.getWriter();
  const writing = writer.write(input as BufferSource).then(() => writer.close()).catch(() => undefined);
  const reader = transform.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
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
