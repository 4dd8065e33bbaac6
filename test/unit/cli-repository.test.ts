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

const hasHelm = spawnSync('helm', ['version', '--short'], { encoding: 'utf8' }).status === 0;

function hpaLab(args: string[], options: { cwd?: string; input?: string; path?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, NO_COLOR: '1', ...(options.path !== undefined ? { PATH: options.path } : {}), ...options.env };
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

  it('a chart whose path has a space and a quote: the note\'s command quotes it, so pasting it renders that chart', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hpa-lab-quoted-'));
    const chart = join(repo, "team's charts", 'churn model');
    cpSync(join(ROOT, `${REPOS}/helm/charts/churn`), chart, { recursive: true });
    const { code, out } = hpaLab(['check', repo], { path: EMPTY_PATH });
    expect(code).toBe(0);
    expect(out).toContain(`helm template '${repo}/team'\\''s charts/churn model' | hpa-lab check -`);
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

/** `file:line:col` of the first occurrence of `text` in a fixture, counted here from the file itself. */
function placeOf(file: string, text: string): string {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(text));
  return `${file}:${index + 1}:${lines[index]!.indexOf(text) + 1}`;
}

/**
 * A stand-in for helm on a PATH of its own: it writes its arguments to a log and prints what
 * `helm template` prints for the churn chart (# Source comments included), or fails as helm does.
 */
function fakeHelm(render: string, failure?: string): { path: string; calls: () => string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'hpa-lab-fake-helm-'));
  const log = join(dir, 'calls.jsonl');
  writeFileSync(join(dir, 'render.yaml'), render);
  writeFileSync(join(dir, 'helm'), [
    `#!${process.execPath}`,
    "const fs = require('node:fs');",
    `fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');`,
    failure === undefined
      ? `process.stdout.write(fs.readFileSync(${JSON.stringify(join(dir, 'render.yaml'))}, 'utf8'));`
      : `process.stderr.write(${JSON.stringify(failure)}); process.exit(1);`,
    '',
  ].join('\n'), { mode: 0o755 });
  const calls = (): string[][] => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    } catch {
      return [];
    }
  };
  return { path: dir, calls };
}

