/**
 * playground/app/url.ts: the address bar only ever gets a fragment the decoder reads back (issue 21,
 * item 10); a scenario too big for a link clears the bar instead of leaving an older scenario there.
 */
import { describe, expect, it } from 'vitest';
import { LINK_LIMITS } from '../../engine/link/codec.ts';
import { writeFragment } from '../../playground/app/url.ts';

function bar(hash: string) {
  const calls: string[] = [];
  return { location: { pathname: '/playground/', search: '', hash }, history: { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => calls.push(String(url)) }, calls };
}

/** Text that deflate cannot shrink much: xorshift32 over 64 URL-safe characters. */
function noise(size: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let seed = 7;
  let text = '';
  while (text.length < size) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    text += alphabet[seed % 64];
  }
  return text;
}

describe('writeFragment', () => {
  it('writes a fragment that decodes', async () => {
    const { location, history, calls } = bar('');
    const written = await writeFragment({ isvc: 'a: 1\n', hpas: '', scenario: '', step: 0 }, location, history);
    expect(written.ok).toBe(true);
    expect(calls).toEqual([`/playground/#${written.ok ? written.fragment : ''}`]);
  });

  it('writes no fragment over the decoder\'s limit, and clears the older one', async () => {
    const { location, history, calls } = bar('#1.older');
    const written = await writeFragment({ isvc: `blob: "${noise(310 * 1024)}"\n`, hpas: '', scenario: '', step: 0 }, location, history);
    if (written.ok) throw new Error('expected a refusal');
    expect(written.length).toBeGreaterThan(LINK_LIMITS.fragment);
    expect(written.problem.id).toBe('input.linkTooLong');
    expect(calls).toEqual(['/playground/']);
  });

  it('writes no fragment the decoder refuses for another reason (a text over 1 MiB that compresses well)', async () => {
    const { location, history, calls } = bar('');
    const written = await writeFragment({ isvc: 'x'.repeat(1024 * 1024 + 1), hpas: '', scenario: '', step: 0 }, location, history);
    expect(written.ok ? 'written' : written.problem.id).toBe('input.linkFieldTooLarge');
    expect(calls).toEqual([]);
  });
});
