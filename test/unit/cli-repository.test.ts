/**
 * `hpa-lab check` on repositories as GitOps teams keep them (issue 16): Kustomize overlays,
 * Helm charts, JSON files, Argo CD and Flux objects, excludes and .gitignore. The real binary runs
 * on test/fixtures/repos; expectations are derived by hand from behaviour.md (§4.3, §4.4):
 * class external deletes a same-named, not-owned HPA in v0.13.0-rc1 … v0.15.0 and overwrites it
 * from v0.15.1; v0.12.x never reaches the HPA reconciler for external.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/hpa-lab.mjs');
const REPOS = 'test/fixtures/repos';
/** A PATH with nothing on it: no kubectl, kustomize or helm. */
const EMPTY_PATH = mkdtempSync(join(tmpdir(), 'hpa-lab-empty-path-'));
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

function hpaLab(args: string[], options: { cwd?: string; input?: string; path?: string } = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...(options.path !== undefined ? { PATH: options.path } : {}) };
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, encoding: 'utf8', ...(options.input !== undefined ? { input: options.input } : {}) });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const lineOf = (file: string, text: string): number => readFileSync(join(ROOT, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('check: Kustomize', () => {
  it.runIf(hasKubectl)('judges the overlay as kubectl kustomize renders it (namespace team-a, class external from the patch), at the base files\' lines, and the base once', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/kustomize`, '--versions', 'v0.12.0,v0.14.1,v0.15.2', '--format', 'github']);
    expect(err).toBe('');
    expect(code).toBe(1);
    const errors = out.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    const hpa = `${REPOS}/kustomize/apps/fraud/base/hpa.yaml`;
    // Deleted in v0.14.1 (the bug), overwritten in v0.15.2 (the fix takes it over); v0.12.0 leaves it alone.
    expect(errors[0]).toContain(`file=${hpa},line=${lineOf(hpa, 'name: fraud-predictor')},col=9,`);
    expect(errors[0]).toContain('team-a/fraud-predictor deleted');
    expect(errors[0]).toContain('Also: team-a/fraud-predictor overwritten in v0.15.2.');
    // The base (no namespace, class hpa) is not judged a second time on its own.
    expect(out).toContain('InferenceServices checked: 1 ');
    expect(out).not.toContain('default/fraud');
  });

  it.runIf(hasKubectl)('the text report names the rendered object at its source file, and the origin annotation is never shown', () => {
    const { code, out } = hpaLab(['check', `${REPOS}/kustomize`, '--versions', 'v0.12.0', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.inferenceServices.map((i: { isvc: string; file: string }) => [i.isvc, i.file])).toEqual([['team-a/fraud', `${REPOS}/kustomize/apps/fraud/base/isvc.yaml`]]);
    expect(out).not.toContain('config.kubernetes.io/origin');
  });

  it.runIf(hasKubectl)('a kind the model does not read, rendered by kustomize, is named at the file and line that define it, not the kustomization', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hpa-lab-kustomize-skipped-'));
    cpSync(join(ROOT, `${REPOS}/kustomize`), repo, { recursive: true });
    const base = join(repo, 'apps/fraud/base');
    writeFileSync(join(base, 'config.yaml'), '# settings the model server reads\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fraud-settings\ndata:\n  threshold: "0.7"\n');
    writeFileSync(join(base, 'kustomization.yaml'), 'resources:\n- isvc.yaml\n- hpa.yaml\n- config.yaml\n');
    const { code, out } = hpaLab(['check', '.', '--versions', 'v0.14.1'], { cwd: repo });
    expect(code).toBe(1);
    // The ConfigMap starts at line 2 of base/config.yaml (after the comment); the rendered stream would say otherwise.
    expect(out).toMatch(/Skipped YAML documents[^\n]*\(1\): apps\/fraud\/base\/config\.yaml:2 \(ConfigMap\)/);
    expect(out).not.toMatch(/kustomization\.yaml:\d+ \(ConfigMap\)/);
  });

  it('without kubectl or kustomize: one note with the command to pipe, nothing judged wrong, exit 0', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/kustomize`], { path: EMPTY_PATH });
    expect(err).toBe('');
    expect(code).toBe(0);
    const notes = out.split('\n').filter((l) => l.includes('Render and pipe'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`kubectl kustomize ${REPOS}/kustomize/apps/fraud/overlays/prod | hpa-lab check -`);
    // The base is included by the overlay: only the overlay is named.
    expect(notes[0]).not.toContain('fraud/base');
    expect(out).toContain('InferenceServices checked: 0 ');
  });
});

