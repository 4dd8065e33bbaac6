/**
 * engine/link/codec.ts: playground link fragments. Round trips, hostile fragments (each refused
 * with a message, never a throw, a hang or a memory blow-up), and the frozen corpus in
 * test/fixtures/links/ that keeps every link ever shared working.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { decodeFragment, encodeState, jsonDepth, LINK_LIMITS, type DecodeResult } from '../../engine/link/codec.ts';
import { inflateRaw } from '../../engine/link/inflate.ts';
import { CURRENT_FORMAT, type LinkState } from '../../engine/link/state.ts';
import { splitSources, stateSources } from '../../engine/scenario/compose.ts';
import { scenarioDocumentText } from '../../engine/scenario/edit.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { scenarioSteps } from '../../engine/scenario/scenario.ts';
import { formatInputError } from '../../engine/scenario/source.ts';

const STATE: LinkState = {
  isvc: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: m\nspec:\n  predictor: {}\n',
  hpas: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: m-predictor\nspec:\n  scaleTargetRef: {kind: Deployment, name: m-predictor}\n  maxReplicas: 3\n',
  scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nevents: [pod-created]\n',
  step: 2,
};

/** A fragment holding exactly these bytes, deflated and base64url-encoded, in `format`. */
function craft(payload: unknown, format: number | string = CURRENT_FORMAT): string {
  const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return `${format}.${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
}

function refused(result: DecodeResult): string {
  if (result.ok) throw new Error(`expected a refusal, decoded ${JSON.stringify(result.state).slice(0, 200)}`);
  const text = renderMessage(result.message);
  expect(text.length).toBeGreaterThan(10);
  return text;
}

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  console.info(`[hostile] ${label}: ${ms.toFixed(1)} ms`);
  return { value, ms };
}

describe('link codec: round trips', () => {
  it('encodes as <format>.<base64url> and decodes to the same state', async () => {
    const fragment = await encodeState(STATE);
    expect(fragment).toMatch(new RegExp(`^${CURRENT_FORMAT}\\.[A-Za-z0-9_-]+$`));
    expect(await decodeFragment(fragment)).toEqual({ ok: true, state: STATE, format: CURRENT_FORMAT });
  });

  it('accepts the fragment with its leading "#"', async () => {
    expect(await decodeFragment(`#${await encodeState(STATE)}`)).toMatchObject({ ok: true, state: STATE });
  });

  it('keeps unicode exactly: accents, CJK, emoji with ZWJ, astral characters, CRLF, NUL', async () => {
    const state: LinkState = {
      isvc: '# café — 推理服务 — 日本語\r\nname: "\u0000\u2028\uFEFF"\n',
      hpas: 'note: "👩‍💻🚀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"\n',
      scenario: 'title: "同名 HPA ⚠️"\n',
      step: 0,
    };
    expect(await decodeFragment(await encodeState(state))).toMatchObject({ ok: true, state });
  });

  it('round-trips 500 KB of YAML well under the length limit', async () => {
    const hpa = (i: number) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: model-${i}-predictor\n  labels: {team: team-${i % 17}}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: model-${i}-predictor}\n  minReplicas: ${1 + (i % 3)}\n  maxReplicas: ${10 + (i % 7)}\n`;
    let hpas = '';
    for (let i = 0; hpas.length < 500 * 1024; i += 1) hpas += `${hpa(i)}---\n`;
    const state: LinkState = { ...STATE, hpas, step: 4 };
    const fragment = await encodeState(state);
    expect(fragment.length).toBeLessThan(LINK_LIMITS.fragment);
    expect(await decodeFragment(fragment)).toMatchObject({ ok: true, state });
  });

  it('encodes only the four state fields', async () => {
    const extra = { ...STATE, secret: 'do not leak' } as LinkState;
    const decoded = await decodeFragment(await encodeState(extra));
    expect(decoded.ok && Object.keys(decoded.state).sort()).toEqual(['hpas', 'isvc', 'scenario', 'step']);
  });

  it('a payload without step opens at step 0', async () => {
    expect(await decodeFragment(craft({ isvc: 'a', hpas: 'b', scenario: 'c' }))).toMatchObject({ ok: true, state: { isvc: 'a', hpas: 'b', scenario: 'c', step: 0 } });
  });
});

describe('link codec: hostile and damaged fragments are refused with a message', () => {
  it('empty', async () => {
    expect(refused(await decodeFragment(''))).toMatch(/no scenario/);
    expect(refused(await decodeFragment('#'))).toMatch(/no scenario/);
  });

  it('garbage and wrong prefixes', async () => {
    for (const text of ['garbage', 'v1.abc', 'x.abc', '1', '1abc', '.abc', '01234.abc', 'https://example.com/#1.abc', '1.abc def']) {
      expect(refused(await decodeFragment(text)), text).toMatch(/not a kserve-hpa-lab scenario link/);
    }
  });

  it('a future format says it was made by a newer version', async () => {
    const message = refused(await decodeFragment(craft(STATE, CURRENT_FORMAT + 1)));
    expect(message).toMatch(/newer/);
    expect(message).toContain(`format ${CURRENT_FORMAT + 1}`);
    expect(refused(await decodeFragment('9999.AAAA'))).toMatch(/newer/);
  });

  it('format 0 is unknown', async () => {
    expect(refused(await decodeFragment(craft(STATE, 0)))).toMatch(/unknown link format 0/);
    expect(refused(await decodeFragment(craft(STATE, '00')))).toMatch(/unknown link format 0/);
  });

  it('truncated at every cut point', async () => {
    const fragment = await encodeState(STATE);
    for (let cut = 1; cut < fragment.length; cut += 1) {
      const result = await decodeFragment(fragment.slice(0, cut));
      expect(result.ok, `cut at ${cut}`).toBe(false);
    }
    expect(refused(await decodeFragment(fragment.slice(0, fragment.length - 5)))).toMatch(/damaged|truncated/);
  });

  it('characters outside base64url', async () => {
    const fragment = await encodeState(STATE);
    for (const bad of ['+', '/', '=', '!', ' ', '%20', 'é', '\u0000']) {
      const mid = Math.floor(fragment.length / 2);
      const text = `${fragment.slice(0, mid)}${bad}${fragment.slice(mid)}`;
      expect(refused(await decodeFragment(text)), JSON.stringify(bad)).toMatch(/not a kserve-hpa-lab scenario link|damaged/);
    }
    // A length no base64 can have.
    expect(refused(await decodeFragment('1.a'))).toMatch(/not valid base64url/);
  });

  it('valid deflate of something that is not JSON, or not UTF-8', async () => {
    expect(refused(await decodeFragment(craft('isvc: not json')))).toMatch(/not valid JSON/);
    expect(refused(await decodeFragment(`1.${deflateRawSync(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])).toString('base64url')}`))).toMatch(/not valid JSON/);
  });

  it('JSON that is not an object', async () => {
    for (const payload of ['[1,2,3]', 'null', '"text"', '42', 'true']) {
      expect(refused(await decodeFragment(craft(payload))), payload).toMatch(/does not hold a scenario/);
    }
  });

  it('missing fields and wrong field types name the field', async () => {
    expect(refused(await decodeFragment(craft({})))).toMatch(/isvc is missing or not text/);
    expect(refused(await decodeFragment(craft({ isvc: '', scenario: '' })))).toMatch(/hpas is missing/);
    expect(refused(await decodeFragment(craft({ isvc: '', hpas: '' })))).toMatch(/scenario is missing/);
    expect(refused(await decodeFragment(craft({ ...STATE, isvc: 42 })))).toMatch(/isvc is missing or not text/);
    expect(refused(await decodeFragment(craft({ ...STATE, hpas: ['a'] })))).toMatch(/hpas is missing or not text/);
    expect(refused(await decodeFragment(craft({ ...STATE, scenario: { kind: 'Scenario' } })))).toMatch(/scenario is missing or not text/);
    expect(refused(await decodeFragment(craft({ ...STATE, scenario: null })))).toMatch(/scenario is missing or not text/);
  });

  it('a text field over 1 MiB is refused', async () => {
    expect(refused(await decodeFragment(craft({ ...STATE, isvc: 'x'.repeat(1024 * 1024 + 1) })))).toMatch(/isvc is larger than 1 MiB/);
  });

  it('step: negative, non-integer, huge, or not a number', async () => {
    for (const step of [-1, 1.5, 100_001, 1e12, Number.MAX_SAFE_INTEGER, '3', true, [1], { n: 1 }]) {
      expect(refused(await decodeFragment(craft({ ...STATE, step }))), JSON.stringify(step)).toMatch(/invalid step/);
    }
    // JSON has no NaN or Infinity: they serialise to null, which means "no step".
    expect(await decodeFragment(craft({ ...STATE, step: null }))).toMatchObject({ ok: true, state: { step: 0 } });
    expect(await decodeFragment(craft({ ...STATE, step: 100_000 }))).toMatchObject({ ok: true, state: { step: 100_000 } });
  });

  it('a fragment over the length limit is refused before any decoding', async () => {
    const { value, ms } = await timed('fragment over the length limit', () => decodeFragment(`1.${'A'.repeat(LINK_LIMITS.fragment)}`));
    const message = refused(value);
    expect(message).toMatch(/too long/);
    expect(message).toContain(String(LINK_LIMITS.fragment));
    expect(ms).toBeLessThan(1000);
    expect((await decodeFragment(`1.${'A'.repeat(LINK_LIMITS.fragment - 2)}`)).ok).toBe(false);
  });

  it('a decompression bomb (50 MiB of zeros) is refused quickly with bounded memory', async () => {
    const bomb = `1.${deflateRawSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(LINK_LIMITS.fragment);
    const heapBefore = process.memoryUsage().heapUsed;
    const rssBefore = process.memoryUsage().rss;
    const { value, ms } = await timed('50 MiB deflate bomb', () => decodeFragment(bomb));
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    console.info(`[hostile] 50 MiB deflate bomb: heap +${(heapGrowth / 1e6).toFixed(1)} MB, rss +${(rssGrowth / 1e6).toFixed(1)} MB`);
    expect(refused(value)).toMatch(/expands to more than 3 MiB/);
    expect(ms).toBeLessThan(5000);
    // Inflating it all would need 50 MiB; the decoder stops after 3 MiB.
    expect(heapGrowth).toBeLessThan(40 * 1024 * 1024);
    expect(rssGrowth).toBeLessThan(45 * 1024 * 1024);
  });

  it('a payload just over the inflate limit is refused, one under it is read', async () => {
    const pad = (n: number) => JSON.stringify({ isvc: 'x'.repeat(n), hpas: '', scenario: '', step: 0 });
    const overhead = pad(0).length;
    const under = pad(1024 * 1024 - 1);
    expect(under.length).toBeLessThan(LINK_LIMITS.inflated);
    expect((await decodeFragment(craft(under))).ok).toBe(true);
    // Three fields of 1 MiB each exceed 3 MiB once JSON-wrapped.
    const over = JSON.stringify({ isvc: 'x'.repeat(1024 * 1024), hpas: 'y'.repeat(1024 * 1024), scenario: 'z'.repeat(1024 * 1024), step: 0 });
    expect(over.length).toBeGreaterThan(LINK_LIMITS.inflated);
    expect(overhead).toBeGreaterThan(0);
    expect(refused(await decodeFragment(craft(over)))).toMatch(/expands to more than 3 MiB/);
  });

  it('never throws on random bytes', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 200; i += 1) {
      const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
      const result = await decodeFragment(`1.${bytes.toString('base64url')}`);
      expect(result.ok).toBe(false);
    }
  });
});

