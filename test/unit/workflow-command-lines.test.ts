/**
 * Output that a GitHub runner could read as a workflow command (issue 21, item 5): the runner
 * trims each line of a log and obeys one that starts with `::` (`::add-mask::…`,
 * `::stop-commands::…`). Multi-line values, keys and block lines from the input used to come out
 * of `explore`, `redact` and `run --markdown` as indented YAML lines that did. Every command and
 * format here is fed such values; no output line may start a command, and the YAML that carries
 * them must still read back as the same values.
 */
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

const OBJECTS = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: |-
      external
      ::add-mask::class
    acme.example/note: |
      a
        ::add-mask::note
    ::add-mask::key: v
    acme.example/plain: first
      ::add-mask::plain
  finalizers:
    - "example.com/f\\n::add-mask::finalizer"
spec:
  predictor:
    maxReplicas: 2
    annotations:
      serving.kserve.io/autoscalerClass: "hpa\\r::stop-commands::component"
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: m-predictor
  annotations:
    serving.kserve.io/stop: "false\\n  ::add-mask::stop that is long enough to be folded by the printer"
  finalizers: ["example.com/g\\n::add-mask::hpa-finalizer"]
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: m-predictor }
  maxReplicas: 3
`;

const SCENARIO = `apiVersion: hpa-lab/v1
kind: Scenario
title: "t\\n::add-mask::title"
versions: [v0.14.1, v0.15.2, v0.17.0]
events:
  - "isvc-annotate:serving.kserve.io/autoscalerClass=external\\n::add-mask::event that is long enough to be folded"
  - "isvc-annotate:acme.example/note=b\\n\\u0085::add-mask::unread"
  - pod-created
`;

const FILES = { 'objects.yaml': OBJECTS, 'scenario.yaml': SCENARIO };

/** A line the runner would obey, after the whitespace it trims (U+0085 included, as .NET trims it). */
const COMMAND = /^[\s\u0085]*::/;

async function cli(argv: string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIo = {
    readFile: (path) => {
      if (!Object.hasOwn(FILES, path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return FILES[path as keyof typeof FILES];
    },
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => out.push(`${text}\n`),
  };
  await main(argv, io);
  return out.join('');
}

function parsed(text: string): Scenario {
  const result = parseScenario([{ name: 'out.yaml', text }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors).slice(0, 400));
  return result.scenario;
}

const annotations = (scenario: Scenario) => scenario.objects.map((o) => o.object.metadata.annotations);

describe('no output line reads as a workflow command', () => {
  it('the input carries them, and parses', () => {
    expect(`${OBJECTS}${SCENARIO}`.split('\n').filter((line) => COMMAND.test(line)).length).toBeGreaterThan(3);
    const scenario = parsed(`${OBJECTS}---\n${SCENARIO}`);
    expect(scenario.objects[0]!.object.metadata.annotations!['::add-mask::key']).toBe('v');
  });

  const commands = [
    ['run', '--markdown'],
    ['run'],
    ['run', '--trace'],
    ['explore', '--depth', '3'],
    ['redact'],
    ['redact', '--rename'],
    ['redact', '--markdown'],
    ['check', '--format', 'text'],
    ['check', '--format', 'github'],
  ];
  /** The tool's own annotations (`--format github`), one line each: their message escapes line breaks. */
  const OWN = /^::(error|warning|notice) /;
  for (const args of commands) {
    it(`hpa-lab ${args.join(' ')}`, async () => {
      const [command, ...options] = args;
      const output = await cli([command!, 'objects.yaml', 'scenario.yaml', ...options]);
      expect(output.length).toBeGreaterThan(0);
      expect(output.split('\n').filter((line) => COMMAND.test(line) && !OWN.test(line))).toEqual([]);
    });
  }

  it('the Markdown comment\'s scenario block reads back as the same values', async () => {
    const output = await cli(['run', 'objects.yaml', 'scenario.yaml', '--markdown']);
    const fence = /^(`{3,})yaml\n([\s\S]*?)\n\1$/m.exec(output);
    expect(fence).not.toBeNull();
    const original = parsed(`${OBJECTS}---\n${SCENARIO}`);
    const back = parsed(fence![2]!);
    expect(annotations(back)).toEqual(annotations(original));
    expect(back.objects.map((o) => o.object.metadata.finalizers)).toEqual(original.objects.map((o) => o.object.metadata.finalizers));
    // A C1 control such as U+0085 is shown as ? in every printed output, this block included.
    const shown = original.events.map((e) => (e.event.type === 'isvc.annotate' && e.event.value !== null ? { ...e.event, value: e.event.value.replace(/\u0085/g, '?') } : e.event));
    expect(back.events.map((e) => e.event)).toEqual(shown);
  });

  it('redact (without --rename) keeps the finalizers it prints as they were', async () => {
    const back = parsed(await cli(['redact', 'objects.yaml', 'scenario.yaml']));
    expect(back.objects.map((o) => o.object.metadata.finalizers)).toEqual([['example.com/f\n::add-mask::finalizer'], ['example.com/g\n::add-mask::hpa-finalizer']]);
  });
});
