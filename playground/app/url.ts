/**
 * The address bar as the scenario's home: read the state from the fragment on load, and write
 * it back (replaceState, debounced by the caller) whenever the state changes. Location and
 * history are parameters so this runs in tests without a browser.
 */
import { decodeFragment, encodeState, type DecodeResult } from '../../engine/link/codec.ts';
import type { PlaygroundState } from './state.ts';

export async function readFragment(location: Pick<Location, 'hash'>): Promise<DecodeResult | null> {
  const hash = location.hash.replace(/^#/, '');
  if (hash.length === 0) return null;
  return decodeFragment(hash);
}

export async function writeFragment(state: PlaygroundState, location: Pick<Location, 'pathname' | 'search' | 'hash'>, history: Pick<History, 'replaceState'>): Promise<string> {
  const fragment = await encodeState(state);
  if (location.hash !== `#${fragment}`) history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
  return fragment;
}

export function shareUrl(fragment: string, location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}#${fragment}`;
}