describe('check: remote bases are never fetched', () => {
  // A pull request can point a kustomization at a URL or a git repository; judging it must not reach the network.
  it.runIf(hasKubectl)('an https resource and a git base: one input error each saying the render needs the network, exit 2, nothing fetched', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hpa-lab-remote-'));
    for (const [dir, resource] of [['https', 'https://raw.githubusercontent.com/kserve/kserve/master/config/default/kustomization.yaml'], ['git', 'github.com/kserve/kserve//config/default?ref=v0.15.0']] as const) {
      mkdirSync(join(repo, dir));
      writeFileSync(join(repo, dir, 'kustomization.yaml'), `resources:\n- ${resource}\n`);
    }
    const { code, out, err } = hpaLab(['check', repo]);
    expect(code).toBe(2);
    const lines = `${out}${err}`.split('\n').filter((l) => l.includes('needs a remote base or resource'));
    expect(lines.map((l) => l.slice(0, l.indexOf(':', repo.length + 1)))).toEqual([join(repo, 'git/kustomization.yaml'), join(repo, 'https/kustomization.yaml')]);
    expect(lines[0]).toContain(`kubectl kustomize ${join(repo, 'git')} | hpa-lab check -`);
  }, 60_000);
});

describe('check: Helm', () => {
  it('a chart without helm on PATH: skipped with one note naming the command, templates never parsed (no YAML errors, no yaml warning on stderr)', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/helm`], { path: EMPTY_PATH });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain(`helm template ${REPOS}/helm/charts/churn | hpa-lab check -`);
    expect(out).not.toMatch(/stringified|syntax|Skipped YAML/i);
  });

  it('piped helm output maps findings back to the template files named by # Source comments', () => {
    const input = readFileSync(join(ROOT, `${REPOS}/helm-rendered.yaml`), 'utf8');
    const cwd = join(ROOT, `${REPOS}/helm/charts`);
    const { code, out } = hpaLab(['check', '-', '--versions', 'v0.14.1', '--format', 'github'], { input, cwd });
    expect(code).toBe(1);
    const errors = out.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    // The user's HPA is deleted in v0.14.1 (class external, same name, not owned): at its template's `kind:` line.
    const kindLine = lineOf(`${REPOS}/helm/charts/churn/templates/hpa.yaml`, 'kind: HorizontalPodAutoscaler');
    expect(errors[0]).toMatch(new RegExp(`^::error file=churn/templates/hpa\\.yaml,line=${kindLine},col=1,.*default/churn-predictor deleted`));
  });

  it('piped from the repository root, a # Source path lands on the chart found there by its name; with no such chart, a note says why it cannot', () => {
    const input = readFileSync(join(ROOT, `${REPOS}/helm-rendered.yaml`), 'utf8');
    const kindLine = lineOf(`${REPOS}/helm/charts/churn/templates/hpa.yaml`, 'kind: HorizontalPodAutoscaler');
    const atRoot = hpaLab(['check', '-', '--versions', 'v0.14.1', '--format', 'github'], { input, cwd: join(ROOT, `${REPOS}/helm`) });
    expect(atRoot.code).toBe(1);
    expect(atRoot.out).toMatch(new RegExp(`^::error file=charts/churn/templates/hpa\\.yaml,line=${kindLine},col=1,`, 'm'));
    expect(atRoot.out).not.toContain('no single chart');
    const elsewhere = hpaLab(['check', '-', '--versions', 'v0.14.1', '--format', 'github'], { input, cwd: mkdtempSync(join(tmpdir(), 'hpa-lab-nochart-')) });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.out).toMatch(/^::error file=churn\/templates\/hpa\.yaml,line=1,col=1,/m);
    expect(elsewhere.out).toMatch(/no single chart named churn is under the working directory/);
  });
});

describe('check: JSON, mixed streams, GitOps objects', () => {
  it('a JSON List is walked; a webhook refusal in a judged release is a finding in the webhook\'s words (exit 1); other kinds are skipped with a note', () => {
    const { code, out } = hpaLab(['check', `${REPOS}/mixed`, '--versions', 'v0.14.1']);
    expect(code).toBe(1);
    expect(out).toContain(`ml/ranker  (${REPOS}/mixed/list.json:`);
    expect(out).toMatch(/v0\.14\.1\s+REFUSED the webhook refuses the InferenceService \(\[External\] is not a supported autoscaler class type/);
    expect(out).toMatch(/Skipped YAML documents .*\(3\): .*list\.json:\d+ \(ServiceAccount\), .*secret\.yaml:\d+ \(Secret\), and .*secret\.yaml:\d+ \(ServiceAccount\)/);
  });

  it('Argo CD and Flux objects are noted with what they point at, never errors; no InferenceService here is exit 0', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/infra`]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Application points at apps/churn/overlays/prod (https://example.com/ml/deploy.git)');
    expect(out).toContain('Kustomization points at ./apps/fraud/overlays/prod');
    expect(out).toContain('HelmRelease points at ./charts/churn');
    expect(out).toContain('no InferenceService here');
  });

  it('run, link and redact take the same mixed stream as check, with one note per skipped document; a link never carries the Secret', () => {
    const files = [`${REPOS}/mixed/secret.yaml`, `${REPOS}/kustomize/apps/fraud/base/isvc.yaml`];
    for (const command of ['run', 'link', 'redact']) {
      const { code, out, err } = hpaLab([command, ...files, '--versions', 'v0.14.1']);
      expect(code, command).toBe(0);
      expect(err.trimEnd().split('\n'), command).toEqual([
        `${REPOS}/mixed/secret.yaml:2:1: skipped, kind Secret is not an object this model reads`,
        `${REPOS}/mixed/secret.yaml:11:1: skipped, kind ServiceAccount is not an object this model reads`,
      ]);
      expect(out, command).not.toContain('AWS_ACCESS_KEY_ID');
    }
  });
});

