/**
 * The GitHub Action run as the runner runs it: `node bin/action.mjs` (the committed bundle) in a
 * checked-out folder of manifests, with INPUT_* variables and GITHUB_STEP_SUMMARY / GITHUB_OUTPUT
 * pointed at temporary files. The SARIF it writes is validated against the official SARIF 2.1.0
 * schema (as shipped by @microsoft/sarif-multitool).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFragment } from '../../engine/link/codec.ts';
import { runScenario } from '../../engine/run.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const SARIF_SCHEMA = join(require.resolve('@microsoft/sarif-multitool/package.json'), '..', '..', 'sarif-multitool-linux', 'sarif-2.1.0.json');

const isvc = (name: string, annotations: Record<string, string>) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ml
  annotations:
${Object.entries({ 'serving.kserve.io/deploymentMode': 'RawDeployment', ...annotations }).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  predictor:
    model: {modelFormat: {name: sklearn}, storageUri: gs://bucket/model}
`;
const hpa = (name: string, target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ml
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 1
  maxReplicas: 5
`;
const external = { 'serving.kserve.io/autoscalerClass': 'external' };

/** Eleven InferenceServices whose HPA has KServe's own name (more than GitHub's ten annotations), one renamed, one of class none. */
function checkout(prefix = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'hpa-lab-action-'));
  mkdirSync(join(dir, 'deploy'));
  for (let i = 0; i < 11; i += 1) {
    const name = `model-${String(i).padStart(2, '0')}`;
    writeFileSync(join(dir, 'deploy', `${name}.yaml`), `${prefix}${isvc(name, external)}---\n${hpa(`${name}-predictor`, `${name}-predictor`)}`);
  }
  writeFileSync(join(dir, 'deploy', 'renamed.yaml'), `${isvc('renamed', external)}---\n${hpa('renamed-scaler', 'renamed-predictor')}`);
  writeFileSync(join(dir, 'deploy', 'fixed.yaml'), isvc('fixed', { 'serving.kserve.io/autoscalerClass': 'none' }));
  writeFileSync(join(dir, 'README.md'), '# not a manifest\n');
  return dir;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  dir: string;
}

function runAction(inputs: Record<string, string>, dir = checkout()): Run {
  dirs.push(dir);
  const summaryFile = join(dir, '..', `${dir.split('/').pop()}-summary.md`);
  const outputFile = join(dir, '..', `${dir.split('/').pop()}-output.txt`);
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/action.mjs')], { cwd: dir, encoding: 'utf8', env });
  const outputs: Record<string, string> = {};
  for (const match of readFileSync(outputFile, 'utf8').matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2\n/gm)) outputs[match[1]!] = match[3]!;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, summary: readFileSync(summaryFile, 'utf8'), outputs, dir };
}

const DEFAULTS = { paths: 'deploy/', versions: 'v0.14.1,v0.15.2', 'sarif-file': 'hpa-lab.sarif' };

