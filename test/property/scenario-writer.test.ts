/**
 * The Scenario document's writer against its reader, over every event form: an event written into
 * the document (fresh, appended in place, or replacing the events) parses back as the same event.
 * Events are generated in the form the parser returns them (tags with their "v", apply objects
 * read once), since that is what the playground and the explorer hand to the writer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { parseTarget, type ControllerEvent, type IsvcTarget } from '../../engine/machine/events.ts';
import { appendEvent, editScenario, replaceEvents, scenarioDocumentText } from '../../engine/scenario/edit.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { DEFAULT_SETTINGS } from '../../engine/scenario/scenario.ts';

const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,8}[a-z0-9])?$/);
const dnsName = fc.oneof(label, fc.tuple(label, label).map(([a, b]) => `${a}.${b}`));
const annotationKey = fc.oneof(label, fc.tuple(dnsName, fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,6}[A-Za-z0-9])?$/)).map(([p, n]) => `${p}/${n}`));
/** Values with the characters that matter to the word form (`@`, `:`, `=`, `/`, `-`, spaces) and to YAML (`#`, quotes, newlines). */
const annotationValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.array(fc.constantFrom('a', 'Z', '0', ' ', '@', ':', '=', '/', '-', '#', '"', "'", '\n', '\t', '{', '[', ',', '|', '>', '*', '&', '!', '%', 'é', '模'), { maxLength: 14 }).map((c) => c.join('')),
  fc.constantFrom('', ' ', 'true', 'null', '3', 'user@example.com', 'x@', '@'),
);
const finalizer = fc.oneof(label, fc.tuple(fc.oneof(label, dnsName), label).map(([p, f]) => `${p}/${f}`), fc.stringMatching(/^[!-~]{1,12}$/));

/** One InferenceService per scenario; targeted events name it, by name or with its namespace, or not at all. */
const world = fc.record({ namespace: label, name: dnsName });

/**
 * The word form reads the last `@<name>` as the target, and the document has no other form for an
 * annotation, so an untargeted annotation whose value ends in `@<name>` cannot be written: left out.
 */
const expressible = (value: string | null, target: IsvcTarget | null): boolean => {
  if (value === null || target !== null) return true;
  const at = value.lastIndexOf('@');
  return at === -1 || parseTarget(value.slice(at + 1).trim()) === null;
};

/** isvc-set: every field, on each component that has it, set to a value of its kind or unset. */
const setting = fc.oneof(
  fc.tuple(fc.constantFrom('predictor' as const, 'transformer' as const, 'explainer' as const), fc.constantFrom('minReplicas' as const, 'maxReplicas' as const, 'scaleTarget' as const), fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }))
    .map(([component, field, value]) => ({ component, field, value })),
  fc.tuple(fc.constantFrom('predictor' as const, 'explainer' as const), fc.option(fc.constantFrom('cpu', 'memory', 'concurrency', 'rps'), { nil: null })).map(([component, value]) => ({ component, field: 'scaleMetric' as const, value })),
  fc.option(fc.stringMatching(/^[a-z]{2,5}:\/\/[!-+\--?A-~]{1,20}$/), { nil: null }).map((value) => ({ component: 'predictor' as const, field: 'storageUri' as const, value })),
  fc.option(label.filter((l) => /^[a-z]/.test(l)), { nil: null }).map((value) => ({ component: 'predictor' as const, field: 'name' as const, value })),
);

