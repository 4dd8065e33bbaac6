/**
 * The address bar as the scenario's home: read the state from the fragment on load, and write
 * it back (replaceState, debounced by the caller) whenever the state changes. A fragment is
 * written only once the decoder has read it back, so the page never shows a link it would refuse
 * on reload. Location and history are parameters so this runs in tests without a browser.
 */
import { decodeFragment, encodeState, type DecodeResult } from '../../engine/link/codec.ts';
import type { Message } from '../../engine/i18n/message.ts';
import type { PlaygroundState } from './state.ts';

/** The address bar's fragment without its "#", or null when there is none. */
export function fragmentOf(location: Pick<Location, 'hash'>): string | null {
  const hash = location.hash.replace(/^#/, '');
  return hash.length === 0 ? null : hash;
}

export async function readFragment(location: Pick<Location, 'hash'>): Promise<DecodeResult | null> {
  const hash = location.hash.replace(/^#/, '');
  if (hash.length === 0) return null;
  return decodeFragment(hash);
}

export type FragmentWrite = { ok: true; fragment: string } | { ok: false; length: number; problem: Message };

export async function writeFragment(state: PlaygroundState, location: Pick<Location, 'pathname' | 'search' | 'hash'>, history: Pick<History, 'replaceState'>): Promise<FragmentWrite> {
  const fragment = await encodeState(state);
  const check = await decodeFragment(fragment);
  if (!check.ok) {
    // A bar that still showed an older scenario would be copied as if it were this one.
    if (location.hash !== '') history.replaceState(null, '', `${location.pathname}${location.search}`);
    return { ok: false, length: fragment.length, problem: check.message };
  }
  if (location.hash !== `#${fragment}`) history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  return { ok: true, fragment };
}

export function shareUrl(fragment: string, location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}#${fragment}`;
}
