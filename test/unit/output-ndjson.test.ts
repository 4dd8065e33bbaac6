/**
 * `run --format ndjson` (issue 17; issue 21, item 4): one line per step, only the objects that
 * changed, and the same run as `run --json`: replaying the lines by the documented rule gives
 * back every step of every release, decisions and cluster lists alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { namespaceList, namespaceScenario } from '../support/generated-namespace.ts';

const SCENARIOS = new URL('../../content/scenarios/', import.meta.url);
const PRESETS = readdirSync(SCENARIOS).filter((name) => name.endsWith('.yaml'));

async function cli(argv: string[], files: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: (path) => files[path] ?? (() => { throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); })(),
    stdout: (text) => (stdout += `${text}\n`),
    stderr: (text) => (stderr += text),
  };
  return { code: await main(argv, io), stdout, stderr };
}

type Json = Record<string, unknown>;
interface Change { set: Json[]; removed: string[]; order?: string[] }
const KEY: Record<string, (item: Json) => string> = {
  hpas: (h) => `${h.namespace}/${h.name}`,
  deployments: (d) => `${d.namespace}/${d.name}`,
  isvcs: (i) => String(i.key),
};

/** The rule from engine/report/ndjson.ts's header, written out independently. */
function replay(list: Json[], change: Change | undefined, key: (item: Json) => string): Json[] {
  if (!change) return list;
  const out = list.filter((item) => !change.removed.includes(key(item)));
  for (const item of change.set) {
    const at = out.findIndex((old) => key(old) === key(item));
    if (at === -1) out.push(item);
    else out[at] = item;
  }
  if (change.order) return change.order.map((k) => out.find((item) => key(item) === k)!);
  return out;
}

/** `run --json`'s document rebuilt from the ndjson lines. */
function rebuild(ndjson: string): Json {
  const lines = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as Json);
  const [head, ...rest] = lines;
  const tail = rest.pop()!;
  expect(head!.type).toBe('run');
  expect(tail.type).toBe('verdicts');
  const releases = (head!.releases as (Json & { tag: string })[]).map((release) => ({ ...release, steps: [] as Json[], lists: { hpas: [], deployments: [], isvcs: [] } as Record<string, Json[]> }));
  for (const line of rest) {
    expect(line.type).toBe('step');
    (line.releases as Json[]).forEach((entry, r) => {
      const release = releases[r]!;
      expect(entry.tag).toBe(release.tag);
      const { tag: _tag, changes, ...fields } = entry as Json & { changes: Record<string, Change> };
      for (const name of Object.keys(KEY)) release.lists[name] = replay(release.lists[name]!, changes[name], KEY[name]!);
      const { notes, noteMessages, ...before } = fields;
      // run --json spreads the step, so its fields come in StepResult's order.
      release.steps.push({ index: line.index, event: line.event, position: line.position, release: before.release, reconciled: before.reconciled, reconciledIsvcs: before.reconciledIsvcs, admission: before.admission, decisions: before.decisions, deploymentWrites: before.deploymentWrites, scaledObjectWrites: before.scaledObjectWrites, hpas: release.lists.hpas, deployments: release.lists.deployments, isvcPresent: before.isvcPresent, isvcs: release.lists.isvcs, notes, path: before.path, noteMessages });
    });
  }
  const verdicts = tail.releases as { tag: string; verdicts: unknown; capacityDrops: unknown }[];
  return {
    options: head!.options,
    firstDisagreement: head!.firstDisagreement,
    versions: releases.map(({ lists: _lists, steps, ...release }, r) => ({ ...release, steps, verdicts: verdicts[r]!.verdicts, capacityDrops: verdicts[r]!.capacityDrops })),
  };
}

describe('run --format ndjson replays to run --json', () => {
  it.each(PRESETS)('%s, every release from v0.12.0 to v0.20.0, en and zh-cn', async (name) => {
    const files = { [name]: readFileSync(new URL(name, SCENARIOS), 'utf8') };
    for (const extra of [['--versions', 'v0.12.0,v0.14.1,v0.15.0,v0.15.2,v0.16.0,v0.20.0'], ['--lang', 'zh-cn']]) {
      const json = await cli(['run', name, '--json', ...extra], files);
      const ndjson = await cli(['run', name, '--format', 'ndjson', ...extra], files);
      expect(ndjson.code, ndjson.stderr).toBe(json.code);
      expect(rebuild(ndjson.stdout)).toEqual(JSON.parse(json.stdout));
      expect(JSON.parse((await cli(['run', name, '--format', 'json', ...extra], files)).stdout)).toEqual(JSON.parse(json.stdout));
    }
  });

  it('a generated namespace with churn, resyncs and HPAs deleted and recreated', async () => {
    const files = { 'dump.json': namespaceList(12), 'scenario.yaml': namespaceScenario(12, 120, 25, ['v0.14.1', 'v0.15.2', 'v0.20.0']) };
    const json = await cli(['run', 'dump.json', 'scenario.yaml', '--json'], files);
    const ndjson = await cli(['run', 'dump.json', 'scenario.yaml', '--format', 'ndjson'], files);
    expect(ndjson.code, ndjson.stderr).toBe(0);
    expect(ndjson.stdout.trimEnd().split('\n')).toHaveLength(1 + 12 + 8 + 120 + 1);
    expect(rebuild(ndjson.stdout)).toEqual(JSON.parse(json.stdout));
  });
});

describe('run --format', () => {
  const files = { 'p.yaml': readFileSync(new URL('kserve-4312.yaml', SCENARIOS), 'utf8') };

  it('a step that changes nothing lists no object (the third resync: v0.15.2 overwrote, then deleted)', async () => {
    const { stdout } = await cli(['run', 'p.yaml', '--format', 'ndjson', '--versions', 'v0.15.2', '--events', 'resync,resync,resync'], files);
    const steps = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Json).filter((line) => line.type === 'step');
    expect((steps.at(-1)!.releases as Json[])[0]!.changes).toEqual({});
  });

  it('refuses a format it does not know, and a second output next to it', async () => {
    const bad = await cli(['run', 'p.yaml', '--format', 'sarif'], files);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format takes text, json or ndjson, got "sarif"');
    for (const [option, argv] of [['--markdown', ['--format', 'ndjson', '--markdown']], ['--json', ['--format', 'ndjson', '--json']], ['--json', ['--format', 'text', '--json']]] as const) {
      const both = await cli(['run', 'p.yaml', ...argv], files);
      expect(both.code, argv.join(' ')).toBe(2);
      expect(both.stderr).toContain(`choose one output: --format ${argv[1]} or ${option}`);
    }
    expect((await cli(['run', 'p.yaml', '--format', 'json', '--json'], files)).code).toBe(0);
  });

  it('input errors under ndjson are one line of JSON', async () => {
    const { code, stdout } = await cli(['run', 'p.yaml', '--format', 'ndjson', '--events', 'pod-exploded'], files);
    expect(code).toBe(2);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    expect((JSON.parse(stdout) as { errors: { id: string }[] }).errors[0]!.id).toBe('input.eventUnknown');
  });
});