// Issue 21, items 11 and 12: decoding bounds its work before it allocates, and one decoder decides
// for Node and every browser (the platforms' DecompressionStream disagree on trailing bytes).
describe('link codec: bounded inflate and JSON depth, one rule everywhere', () => {
  const idOf = (result: DecodeResult) => (result.ok ? 'decoded' : result.message.id);

  it('inflates exactly what zlib deflated: stored, fixed and dynamic blocks, every level and strategy', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const texts = [
      Buffer.alloc(0),
      Buffer.from('a'),
      Buffer.from(JSON.stringify(STATE)),
      Buffer.from('abc'.repeat(40_000)),
      Buffer.from(Array.from({ length: 70_000 }, () => Math.floor(random() * 256))),
      Buffer.from(Array.from({ length: 50_000 }, () => 97 + Math.floor(random() * 4))),
    ];
    for (const text of texts) {
      for (const options of [{ level: 0 }, { level: 1 }, { level: 9 }, { strategy: constants.Z_FIXED }, { strategy: constants.Z_HUFFMAN_ONLY }, { strategy: constants.Z_RLE }]) {
        const result = inflateRaw(deflateRawSync(text, options), LINK_LIMITS.inflated);
        expect(result.ok && Buffer.from(result.bytes).equals(text), `${text.length} bytes, ${JSON.stringify(options)}`).toBe(true);
      }
    }
  });

  it('a deflate bomb stops at the budget: no byte past it is produced or allocated', () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
    const refusal = inflateRaw(bomb, LINK_LIMITS.inflated);
    if (refusal.ok || refusal.reason !== 'budget') throw new Error(`expected the budget to stop it, got ${JSON.stringify(refusal).slice(0, 80)}`);
    // A copy that would pass the budget is not started, so at most one longest match (258 bytes) short of it.
    expect(refusal.produced).toBeLessThanOrEqual(LINK_LIMITS.inflated);
    expect(refusal.produced).toBeGreaterThan(LINK_LIMITS.inflated - 258);
    // The budget is the output's size, not a guess: one byte less than the content refuses, its size accepts.
    const exact = deflateRawSync(Buffer.alloc(5000, 1));
    expect(inflateRaw(exact, 4999)).toMatchObject({ ok: false, reason: 'budget' });
    const whole = inflateRaw(exact, 5000);
    expect(whole.ok && whole.bytes.length).toBe(5000);
  });

  it('a deflate bomb in a link is refused with linkTooBig', async () => {
    const bomb = `1.${deflateRawSync(Buffer.alloc(190 * 1024 * 1024), { level: 9 }).toString('base64url')}`;
    expect(bomb.length).toBeLessThan(LINK_LIMITS.fragment);
    const result = await decodeFragment(bomb);
    expect(idOf(result)).toBe('input.linkTooBig');
  });

  it('a 1M-deep nested JSON in a link is refused with linkTooDeep, before JSON.parse', async () => {
    const deep = `{"isvc":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)},"hpas":"","scenario":"","step":0}`;
    const fragment = craft(deep);
    expect(fragment.length).toBeLessThan(LINK_LIMITS.fragment);
    const result = await decodeFragment(fragment);
    expect(idOf(result)).toBe('input.linkTooDeep');
    expect(refused(result)).toContain(String(LINK_LIMITS.depth));
    // The scan gives up one level past the limit instead of walking all million.
    expect(jsonDepth(deep, LINK_LIMITS.depth)).toBe(LINK_LIMITS.depth + 1);
  });

  it('counts depth outside strings only, and lets ordinary payloads through', () => {
    expect(jsonDepth(JSON.stringify(STATE), 32)).toBe(1);
    expect(jsonDepth(JSON.stringify({ a: '[[[[{{{{\\' }), 2)).toBe(1);
    expect(jsonDepth(JSON.stringify({ a: '"[[[["', b: ['x'] }), 2)).toBe(2);
    expect(jsonDepth('[[[]],[[[]]]]', 10)).toBe(4);
    expect(jsonDepth('[[[[[', 2)).toBe(3);
  });

  it('nesting at the limit decodes as far as the state check', async () => {
    const payload = `{"isvc":"a","hpas":"b","scenario":"c","extra":${'['.repeat(LINK_LIMITS.depth - 1)}${']'.repeat(LINK_LIMITS.depth - 1)}}`;
    expect(await decodeFragment(craft(payload))).toMatchObject({ ok: true, state: { isvc: 'a', hpas: 'b', scenario: 'c', step: 0 } });
  });

  it('bytes after the end of the compressed content are refused, whatever they are', async () => {
    const content = deflateRawSync(Buffer.from(JSON.stringify(STATE)));
    for (const extra of [[0], [0, 0, 0, 0], [...Buffer.from('junk')], [0x03, 0x00], content.subarray(0, 8)]) {
      const fragment = `1.${Buffer.concat([content, Buffer.from(extra)]).toString('base64url')}`;
      const result = await decodeFragment(fragment);
      expect(idOf(result), JSON.stringify(extra)).toBe('input.linkTrailing');
      expect(refused(result)).toContain(String(extra.length));
    }
    const ours = Buffer.from((await encodeState(STATE)).slice(2), 'base64url');
    expect(inflateRaw(Buffer.concat([ours, Buffer.from([1])]), LINK_LIMITS.inflated)).toEqual({ ok: false, reason: 'trailing', extra: 1 });
  });

  it('a damaged stream is refused as damaged, never read past its end', () => {
    expect(inflateRaw(new Uint8Array([0x07]), 100)).toEqual({ ok: false, reason: 'damaged' }); // block type 3
    expect(inflateRaw(new Uint8Array([0x01, 0x05, 0x00, 0x00, 0x00]), 100)).toEqual({ ok: false, reason: 'damaged' }); // stored, LEN and NLEN disagree
    expect(inflateRaw(new Uint8Array([0x01, 0x05, 0x00, 0xfa, 0xff, 0x61]), 100)).toEqual({ ok: false, reason: 'damaged' }); // stored, cut short
    expect(inflateRaw(new Uint8Array([]), 100)).toEqual({ ok: false, reason: 'damaged' });
  });
});

