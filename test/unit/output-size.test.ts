/**
 * Output that grows with what happens, not with steps × objects (issue 17; issue 21, item 4):
 * the same events on a namespace twice as big. Sizes only, never timings.
 */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { namespaceList, namespaceScenario } from '../support/generated-namespace.ts';

const EVENTS = 1000;
const VERSIONS = ['v0.14.1', 'v0.15.2'];

/** Bytes `hpa-lab run` writes for a namespace of `models` under the same events (aimed at the first 20 models, no resync). */
async function outputBytes(models: number, extra: string[]): Promise<number> {
  const files: Record<string, string> = { 'dump.json': namespaceList(models), 'scenario.yaml': namespaceScenario(models, EVENTS, Number.POSITIVE_INFINITY, VERSIONS, 20) };
  let bytes = 0;
  const io: CliIo = { readFile: (path) => files[path]!, stdout: (text) => (bytes += Buffer.byteLength(text) + 1), stderr: () => undefined };
  expect(await main(['run', 'dump.json', 'scenario.yaml', ...extra], io)).toBe(0);
  return bytes;
}

describe('the same 1,000 events on 20, 40 and 80 models', () => {
  it('--format ndjson grows by less than half when the namespace doubles, and --json about doubles', async () => {
    const [small, double, quadruple] = [await outputBytes(20, ['--format', 'ndjson']), await outputBytes(40, ['--format', 'ndjson']), await outputBytes(80, ['--format', 'ndjson'])];
    expect(double / small).toBeLessThan(1.5);
    expect(quadruple / double).toBeLessThan(1.5);
    // The reference: every step of --json carries the whole namespace.
    expect((await outputBytes(40, ['--json'])) / (await outputBytes(20, ['--json']))).toBeGreaterThan(1.8);
  });
});