describe('the GitHub Action', () => {
  const run = runAction(DEFAULTS);

  it('fails the step (exit 1) and sets its outputs when a user HPA is at risk', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.outputs).toEqual({ result: 'harm', harmed: '11', refused: '1', 'sarif-file': 'hpa-lab.sarif' });
  });

  it('prints one annotation per InferenceService at risk, at its HPA\'s metadata.name, and one warning for the refused one', () => {
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(11);
    for (const [i, line] of errors.entries()) {
      const name = `model-${String(i).padStart(2, '0')}`;
      // The InferenceService takes lines 1–11 and '---' line 12; the HPA's metadata.name is its 4th line, 16.
      expect(line).toMatch(new RegExp(`^::error file=deploy/${name}\\.yaml,line=16,col=9,title=KServe v0\\.14\\.1%2C v0\\.15\\.2%3A HPA ${name}-predictor deleted::ml/${name}-predictor deleted at step 3`));
      expect(line).toContain(`Also: ml/${name}-predictor overwritten in v0.15.2.`);
    }
    const warnings = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^::warning file=deploy\/fixed\.yaml,line=8,col=\d+,title=KServe v0\.14\.1%3A the webhook refuses InferenceService ml\/fixed::/);
  });

  it('logs the readable report with workflow commands stopped, so nothing from a manifest can become one', () => {
    const lines = run.stdout.split('\n');
    const stop = /^::stop-commands::(\w{16,})$/.exec(lines[0]!);
    expect(stop).not.toBeNull();
    const resume = lines.indexOf(`::${stop![1]}::`);
    expect(resume).toBeGreaterThan(1);
    expect(lines.slice(1, resume).join('\n')).toContain('ml/model-00  (deploy/model-00.yaml:1)');
    expect(lines.slice(1, resume).every((l) => !l.startsWith('::'))).toBe(true);
  });

  it('writes a job summary that lists every finding (more than GitHub annotates) with links that open the release at the harm', async () => {
    expect(run.summary).toMatch(/^## hpa-lab: KServe and your HPAs\n/);
    expect(run.summary).toContain('InferenceServices checked: 13 · releases: 2 · at risk: 11 · refused by the webhook only: 1');
    expect(run.summary).toContain('GitHub shows at most 10 annotations of a kind per step; every finding is in this table.');
    expect(run.summary).toContain('Safe in every judged release (1): `ml/renamed`');
    const rows = run.summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('🔴'));
    expect(rows).toHaveLength(22);
    const links = [...run.summary.matchAll(/\]\((https:\/\/[^)]+\/playground\/#([^)]+))\)/g)];
    expect(links).toHaveLength(22);
    // Every link reopens a scenario whose only release deletes or overwrites the HPA at the linked step.
    for (const [, , fragment] of links.slice(0, 4)) {
      const decoded = await decodeFragment(fragment!);
      expect(decoded.ok).toBe(true);
      if (!decoded.ok) continue;
      const parsed = parseScenario(stateSources(decoded.state));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      const result = runScenario(parsed.scenario);
      expect(result.versions).toHaveLength(1);
      const verdict = result.versions[0]!.verdicts[0]!;
      expect(verdict.firstLossStep).toBe(decoded.state.step);
      expect(['deleted', 'overwritten']).toContain(verdict.fate);
    }
  });

  it('writes SARIF 2.1.0 that the official schema accepts: one result per InferenceService, harm and HPA, plus the refusal', () => {
    const sarif = JSON.parse(readFileSync(join(run.dir, 'hpa-lab.sarif'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0].results;
    expect(results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual([...Array(11).fill('HPA001'), ...Array(11).fill('HPA004'), 'HPA007']);
    const first = results.find((r: { ruleId: string }) => r.ruleId === 'HPA001');
    expect(first.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'deploy/model-00.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 16, startColumn: 9 } });
    expect(first.message.text).toMatch(/^KServe v0\.14\.1: ml\/model-00-predictor deleted at step 3/);
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['HPA001', 'HPA002', 'HPA003', 'HPA004', 'HPA005', 'HPA006', 'HPA007']);
    for (const rule of rules) expect(rule.helpUri).toMatch(/^https:\/\//);
  });

  it('keeps each finding\'s fingerprint when the lines move', () => {
    const moved = runAction(DEFAULTS, checkout('# a comment\n# and another\n'));
    const prints = (dir: string) => JSON.parse(readFileSync(join(dir, 'hpa-lab.sarif'), 'utf8')).runs[0].results.map((r: { partialFingerprints: Record<string, string>; locations?: { physicalLocation: { region: { startLine: number } } }[] }) => [r.partialFingerprints['hpaLabFinding/v1'], r.locations?.[0]?.physicalLocation.region.startLine]);
    const before = prints(run.dir);
    const after = prints(moved.dir);
    expect(new Set(before.map(([p]: [string]) => p)).size).toBe(before.length);
    expect(after.map(([p]: [string]) => p)).toEqual(before.map(([p]: [string]) => p));
    const line = (rows: [string, number][]) => rows.find(([p]) => p === 'HPA001|ml/model-00|ml/model-00-predictor')![1];
    expect(line(after)).toBe(line(before) + 2);
  });

  it('a checkout with no InferenceService passes with one notice and outputs that say safe', () => {
    const dir = checkout();
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'infra', 'sa.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ci\n');
    const run = runAction({ paths: 'infra/' }, dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^::notice title=hpa-lab::no InferenceService here/m);
    expect(run.stdout).not.toMatch(/^::error/m);
    expect(run.outputs).toMatchObject({ result: 'safe', harmed: '0', refused: '0' });
  });

  it('exclude leaves files out as check --exclude does: without the eleven same-named HPAs only the refusal is left', () => {
    const run = runAction({ ...DEFAULTS, exclude: 'deploy/model-*.yaml\ndeploy/renamed.yaml', 'sarif-file': '' });
    expect(run.stderr).toBe('');
    expect(run.outputs).toMatchObject({ harmed: '0', refused: '1' });
    expect(run.stdout).not.toContain('model-00');
    expect(run.status).toBe(1);
  });

  it('fail-on never passes the step; fail-on refused fails it for a refusal alone; lang zh-cn words the summary in Chinese', () => {
    expect(runAction({ ...DEFAULTS, 'fail-on': 'never' }).status).toBe(0);
    const refusedOnly = runAction({ paths: 'deploy/fixed.yaml', versions: 'v0.14.1', 'fail-on': 'refused' });
    expect(refusedOnly.outputs).toMatchObject({ result: 'safe', harmed: '0', refused: '1' });
    expect(refusedOnly.status).toBe(1);
    // By default a refusal fails the step, as `hpa-lab check` exits 1 for it; fail-on harm lets it pass.
    expect(runAction({ paths: 'deploy/fixed.yaml', versions: 'v0.14.1' }).status).toBe(1);
    expect(runAction({ paths: 'deploy/fixed.yaml', versions: 'v0.14.1', 'fail-on': 'harm' }).status).toBe(0);
    const zh = runAction({ paths: 'deploy/model-00.yaml', versions: 'v0.14.1', lang: 'zh-cn' });
    expect(zh.summary).toContain('有风险');
    expect(zh.summary).toMatch(/\/zh-cn\/playground\/#/);
  });
});

describe('the Action on bad input: one line, exit 2, no stack trace', () => {
  it.each([
    [{ paths: 'deploy/', colour: 'red' }, /^::error title=hpa-lab::input colour: the action has no input "colour"; its inputs are paths, exclude, helm-values, helm-release-name, versions, include-edits, lang, fail-on, sarif-file, and summary$/],
    [{ paths: 'nowhere/**/*.yaml' }, /^::error file=nowhere\/\*\*\/\*\.yaml,line=1,col=1,title=hpa-lab::no file or directory matches nowhere\/\*\*\/\*\.yaml$/],
    [{ paths: 'deploy/model-00.yaml', 'sarif-file': '/nonexistent/dir/x.sarif', versions: 'v0.14.1' }, /^::error title=hpa-lab::input sarif-file: cannot write the SARIF file \/nonexistent\/dir\/x\.sarif \(ENOENT\)$/],
    [{ paths: 'deploy/', 'fail-on': 'sometimes' }, /^::error title=hpa-lab::input fail-on: input fail-on takes harm, refused or never, got "sometimes"$/],
    [{ paths: 'deploy/', versions: 'v9.9.9' }, /^::error title=hpa-lab::input versions: unknown KServe release "v9\.9\.9"; known: v0\.12\.0, /],
  ])('%j', (inputs, line) => {
    const run = runAction(inputs);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const commands = run.stdout.trimEnd().split('\n').filter((l) => !l.startsWith('::stop-commands::') && !/^::\w+::$/.test(l));
    expect(commands.filter((l) => l.startsWith('::error'))).toHaveLength(1);
    expect(commands.find((l) => l.startsWith('::error'))).toMatch(line);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    expect(run.outputs.result).toBe('error');
    expect(existsSync(join(run.dir, 'hpa-lab.sarif'))).toBe(false);
  });
});