describe('check: what a walk leaves out', () => {
  const risky = readFileSync(join(ROOT, `${REPOS}/helm-rendered.yaml`), 'utf8');

  it('--exclude (repeatable) and .gitignore keep files out of the walk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hpa-lab-walk-'));
    for (const sub of ['legacy', 'build', 'tmp', 'apps']) mkdirSync(join(dir, sub));
    for (const sub of ['legacy', 'build', 'tmp']) writeFileSync(join(dir, sub, 'risky.yaml'), risky);
    writeFileSync(join(dir, 'apps', 'note.json'), '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}');
    writeFileSync(join(dir, '.gitignore'), '# generated\nbuild/\n*.tmp\n');
    const all = hpaLab(['check', '.', '--versions', 'v0.14.1'], { cwd: dir });
    // legacy and tmp are not ignored by git: both judged.
    expect(all.code).toBe(1);
    expect(all.out).toContain('InferenceServices checked: 1 ');
    const left = hpaLab(['check', '.', '--versions', 'v0.14.1', '--exclude', 'legacy/**', '--exclude', 'tmp'], { cwd: dir });
    expect(left.err).toBe('');
    expect(left.code).toBe(0);
    expect(left.out).toContain('apps/note.json:1 (ConfigMap)');
    expect(left.out).not.toMatch(/legacy|build|tmp\//);
  });
});