describe('frozen link corpus (test/fixtures/links): old links open forever', () => {
  const dir = new URL('../fixtures/links/', import.meta.url);
  const files = readdirSync(dir);
  const links = files.filter((f) => f.endsWith('.link')).sort();

  it('has entries, each with its .state.json, and no orphan states', () => {
    expect(links.length).toBeGreaterThanOrEqual(5);
    const states = files.filter((f) => f.endsWith('.state.json')).map((f) => f.replace(/\.state\.json$/, '.link')).sort();
    expect(states).toEqual(links);
    expect(files).toContain('README.md');
  });

  for (const file of links) {
    it(`${file} decodes to its .state.json exactly`, async () => {
      const fragment = readFileSync(new URL(file, dir), 'utf8').trim();
      const expected = JSON.parse(readFileSync(new URL(file.replace(/\.link$/, '.state.json'), dir), 'utf8')) as LinkState;
      const decoded = await decodeFragment(fragment);
      expect(decoded.ok, decoded.ok ? '' : renderMessage(decoded.message)).toBe(true);
      if (!decoded.ok) return;
      expect(decoded.state).toEqual(expected);
      expect(decoded.format).toBeLessThanOrEqual(CURRENT_FORMAT);
    });

    it(`${file} still opens as a scenario, at a step that exists`, async () => {
      const decoded = await decodeFragment(readFileSync(new URL(file, dir), 'utf8').trim());
      if (!decoded.ok) throw new Error(renderMessage(decoded.message));
      const parsed = parseScenario(stateSources(decoded.state));
      expect(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors)).toBe(true);
      if (parsed.ok) expect(decoded.state.step).toBeLessThanOrEqual(scenarioSteps(parsed.scenario).length);
    });
  }
});