describe('check: Helm charts rendered by helm template (a stand-in helm on PATH)', () => {
  const chart = `${REPOS}/helm/charts/churn`;
  const rendered = readFileSync(join(ROOT, `${REPOS}/helm-rendered.yaml`), 'utf8');

  it('calls helm template <release> <chart> with --release-name and every --values passed through, and judges what it prints', () => {
    const helm = fakeHelm(rendered);
    const { code, out, err } = hpaLab(['check', `${REPOS}/helm`, '--versions', 'v0.14.1', '--release-name', 'prod', '--values', 'prod.yaml', '--values', 'eu.yaml', '--format', 'github'], { path: helm.path });
    expect(err).toBe('');
    expect(helm.calls()).toEqual([['template', 'prod', chart, '--values', 'prod.yaml', '--values', 'eu.yaml']]);
    expect(code).toBe(1);
    // Deleted in v0.14.1 (class external, same name, not owned), at the `kind:` line of the chart's own template.
    const errors = out.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^::error file=${chart}/templates/hpa\\.yaml,line=${lineOf(`${chart}/templates/hpa.yaml`, 'kind: HorizontalPodAutoscaler')},col=1,.*default/churn-predictor deleted`));
    expect(out).not.toContain('not rendered');
  });

  it('without --release-name the release is named "release"; the InferenceService is named at its template\'s kind: line', () => {
    const helm = fakeHelm(rendered);
    const { code, out } = hpaLab(['check', `${REPOS}/helm`, '--versions', 'v0.14.1', '--format', 'json'], { path: helm.path });
    expect(helm.calls()).toEqual([['template', 'release', chart]]);
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.inferenceServices.map((i: { isvc: string; file: string; line: number }) => [i.isvc, i.file, i.line]))
      .toEqual([['default/churn', `${chart}/templates/isvc.yaml`, lineOf(`${chart}/templates/isvc.yaml`, 'kind: InferenceService')]]);
  });

  it('helm failing: one input error in helm\'s words at the template and line helm names (past its warnings), never a crash, exit 2', () => {
    const stderr = 'WARNING: Kubernetes configuration file is group-readable. This is insecure.\nError: template: churn/templates/isvc.yaml:4:20: executing "churn/templates/isvc.yaml" at <.Values.name>: nil pointer evaluating interface {}.name\n';
    const helm = fakeHelm('', stderr);
    const { code, out, err } = hpaLab(['check', `${REPOS}/helm`], { path: helm.path });
    expect(helm.calls()).toHaveLength(1);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toEqual([`${chart}/templates/isvc.yaml:4:20: helm template could not render this: Error: template: churn/templates/isvc.yaml:4:20: executing "churn/templates/isvc.yaml" at <.Values.name>: nil pointer evaluating interface {}.name`]);
  });

  it('helm failing with words that name no template: the error is at the chart\'s Chart.yaml', () => {
    const helm = fakeHelm('', 'Error: values.yaml: yaml: line 2: mapping values are not allowed in this context\n');
    const { code, err } = hpaLab(['check', `${REPOS}/helm`], { path: helm.path });
    expect(code).toBe(2);
    expect(err.trimEnd()).toBe(`${chart}/Chart.yaml:1:1: helm template could not render this: Error: values.yaml: yaml: line 2: mapping values are not allowed in this context`);
  });

  it.runIf(hasHelm)('the real helm renders the churn chart: the user\'s HPA is deleted in v0.14.1, at its template\'s kind: line', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/helm`, '--versions', 'v0.14.1', '--format', 'github']);
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^::error file=${chart}/templates/hpa\\.yaml,line=${lineOf(`${chart}/templates/hpa.yaml`, 'kind: HorizontalPodAutoscaler')},col=1,.*default/churn-predictor deleted`, 'm'));
  }, 60_000);
});

describe('check: one GitOps repository with a Kustomize overlay, a Helm chart, a JSON List and a KEDA ScaledObject', () => {
  /** Per InferenceService: its file and line, and per release what happens (ok, refused, or the harm). */
  type Outcomes = Record<string, { at: string; tags: Record<string, string> }>;
  const outcomes = (report: { inferenceServices: { isvc: string; file: string; line: number; ranges: { tags: string[]; safe: boolean; refused: string | null; harm: { kind: string } | null }[] }[] }): Outcomes =>
    Object.fromEntries(report.inferenceServices.map((i) => [i.isvc, {
      at: `${i.file}:${i.line}`,
      tags: Object.fromEntries(i.ranges.flatMap((r) => r.tags.map((tag) => [tag, r.harm?.kind ?? (r.refused !== null ? 'refused' : 'ok')]))),
    }]));

  it('reports each InferenceService as it would be applied, at its source line, and exits 1', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hpa-lab-gitops-'));
    cpSync(join(ROOT, `${REPOS}/kustomize/apps`), join(repo, 'apps'), { recursive: true });
    cpSync(join(ROOT, `${REPOS}/helm/charts`), join(repo, 'charts'), { recursive: true });
    mkdirSync(join(repo, 'data'));
    cpSync(join(ROOT, `${REPOS}/mixed/list.json`), join(repo, 'data/list.json'));
    mkdirSync(join(repo, 'keda'));
    // The KEDA story's objects without its Scenario document: an InferenceService with class external and its ScaledObject.
    const keda = readFileSync(join(ROOT, 'content/scenarios/keda-external-fought.yaml'), 'utf8');
    writeFileSync(join(repo, 'keda/fraud.yaml'), keda.slice(0, keda.indexOf('---\napiVersion: hpa-lab/v1')));
    const helm = fakeHelm(readFileSync(join(ROOT, `${REPOS}/helm-rendered.yaml`), 'utf8'));
    // kubectl as installed (the overlay is rendered where it is), helm the stand-in.
    const { code, out, err } = hpaLab(['check', '.', '--versions', 'v0.14.1,v0.15.0', '--format', 'json', '--no-fixes'], { cwd: repo, path: `${helm.path}:${process.env.PATH}` });
    expect(err).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(out);
    const expected: Outcomes = {
      // At the List item's opening brace (line 5). `External` is not a class the webhook knows (case matters): apply fails in both.
      'ml/ranker': { at: './data/list.json:5', tags: { 'v0.14.1': 'refused', 'v0.15.0': 'refused' } },
      // KEDA's HPA has its own name (keda-hpa-fraud); v0.15.0 pins the Deployment's replicas for external (#4196).
      'risk/fraud': { at: `./keda/fraud.yaml:${lineOf('content/scenarios/keda-external-fought.yaml', 'apiVersion: serving.kserve.io')}`, tags: { 'v0.14.1': 'ok', 'v0.15.0': 'fought' } },
      // Class external, a same-named HPA not owned by KServe: deleted in the whole buggy window.
      'default/churn': { at: `charts/churn/templates/isvc.yaml:${lineOf(`${REPOS}/helm/charts/churn/templates/isvc.yaml`, 'kind: InferenceService')}`, tags: { 'v0.14.1': 'deleted', 'v0.15.0': 'deleted' } },
      ...(hasKubectl ? { 'team-a/fraud': { at: `apps/fraud/base/isvc.yaml:${lineOf(`${REPOS}/kustomize/apps/fraud/base/isvc.yaml`, 'apiVersion:')}`, tags: { 'v0.14.1': 'deleted', 'v0.15.0': 'deleted' } } } : {}),
    };
    expect(outcomes(report)).toEqual(expected);
    if (!hasKubectl) expect(report.notes.map((n: { id: string }) => n.id)).toContain('repo.noKustomize');
  }, 60_000);

  it('a repository of ScaledObjects only: nothing to judge, a note, exit 0', () => {
    const repo = mkdtempSync(join(tmpdir(), 'hpa-lab-keda-only-'));
    writeFileSync(join(repo, 'scaledobject.yaml'), 'apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: fraud\n  namespace: risk\nspec:\n  scaleTargetRef:\n    name: fraud-predictor\n  minReplicaCount: 2\n  maxReplicaCount: 8\n  triggers:\n  - type: cpu\n    metricType: Utilization\n    metadata:\n      value: "60"\n');
    const { code, out, err } = hpaLab(['check', repo], { path: EMPTY_PATH });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('no InferenceService here');
  });
});

describe('check: templates are skipped, not read as YAML', () => {
  const deploy = `${REPOS}/templated/deploy`;

  it('a template outside any chart: one note at its first directive, the rest of the repository judged (exit 1 from the real pair), no YAML errors', () => {
    const { code, out, err } = hpaLab(['check', `${REPOS}/templated`, '--versions', 'v0.14.1'], { path: EMPTY_PATH });
    expect(err).toBe('');
    expect(code).toBe(1);
    // apps/fraud.yaml is judged although an alert in it holds {{ $labels.pod }} (data, not a directive).
    expect(out).toContain(`ml/fraud  (${REPOS}/templated/apps/fraud.yaml:2)`);
    expect(out).toContain('InferenceServices checked: 1 ');
    const notes = out.split('\n').filter((l) => l.startsWith('Skipped') && l.includes('a template'));
    expect(notes).toEqual([
      `Skipped ${deploy}/hpa.yaml: a template, not YAML ({{- if .Values.team }} at ${placeOf(`${deploy}/hpa.yaml`, '{{- if')} is a template directive); nothing in it is judged. Render it with the tool that fills it in and pipe the output: … | hpa-lab check -`,
      `Skipped ${deploy}/isvc.yaml: a template, not YAML ({{ .Values.name }} at ${placeOf(`${deploy}/isvc.yaml`, '{{ .Values.name }}')} is a template directive); nothing in it is judged. Render it with the tool that fills it in and pipe the output: … | hpa-lab check -`,
    ]);
    expect(out).not.toMatch(/flow collection|has no metadata\.name/);
  });

  it('only templates: exit 0, never "no InferenceService here" (they may hold one); JSON carries the note\'s id and place', () => {
    const text = hpaLab(['check', deploy], { path: EMPTY_PATH });
    expect(text.code).toBe(0);
    expect(text.out).not.toContain('no InferenceService here');
    const json = hpaLab(['check', `${deploy}/isvc.yaml`, '--format', 'json'], { path: EMPTY_PATH });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).notes.map((n: { id: string; params: Record<string, string> }) => [n.id, n.params.at, n.params.directive]))
      .toEqual([['repo.template', placeOf(`${deploy}/isvc.yaml`, '{{ .Values.name }}'), '{{ .Values.name }}']]);
  });

  it('a chart\'s templates named directly without helm: one note each, naming the chart and the helm command to pipe', () => {
    const chart = `${REPOS}/helm/charts/churn`;
    const { code, out, err } = hpaLab(['check', `${chart}/templates`], { path: EMPTY_PATH });
    expect(err).toBe('');
    expect(code).toBe(0);
    const notes = out.split('\n').filter((l) => l.startsWith('Skipped'));
    expect(notes).toHaveLength(2);
    // hpa.yaml opens with a {{- /* comment */ -}} directive at 1:1; the note names it cut to one short line.
    expect(notes[0]).toContain(`Skipped ${chart}/templates/hpa.yaml: a template of the Helm chart ${chart}, not YAML ({{- /* The team's HPA`);
    expect(notes[0]).toContain(`at ${chart}/templates/hpa.yaml:1:1 is a template directive`);
    expect(notes[1]).toContain(`at ${placeOf(`${chart}/templates/isvc.yaml`, '{{ .Values.name }}')} is a template directive`);
    for (const note of notes) expect(note).toMatch(new RegExp(`Render and pipe: helm template ${chart} \\| hpa-lab check -$`));
  });

  it('run, link and redact take no repository: a template is one input error at its first directive, not YAML errors (exit 2)', () => {
    for (const command of ['run', 'link', 'redact']) {
      const { code, err } = hpaLab([command, `${deploy}/isvc.yaml`]);
      expect(code, command).toBe(2);
      expect(err.trimEnd().split('\n'), command).toEqual([`${placeOf(`${deploy}/isvc.yaml`, '{{ .Values.name }}')}: a template, not YAML: {{ .Values.name }} is a template directive. Render it first and pass the output (- reads standard input)`]);
    }
  });

  it('piped in, a template is skipped the same way, at <stdin>', () => {
    const input = readFileSync(join(ROOT, `${deploy}/isvc.yaml`), 'utf8');
    const { code, out } = hpaLab(['check', '-'], { input });
    expect(code).toBe(0);
    expect(out).toContain(`Skipped <stdin>: a template, not YAML ({{ .Values.name }} at <stdin>:${placeOf(`${deploy}/isvc.yaml`, '{{ .Values.name }}').split(':').slice(1).join(':')} is a template directive)`);
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
