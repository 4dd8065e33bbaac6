/**
 * Pasting never dead-ends: when the objects make a Scenario document's events invalid (an untargeted
 * pod event with several InferenceServices, a target that is gone), each problem carries one-click
 * fixes (message id + an edit of the events), and applying any of them through edit.ts gives a
 * scenario that reads. The event list shows every item, readable or not, with its place.
 */
import { describe, expect, it } from 'vitest';
import { editEvents, editScenario, moveEvent } from '../../engine/scenario/edit.ts';
import { eventAtLine, listEvents } from '../../engine/scenario/event-list.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import type { InputError } from '../../engine/scenario/source.ts';

/** Three models in ml-prod; only model-1 has an HPA of the user's named like its predictor (the at-risk one). */
const OBJECTS = ['model-0', 'model-1', 'model-2'].map((name) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: ${name}, namespace: ml-prod}
spec: {predictor: {}}
`).join('---\n') + `---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: model-1-predictor, namespace: ml-prod}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: model-1-predictor}, maxReplicas: 3}
`;

const PRESET_EVENTS = `apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.14.1, v0.15.2]
events:
  - pod-created
  - resync
  - pod-deleted@gone
`;

function parse(scenario: string) {
  return parseScenario([{ name: 'objects.yaml', text: OBJECTS }, { name: 'scenario.yaml', text: scenario }]);
}

function errors(scenario: string): InputError[] {
  const result = parse(scenario);
  if (result.ok) throw new Error('expected problems');
  return result.errors;
}

const labels = (error: InputError) => (error.fixes ?? []).map((f) => f.label);
const apply = (scenario: string, error: InputError, i: number) => editScenario(scenario, editEvents(error.fixes![i]!.edit))!;

describe('fixes for events the objects made invalid', () => {
  it('an untargeted pod event and one aimed at a name that is gone: aim at the at-risk model, aim both pod events, remove', () => {
    const [untargeted, gone] = errors(PRESET_EVENTS);
    expect(untargeted!.line).toBe(5);
    expect(gone!.line).toBe(7);
    expect(labels(untargeted!)).toEqual([
      { id: 'fix.aimAt', params: { target: 'ml-prod/model-1' } },
      { id: 'fix.aimPods', params: { target: 'ml-prod/model-1', count: 2 } },
      { id: 'fix.removeEvent', params: { event: 'pod-created' } },
    ]);
    expect(labels(gone!)).toEqual([
      { id: 'fix.aimAt', params: { target: 'ml-prod/model-1' } },
      { id: 'fix.aimPods', params: { target: 'ml-prod/model-1', count: 2 } },
      { id: 'fix.removeEvent', params: { event: 'pod-deleted@gone' } },
    ]);
  });

  it('aiming every pod event at the at-risk model fixes both in one click and leaves the resync alone', () => {
    const [untargeted] = errors(PRESET_EVENTS);
    const fixed = apply(PRESET_EVENTS, untargeted!, 1);
    const result = parse(fixed);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.events.map((e) => e.event)).toEqual([
      { type: 'pod.created', isvc: { namespace: 'ml-prod', name: 'model-1' } },
      { type: 'resync' },
      { type: 'pod.deleted', isvc: { namespace: 'ml-prod', name: 'model-1' } },
    ]);
    // Only the events changed: the releases are the ones the user chose.
    expect(result.scenario.settings.versions).toEqual(['v0.14.1', 'v0.15.2']);
  });

  it('removing one problem event leaves the other problem in place, at its new position', () => {
    const [untargeted] = errors(PRESET_EVENTS);
    const fixed = apply(PRESET_EVENTS, untargeted!, 2);
    const left = errors(fixed);
    expect(left).toHaveLength(1);
    expect(left[0]!.line).toBe(6);
    expect(labels(left[0]!).map((l) => l.id)).toEqual(['fix.aimAt', 'fix.removeEvent']);
  });

  it('without an at-risk model, aims at the first; a name in several namespaces offers each', () => {
    const noHpa = OBJECTS.slice(0, OBJECTS.lastIndexOf('---\n'));
    const result = parseScenario([{ name: 'objects.yaml', text: noHpa }, { name: 'scenario.yaml', text: 'apiVersion: hpa-lab/v1\nkind: Scenario\nevents: [resync, pod-created]\n' }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(labels(result.errors[0]!)[0]).toEqual({ id: 'fix.aimAt', params: { target: 'ml-prod/model-0' } });

    const other = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: model-0, namespace: staging}\nspec: {predictor: {}}\n';
    const twice = parseScenario([{ name: 'objects.yaml', text: `${noHpa}---\n${other}` }, { name: 'scenario.yaml', text: 'apiVersion: hpa-lab/v1\nkind: Scenario\nevents: [pod-created@model-0]\n' }]);
    expect(twice.ok).toBe(false);
    if (twice.ok) return;
    expect(labels(twice.errors[0]!)).toEqual([
      { id: 'fix.aimAt', params: { target: 'ml-prod/model-0' } },
      { id: 'fix.aimAt', params: { target: 'staging/model-0' } },
      { id: 'fix.removeEvent', params: { event: 'pod-created@model-0' } },
    ]);
  });

  it('an upgrade to a release that is not modelled can be removed', () => {
    const [problem] = errors('apiVersion: hpa-lab/v1\nkind: Scenario\nevents: [pod-created@model-0, "controller-upgraded:v9.9.9"]\n');
    expect(labels(problem!)).toEqual([{ id: 'fix.removeEvent', params: { event: 'controller-upgraded:v9.9.9' } }]);
  });
});

describe('the event list', () => {
  const TEXT = `apiVersion: hpa-lab/v1
kind: Scenario
events:
  - pod-created
  - not-an-event
  - event: hpa-delete
    hpa: ml/x
`;

  it('lists every item, readable or not, with its lines', () => {
    const list = listEvents(TEXT);
    expect(list.map((e) => [e.index, e.word, e.at.line, e.endLine, e.problems.length])).toEqual([
      [0, 'pod-created', 4, 4, 0],
      [1, 'not-an-event', 5, 5, 1],
      [2, 'hpa-delete:ml/x', 6, 7, 0],
    ]);
    expect(eventAtLine(list, 'scenario.yaml', 7)?.index).toBe(2);
    expect(eventAtLine(list, 'hpas.yaml', 7)).toBeNull();
  });

  it('moves an event and reads the same events in the new order', () => {
    const moved = editScenario(TEXT, moveEvent(2, 0))!;
    expect(listEvents(moved).map((e) => e.word)).toEqual(['hpa-delete:ml/x', 'pod-created', 'not-an-event']);
  });

  it('is empty for text without a readable Scenario document', () => {
    expect(listEvents('kind: [')).toEqual([]);
    expect(listEvents('')).toEqual([]);
  });
});