function arbEvent(w: { namespace: string; name: string }): fc.Arbitrary<ControllerEvent> {
  const target = fc.constantFrom<IsvcTarget | null>(null, { namespace: null, name: w.name }, { namespace: w.namespace, name: w.name });
  const hpa = fc.record({ namespace: fc.option(label, { nil: null }), name: dnsName });
  const applied = fc.oneof(
    fc.record({ finalizers: fc.array(finalizer, { maxLength: 2 }), max: fc.integer({ min: 1, max: 9 }), name: dnsName }).map((h) => ({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
      metadata: { name: h.name, namespace: w.namespace, ...(h.finalizers.length ? { finalizers: h.finalizers } : {}) },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${w.name}-predictor` }, maxReplicas: h.max },
    })),
    fc.record({ key: annotationKey, value: annotationValue }).map((a) => ({
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
      metadata: { name: w.name, namespace: w.namespace, annotations: { [a.key]: a.value } },
      spec: { predictor: { minReplicas: 1 } },
    })),
  );
  return fc.oneof(
    fc.tuple(fc.constantFrom('pod.created' as const, 'pod.deleted' as const, 'isvc.delete' as const), target).map(([type, isvc]): ControllerEvent => ({ type, isvc })),
    fc.tuple(fc.integer({ min: 0, max: 100_000 }), target).map(([replicas, isvc]): ControllerEvent => ({ type: 'hpa.scaled', replicas, isvc })),
    fc.constantFrom<ControllerEvent>({ type: 'resync' }, { type: 'controller.restarted' }, { type: 'gitops.sync' }),
    fc.option(fc.constantFrom(...KNOWN_TAGS), { nil: null }).map((tag): ControllerEvent => ({ type: 'controller.upgraded', tag })),
    fc.tuple(annotationKey, fc.option(annotationValue, { nil: null }), target).filter(([, v, t]) => expressible(v, t))
      .map(([key, value, isvc]): ControllerEvent => ({ type: 'isvc.annotate', key, value, isvc })),
    fc.tuple(fc.uniqueArray(setting, { minLength: 1, maxLength: 3, selector: (set) => `${set.component}.${set.field}` }), target).map(([settings, isvc]): ControllerEvent => ({ type: 'isvc.set', settings, isvc })),
    hpa.map((h): ControllerEvent => ({ type: 'hpa.delete', hpa: h })),
    fc.tuple(hpa, finalizer).map(([h, f]): ControllerEvent => ({ type: 'hpa.removeFinalizer', hpa: h, finalizer: f })),
    applied.map((object) => readApplied(w, object)),
  );
}

const objectsText = (w: { namespace: string; name: string }): string =>
  `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: ${w.name}, namespace: ${w.namespace}}\nspec: {predictor: {}}\n`;

function read(w: { namespace: string; name: string }, scenario: string): ControllerEvent[] {
  const result = parseScenario([{ name: 'objects.yaml', text: objectsText(w) }, { name: 'scenario.yaml', text: scenario }]);
  if (!result.ok) throw new Error(`${scenario}\n${JSON.stringify(result.errors)}`);
  return result.scenario.events.map((e) => e.event);
}

/** An apply event as the parser returns it: the object read once (defaults such as the uid filled in). */
function readApplied(w: { namespace: string; name: string }, object: object): ControllerEvent {
  const scenario = `apiVersion: hpa-lab/v1\nkind: Scenario\nevents:\n  - apply: ${JSON.stringify(object)}\n`;
  return read(w, scenario)[0]!;
}

const USER_SCENARIO = `# kept
apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.14.1]
events: # the user's events
  - resync
`;

const cases = world.chain((w) => fc.record({ w: fc.constant(w), events: fc.array(arbEvent(w), { minLength: 1, maxLength: 4 }) }));
const RUNS = { numRuns: 300 };

describe('the Scenario writer and reader agree on every event form', () => {
  it('a fresh document (links, redaction) reads back the events it was written with', () => {
    fc.assert(fc.property(cases, ({ w, events }) => {
      const text = scenarioDocumentText(DEFAULT_SETTINGS, events.map((event) => ({ event, position: null })));
      expect(read(w, text)).toEqual(events);
    }), RUNS);
  });

  it('events appended in place (the playground) read back after the user\'s, and the comments stay', () => {
    fc.assert(fc.property(cases, ({ w, events }) => {
      let text = USER_SCENARIO;
      for (const event of events) text = editScenario(text, appendEvent(event))!;
      expect(read(w, text)).toEqual([{ type: 'resync' }, ...events]);
      expect(text).toContain('# kept');
      expect(text).toContain("# the user's events");
    }), RUNS);
  });

  it('events replacing the user\'s (the explorer) read back as given', () => {
    fc.assert(fc.property(cases, ({ w, events }) => {
      expect(read(w, editScenario(USER_SCENARIO, replaceEvents(events))!)).toEqual(events);
    }), RUNS);
  });
});
