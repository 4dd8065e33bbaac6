/**
 * Output that grows with what happens (issue 17; issue 21, item 4): `run --json` is written as a
 * stream of whole lines, never as one string, and its text is what JSON.stringify(…, null, 2)
 * gives for the same value.
 */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { jsonPieces, lineChunks, StreamedArray, StreamedObject } from '../../engine/report/json-stream.ts';
import { namespaceList, namespaceScenario } from '../support/generated-namespace.ts';

/** The CLI on in-memory files; every stdout call is kept as written. */
async function cli(argv: string[], files: Record<string, string>): Promise<{ code: number; writes: string[]; stderr: string }> {
  const writes: string[] = [];
  let stderr = '';
  const io: CliIo = {
    readFile: (path) => files[path] ?? (() => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); })(),
    stdout: (text) => writes.push(`${text}\n`),
    stderr: (text) => (stderr += text),
  };
  const code = await main(argv, io);
  return { code, writes, stderr };
}

describe('jsonPieces and lineChunks write what JSON.stringify writes', () => {
  const plain = {
    a: 1, b: 'two\nlines "quoted" \u202e', c: [1, [2, []], {}], d: undefined, e: () => 1, f: null, g: { h: [{ i: true }] }, 'k\ney': '中文',
  };
  // The same value with some of its objects and arrays produced while writing.
  const streamed = new StreamedObject(() => [
    ['a', 1], ['b', plain.b],
    ['c', new StreamedArray(() => [1, new StreamedArray(() => [2, new StreamedArray(() => [])]), new StreamedObject(() => [])])],
    ['d', undefined], ['e', plain.e], ['f', null],
    ['g', new StreamedObject(() => [['h', new StreamedArray(() => [{ i: true }])]])], ['k\ney', '中文'],
  ]);
  const expected = JSON.stringify(plain, null, 2);

  it.each([1, 7, 64, 1 << 16])('in chunks of about %i characters', (size) => {
    const chunks = [...lineChunks(jsonPieces(streamed), size)];
    expect(chunks.map((c) => `${c}\n`).join('')).toBe(`${expected}\n`);
  });

  it('arrays: undefined and functions become null, empty ones stay []', () => {
    const value = [undefined, () => 0, [], {}, 'x'];
    const text = [...jsonPieces(new StreamedArray(() => value))].join('');
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect([...jsonPieces(new StreamedArray(() => []))].join('')).toBe('[]');
    expect([...jsonPieces(new StreamedObject(() => [['gone', undefined]]))].join('')).toBe('{}');
  });
});

describe('run --json is a stream', () => {
  // 30 models and their 20 HPAs (50 steps), then 300 events, two releases: about 50 MB of JSON, every step carrying the whole namespace.
  const files = { 'dump.json': namespaceList(30), 'scenario.yaml': namespaceScenario(30, 300, 50, ['v0.14.1', 'v0.15.2']) };

  it('in writes of whole lines, none longer than a small part of the whole, that parse as one document', async () => {
    const { code, writes, stderr } = await cli(['run', 'dump.json', 'scenario.yaml', '--json'], files);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const total = writes.reduce((sum, w) => sum + w.length, 0);
    expect(writes.length).toBeGreaterThan(100);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(total / 50);
    const report = JSON.parse(writes.join('')) as { versions: { tag: string; steps: unknown[] }[] };
    expect(report.versions.map((v) => [v.tag, v.steps.length])).toEqual([['v0.14.1', 350], ['v0.15.2', 350]]);
  });
});
