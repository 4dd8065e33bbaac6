/** `hpa-lab explore` and `hpa-lab check`: output and exit codes (0 safe, 1 loss, 2 input error). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';

const preset = (id: string): string => new URL(`../../content/scenarios/${id}.yaml`, import.meta.url).pathname;

async function cli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (path) => (path === '-' ? stdin : readFileSync(path, 'utf8')),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = await main(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hpa-lab check', () => {
  it('exits 1 with one line per release when a release can lose a user HPA', async () => {
    const { code, out, err } = await cli(['check', preset('kserve-4312'), '--versions', 'v0.12.0,v0.14.1,v0.15.2,v0.16.0']);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'v0.12.0: LOSS my-isvc-predictor overwritten after: isvc-annotate:serving.kserve.io/autoscalerClass=hpa',
      'v0.14.1: LOSS my-isvc-predictor deleted after: pod-created',
      'v0.15.2: LOSS my-isvc-predictor overwritten after: pod-created',
      'v0.16.0: LOSS my-isvc-predictor overwritten after: pod-created',
    ]);
  });

  it('exits 0 when every selected release is safe', async () => {
    const { code, out } = await cli(['check', preset('different-name-hpa')]);
    expect(code).toBe(0);
    // The preset's own versions.
    expect(out.split('\n').map((line) => line.split(':')[0])).toEqual(['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0']);
    for (const line of out.split('\n')) expect(line).toMatch(/^v[\d.]+: ok, no loss within depth 6 \(\d+ states?\)$/);
  });

  it('honours --depth (0: only applying the objects)', async () => {
    const { code, out } = await cli(['check', preset('kserve-4312'), '--versions', 'v0.14.1', '--depth', '0']);
    expect(code).toBe(0);
    expect(out).toBe('v0.14.1: ok, no loss within depth 0 (1 state)');
  });

  it('reads standard input and uses the default releases without a Scenario document', async () => {
    const text = readFileSync(preset('kserve-4312'), 'utf8').split('\n---\n').slice(0, 2).join('\n---\n');
    const { code, out } = await cli(['check', '-'], text);
    expect(code).toBe(1);
    expect(out.split('\n')).toEqual([
      'v0.14.1: LOSS my-isvc-predictor deleted after: pod-created',
      'v0.15.2: LOSS my-isvc-predictor overwritten after: pod-created',
    ]);
  });

  it.each([
    [['check', preset('kserve-4312'), '--depth', 'x'], /--depth:1:1: --depth needs a whole number from 0 to 12, got "x"/],
    [['check', preset('kserve-4312'), '--depth', '13'], /--depth needs a whole number from 0 to 12/],
    [['check', preset('kserve-4312'), '--versions', 'v9.9.9'], /unknown KServe release "v9.9.9"/],
    [['check'], /give at least one scenario file/],
    [['check', '/nonexistent/file.yaml'], /cannot read the file/],
    [['explore', preset('kserve-4312'), '--depth', '-1'], /.+/],
    [['explore', preset('kserve-4312'), '--bogus'], /Unknown option/],
  ])('exits 2 on input errors: %j', async (argv, message) => {
    const { code, err, out } = await cli(argv as string[]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
  });
});

describe('hpa-lab explore', () => {
  it('prints the shortest loss and the safe changes per release', async () => {
    const { code, out } = await cli(['explore', preset('kserve-4312'), '--versions', 'v0.14.1']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('v0.14.1 · deletes any same-named HPA under external (the bug)');
    expect(lines[1]).toMatch(/^ {2}shortest loss \(\d+ states?\): my-isvc-predictor deleted at step 3, after 1 event: pod-created$/);
    expect(lines[2]).toBe('  safe changes (fewest first):');
    expect(lines[3]).toBe('    1. Rename HPA my-isvc-predictor to my-isvc-predictor-hpa (scaleTargetRef unchanged)');
    expect(lines[4]).toBe('       HorizontalPodAutoscaler/my-isvc-predictor metadata.name: my-isvc-predictor → my-isvc-predictor-hpa');
    expect(out).toContain('       -  name: my-isvc-predictor\n       +  name: my-isvc-predictor-hpa');
    expect(out).toContain('    2. Switch InferenceService my-isvc to Serverless mode');
    expect(out).toContain('       -    serving.kserve.io/deploymentMode: RawDeployment\n       +    serving.kserve.io/deploymentMode: Serverless');
  });

  it('says so when a release is safe', async () => {
    const { code, out } = await cli(['explore', preset('serverless'), '--versions', 'v0.14.1', '--depth', '3']);
    expect(code).toBe(0);
    expect(out.split('\n')).toEqual(['v0.14.1 · deletes any same-named HPA under external (the bug)', expect.stringMatching(/^ {2}no loss within depth 3 \(\d+ states?\)$/)]);
  });

  it('--json gives the events as words and the changes as records', async () => {
    const { code, out } = await cli(['explore', preset('kserve-4312'), '--versions', 'v0.14.1,v0.15.2', '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { depth: number; releases: { tag: string; shortestLoss: { found: boolean; eventWords: string[]; loss: { kind: string } }; safeChanges: { changes: { id?: string }[] }[] }[] };
    expect(parsed.depth).toBe(6);
    expect(parsed.releases.map((r) => [r.tag, r.shortestLoss.found, r.shortestLoss.eventWords, r.shortestLoss.loss.kind])).toEqual([
      ['v0.14.1', true, ['pod-created'], 'deleted'],
      ['v0.15.2', true, ['pod-created'], 'overwritten'],
    ]);
    for (const release of parsed.releases) {
      expect(release.safeChanges.map((s) => s.changes.map((c) => c.id))).toEqual([['rename:my-isvc-predictor'], ['mode:Serverless']]);
    }
  });

  it('is listed in the usage text', async () => {
    const { code, out } = await cli(['help']);
    expect(code).toBe(0);
    expect(out).toContain('hpa-lab explore <files…> [--versions …] [--depth N]');
    expect(out).toContain('hpa-lab check <files…> [--versions …] [--depth N]');
  });
});
