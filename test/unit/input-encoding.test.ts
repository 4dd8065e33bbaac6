/**
 * Issue 21, item 12: an alias whose anchor is in an earlier document is an unresolved alias at
 * the alias (anchors do not reach across `---`), not an alias bomb; and a file a Windows editor
 * saved as UTF-16 with a byte-order mark is read, by `check` on a file and on a directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main.ts';
import { nodeIo } from '../../engine/cli/node.ts';
import { loadYaml } from '../../engine/scenario/source.ts';

describe('an alias to an anchor of an earlier document', () => {
  const text = 'first: &shared 3\n---\nkind: Scenario\nsecond: *shared\n';

  it('is reported as unresolved at the alias, naming it', () => {
    const loaded = loadYaml('streams.yaml', text);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    // `*shared` is on line 4, after `second: ` (8 characters): column 9.
    expect(loaded.errors).toEqual([{ file: 'streams.yaml', line: 4, column: 9, message: { id: 'input.unresolvedAlias', params: { alias: 'shared' } } }]);
  });

  it('while the same alias within its document resolves', () => {
    const loaded = loadYaml('one.yaml', 'first: &shared 3\nsecond: *shared\n');
    expect(loaded.ok && loaded.documents.map((d) => d.value)).toEqual([{ first: 3, second: 3 }]);
  });
});

describe('check reads UTF-16 files with a byte-order mark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hpa-lab-utf16-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The reported case: an InferenceService with class external and its same-named HPA, which v0.14.1 deletes.
  const yaml = (namespace: string) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: model
  namespace: ${namespace}
  annotations:
    serving.kserve.io/autoscalerClass: external
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor: { minReplicas: 1, maxReplicas: 3 }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: model-predictor
  namespace: ${namespace}
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: model-predictor }
  maxReplicas: 3
`;
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml('ml-le'), 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(yaml('ml-be'), 'utf16le').swap16()]);
  writeFileSync(join(dir, 'le.yaml'), le);
  writeFileSync(join(dir, 'be.yaml'), be);

  async function check(argv: string[]): Promise<{ code: number; output: string }> {
    const lines: string[] = [];
    const io = { ...nodeIo('test'), isTTY: false, stdout: (t: string) => lines.push(t), stderr: (t: string) => lines.push(t) };
    const code = await main(['check', ...argv, '--versions', 'v0.14.1'], io);
    return { code, output: lines.join('\n') };
  }

  for (const file of ['le.yaml', 'be.yaml']) {
    it(`${file} (UTF-16${file === 'le.yaml' ? 'LE' : 'BE'}) is read: v0.14.1 harms the HPA, exit 1`, async () => {
      const { code, output } = await check([join(dir, file)]);
      expect(output).toContain(file === 'le.yaml' ? 'ml-le/model' : 'ml-be/model');
      expect(code).toBe(1);
    });
  }

  it('and a directory holding them is walked into both, with no note of a skipped file', async () => {
    const { code, output } = await check([dir]);
    expect(code).toBe(1);
    expect(output).toContain('ml-le/model');
    expect(output).toContain('ml-be/model');
    expect(output).not.toMatch(/skip/i);
  });
});
