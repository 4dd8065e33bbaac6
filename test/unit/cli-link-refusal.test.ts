/**
 * `hpa-lab link` never prints a link its own decoder refuses (issue 21, item 10): over the
 * fragment limit, or under it but inflating past the decoder's budget, it prints nothing, exits 2
 * and says what to share instead, as the playground does; `run --markdown` leaves the link out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCli } from '../support/memory-cli.ts';
import { decodeFragment, LINK_LIMITS } from '../../engine/link/codec.ts';

const GITOPS = readFileSync(new URL('../../content/scenarios/gitops-loop.yaml', import.meta.url), 'utf8');

const cli = memoryCli;

/** The preset with a comment inside its first document (a comment before it would not travel in the link). */
const withComment = (comment: string): string => GITOPS.replace('\nmetadata:', `\n# ${comment}\nmetadata:`);

/** Text that deflate cannot shrink much: a fixed pseudo-random sequence of base64 letters. */
function noise(length: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let state = 2_463_534_242;
  let out = '';
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out += letters[(state >>> 0) % 64];
  }
  return out;
}

describe('a link the playground would refuse is never printed', () => {
  it('over the fragment limit: nothing on stdout, exit 2, the limit and what to share instead', async () => {
    const outcome = await cli(['link', 'big.yaml'], { 'big.yaml': withComment(noise(400_000)) });
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(`over the ${LINK_LIMITS.fragment} the playground opens; nothing printed`);
    expect(outcome.stderr).toContain('Share the scenario file instead (hpa-lab run <file> replays it)');
  });

  it('under the fragment limit but inflating past the decoder\'s budget: refused the same way, with the decoder\'s reason', async () => {
    // A control character is one byte in the file and six (\u0001) in the link's JSON: 900 K of them inflate past 3 MiB.
    const files = { 'wide.yaml': withComment('\u0001'.repeat(900_000)) };
    expect(files['wide.yaml'].length * 6).toBeGreaterThan(LINK_LIMITS.inflated);
    const outcome = await cli(['link', 'wide.yaml'], files);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('the playground would refuse this link (the link expands to more than 3 MiB; refused); nothing printed');
    expect(outcome.stderr).toContain('Share the scenario file instead');
    const zh = await cli(['link', 'wide.yaml', '--lang', 'zh-cn'], files);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('playground 会拒绝这个链接（链接解压后超过 3 MiB，已拒绝）');
  });

  it('run --markdown leaves the link out and says why; the scenario block stays', async () => {
    const outcome = await cli(['run', 'wide.yaml', '--markdown'], { 'wide.yaml': withComment('\u0001'.repeat(900_000)) });
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain('the playground would refuse the link (the link expands to more than 3 MiB; refused), so the comment has no link');
    expect(outcome.stdout).not.toContain('/playground/#');
    expect(outcome.stdout).toContain('```yaml\n');
  });

  it('a link that is printed reopens', async () => {
    const outcome = await cli(['link', 'small.yaml'], { 'small.yaml': withComment('\u0001'.repeat(1000)) });
    expect(outcome.code).toBe(0);
    const url = outcome.stdout.trim();
    expect((await decodeFragment(url.slice(url.indexOf('#') + 1))).ok).toBe(true);
  });
});
