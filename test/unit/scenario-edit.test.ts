/**
 * engine/scenario/edit.ts: the one writer of Scenario text. Edits happen in place (comments and
 * the documents around survive), and every event is written through one function, so what the
 * playground appends reads back as the event it meant.
 */
import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { appendEvent, editField, editScenario, fieldPath, replaceEvents } from '../../engine/scenario/edit.ts';

const OBJECTS = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: m}
spec: {predictor: {}}
`;

const SCENARIO = `# the user's note
apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.14.1]   # the bug
events:
  - resync
`;

function eventsOf(scenario: string): ControllerEvent[] {
  const result = parseScenario([{ name: 'i.yaml', text: OBJECTS }, { name: 's.yaml', text: scenario }]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario.events.map((e) => e.event);
}

describe('events written into the Scenario document read back as the same event', () => {
  // {hpa: my-hpa, finalizer: example/protect} as a word is hpa-remove-finalizer:my-hpa/example/protect,
  // which reads as namespace my-hpa, HPA example, finalizer protect.
  const finalizer: ControllerEvent = { type: 'hpa.removeFinalizer', hpa: { namespace: null, name: 'my-hpa' }, finalizer: 'example/protect' };

  it('appending an HPA finalizer removal whose word would read as another event', () => {
    const text = editScenario(SCENARIO, appendEvent(finalizer))!;
    expect(eventsOf(text)).toEqual([{ type: 'resync' }, finalizer]);
  });

  it('replacing the events (the explorer) with that removal', () => {
    const text = editScenario(SCENARIO, replaceEvents([finalizer]))!;
    expect(eventsOf(text)).toEqual([finalizer]);
  });

  it('keeps the comments of the Scenario document', () => {
    const text = editScenario(SCENARIO, appendEvent({ type: 'gitops.sync' }))!;
    expect(text).toContain("# the user's note");
    expect(text).toContain('# the bug');
  });
});


const OBJECT_TEXT = `# my cluster
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: m   # the model
  annotations:
    serving.kserve.io/autoscalerClass: external
---
kind: List
items:
- apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: m-predictor}
  spec: {maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: m-predictor}}
`;

describe('editing one field inside user YAML', () => {
  it('parses field paths with bracketed annotation keys', () => {
    expect(fieldPath('metadata.annotations["serving.kserve.io/autoscalerClass"]')).toEqual(['metadata', 'annotations', 'serving.kserve.io/autoscalerClass']);
    expect(fieldPath('metadata.name')).toEqual(['metadata', 'name']);
  });

  it('changes an annotation and keeps comments and the other document byte for byte', () => {
    const out = editField(OBJECT_TEXT, 'InferenceService/m', ['metadata', 'annotations', 'serving.kserve.io/autoscalerClass'], 'none')!;
    expect(out).toContain('serving.kserve.io/autoscalerClass: none');
    expect(out).toContain('# my cluster');
    expect(out).toContain('# the model');
    expect(out.slice(out.indexOf('---'))).toBe(OBJECT_TEXT.slice(OBJECT_TEXT.indexOf('---')));
  });

  it('renames an HPA inside a List and adds or removes a finalizer', () => {
    const renamed = editField(OBJECT_TEXT, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'name'], 'm-predictor-hpa')!;
    expect(renamed).toContain('name: m-predictor-hpa');
    expect(renamed).toContain('scaleTargetRef: { kind: Deployment, name: m-predictor }');
    const guarded = editField(OBJECT_TEXT, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'finalizers'], ['kserve.io/protect'])!;
    expect(guarded).toContain('kserve.io/protect');
    expect(editField(guarded, 'HorizontalPodAutoscaler/m-predictor', ['metadata', 'finalizers'], undefined)).not.toContain('kserve.io/protect');
  });

  it('returns null for an object that is not there or text that does not parse', () => {
    expect(editField(OBJECT_TEXT, 'HorizontalPodAutoscaler/other', ['metadata', 'name'], 'x')).toBeNull();
    expect(editField('a: [', 'InferenceService/m', ['metadata', 'name'], 'x')).toBeNull();
  });
});

describe('strings the yaml library would print wrongly', () => {
  // yaml 2.9.1 prints " \n" as a `|+` block with no indentation indicator, which reads back as "\n".
  it('an annotation of blanks and a line break survives an applied object', () => {
    const object = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'default', uid: 'u', annotations: { note: ' \n' } }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'm-predictor' }, maxReplicas: 3 } };
    const text = editScenario(SCENARIO, appendEvent({ type: 'object.apply', object } as ControllerEvent))!;
    expect(eventsOf(text)[1]).toMatchObject({ type: 'object.apply', object: { metadata: { annotations: { note: ' \n' } } } });
  });
});
