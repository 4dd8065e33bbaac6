/**
 * engine/cli/main.ts `main(argv, io)`: the hpa-lab command line, with an in-memory file system,
 * plus two runs of the real binary (bin/hpa-lab.mjs) in a child process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario, type ScenarioSource } from '../../engine/scenario/parse.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRESET_PATH = 'content/scenarios/kserve-4312.yaml';
const PRESET = readFileSync(new URL(`../../${PRESET_PATH}`, import.meta.url), 'utf8');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI against in-memory files; a missing file throws ENOENT like readFileSync. */
async function cli(argv: string[], files: Record<string, string> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const all: Record<string, string> = { [PRESET_PATH]: PRESET, ...files };
  const io: CliIo = {
    readFile: (path) => {
      if (!Object.hasOwn(all, path)) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return all[path]!;
    },
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => err.push(`${text}\n`),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** The parts of a scenario that decide a run: objects, events and settings, positions aside. */
function essence(scenario: Scenario): unknown {
  return { objects: scenario.objects.map((o) => o.object), events: scenario.events.map((e) => e.event), settings: scenario.settings };
}

function parsed(sources: ScenarioSource[]): Scenario {
  const result = parseScenario(sources);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

const PRESET_SCENARIO = parsed([{ name: PRESET_PATH, text: PRESET }]);

/** `file:line:column: message`, one per stderr line. */
const INPUT_ERROR_LINE = /^[^\s:][^:]*:\d+:\d+: \S/;
/** A V8 stack frame. */
const STACK_LINE = /^\s+at /m;

function expectInputError(outcome: Outcome, file: string | RegExp, message: RegExp): void {
  expect(outcome.code, outcome.stderr).toBe(2);
  expect(outcome.stdout).toBe('');
  const lines = outcome.stderr.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(INPUT_ERROR_LINE);
  expect(lines.some((line) => (typeof file === 'string' ? line.startsWith(`${file}:`) : file.test(line)) && message.test(line)), outcome.stderr).toBe(true);
  expect(outcome.stderr).not.toMatch(STACK_LINE);
}

function verdictLine(stdout: string, tag: string): string {
  const line = stdout.split('\n').find((l) => l.trimStart().startsWith(tag) && l.includes('my-isvc-predictor:'));
  if (!line) throw new Error(`no verdict line for ${tag} in:\n${stdout}`);
  return line;
}

function stepRow(stdout: string, step: number): string[] {
  const line = stdout.split('\n').find((l) => new RegExp(`^\\s*[▶ ]?${step}\\s{2}`).test(l));
  if (!line) throw new Error(`no row for step ${step} in:\n${stdout}`);
  return line.trim().split(/\s{2,}/);
}

/** `hpa-lab run <preset> …` in memory with the preset as its only file; it must succeed. */
async function runPreset(path: string, argv: string[]): Promise<{ files: Record<string, string>; lines: string[] }> {
  const files = { [path]: readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8') };
  const text = await cli(['run', path, ...argv], files);
  expect(text.code, text.stderr).toBe(0);
  return { files, lines: text.stdout.split('\n') };
}

describe('hpa-lab run (text)', () => {
  it('names what an overwrite took under the verdict, and --json carries the metrics before and after (issue 19 item 4)', async () => {
    const path = 'content/scenarios/memory-target-overwritten.yaml';
    const { files, lines } = await runPreset(path, ['--versions', 'v0.14.1,v0.16.0']);
    const at = lines.findIndex((l) => /^ {2}v0\.16\.0\s+my-isvc-predictor: overwritten at step 2$/.test(l));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]!.trim()).toBe('↳ your memory 70% target replaced by cpu 80% at step 2');
    const json = JSON.parse((await cli(['run', path, '--json', '--versions', 'v0.16.0'], files)).stdout);
    const [version] = json.versions;
    expect(version.steps[0].hpas[0].metrics).toEqual([{ type: 'Resource', name: 'memory', target: 'Utilization', value: 70 }]);
    expect(version.steps[1].hpas[0].metrics).toEqual([{ type: 'Resource', name: 'cpu', target: 'Utilization', value: 80 }]);
    expect(version.verdicts[0].losses[0]).toBe('your memory 70% target replaced by cpu 80% at step 2');
    expect(version.verdicts[0].lossMessages[0].id).toBe('loss.metrics');
    expect(version.verdicts[0].lost[0].before[0].name).toBe('memory');
    expect(version.verdicts[0].history).toEqual([{ step: 2, kind: 'overwritten' }]);
  });

  it('names a rollout\'s capacity drop in text, Markdown, JSON and zh-cn, only where the release sends replicas 1 (issue 19 item 5)', async () => {
    // Source notes §11.3: v0.13.1 Updates the dry-run-filled desired object (replicas 1); v0.14.1 patches the existing one.
    const path = 'content/scenarios/rollout-capacity-drop.yaml';
    const { files, lines } = await runPreset(path, ['--versions', 'v0.13.1,v0.14.1']);
    const heading = lines.indexOf('Capacity during rollouts:');
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1).filter((l) => l.trim() !== '')).toEqual([
      '  v0.13.1       my-isvc-predictor: capacity dropped from 4 to 1 at step 3 (rollout; at its next sync HPA my-isvc-predictor sets it back to its minReplicas 4 whatever the load, and further only as its metrics ask)',
      '  v0.13.1       my-isvc-predictor: capacity dropped from 4 to 1 at step 5 (rollout; at its next sync HPA my-isvc-predictor sets it back to its minReplicas 4 whatever the load, and further only as its metrics ask)',
    ]);
    const markdown = await cli(['run', path, '--markdown', '--versions', 'v0.13.1,v0.14.1'], files);
    expect(markdown.stdout).toMatch(/- \*\*v0\.13\.1\*\*.*capacity dropped from 4 to 1 at step 3 \(rollout;/);
    expect(markdown.stdout).not.toMatch(/- \*\*v0\.14\.1\*\*.*capacity dropped/);
    const json = JSON.parse((await cli(['run', path, '--json', '--versions', 'v0.13.1,v0.14.1'], files)).stdout);
    // KServe's HPA has minReplicas 4 > 1: the HPA controller's next sync restores 4 before it reads metrics.
    expect(json.versions[0].capacityDrops[0]).toMatchObject({ step: 3, namespace: 'ml-serving', deployment: 'my-isvc-predictor', isvc: 'ml-serving/my-isvc', from: 4, to: 1, hpa: 'my-isvc-predictor', restore: { hpa: 'my-isvc-predictor', minReplicas: 4 } });
    expect(json.versions[0].capacityDrops[0].summaryMessage.id).toBe('capacity.droppedRestored');
    expect(json.versions[0].steps[2].deploymentWrites).toEqual([{ kind: 'patched', namespace: 'ml-serving', name: 'my-isvc-predictor', replicas: 1, was: 4, reset: true, undid: 'my-isvc-predictor' }]);
    expect(json.versions[1].capacityDrops).toEqual([]);
    const zh = await cli(['run', path, '--lang', 'zh-cn', '--versions', 'v0.13.1'], files);
    expect(zh.stdout).toContain('my-isvc-predictor：第 3 步滚动更新时容量从 4 降到 1');
  });

  it('shows one column per release of the preset and a verdict line per release', async () => {
    const { code, stdout, stderr } = await cli(['run', PRESET_PATH]);
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const header = stdout.split('\n').find((l) => l.trimStart().startsWith('step'))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(['step', 'event', 'v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0']);
    expect(stdout).toMatch(/^5 steps × 4 releases/);
    expect(verdictLine(stdout, 'v0.12.0')).toMatch(/my-isvc-predictor: kept$/);
    expect(verdictLine(stdout, 'v0.14.1')).toMatch(/my-isvc-predictor: deleted at step 3$/);
    expect(verdictLine(stdout, 'v0.15.2')).toMatch(/my-isvc-predictor: overwritten at step 3, deleted at step 4$/);
    expect(verdictLine(stdout, 'v0.16.0')).toMatch(/my-isvc-predictor: overwritten at step 3, deleted at step 4$/);
  });

  it('the step rows hold each release\'s decision; step 3 is flagged as the first disagreement', async () => {
    const { stdout } = await cli(['run', PRESET_PATH]);
    expect(stepRow(stdout, 3)).toEqual(['▶3', 'pod-created', 'NotCalled', 'Delete', 'Update', 'Update']);
    expect(stepRow(stdout, 4)).toEqual(['4', 'pod-deleted', 'NotCalled', 'Skipped', 'Delete', 'Delete']);
    expect(stdout).toContain('step 3 is the first where the releases disagree');
  });

  it('--versions accepts tags with and without "v" and keeps their order', async () => {
    const { code, stdout } = await cli(['run', PRESET_PATH, '--versions', '0.15.2,v0.14.1']);
    expect(code).toBe(0);
    const header = stdout.split('\n').find((l) => l.trimStart().startsWith('step'))!;
    expect(header.trim().split(/\s{2,}/)).toEqual(['step', 'event', 'v0.15.2', 'v0.14.1']);
    expect(stdout).not.toContain('v0.12.0');
    expect(verdictLine(stdout, 'v0.14.1')).toMatch(/deleted at step 3$/);
  });

  it('--events replaces the scenario\'s events', async () => {
    const { code, stdout } = await cli(['run', PRESET_PATH, '--versions', 'v0.14.1,v0.15.2', '--events', 'resync,hpa-scaled:3']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^4 steps × 2 releases/);
    expect(stepRow(stdout, 3)).toEqual(['▶3', 'resync', 'Delete', 'Update']);
    // v0.14.1 deleted the HPA at step 3, so nothing scales and nothing reconciles at step 4.
    expect(stepRow(stdout, 4)).toEqual(['4', 'hpa-scaled:3', '·', 'Delete']);
    expect(stdout).not.toContain('pod-created');
  });

  it('--no-defaulting: on v0.15.2 the adopted HPA is then Existed at step 4, not deleted (behaviour.md §4.8)', async () => {
    const { code, stdout } = await cli(['run', PRESET_PATH, '--versions', 'v0.15.2', '--no-defaulting']);
    expect(code).toBe(0);
    expect(stdout).toContain('API server defaulting off');
    expect(stepRow(stdout, 3)).toEqual(['3', 'pod-created', 'Update']);
    expect(stepRow(stdout, 4)).toEqual(['4', 'pod-deleted', 'Existed']);
    expect(verdictLine(stdout, 'v0.15.2')).toMatch(/my-isvc-predictor: overwritten at step 3$/);
    // With defaulting (the default) the same release deletes it.
    expect(verdictLine((await cli(['run', PRESET_PATH, '--versions', 'v0.15.2'])).stdout, 'v0.15.2')).toMatch(/deleted at step 4$/);
  });

  it('--trace adds the checks behind each decision', async () => {
    const { stdout } = await cli(['run', PRESET_PATH, '--versions', 'v0.14.1', '--trace']);
    expect(stdout).toMatch(/v0\.14\.1 {2}predictor → Delete \(Delete: /);
    expect(stdout).toContain('getAutoscalerClass = external');
  });

  it('reads standard input as "-" and names it <stdin> in errors', async () => {
    expect((await cli(['run', '-', '--versions', 'v0.14.1'], { '-': PRESET })).code).toBe(0);
    // A Deployment is passed over (issue 16: run takes the streams check takes), so no InferenceService is left.
    expectInputError(await cli(['run', '-'], { '-': 'kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\n' }), '<stdin>', /no InferenceService in the input/);
  });
});

describe('hpa-lab run --json', () => {
  it('has the stable field names with the right types', async () => {
    const { code, stdout } = await cli(['run', PRESET_PATH, '--json']);
    expect(code).toBe(0);
    const run = JSON.parse(stdout) as { versions: Record<string, unknown>[] };
    expect(run.versions.map((v) => v.tag)).toEqual(['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0']);
    for (const version of run.versions) {
      expect(version).toEqual(expect.objectContaining({ tag: expect.any(String), behaviour: expect.any(String), steps: expect.any(Array) }));
      for (const step of version.steps as Record<string, unknown>[]) {
        expect(step).toEqual(expect.objectContaining({ event: expect.any(String), reconciled: expect.any(Boolean), decisions: expect.any(Array), hpas: expect.any(Array) }));
        expect(step).toHaveProperty('admission');
        for (const decision of step.decisions as Record<string, unknown>[]) {
          expect(decision).toEqual(expect.objectContaining({ component: expect.any(String), hpa: expect.any(String), result: expect.any(String), trace: expect.any(Array) }));
        }
        for (const hpa of step.hpas as Record<string, unknown>[]) {
          expect(hpa).toEqual(expect.objectContaining({
            name: expect.any(String),
            terminating: expect.any(Boolean),
            ownedByInferenceService: expect.any(Boolean),
            finalizers: expect.any(Array),
            maxReplicas: expect.any(Number),
          }));
          expect(hpa).toHaveProperty('minReplicas');
          expect(hpa.minReplicas === null || typeof hpa.minReplicas === 'number').toBe(true);
        }
      }
    }
  });

  it('carries the preset\'s story in those fields', async () => {
    const run = JSON.parse((await cli(['run', PRESET_PATH, '--json', '--versions', 'v0.14.1,v0.15.2'])).stdout);
    const [buggy, fixed] = run.versions;
    expect(buggy.behaviour).toBe('delete-on-annotation');
    expect(fixed.behaviour).toBe('owner-checked');
    expect(buggy.steps.map((s: { event: string }) => s.event)).toEqual(['apply InferenceService/my-isvc', 'apply HorizontalPodAutoscaler/my-isvc-predictor', 'pod-created', 'pod-deleted', 'pod-created']);
    expect(buggy.steps[2].decisions).toEqual([expect.objectContaining({ component: 'predictor', hpa: 'my-isvc-predictor', result: 'Delete' })]);
    expect(buggy.steps[2].hpas).toEqual([]);
    expect(buggy.steps[1].hpas).toEqual([expect.objectContaining({ name: 'my-isvc-predictor', terminating: false, ownedByInferenceService: false, finalizers: [], minReplicas: 2, maxReplicas: 10 })]);
    expect(fixed.steps[2].decisions[0].result).toBe('Update');
    expect(fixed.steps[2].hpas).toEqual([expect.objectContaining({ name: 'my-isvc-predictor', ownedByInferenceService: true, minReplicas: 1, maxReplicas: 4 })]);
    expect(fixed.steps[3].decisions[0].result).toBe('Delete');
    expect(fixed.steps[0].admission).toEqual({ allowed: true });
    expect(fixed.steps[0].reconciled).toBe(true);
    expect(fixed.steps[1].reconciled).toBe(false);
    expect(buggy.steps[2].decisions[0].trace.length).toBeGreaterThan(0);
  });
});

describe('hpa-lab run --markdown', () => {
  it('has the verdicts, a table, a working playground link and the YAML in a fence', async () => {
    const { code, stdout } = await cli(['run', PRESET_PATH, '--markdown', '--versions', 'v0.14.1,v0.15.2']);
    expect(code).toBe(0);
    // The heading names the objects of the run itself, never a preset's title (issue 8).
    expect(stdout).toContain('### KServe HPA reproduction: `ml-serving/my-isvc`');
    expect(stdout.split('\n')[0]).not.toContain('The reported case');
    expect(stdout).toContain('InferenceServices: ml-serving/my-isvc; HPAs: ml-serving/my-isvc-predictor.');
    // The link opens where the releases first differ, and says so.
    expect(stdout).toMatch(/\(\d+ characters; it opens at step 3\)/);
    expect(stdout).toMatch(/^- \*\*v0\.14\.1\*\* \(.+\): `my-isvc-predictor` deleted at step 3$/m);
    expect(stdout).toMatch(/^- \*\*v0\.15\.2\*\* \(.+\): `my-isvc-predictor` overwritten at step 3, deleted at step 4$/m);
    expect(stdout).toContain('| # | event | v0.14.1 | v0.15.2 |');
    expect(stdout).toContain('|---|---|---|---|');
    expect(stdout).toContain('| 3 ⚑ | `pod-created` | Delete | Update |');
    expect(stdout).toContain('| 4 | `pod-deleted` | Skipped | Delete |');

    const link = /\[Open this scenario in the playground\]\((https:\/\/[^)\s]+)\)/.exec(stdout)?.[1];
    expect(link).toBeDefined();
    const decoded = await decodeFragment(new URL(link!).hash);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    const fromLink = parsed(stateSources(decoded.state));
    // The link carries the versions asked for on the command line.
    expect(essence(fromLink)).toEqual(essence({ ...PRESET_SCENARIO, settings: { ...PRESET_SCENARIO.settings, versions: ['v0.14.1', 'v0.15.2'] } }));

    const fence = /^(`{3,})yaml\n([\s\S]*?)\n\1$/m.exec(stdout);
    expect(fence).not.toBeNull();
    const fromFence = parsed([{ name: 'fence.yaml', text: fence![2]! }]);
    expect(essence(fromFence)).toEqual(essence(fromLink));
  });

  // Regression: renderMarkdown used to escape the backticks it had put around each HPA name, so
  // GitHub showed \`my-isvc-predictor\` literally instead of a code span.
  it('verdict lines show the HPA name as a code span', async () => {
    const { stdout } = await cli(['run', PRESET_PATH, '--markdown', '--versions', 'v0.14.1']);
    expect(stdout).toMatch(/^- \*\*v0\.14\.1\*\* \(.+\): `my-isvc-predictor` deleted at step 3$/m);
  });

  it('--json and --markdown together are refused', async () => {
    expectInputError(await cli(['run', PRESET_PATH, '--json', '--markdown']), '<command line>', /choose one of --json and --markdown/);
  });
});

describe('hpa-lab link', () => {
  it('prints one URL whose fragment decodes and re-parses to the same scenario, opening at the first disagreement', async () => {
    const { code, stdout } = await cli(['link', PRESET_PATH]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0]!);
    expect(url.pathname).toMatch(/\/playground\/$/);
    const decoded = await decodeFragment(url.hash);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    // v0.14.1 deletes and v0.15.2 overwrites at step 3: a maintainer clicking the link sees that first.
    expect(decoded.state.step).toBe(3);
    expect(essence(parsed(stateSources(decoded.state)))).toEqual(essence(PRESET_SCENARIO));
  });

  it('carries --events, --versions and --no-defaulting into the link', async () => {
    const { stdout } = await cli(['link', PRESET_PATH, '--events', 'resync', '--versions', '0.15.1', '--no-defaulting']);
    const decoded = await decodeFragment(new URL(stdout.trim()).hash);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    const scenario = parsed(stateSources(decoded.state));
    expect(scenario.events.map((e) => e.event)).toEqual([{ type: 'resync' }]);
    expect(scenario.settings.versions).toEqual(['v0.15.1']);
    expect(scenario.settings.apiServerDefaulting).toBe(false);
    expect(scenario.objects.map((o) => o.object)).toEqual(PRESET_SCENARIO.objects.map((o) => o.object));
  });
});

describe('hpa-lab: input errors exit 2 with file:line:column lines and no stack trace', () => {
  it('missing file', async () => {
    expectInputError(await cli(['run', 'nope.yaml']), 'nope.yaml', /cannot read the file \(ENOENT\)/);
  });

  it('no file at all', async () => {
    expectInputError(await cli(['run']), '<command line>', /give at least one scenario file/);
  });

  it('bad YAML points into the file', async () => {
    const outcome = await cli(['run', 'bad.yaml'], { 'bad.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n\tname: x\n' });
    expectInputError(outcome, 'bad.yaml', /tab/i);
    expect(outcome.stderr).toMatch(/^bad\.yaml:4:1: /m);
  });

  it('every problem is reported, one per line', async () => {
    const outcome = await cli(['run', 'two.yaml'], { 'two.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: Other_Bad}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: Bad_Name}\n' });
    expectInputError(outcome, 'two.yaml', /Other_Bad/);
    expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(outcome.stderr).toMatch(/^two\.yaml:7:\d+: .*Bad_Name/m);
  });

  it('unknown tag in --versions, with the column of the bad entry', async () => {
    const outcome = await cli(['run', PRESET_PATH, '--versions', 'v0.14.1,v9.9.9']);
    expectInputError(outcome, '--versions', /unknown KServe release "v9\.9\.9"; known: v0\.12\.0/);
    expect(outcome.stderr).toMatch(/^--versions:1:9: /m);
  });

  it('unknown tag in the Scenario document', async () => {
    const text = `${PRESET.replace('versions: [v0.12.0, v0.14.1, v0.15.2, v0.16.0]', 'versions: [v0.12.0, v1.32.2]')}`;
    expect(text).not.toBe(PRESET);
    expectInputError(await cli(['run', 'tag.yaml'], { 'tag.yaml': text }), 'tag.yaml', /unknown KServe release "v1\.32\.2"/);
  });

  it('unknown event in --events, with the column of the bad word', async () => {
    const outcome = await cli(['run', PRESET_PATH, '--events', 'pod-created,pod-exploded']);
    expectInputError(outcome, '--events', /unknown event "pod-exploded"/);
    expect(outcome.stderr).toMatch(/^--events:1:13: /m);
  });

  it('unknown event in the file', async () => {
    const text = PRESET.replace('  - pod-deleted', '  - pod-evicted');
    expect(text).not.toBe(PRESET);
    expectInputError(await cli(['run', 'ev.yaml'], { 'ev.yaml': text }), 'ev.yaml', /unknown event "pod-evicted"/);
  });

  it('unknown command: exit 2, names it, prints the usage, no stack', async () => {
    const outcome = await cli(['frobnicate', PRESET_PATH]);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('unknown command "frobnicate"');
    expect(outcome.stderr).toContain('Usage:');
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it('unknown flag: exit 2, names it, prints the usage, no stack', async () => {
    const outcome = await cli(['run', PRESET_PATH, '--frob']);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain('--frob');
    expect(outcome.stderr).toContain('Usage:');
    expect(outcome.stderr).not.toMatch(STACK_LINE);
  });

  it('no command prints the usage with exit 2; help with exit 0', async () => {
    expect(await cli([])).toMatchObject({ code: 2, stdout: expect.stringContaining('Usage:') });
    expect(await cli(['help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage:') });
  });
});

describe('hpa-lab: input errors in the --lang language, and as JSON when JSON output was asked for', () => {
  // minReplicas is not a number (line 8, column 18) and an event word is unknown (line 14, column 5).
  const BAD = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: churn-model
  namespace: ml
spec:
  predictor:
    minReplicas: two
---
apiVersion: hpa-lab/v1
kind: Scenario
events:
  - pod-created
  - pod-exploded
`;
  const CJK = /[\u4e00-\u9fff]/;
  // Three English words in a row, outside quotes and code: an untranslated sentence.
  const SENTENCE = /\b[A-Za-z]+(?:[ ][A-Za-z]+){2,}\b/;
  const withoutVerbatim = (line: string) => line.replace(/"[^"]*"|`[^`]*`/g, ' ');

  it('--lang zh-cn: the same file:line:column, the sentence in Chinese', async () => {
    const english = await cli(['run', 'bad.yaml'], { 'bad.yaml': BAD });
    const chinese = await cli(['run', 'bad.yaml', '--lang', 'zh-cn'], { 'bad.yaml': BAD });
    expectInputError(english, 'bad.yaml', /minReplicas must be an integer/);
    expectInputError(chinese, 'bad.yaml', /minReplicas 必须是整数/);
    const where = (outcome: Outcome) => outcome.stderr.trimEnd().split('\n').map((line) => /^[^:]+:\d+:\d+:/.exec(line)?.[0]);
    expect(where(chinese)).toEqual(['bad.yaml:8:18:', 'bad.yaml:14:5:']);
    expect(where(chinese)).toEqual(where(english));
    for (const line of chinese.stderr.trimEnd().split('\n')) {
      expect(line).toMatch(CJK);
      expect(withoutVerbatim(line.replace(/^[^:]+:\d+:\d+: /, '')), line).not.toMatch(SENTENCE);
    }
    expect(chinese.stderr).toContain('未知事件 "pod-exploded"');
  });

  it('--lang zh-cn words option errors too', async () => {
    const outcome = await cli(['check', PRESET_PATH, '--depth', '99', '--lang', 'zh-cn']);
    expectInputError(outcome, '--depth', /--depth 需要 0 到 12 之间的整数，实际为 "99"/);
  });

  it('check --format json: stderr as ever, and on stdout the errors with message, id and params', async () => {
    // check passes over Scenario documents, so only the InferenceService's problem is left.
    const outcome = await cli(['check', 'bad.yaml', '--format', 'json'], { 'bad.yaml': BAD });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe('bad.yaml:8:18: minReplicas must be an integer\n');
    expect(JSON.parse(outcome.stdout)).toEqual({
      errors: [{ file: 'bad.yaml', line: 8, column: 18, message: 'minReplicas must be an integer', id: 'input.notInteger', params: { field: 'minReplicas' } }],
    });
  });

  it('run --json: a message that holds a message keeps it as {id, params}', async () => {
    const two = `${BAD.split('---')[0]!.replace('two', '1')}---\n${BAD.split('---')[0]!.replace('two', '1').replace('churn-model', 'fraud-model')}`;
    const outcome = await cli(['run', 'two.yaml', '--json', '--events', 'pod-created'], { 'two.yaml': two });
    expect(outcome.code).toBe(2);
    expect(JSON.parse(outcome.stdout)).toEqual({
      errors: [{
        file: '--events', line: 1, column: 1,
        message: 'pod-created: the scenario has 2 InferenceServices (ml/churn-model, ml/fraud-model); say which, as in @ml/churn-model',
        id: 'input.eventProblem',
        params: { event: 'pod-created', problem: { id: 'input.targetAmbiguous', params: { count: 2, isvcs: 'ml/churn-model, ml/fraud-model', first: 'ml/churn-model' } } },
      }],
    });
  });

  it('the JSON message is in the --lang language; id and params are the same in every language', async () => {
    const english = JSON.parse((await cli(['check', 'bad.yaml', '--format', 'json'], { 'bad.yaml': BAD })).stdout) as { errors: { message: string; id: string; params: unknown }[] };
    const chinese = JSON.parse((await cli(['check', 'bad.yaml', '--format', 'json', '--lang', 'zh-cn'], { 'bad.yaml': BAD })).stdout) as typeof english;
    expect(chinese.errors[0]!.message).toBe('minReplicas 必须是整数');
    expect(chinese.errors.map(({ message: _, ...rest }) => rest)).toEqual(english.errors.map(({ message: _, ...rest }) => rest));
  });

  it('run --json and explore --json give the errors as JSON too; text and Markdown output do not', async () => {
    for (const args of [['run', 'bad.yaml', '--json'], ['explore', 'bad.yaml', '--json']]) {
      const outcome = await cli(args, { 'bad.yaml': BAD });
      expect(outcome.code, args.join(' ')).toBe(2);
      expect((JSON.parse(outcome.stdout) as { errors: { id: string }[] }).errors.map((e) => e.id)).toEqual(['input.notInteger', 'input.eventUnknown']);
    }
    for (const args of [['run', 'bad.yaml'], ['run', 'bad.yaml', '--markdown'], ['check', 'bad.yaml'], ['check', 'bad.yaml', '--format', 'github']]) {
      expect((await cli(args, { 'bad.yaml': BAD })).stdout, args.join(' ')).toBe('');
    }
  });
});

describe('hpa-lab: terminal control characters never reach the terminal raw', () => {
  /** C0 except newline, DEL, C1, and the bidi overrides/isolates. */
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const EVIL = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: external
    evil: "\\e[2J\\e]0;pwned\\a\\x9b31m\\u202e\\x7f"
spec:
  predictor: {}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: m-predictor
  annotations:
    evil: "\\e[31mred\\x9b"
spec:
  scaleTargetRef: {kind: Deployment, name: m-predictor}
  maxReplicas: 3
---
apiVersion: hpa-lab/v1
kind: Scenario
title: "Title \\e[2J\\x9b2J"
events:
  - "isvc-annotate:note=\\e[2J\\e]8;;http://evil\\a\\x9b\\u202e"
  - pod-created
`;

  function expectClean(outcome: Outcome, label: string): void {
    const match = CONTROL.exec(outcome.stdout);
    expect(match, `${label}: ${match ? JSON.stringify(outcome.stdout.slice(Math.max(0, match.index - 30), match.index + 10)) : ''}`).toBeNull();
    expect(CONTROL.test(outcome.stderr), `${label} stderr`).toBe(false);
  }

  it('text output, with and without --trace', async () => {
    for (const argv of [['run', 'evil.yaml'], ['run', 'evil.yaml', '--trace']]) {
      const outcome = await cli(argv, { 'evil.yaml': EVIL });
      expect(outcome.code).toBe(0);
      expect(outcome.stdout).toContain('isvc-annotate:note=');
      expectClean(outcome, argv.join(' '));
    }
  });

  it('--events given on the command line', async () => {
    const outcome = await cli(['run', PRESET_PATH, '--events', 'isvc-annotate:note=\u001b[2J\u009b\u202e,resync']);
    expect(outcome.code).toBe(0);
    expectClean(outcome, '--events');
  });

  it('link output', async () => {
    expectClean(await cli(['link', 'evil.yaml'], { 'evil.yaml': EVIL }), 'link');
  });

  it('error messages quoting the input (file names, bad words)', async () => {
    expectClean(await cli(['run', 'evil\u001b[2J.yaml']), 'missing file');
    expectClean(await cli(['run', PRESET_PATH, '--events', 'pod-\u001b[2J\u009b']), 'bad event');
    expectClean(await cli(['run', PRESET_PATH, '--versions', 'v0.14.1\u001b[2J']), 'bad version');
    expectClean(await cli(['\u001b[2Jrun']), 'bad command');
    expectClean(await cli(['run', 'x.yaml'], { 'x.yaml': 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: "bad\\e[2J"\n' }), 'bad name');
  });

  // Regression: --markdown wrote the Scenario title and event words (an isvc-annotate value)
  // through escapeCell only, which escapes Markdown but not control characters.
  it('--markdown output', async () => {
    const outcome = await cli(['run', 'evil.yaml', '--markdown'], { 'evil.yaml': EVIL });
    expect(outcome.code).toBe(0);
    expectClean(outcome, '--markdown');
  });

  // Regression (issue 21, item 6): an isvc-annotate value reached the step table as plain text, so
  // GitHub turned it into a mention, an image and a link in the issue it was pasted into.
  it('--markdown keeps mentions, images and links from input inside code', async () => {
    const value = '@octocat ![i](http://h/p.png) [c](javascript:alert(3)) | x';
    const scenario = [
      'apiVersion: serving.kserve.io/v1beta1', 'kind: InferenceService', 'metadata:', '  name: m', '  namespace: ml',
      '  annotations:', '    serving.kserve.io/autoscalerClass: external', 'spec:', '  predictor:', '    model: {modelFormat: {name: sklearn}}',
      '---', 'apiVersion: hpa-lab/v1', 'kind: Scenario', 'events:', `  - ${JSON.stringify(`isvc-annotate:example.com/note=${value}`)}`, '',
    ].join('\n');
    const outcome = await cli(['run', 'evil.yaml', '--markdown', '--versions', 'v0.14.1'], { 'evil.yaml': scenario });
    expect(outcome.code).toBe(0);
    // Outside code spans and the fenced scenario, nothing of the value may be live Markdown.
    const prose = outcome.stdout.replace(/```[\s\S]*?```/g, '').replace(/(`+)[\s\S]*?\1/g, '')
      .replace(/\]\(https:\/\/kserve-hpa-lab\.github\.io\/[^)\s]*\)/g, ''); // the tool's own playground link
    expect(prose).not.toMatch(/@octocat/);
    expect(prose).not.toMatch(/!\[|\]\(|javascript:/);
    // The value is still there to read, as code, with its pipe escaped so the table keeps its columns.
    const row = outcome.stdout.split('\n').find((l) => l.includes('isvc-annotate'))!;
    expect(row).toContain('`isvc-annotate:example.com/note=@octocat ![i](http://h/p.png) [c](javascript:alert(3)) \\| x`');
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(3);
  });

  // Regression (issue 21, item 10): `hpa-lab link` printed, with exit 0, links longer than the
  // playground's own decoder takes, so they never reopened.
  it('never prints a link the playground would refuse: link exits 2, the Markdown comment goes without one', async () => {
    // High-entropy annotation values: deflate cannot shrink them below the fragment limit.
    let seed = 7;
    const next = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }; // xorshift32
    const noise = () => Array.from({ length: 4000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[next() % 36]).join('');
    const annotations = Array.from({ length: 120 }, (_, i) => `    example.com/n${i}: "${noise()}"`).join('\n');
    const big = ['apiVersion: serving.kserve.io/v1beta1', 'kind: InferenceService', 'metadata:', '  name: m', '  namespace: ml', '  annotations:',
      '    serving.kserve.io/autoscalerClass: external', annotations, 'spec:', '  predictor:', '    model: {modelFormat: {name: sklearn}}', ''].join('\n');
    const link = await cli(['link', 'big.yaml', '--versions', 'v0.14.1'], { 'big.yaml': big });
    expect(link.code).toBe(2);
    expect(link.stdout).toBe('');
    expect(link.stderr).toMatch(/^hpa-lab: the playground link would be \d+ characters, over the 262144 the playground opens; nothing printed\./);
    const markdown = await cli(['run', 'big.yaml', '--markdown', '--versions', 'v0.14.1'], { 'big.yaml': big });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).not.toContain('](https://');
    expect(markdown.stdout).toContain('```yaml');
    expect(markdown.stderr).toMatch(/so the comment has no link/);
    // A link within the limit still prints, and it decodes.
    const small = await cli(['link', PRESET_PATH]);
    expect(small.code).toBe(0);
    expect((await decodeFragment(new URL(small.stdout.trim()).hash)).ok).toBe(true);
  });

  // Regression: JSON.stringify escapes C0 controls but writes DEL, C1 controls (U+009B is CSI on
  // many terminals) and bidi overrides raw, so `hpa-lab run --json` passed them to the terminal.
  it('--json output', async () => {
    const outcome = await cli(['run', 'evil.yaml', '--json'], { 'evil.yaml': EVIL });
    expect(outcome.code).toBe(0);
    expectClean(outcome, '--json');
    // Escaped, not stripped: the JSON still holds the exact value.
    const run = JSON.parse(outcome.stdout);
    expect(run.versions[0].steps[2].event).toBe('isvc-annotate:note=\u001b[2J\u001b]8;;http://evil\u0007\u009b\u202e');
  });

  it('--json does escape C0 controls such as ESC', async () => {
    const outcome = await cli(['run', 'evil.yaml', '--json'], { 'evil.yaml': EVIL });
    expect(outcome.stdout).not.toContain('\u001b');
    expect(outcome.stdout).toContain('\\u001b');
  });
});