// Issue 10: a link carries a whole namespace (several InferenceServices, targeted events) and an
// upgrade (startRelease), and reopens as the same scenario the file gives.
describe('links of several InferenceServices and upgrades', () => {
  const text = [
    'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: a, namespace: ml}\nspec: {predictor: {minReplicas: 1}}\n',
    'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: a, namespace: dev}\nspec: {predictor: {}}\n',
    'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: a-predictor, namespace: dev}\nspec: {scaleTargetRef: {kind: Deployment, name: a-predictor}, maxReplicas: 3}\n',
    'apiVersion: hpa-lab/v1\nkind: Scenario\nstartRelease: v0.12.0\nversions: [v0.14.1, v0.16.0]\nevents:\n  - pod-created@ml/a\n  - {event: "hpa-scaled:2", isvc: dev/a}\n  - controller-upgraded\n  - "isvc-annotate:owner=x@y@dev/a"\n',
  ].join('---\n');
  const withoutPositions = (scenario: ReturnType<typeof parsed>) => ({
    ...scenario,
    objects: scenario.objects.map((o) => o.object),
    events: scenario.events.map((e) => e.event),
  });
  function parsed(sources: Parameters<typeof parseScenario>[0]) {
    const result = parseScenario(sources);
    if (!result.ok) throw new Error(result.errors.map((e) => formatInputError(e)).join('; '));
    return result.scenario;
  }

  it('splits into the editors, travels in a link and parses to the same objects, events and settings', async () => {
    const direct = parsed([{ name: 'dump.yaml', text }]);
    const state: LinkState = { ...splitSources([{ name: 'dump.yaml', text }]), step: 3 };
    const decoded = await decodeFragment(await encodeState(state));
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    const reopened = parsed(stateSources(decoded.state));
    expect(withoutPositions(reopened)).toEqual(withoutPositions(direct));
    expect(reopened.settings.startRelease).toBe('v0.12.0');
    expect(reopened.events.map((e) => e.event)).toContainEqual({ type: 'isvc.annotate', key: 'owner', value: 'x@y', isvc: { namespace: 'dev', name: 'a' } });
  });

  it('a Scenario document written from settings and events keeps startRelease and every target', () => {
    const direct = parsed([{ name: 'dump.yaml', text }]);
    const rewritten = scenarioDocumentText(direct.settings, direct.events);
    const objects = text.split('---\n').slice(0, 3).join('---\n');
    const again = parsed([{ name: 'objects.yaml', text: objects }, { name: 'scenario.yaml', text: rewritten }]);
    expect(again.settings.startRelease).toBe('v0.12.0');
    expect(again.events.map((e) => e.event)).toEqual(direct.events.map((e) => e.event));
  });
});
