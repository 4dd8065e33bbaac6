/**
 * `hpa-lab check`, `explore`, `redact` and the CLI's manners (help, version, colour): output,
 * formats and exit codes (0 safe, 1 possible harm or a webhook refusal, 2 input error).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { COMMANDS } from '../../engine/cli/commands.ts';
import { githubAnnotation } from '../../engine/cli/check-output.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const preset = (id: string): string => `content/scenarios/${id}.yaml`;
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Tree {
  [name: string]: string | Tree;
}

/** An in-memory file system: files are strings, directories are objects. Real presets load from disk. */
async function cli(argv: string[], files: Tree = {}, io: Partial<CliIo> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const lookup = (path: string): string | Tree | undefined => {
    let node: string | Tree | undefined = files;
    for (const part of path.split('/').filter(Boolean)) node = typeof node === 'object' ? node[part] : undefined;
    return path.startsWith('content/') && node === undefined ? read(path) : node;
  };
  const code = await main(argv, {
    readFile: (path) => {
      if (path === '-') return typeof files['-'] === 'string' ? files['-'] : '';
      const node = lookup(path);
      if (typeof node !== 'string') throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return node;
    },
    listDirectory: (path) => {
      const node = lookup(path);
      return node && typeof node === 'object' ? Object.entries(node).map(([name, value]) => ({ name, directory: typeof value === 'object' })) : null;
    },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    version: '9.9.9',
    ...io,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const isvc = (name: string, ns: string, annotations: Record<string, string>, min = 1) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
${Object.entries({ 'serving.kserve.io/deploymentMode': 'RawDeployment', ...annotations }).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  predictor:
    minReplicas: ${min}
    model: {modelFormat: {name: sklearn}, storageUri: gs://bucket/model}
`;
const hpa = (name: string, ns: string, target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 1
  maxReplicas: 5
`;

const REPO: Tree = {
  deploy: {
    'risky.yaml': `${isvc('model-a', 'ml', { 'serving.kserve.io/autoscalerClass': 'external' })}---\n${hpa('model-a-predictor', 'ml', 'model-a-predictor')}`,
    'safe.yml': `${isvc('model-b', 'ml', { 'serving.kserve.io/autoscalerClass': 'external' })}---\n${hpa('model-b-scaler', 'ml', 'model-b-predictor')}`,
    'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: model-a, namespace: ml}\nspec: {ports: [{port: 80}]}\n',
    'README.md': '# not YAML, never read',
    ci: { 'workflow.yaml': 'on: push\njobs: {test: {runs-on: ubuntu-latest}}\n' },
  },
};

describe('hpa-lab check', () => {
  it('walks a directory, judges each InferenceService in ranges of releases, skips other YAML with a note, exits 1', async () => {
    const { code, out, err } = await cli(['check', 'deploy', '--versions', 'v0.14.1,v0.15.0,v0.15.2,v0.16.0'], REPO);
    expect(err).toBe('');
    expect(code).toBe(1);
    const lines = out.split('\n');
    // model-a: same-named HPA under external; deleted by the buggy releases, overwritten (then deleted) by the fixed.
    expect(lines).toContain('ml/model-a  (deploy/risky.yaml:1)');
    expect(out).toMatch(/v0\.14\.1\s+HARM ml\/model-a-predictor deleted at step 3, after a pod of ml\/model-a is created \(pod-created@ml\/model-a\)/);
    // v0.15.0 fights the renamed HPA's scaling too, so its fix differs and the range splits there.
    expect(out).toMatch(/v0\.15\.0\s+HARM ml\/model-a-predictor deleted at step 3[^\n]*\n\s+Fix: Rename HPA model-a-predictor to model-a-predictor-hpa \(scaleTargetRef unchanged\) \+ Upgrade KServe to v0\.15\.1\./);
    expect(out).toMatch(/v0\.15\.2 … v0\.16\.0\s+HARM ml\/model-a-predictor overwritten at step 3/);
    expect(out).toMatch(/Fix: Rename HPA model-a-predictor to model-a-predictor-hpa/);
    // model-b: a distinct name; safe except where v0.15.0 pins the replicas of an external Deployment.
    expect(out).toMatch(/ml\/model-b  \(deploy\/safe\.yml:1\)\n\s+v0\.14\.1\s+ok\n\s+v0\.15\.0\s+HARM ml\/model-b-scaler scaling undone by KServe/);
    expect(out).toMatch(/v0\.15\.2 … v0\.16\.0\s+ok/);
    expect(out).toContain('InferenceServices checked: 2 · releases: 4 · events searched: up to 6 · at risk: 2');
    expect(out).toMatch(/Skipped YAML documents that are not InferenceServices, HPAs or ScaledObjects \(2\): deploy\/ci\/workflow\.yaml:1 \(no kind\) and deploy\/service\.yaml:1 \(Service\)\./);
    expect(out).not.toContain('README');
  });

  it('exits 1 when the webhook refuses the InferenceService in a judged release (kubectl apply would fail there), and judges v0.13.0-rc1 … newest by default', async () => {
    const files: Tree = { 'ok.yaml': `${isvc('m', 'ml', { 'serving.kserve.io/autoscalerClass': 'none' })}` };
    const { code, out } = await cli(['check', 'ok.yaml'], files);
    expect(code).toBe(1);
    // No HPA at all: nothing can come to harm. v0.13.0-rc1 … v0.15.0 refuse class none (the webhook), in its own words.
    expect(out).toMatch(/v0\.13\.0-rc1 … v0\.15\.0-rc0\s+REFUSED the webhook refuses the InferenceService \(\[none\] is not a supported autoscaler class type/);
    expect(out).toMatch(/v0\.15\.0-rc1 … v0\.15\.0\s+REFUSED the webhook refuses/);
    expect(out).toMatch(/v0\.15\.1 … v0\.20\.0\s+ok$/m);
  });

  it('exits 0 when every judged release is safe (class none from v0.15.1 on)', async () => {
    const files: Tree = { 'ok.yaml': `${isvc('m', 'ml', { 'serving.kserve.io/autoscalerClass': 'none' })}` };
    expect((await cli(['check', 'ok.yaml', '--versions', 'v0.15.1,v0.20.0'], files)).code).toBe(0);
  });

  it('a folder with no InferenceService (a pull request touching only infrastructure) exits 0 with a note', async () => {
    const { code, out, err } = await cli(['check', 'empty'], { empty: {} });
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/no \*\.yaml, \*\.yml or \*\.json files under empty: no InferenceService here/);
  });

  it('a distinct-named HPA under class hpa is a conflict in every release (exit 1); under external from v0.15.1 it is safe (exit 0)', async () => {
    const conflict: Tree = { 'c.yaml': `${isvc('m', 'ml', { 'serving.kserve.io/autoscalerClass': 'hpa' })}---\n${hpa('m-scaler', 'ml', 'm-predictor')}` };
    const { code, out } = await cli(['check', 'c.yaml', '--versions', 'v0.12.0,v0.14.1,v0.15.0,v0.15.2,v0.20.0', '--depth', '2'], conflict);
    expect(code).toBe(1);
    // KServe creates m-predictor next to m-scaler, both aim at m-predictor (kubernetes#112011).
    for (const range of ['v0.12.0 … v0.14.1', 'v0.15.0', 'v0.15.2 … v0.20.0']) {
      expect(out).toMatch(new RegExp(`${range.replace(/\./g, '\\.')}\\s+HARM ml/m-scaler sharing its Deployment with another HPA at step 2`));
    }
    // The fix for v0.15.0 includes leaving it (it fights scaling under external); that upgrade is
    // not offered to the later releases, where it would be a downgrade.
    expect(out).toMatch(/v0\.15\.0\s+HARM[^\n]*\n\s+Fix: Set autoscalerClass external on InferenceService m \(was hpa\) \+ Upgrade KServe to v0\.15\.1\./);
    expect(out).toMatch(/v0\.15\.2 … v0\.20\.0\s+HARM[^\n]*\n\s+Fix: Set autoscalerClass external on InferenceService m \(was hpa\)\.\n/);
    const renamed: Tree = { 'r.yaml': `${isvc('m', 'ml', { 'serving.kserve.io/autoscalerClass': 'external' })}---\n${hpa('m-scaler', 'ml', 'm-predictor')}` };
    const fixed = await cli(['check', 'r.yaml', '--versions', 'v0.15.2,v0.20.0'], renamed);
    expect(fixed.out).toMatch(/v0\.15\.2 … v0\.20\.0\s+ok$/m);
    expect(fixed.code).toBe(0);
  });

  it('--format github: one ::error per InferenceService at risk, at the HPA\'s metadata.name, its worst harm first', async () => {
    const { code, out } = await cli(['check', 'deploy', '--versions', 'v0.14.1,v0.15.2', '--format', 'github'], REPO);
    expect(code).toBe(1);
    const errors = out.split('\n').filter((l) => l.startsWith('::error'));
    // model-a's HPA is deleted in v0.14.1 (the bug) and overwritten in v0.15.2 (the fix's take-over): one
    // InferenceService at risk, so one annotation; deletion is the worse harm, the overwrite is named after it.
    expect(errors).toHaveLength(1);
    const risky = (REPO.deploy as Tree)['risky.yaml'] as string;
    const nameLine = risky.split('\n').findIndex((l) => l.includes('name: model-a-predictor') && !l.includes('scaleTargetRef')) + 1;
    expect(errors[0]).toMatch(new RegExp(`^::error file=deploy/risky\\.yaml,line=${nameLine},col=9,title=KServe v0\\.14\\.1%2C v0\\.15\\.2%3A HPA model-a-predictor deleted::ml/model-a-predictor deleted at step \\d`));
    expect(errors[0]).toContain('Fix: Rename HPA model-a-predictor');
    expect(errors[0]).toContain('Also: ml/model-a-predictor overwritten in v0.15.2.');
  });

  it('--format github: input errors are annotations too, so a file name never starts a workflow command', async () => {
    const { code, err } = await cli(['check', 'deploy', '--format', 'github'], { deploy: { '::stop-commands::x.yaml': 'a: [1,\n' } });
    expect(code).toBe(2);
    const lines = err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^::error file=deploy\/%3A%3Astop-commands%3A%3Ax\.yaml,line=\d+,col=\d+,title=hpa-lab::/);
  });

  it('github annotations escape %, newlines, and : and , in properties (GitHub workflow-command syntax)', () => {
    expect(githubAnnotation('error', { file: 'a,b:c.yaml', line: 3, column: 5 }, 'x: y, z', '50% done\nnext')).toBe('::error file=a%2Cb%3Ac.yaml,line=3,col=5,title=x%3A y%2C z::50%25 done%0Anext');
  });

  it('--format json: ranges, harms with positions, changes, skipped documents', async () => {
    const { code, out } = await cli(['check', 'deploy', '--versions', 'v0.14.1,v0.15.2', '--format', 'json'], REPO);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.harm).toBe(true);
    const a = report.inferenceServices.find((i: { isvc: string }) => i.isvc === 'ml/model-a');
    expect(a.ranges.map((r: { from: string; to: string; safe: boolean }) => [r.from, r.to, r.safe])).toEqual([['v0.14.1', 'v0.14.1', false], ['v0.15.2', 'v0.15.2', false]]);
    expect(a.ranges[0].harm).toMatchObject({ hpa: 'model-a-predictor', namespace: 'ml', kind: 'deleted', events: ['pod-created@ml/model-a'], at: { file: 'deploy/risky.yaml' } });
    expect(a.ranges[0].changes[0].description).toMatch(/^Rename HPA model-a-predictor/);
    expect(report.skipped.map((s: { file: string }) => s.file).sort()).toEqual(['deploy/ci/workflow.yaml', 'deploy/service.yaml']);
  });

  it('reports every input error, not only the first, and exits 2', async () => {
    const files: Tree = { bad: { 'a.yaml': 'kind: InferenceService\napiVersion: serving.kserve.io/v1beta1\nmetadata: {}\n', 'b.yaml': 'a: [1,\n' } };
    const { code, err, out } = await cli(['check', 'bad'], files);
    expect(code).toBe(2);
    expect(out).toBe('');
    const lines = err.trimEnd().split('\n');
    expect(lines.some((l) => l.startsWith('bad/a.yaml:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('bad/b.yaml:'))).toBe(true);
  });

  it.each([
    [['check', preset('kserve-4312'), '--depth', 'x'], /--depth:1:1: --depth needs a whole number from 0 to 12, got "x"/],
    [['check', preset('kserve-4312'), '--depth', '13'], /--depth needs a whole number from 0 to 12/],
    [['check', preset('kserve-4312'), '--versions', 'v9.9.9'], /unknown KServe release "v9.9.9"/],
    [['check', preset('kserve-4312'), '--format', 'xml'], /--format takes text, json, github or sarif/],
    [['check'], /give at least one file or directory/],
  ])('exits 2 on input errors: %j', async (argv, message) => {
    const { code, err } = await cli(argv, { empty: {} });
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('honours --depth 0 (only applying the objects) and --include-edits (a class switch adopts a same-named HPA in v0.12.0)', async () => {
    const plain = await cli(['check', preset('kserve-4312'), '--versions', 'v0.12.0', '--depth', '2']);
    expect(plain.code).toBe(0);
    const edits = await cli(['check', preset('kserve-4312'), '--versions', 'v0.12.0', '--depth', '2', '--include-edits']);
    expect(edits.code).toBe(1);
    expect(edits.out).toMatch(/overwritten at step 3, after the class of ml-serving\/my-isvc is switched to hpa/);
    expect((await cli(['check', preset('kserve-4312'), '--versions', 'v0.14.1', '--depth', '0'])).code).toBe(0);
  });
});

describe('hpa-lab check: every harm is a finding (issue 12)', () => {
  it.each([
    // A distinct-named HPA under external with minReplicas: only v0.15.0 pins the replicas back.
    ['scaling-fought-v0150', 'v0.15.0', /HARM imaging\/vision-autoscaler scaling undone by KServe at step 3, after an HPA scales imaging\/vision to 3 replicas/],
    // Class none pins from v0.15.1.
    ['scaling-fought-none', 'v0.15.2', /HARM genai\/llm-gateway-hpa scaling undone by KServe/],
    // No class: KServe creates <isvc>-predictor next to the user's HPA on the same Deployment.
    ['two-hpas-one-deployment', 'v0.20.0', /HARM shop\/catalog-search-hpa sharing its Deployment with another HPA at step 2, while the objects are applied/],
    // The GitOps loop starts with the first adoption or deletion.
    ['gitops-loop', 'v0.15.2', /HARM search\/reranker-predictor overwritten at step 3/],
  ])('%s in %s: exit 1 with the harm', async (id, tag, harm) => {
    const { code, out } = await cli(['check', preset(id), '--versions', tag, '--no-fixes']);
    expect(code).toBe(1);
    expect(out).toMatch(harm);
    expect(out).not.toContain('safe changes:');
  });

  it.each([['scaling-fought-v0150', 'v0.15.2'], ['scaling-fought-v0150', 'v0.14.1']])('%s in %s: exit 0', async (id, tag) => {
    const { code, out } = await cli(['check', preset(id), '--versions', tag]);
    expect(code, out).toBe(0);
  });
});

describe('hpa-lab explore', () => {
  it('prints the shortest harm in plain words with the event syntax, and safe changes, per release', async () => {
    const { code, out } = await cli(['explore', preset('kserve-4312'), '--versions', 'v0.14.1']);
    expect(code).toBe(0);
    expect(out).toMatch(/^v0\.14\.1 · deletes any same-named HPA under external \(the bug\)$/m);
    expect(out).toMatch(/shortest way to harm \(\d+ states\): my-isvc-predictor deleted at step 3, after a pod of ml-serving\/my-isvc is created \(pod-created@ml-serving\/my-isvc\)/);
    expect(out).toMatch(/1\. Rename HPA my-isvc-predictor to my-isvc-predictor-hpa/);
  });

  it('--json gives the events as words and the changes as records with rendered descriptions', async () => {
    const { out } = await cli(['explore', preset('kserve-4312'), '--versions', 'v0.15.2', '--json']);
    const record = JSON.parse(out).releases[0];
    expect(record.shortestLoss.eventWords).toEqual(['pod-created@ml-serving/my-isvc']);
    expect(record.shortestLoss.summaryMessage.id).toBe('explore.loss');
    expect(record.safeChanges[0].changes[0]).toMatchObject({ kind: 'edit', edit: 'rename-hpa', descriptionMessage: { id: 'change.rename' } });
  });

  it('--lang zh-cn renders the answer in Chinese', async () => {
    const { out } = await cli(['explore', preset('kserve-4312'), '--versions', 'v0.14.1', '--lang', 'zh-cn']);
    expect(out).toMatch(/[\u4e00-\u9fff]/);
    expect((await cli(['explore', preset('kserve-4312'), '--lang', 'fr'])).code).toBe(2);
  });
});

describe('hpa-lab redact', () => {
  const presets = ['kserve-4312', 'finalizer-workaround', 'legacy-mode-annotation', 'several-components', 'isvc-deletion'];

  it.each(presets)('%s: keeps no dropped field and, with --rename, none of the names', async (id) => {
    const original = read(preset(id));
    const plain = await cli(['redact', preset(id)]);
    expect(plain.code, plain.err).toBe(0);
    for (const dropped of ['managedFields', 'resourceVersion', 'creationTimestamp', 'status:', 'last-applied-configuration', 'storageUri', 'title:', 'i18n']) {
      expect(plain.out, dropped).not.toContain(dropped);
    }
    const renamed = await cli(['redact', preset(id), '--rename']);
    expect(renamed.code).toBe(0);
    const names = [...original.matchAll(/^\s*(?:name|namespace): ([a-z0-9][-a-z0-9.]+)$/gm)].map((m) => m[1]!).filter((n) => !['cpu', 'memory', 'sklearn', 'xgboost'].includes(n));
    for (const name of new Set(names)) expect(renamed.out, name).not.toMatch(new RegExp(`\\b${name.replace(/[.]/g, '\\.')}\\b`));
    expect(renamed.out).toMatch(/namespace: ns-1/);
  });

  it('the redacted output decides the same (it is run again by the command itself) and parses as a scenario', async () => {
    const { out } = await cli(['redact', preset('kserve-4312'), '--rename']);
    const run = await cli(['run', '-', '--versions', 'v0.14.1,v0.15.2'], { '-': out });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/v0\.14\.1\s+model-1-predictor: deleted at step 3/);
    expect(run.out).toMatch(/v0\.15\.2\s+model-1-predictor: overwritten at step 3, deleted at step 4/);
  });

  it('drops secret-looking annotations the model does not read, also from events', async () => {
    const text = `${isvc('m', 'ml', { 'serving.kserve.io/autoscalerClass': 'external', 'acme.com/api-token': 'hunter2-SECRET' })}---
apiVersion: hpa-lab/v1
kind: Scenario
events: ["isvc-annotate:acme.com/password=S3CRET", pod-created]
`;
    const { code, out } = await cli(['redact', 'x.yaml'], { 'x.yaml': text });
    expect(code).toBe(0);
    expect(out).not.toMatch(/hunter2|SECRET|S3CRET|acme|api-token|password/);
    expect(out).toContain('isvc-annotate:example.com/annotation-1=value-1');
  });

  it('--link and --markdown give the redacted scenario', async () => {
    const link = await cli(['redact', preset('kserve-4312'), '--rename', '--link']);
    expect(link.out).toMatch(/^https:\/\/\S+\/playground\/#1\.[A-Za-z0-9_-]+$/);
    const markdown = await cli(['redact', preset('kserve-4312'), '--rename', '--markdown']);
    expect(markdown.out).toContain('### KServe HPA reproduction: `ns-1/model-1`');
    expect(markdown.out).not.toContain('my-isvc');
  });
});

describe('a CLI that behaves like one', () => {
  it.each(COMMANDS.map((c) => c.name))('hpa-lab %s --help and -h print that command\'s usage', async (name) => {
    for (const flag of ['--help', '-h']) {
      const { code, out } = await cli([name, flag]);
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: hpa-lab ${name}`));
      expect(out).toContain('Options:');
    }
  });

  it('--version prints the version; help lists every command', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, out: '9.9.9' });
    const { out } = await cli(['help']);
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command.name}\\s`, 'm'));
  });

  it('an input without objects is an input error with a hint', async () => {
    const { code, err } = await cli(['run', 'empty.yaml'], { 'empty.yaml': '# nothing here\n' });
    expect(code).toBe(2);
    expect(err).toMatch(/^empty\.yaml:1:1: no InferenceService in the input; give the output of `kubectl get isvc <name> -o yaml`/);
  });

  it('colours only on a terminal, and never with NO_COLOR', async () => {
    const args = ['run', preset('kserve-4312'), '--versions', 'v0.14.1'];
    expect((await cli(args)).out).not.toContain('\u001b[');
    expect((await cli(args, {}, { isTTY: true, env: {} })).out).toContain('\u001b[31m');
    expect((await cli(args, {}, { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
  });

  it('progress goes to stderr on a terminal only', async () => {
    const args = ['check', 'deploy', '--versions', 'v0.14.1'];
    expect((await cli(args, REPO)).err).toBe('');
    expect((await cli(args, REPO, { isTTY: true, env: { NO_COLOR: '1' } })).err).toMatch(/checking 2\/2 InferenceServices/);
  });

  it('npx hpa-lab on the system npm prints no EBADENGINE warning', () => {
    const npx = spawnSync('/usr/bin/npx', ['--no-install', 'hpa-lab', '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: '/usr/local/bin:/usr/bin:/bin' }, timeout: 30_000 });
    if (npx.error) return;
    expect(npx.stderr).not.toContain('EBADENGINE');
    expect(npx.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('the bin runs on the machine\'s own Node from the bundle, where Node cannot strip types (when this machine has Node 20)', () => {
    const old = spawnSync('/usr/bin/node', ['-p', 'Boolean(process.features.typescript)'], { encoding: 'utf8' });
    if (old.error || old.stdout.trim() !== 'false') return;
    const result = spawnSync('/usr/bin/node', ['bin/hpa-lab.mjs', 'releases'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^v0\.12\.0 /);
  });
});