describe('the real binary (node bin/hpa-lab.mjs)', () => {
  function spawn(args: string[]) {
    return spawnSync(process.execPath, ['bin/hpa-lab.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
  }

  it('runs the preset: exit 0 and the verdict', () => {
    const result = spawn(['run', PRESET_PATH, '--versions', 'v0.14.1']);
    expect(result.error).toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^5 steps × 1 releases/);
    expect(result.stdout).toMatch(/v0\.14\.1\s+my-isvc-predictor: deleted at step 3/);
    expect(result.stderr).toBe('');
  });

  it('a bad file: exit 2, file:line:column on stderr, no stack lines', () => {
    const result = spawn(['run', 'content/scenarios/README.md']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^content\/scenarios\/README\.md:\d+:\d+: /);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toContain('internal error');
  });

  it('a missing file: exit 2, no stack lines', () => {
    const result = spawn(['run', 'does/not/exist.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('does/not/exist.yaml:1:1: cannot read the file (ENOENT)');
  });

  it('a reader that stops early (| head -c 1): no EPIPE stack, the command keeps its own exit code', () => {
    // A shell pipeline, so the reader really closes its end after one byte while the CLI is still writing.
    const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
    const run = (args: string[]) => spawnSync('/bin/bash', ['-c', `set -o pipefail; ${quote(process.execPath)} bin/hpa-lab.mjs ${args.map(quote).join(' ')} | head -c 1 >/dev/null`], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    const big = run(['run', 'content/scenarios/namespace-dump.yaml', '--trace', '--json']); // about 240 kB
    expect(big.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(big.status).toBe(0);
    // Every preset, about 86 kB of JSON: more than a pipe holds, so the writes after head leaves fail.
    const harm = run(['check', 'content/scenarios/', '--no-fixes', '--format', 'json']);
    expect(harm.stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(harm.status, 'check still says it found a possible harm').toBe(1);
  });

  it('a missing file with --lang zh-cn: the same place, in Chinese', () => {
    const result = spawn(['run', 'does/not/exist.yaml', '--lang', 'zh-cn']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('does/not/exist.yaml:1:1: 无法读取这个文件（ENOENT）');
  });
});

describe('hpa-lab link with KEDA', () => {
  it('carries the ScaledObject: the link reopens the same objects, and the same verdict (scaling undone in v0.15.0)', async () => {
    const path = 'content/scenarios/keda-external-fought.yaml';
    const text = readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    const { code, stdout } = await cli(['link', path], { [path]: text });
    expect(code).toBe(0);
    const decoded = await decodeFragment(new URL(stdout.trim()).hash);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    const fromLink = parsed(stateSources(decoded.state));
    expect(fromLink.objects.map((o) => `${o.object.kind}/${o.object.metadata.name}`)).toEqual(['InferenceService/fraud', 'ScaledObject/fraud']);
    expect(essence(fromLink)).toEqual(essence(parsed([{ name: path, text }])));
  });
});

describe('the command line reads real install manifests', () => {
  // KServe's v0.15.0 kserve.yaml is 1.4 MiB in 39 documents, mostly CRDs: over the browser's 1 MiB.
  const crd = (i: number) => `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things${i}.serving.kserve.io\nspec:\n  description: "${'x'.repeat(40_000)}"\n`;
  const install = Array.from({ length: 39 }, (_, i) => crd(i)).join('---\n');

  it('run, link and redact take a 1.4 MiB stream next to the scenario, noting the skipped kinds; the playground\'s parse still refuses it', async () => {
    expect(install.length).toBeGreaterThan(1.4 * 1024 * 1024);
    const files = { 'kserve.yaml': install };
    const run = await cli(['run', 'kserve.yaml', PRESET_PATH, '--versions', 'v0.14.1'], files);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('my-isvc-predictor: deleted at step 3');
    expect(run.stderr).toContain('CustomResourceDefinition');
    const link = await cli(['link', 'kserve.yaml', PRESET_PATH], files);
    expect(link.code, link.stderr).toBe(0);
    const decoded = await decodeFragment(new URL(link.stdout.trim()).hash);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    expect(JSON.stringify(decoded.state)).not.toContain('CustomResourceDefinition');
    expect((await cli(['redact', 'kserve.yaml', PRESET_PATH], files)).code).toBe(0);
    const pasted = parseScenario([{ name: 'kserve.yaml', text: install }, { name: PRESET_PATH, text: PRESET }]);
    expect(pasted.ok).toBe(false);
    if (!pasted.ok) expect(pasted.errors[0]!.message.id).toBe('input.tooLarge');
  });
});
