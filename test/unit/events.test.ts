/**
 * engine/machine/events.ts: the event words people type (`hpa-scaled:3@ml/model-a`) and the
 * machine events they stand for. `parseEventWord` and `formatEvent` must be inverses for every word.
 */
import { eventDocument, scenarioDocumentText } from '../../engine/scenario/edit.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { DEFAULT_SETTINGS } from '../../engine/scenario/scenario.ts';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderMessage } from '../../engine/i18n/render.ts';
import {
  describeEvent,
  describeEvents,
  EVENT_WORDS,
  formatEvent,
  formatTarget,
  isAnnotationKey,
  isDnsName,
  isTargeted,
  parseEventWord,
  parseTarget,
  withTarget,
  type ControllerEvent,
  type IsvcTarget,
} from '../../engine/machine/events.ts';

/** One or more valid spellings per word (every word except apply, which needs an object). */
const SAMPLES: Record<string, string[]> = {
  'pod-created': ['pod-created', 'pod-created@model-a', 'pod-created@ml/model-a'],
  'pod-deleted': ['pod-deleted', 'pod-deleted@ml/model-a'],
  'hpa-scaled': ['hpa-scaled:0', 'hpa-scaled:3', 'hpa-scaled:100000', 'hpa-scaled:3@model-a', 'hpa-scaled:2@ml/model-a'],
  resync: ['resync'],
  'controller-restarted': ['controller-restarted'],
  'controller-upgraded': ['controller-upgraded', 'controller-upgraded:v0.15.2', 'controller-upgraded:v0.16.0-rc1'],
  'gitops-sync': ['gitops-sync'],
  'isvc-annotate': [
    'isvc-annotate:serving.kserve.io/autoscalerClass=external',
    'isvc-annotate:serving.kserve.io/autoscalerClass-',
    'isvc-annotate:team=',
    'isvc-annotate:note=a=b=c',
    'isvc-annotate:note=中文 🚀',
    'isvc-annotate:serving.kserve.io/stop=true@ml/model-a',
    'isvc-annotate:serving.kserve.io/stop-@model-a',
    'isvc-annotate:k=a@b@ml/x',
  ],
  'isvc-set': [
    'isvc-set:storageUri=gs://kfserving-examples/models/sklearn/1.0/model',
    'isvc-set:storageUri=s3://models/v2@ml/model-a',
    'isvc-set:minReplicas=2',
    'isvc-set:maxReplicas=0@model-a',
    'isvc-set:scaleMetric=memory',
    'isvc-set:scaleTarget=70',
    'isvc-set:scaleTarget-',
    'isvc-set:name=v2',
    'isvc-set:transformer.minReplicas=3',
    'isvc-set:explainer.scaleMetric-@ml/model-a',
    'isvc-set:name=v2,storageUri=s3://models/v2',
    'isvc-set:minReplicas=2,maxReplicas=6,transformer.maxReplicas=2@model-a',
  ],
  'hpa-delete': ['hpa-delete:my-isvc-predictor', 'hpa-delete:a.b-c', 'hpa-delete:ml/my-hpa'],
  'hpa-remove-finalizer': [
    'hpa-remove-finalizer:my-hpa/kserve.io/protect',
    'hpa-remove-finalizer:my-hpa/plain',
    'hpa-remove-finalizer:ml/my-hpa/protect',
    'hpa-remove-finalizer:ml/my-hpa/kserve.io/protect',
  ],
  'isvc-delete': ['isvc-delete', 'isvc-delete@ml/model-a'],
};

function parsed(text: string): ControllerEvent {
  const result = parseEventWord(text);
  if (!result.ok) throw new Error(`${text}: ${renderMessage(result.message)}`);
  return result.event;
}

function failure(text: string): string {
  const result = parseEventWord(text);
  if (result.ok) throw new Error(`${text} was accepted as ${JSON.stringify(result.event)}`);
  return renderMessage(result.message);
}

describe('event words', () => {
  it('every word except apply has samples here (a new word needs a round-trip test)', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(EVENT_WORDS.map((e) => e.word).filter((w) => w !== 'apply').sort());
  });

  for (const entry of EVENT_WORDS.filter((e) => e.word !== 'apply')) {
    describe(entry.word, () => {
      for (const text of SAMPLES[entry.word] ?? []) {
        it(`"${text}" parses to a ${entry.type} event and formats back to the same text`, () => {
          const event = parsed(text);
          expect(event.type).toBe(entry.type);
          expect(formatEvent(event)).toBe(text);
          expect(parsed(formatEvent(event))).toEqual(event);
        });
      }
    });
  }

  it('parses arguments into the right fields', () => {
    expect(parsed('hpa-scaled:7')).toEqual({ type: 'hpa.scaled', replicas: 7, isvc: null });
    expect(parsed('isvc-annotate:serving.kserve.io/autoscalerClass=none')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/autoscalerClass', value: 'none', isvc: null });
    expect(parsed('isvc-annotate:serving.kserve.io/stop-')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/stop', value: null, isvc: null });
    expect(parsed('isvc-annotate:team=')).toEqual({ type: 'isvc.annotate', key: 'team', value: '', isvc: null });
    expect(parsed('isvc-annotate:note=a=b')).toEqual({ type: 'isvc.annotate', key: 'note', value: 'a=b', isvc: null });
    expect(parsed('hpa-delete:h')).toEqual({ type: 'hpa.delete', hpa: { namespace: null, name: 'h' } });
    expect(parsed('isvc-delete')).toEqual({ type: 'isvc.delete', isvc: null });
    expect(parsed('isvc-set:storageUri=s3://m/v2')).toEqual({ type: 'isvc.set', settings: [{ component: 'predictor', field: 'storageUri', value: 's3://m/v2' }], isvc: null });
    expect(parsed('isvc-set:predictor.minReplicas=2')).toEqual({ type: 'isvc.set', settings: [{ component: 'predictor', field: 'minReplicas', value: 2 }], isvc: null });
    expect(parsed('isvc-set:transformer.scaleTarget-@ml/a')).toEqual({ type: 'isvc.set', settings: [{ component: 'transformer', field: 'scaleTarget', value: null }], isvc: { namespace: 'ml', name: 'a' } });
    expect(parsed('isvc-set:name=v2,storageUri=s3://m/v2').type === 'isvc.set' && (parsed('isvc-set:name=v2,storageUri=s3://m/v2') as { settings: unknown[] }).settings).toEqual([
      { component: 'predictor', field: 'name', value: 'v2' }, { component: 'predictor', field: 'storageUri', value: 's3://m/v2' }]);
    expect(parsed('resync')).toEqual({ type: 'resync' });
    expect(parsed('gitops-sync')).toEqual({ type: 'gitops.sync' });
  });

  it('surrounding whitespace is ignored', () => {
    expect(parsed('  pod-created \n')).toEqual({ type: 'pod.created', isvc: null });
    expect(parsed(' hpa-scaled:2 ')).toEqual({ type: 'hpa.scaled', replicas: 2, isvc: null });
    expect(parsed(' pod-created@ml/a ')).toEqual({ type: 'pod.created', isvc: { namespace: 'ml', name: 'a' } });
  });

  it('leading zeros are read as decimal and formatted without them', () => {
    expect(parsed('hpa-scaled:007')).toEqual({ type: 'hpa.scaled', replicas: 7, isvc: null });
    expect(formatEvent(parsed('hpa-scaled:007'))).toBe('hpa-scaled:7');
  });

  // Annotation values with trailing whitespace are legal in Kubernetes and the playground can build
  // one from a text field: formatEvent → YAML → parseEventWord must keep it.
  it('an annotation value with trailing whitespace survives the round trip', () => {
    const event: ControllerEvent = { type: 'isvc.annotate', key: 'note', value: 'v ', isvc: null };
    expect(parsed(formatEvent(event))).toEqual(event);
    const targeted: ControllerEvent = { type: 'isvc.annotate', key: 'note', value: 'v ', isvc: { namespace: 'ml', name: 'a' } };
    expect(parsed(formatEvent(targeted))).toEqual(targeted);
  });

  it('formats apply as kind/name', () => {
    const object = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' as const, metadata: { name: 'h', namespace: 'ns', uid: 'u' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 1 } };
    expect(formatEvent({ type: 'object.apply', object })).toBe('apply HorizontalPodAutoscaler/h');
  });
});

describe('malformed event words', () => {
  const cases: [string, RegExp][] = [
    ['isvc-set', /isvc-set needs \[<component>\.\]<field>=<value>/],
    ['isvc-set:replicas=2', /with a field of storageUri, minReplicas/],
    ['isvc-set:worker.minReplicas=2', /isvc-set needs/],
    ['isvc-set:minReplicas', /isvc-set needs/],
    ['isvc-set:minReplicas=two', /minReplicas needs a whole number from 0 to 100000/],
    ['isvc-set:maxReplicas=-1', /maxReplicas needs a whole number/],
    ['isvc-set:scaleMetric=gpu', /scaleMetric is one of cpu, memory, concurrency, and rps/],
    ['isvc-set:transformer.name=x', /only the predictor has a name field/],
    ['isvc-set:name=V2', /spec.predictor.name must be a lowercase name/],
    ['isvc-set:storageUri=', /storageUri needs a URI without spaces, commas or @/],
    ['isvc-set:storageUri=s3://a b', /storageUri needs a URI/],
    ['isvc-set:minReplicas=1,minReplicas=2', /minReplicas is set twice in one isvc-set/],
    ['isvc-set:minReplicas=1,', /isvc-set needs/],
    ['', /unknown event ""/],
    ['pod-exploded', /unknown event "pod-exploded"; known: pod-created/],
    ['POD-CREATED', /unknown event/],
    ['pod_created', /unknown event/],
    // Object.prototype members are not words.
    ['toString', /unknown event "toString"/],
    ['constructor', /unknown event "constructor"/],
    ['__proto__', /unknown event "__proto__"/],
    ['hasOwnProperty:x', /unknown event "hasOwnProperty"/],
    ['pod-created:3', /takes no argument/],
    ['resync:', /takes no argument/],
    ['isvc-delete:now', /takes no argument/],
    ['controller-restarted:x', /takes no argument/],
    ['pod-deleted:', /takes no argument/],
    ['hpa-scaled', /replica count/],
    ['hpa-scaled:', /replica count/],
    ['hpa-scaled:x', /replica count/],
    ['hpa-scaled:-1', /replica count/],
    ['hpa-scaled:1.5', /replica count/],
    ['hpa-scaled:1e3', /replica count/],
    ['hpa-scaled:0x10', /replica count/],
    ['hpa-scaled:100001', /replica count from 0 to 100000/],
    ['hpa-scaled:9999999', /replica count/],
    ['isvc-annotate', /needs <key>=<value> or <key>-/],
    ['isvc-annotate:', /not a valid annotation key/],
    ['isvc-annotate:=v', /"" is not a valid annotation key/],
    ['isvc-annotate:Bad Key=v', /"Bad Key" is not a valid annotation key/],
    ['isvc-annotate:a/b/c=v', /not a valid annotation key/],
    ['isvc-annotate:-x=v', /not a valid annotation key/],
    ['isvc-annotate:key', /<key>- \(to remove\)/],
    ['isvc-annotate:a-=v', /"a-" is not a valid annotation key/],
    ['hpa-delete', /needs an HPA name/],
    ['hpa-delete:', /needs an HPA name/],
    ['hpa-delete:Bad_Name', /needs an HPA name/],
    ['hpa-delete:-a', /needs an HPA name/],
    // A namespace is a DNS label: no dots.
    ['hpa-delete:a.b/c', /needs an HPA name/],
    ['hpa-delete:ml/', /needs an HPA name/],
    ['hpa-delete:/h', /needs an HPA name/],
    ['hpa-delete:a/b/c', /needs an HPA name/],
    ['hpa-remove-finalizer', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:my-hpa', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:/kserve.io/protect', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:my-hpa/', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:Bad_Name/f', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:h/with space', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:h/tab\there', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    // Five parts: a finalizer carries at most one prefix.
    ['hpa-remove-finalizer:ml/h/example.com/a/b', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    // Four parts are namespace/name/prefix/finalizer, and a namespace has no dots.
    ['hpa-remove-finalizer:my.hpa/example.com/a/b', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['hpa-remove-finalizer:ml//protect', /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['controller-upgraded:latest', /optional KServe tag/],
    ['controller-upgraded:v0.15', /optional KServe tag/],
    ['controller-upgraded:', /optional KServe tag/],
    ['gitops-sync:now', /takes no argument/],
    // A target names one InferenceService; these words concern every one of them, or an HPA.
    ['resync@model-a', /resync .*takes no @target/],
    ['controller-restarted@ml/a', /takes no @target/],
    ['controller-upgraded@ml/a', /takes no @target/],
    ['controller-upgraded:v0.15.2@ml/a', /takes no @target/],
    ['gitops-sync@ml/a', /takes no @target/],
    ['hpa-delete:h@ml/a', /hpa-delete .*takes no @target/],
    ['hpa-remove-finalizer:h/kserve.io/protect@a', /takes no @target/],
    // An @ with no valid name after it is no target: the word itself is then unknown.
    ['pod-created@', /unknown event "pod-created@"/],
    ['pod-created@Model', /unknown event "pod-created@Model"/],
    ['pod-created@ml/a/b', /unknown event/],
    ['pod-created@ml.x/a', /unknown event/],
    [`hpa-remove-finalizer:h/${'f'.repeat(318)}`, /needs \[<namespace>\/\]<name>\/<finalizer>/],
    ['apply', /apply takes an object/],
    ['apply:HorizontalPodAutoscaler/h', /apply takes an object/],
  ];
  for (const [text, message] of cases) {
    it(`refuses ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, () => {
      expect(failure(text)).toMatch(message);
    });
  }

  it('the longest finalizer allowed (317 characters) is accepted', () => {
    expect(parsed(`hpa-remove-finalizer:h/${'f'.repeat(317)}`)).toMatchObject({ finalizer: 'f'.repeat(317) });
  });

  it('the unknown-event message lists every word with its argument form', () => {
    const message = failure('nope');
    // apply is not a word (it needs an object), so the list leaves it out.
    for (const entry of EVENT_WORDS.filter((e) => e.word !== 'apply')) expect(message).toContain(entry.word);
    expect(message).not.toMatch(/\bapply\b/);
    expect(message).toContain('hpa-scaled:<replicas>');
    expect(message).toContain('hpa-remove-finalizer:[<namespace>/]<name>/<finalizer>');
    expect(message).toContain('hpa-delete:[<namespace>/]<name>');
    expect(message).toContain('controller-upgraded:[<tag>]');
    expect(message).toContain('gitops-sync');
  });
});

// Issue 10 and the header of engine/machine/events.ts: events about one InferenceService take an
// optional `@<name>` or `@<namespace>/<name>`; the last `@` followed by a valid name counts.
describe('targets', () => {
  const ml = (name: string): IsvcTarget => ({ namespace: 'ml', name });
  const bare = (name: string): IsvcTarget => ({ namespace: null, name });

  it('@name and @namespace/name on every targeted word, before or after the argument', () => {
    expect(parsed('pod-created@model-a')).toEqual({ type: 'pod.created', isvc: bare('model-a') });
    expect(parsed('pod-deleted@ml/model-a')).toEqual({ type: 'pod.deleted', isvc: ml('model-a') });
    expect(parsed('isvc-delete@ml/model-a')).toEqual({ type: 'isvc.delete', isvc: ml('model-a') });
    expect(parsed('hpa-scaled:3@ml/model-a')).toEqual({ type: 'hpa.scaled', replicas: 3, isvc: ml('model-a') });
    // On the word itself: the argument follows, and the canonical form moves the target to the end.
    expect(parsed('hpa-scaled@ml/model-a:3')).toEqual({ type: 'hpa.scaled', replicas: 3, isvc: ml('model-a') });
    expect(formatEvent(parsed('hpa-scaled@ml/model-a:3'))).toBe('hpa-scaled:3@ml/model-a');
    expect(parsed('isvc-annotate:serving.kserve.io/stop=true@model-a')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/stop', value: 'true', isvc: bare('model-a') });
    expect(parsed('isvc-annotate:serving.kserve.io/stop-@ml/model-a')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/stop', value: null, isvc: ml('model-a') });
  });

  it('the last @ followed by a valid name is the target; earlier ones stay in the value', () => {
    expect(parsed('isvc-annotate:k=a@b@ml/x')).toEqual({ type: 'isvc.annotate', key: 'k', value: 'a@b', isvc: ml('x') });
    // No valid name after the last @: no target, the @ is part of the value.
    expect(parsed('isvc-annotate:k=a@B')).toEqual({ type: 'isvc.annotate', key: 'k', value: 'a@B', isvc: null });
    expect(parsed('isvc-annotate:k=a@')).toEqual({ type: 'isvc.annotate', key: 'k', value: 'a@', isvc: null });
    // …and a valid one makes it a target, so a value with `@<name>` needs an explicit target after it.
    expect(parsed('isvc-annotate:owner=alice@example.com')).toEqual({ type: 'isvc.annotate', key: 'owner', value: 'alice', isvc: bare('example.com') });
    expect(parsed('isvc-annotate:owner=alice@example.com@model-a')).toEqual({ type: 'isvc.annotate', key: 'owner', value: 'alice@example.com', isvc: bare('model-a') });
  });

  it('isTargeted and withTarget: only per-InferenceService events carry a target', () => {
    const targeted = EVENT_WORDS.filter((e) => e.targeted).map((e) => e.word).sort();
    expect(targeted).toEqual(['hpa-scaled', 'isvc-annotate', 'isvc-delete', 'isvc-set', 'pod-created', 'pod-deleted']);
    expect(isTargeted(parsed('pod-created'))).toBe(true);
    expect(isTargeted(parsed('resync'))).toBe(false);
    expect(isTargeted(parsed('hpa-delete:ml/h'))).toBe(false);
    expect(withTarget(parsed('pod-created'), ml('a'))).toEqual({ type: 'pod.created', isvc: ml('a') });
    expect(withTarget(parsed('resync'), ml('a'))).toEqual({ type: 'resync' });
  });

  it('parseTarget and formatTarget', () => {
    expect(parseTarget('a')).toEqual(bare('a'));
    expect(parseTarget('ml/a.b')).toEqual({ namespace: 'ml', name: 'a.b' });
    for (const bad of ['', 'A', 'ml/', '/a', 'ml.x/a', 'ml/a/b', 'ml/A']) expect(parseTarget(bad), bad).toBeNull();
    expect(formatTarget(ml('a'))).toBe('ml/a');
    expect(formatTarget(bare('a'))).toBe('a');
  });
});

describe('HPA events name the HPA as [namespace/]name', () => {
  it('hpa-delete with and without a namespace', () => {
    expect(parsed('hpa-delete:h')).toEqual({ type: 'hpa.delete', hpa: { namespace: null, name: 'h' } });
    expect(parsed('hpa-delete:ml/h.x')).toEqual({ type: 'hpa.delete', hpa: { namespace: 'ml', name: 'h.x' } });
  });

  // parseFinalizerTarget in events.ts: 2 parts name/finalizer; 4 parts namespace/name/prefix/finalizer;
  // 3 parts name/prefix/finalizer when the middle part has a dot (a domain such as kserve.io), else
  // namespace/name/finalizer.
  it('hpa-remove-finalizer in its two-, three- and four-part forms', () => {
    const rf = (namespace: string | null, name: string, finalizer: string) => ({ type: 'hpa.removeFinalizer', hpa: { namespace, name }, finalizer });
    expect(parsed('hpa-remove-finalizer:my-hpa/plain')).toEqual(rf(null, 'my-hpa', 'plain'));
    expect(parsed('hpa-remove-finalizer:my-hpa/kserve.io/protect')).toEqual(rf(null, 'my-hpa', 'kserve.io/protect'));
    expect(parsed('hpa-remove-finalizer:ml/my-hpa/protect')).toEqual(rf('ml', 'my-hpa', 'protect'));
    expect(parsed('hpa-remove-finalizer:ml/my-hpa/kserve.io/protect')).toEqual(rf('ml', 'my-hpa', 'kserve.io/protect'));
    expect(parsed('hpa-remove-finalizer:h/a/b/c')).toEqual(rf('h', 'a', 'b/c'));
    // The domain rule decides three parts by the middle one alone.
    expect(parsed('hpa-remove-finalizer:ml/my.hpa/protect')).toEqual(rf(null, 'ml', 'my.hpa/protect'));
    expect(parsed('hpa-remove-finalizer:h/example/protect')).toEqual(rf('h', 'example', 'protect'));
  });
});

describe('controller-upgraded', () => {
  it('without a tag moves each compared release to itself; with one, every release to that tag', () => {
    expect(parsed('controller-upgraded')).toEqual({ type: 'controller.upgraded', tag: null });
    expect(parsed('controller-upgraded:v0.15.2')).toEqual({ type: 'controller.upgraded', tag: 'v0.15.2' });
    expect(parsed('controller-upgraded:v0.20.0-rc1')).toEqual({ type: 'controller.upgraded', tag: 'v0.20.0-rc1' });
  });

  it('a tag without "v" gets one, as the release table spells tags', () => {
    expect(parsed('controller-upgraded:0.15.2')).toEqual({ type: 'controller.upgraded', tag: 'v0.15.2' });
    expect(formatEvent(parsed('controller-upgraded:0.15.2'))).toBe('controller-upgraded:v0.15.2');
  });

  it('the word checks only the spelling of a tag (whether it is modelled is the scenario check\'s job)', () => {
    expect(parsed('controller-upgraded:v0.99.0')).toEqual({ type: 'controller.upgraded', tag: 'v0.99.0' });
  });
});

describe('formatEvent ∘ parseEventWord', () => {
  // Words built from parts: a word and its canonical spelling must come back unchanged, and the
  // event read from it must be read again from its formatted form.
  const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
  const dotted = fc.oneof(name, fc.tuple(name, name).map(([a, b]) => `${a}.${b}`));
  const target = fc.option(fc.oneof(dotted, fc.tuple(name, dotted).map(([ns, n]) => `${ns}/${n}`)), { nil: null });
  const at = (t: string | null) => (t === null ? '' : `@${t}`);
  const value = fc.stringMatching(/^[A-Za-z0-9 =:._/-]{0,12}$/);
  const word = fc.oneof(
    fc.tuple(fc.constantFrom('pod-created', 'pod-deleted', 'isvc-delete'), target).map(([w, t]) => `${w}${at(t)}`),
    fc.tuple(fc.nat(100_000), target).map(([n, t]) => `hpa-scaled:${n}${at(t)}`),
    fc.tuple(fc.constantFrom('serving.kserve.io/autoscalerClass', 'team', 'a.b/c_d'), value, target).map(([k, v, t]) => `isvc-annotate:${k}=${v}${at(t)}`),
    fc.tuple(fc.constantFrom('serving.kserve.io/stop', 'x'), target).map(([k, t]) => `isvc-annotate:${k}-${at(t)}`),
    fc.constantFrom('resync', 'controller-restarted', 'controller-upgraded', 'gitops-sync', 'controller-upgraded:v0.15.2'),
    fc.tuple(fc.option(name, { nil: null }), dotted).map(([ns, n]) => `hpa-delete:${ns === null ? '' : `${ns}/`}${n}`),
    fc.tuple(name, fc.oneof(name, fc.tuple(dotted, name).map(([p, f]) => `${p}.io/${f}`))).map(([n, f]) => `hpa-remove-finalizer:${n}/${f}`),
    fc.tuple(name, name, fc.tuple(dotted, name).map(([p, f]) => `${p}.io/${f}`)).map(([ns, n, f]) => `hpa-remove-finalizer:${ns}/${n}/${f}`),
  );

  it('a canonical word formats back to itself, and its event parses back to the same event', () => {
    fc.assert(fc.property(word, (text) => {
      const event = parsed(text);
      expect(formatEvent(event)).toBe(text);
      expect(parsed(formatEvent(event))).toEqual(event);
    }), { numRuns: 300 });
  });

  // The explorer and the playground name every HPA with its namespace (space.ts candidateEvents),
  // and replays and timelines go through words: such events must survive formatEvent → parseEventWord.
  it('an HPA event named with its namespace survives formatEvent → parseEventWord', () => {
    const cases: ControllerEvent[] = [
      { type: 'hpa.delete', hpa: { namespace: 'ml', name: 'my.hpa' } },
      { type: 'hpa.removeFinalizer', hpa: { namespace: 'ml', name: 'my-hpa' }, finalizer: 'protect' },
      { type: 'hpa.removeFinalizer', hpa: { namespace: 'ml', name: 'my.hpa' }, finalizer: 'kserve.io/protect' },
    ];
    for (const event of cases) expect(parsed(formatEvent(event)), formatEvent(event)).toEqual(event);
  });

  // Engine bug (reported): a namespaced HPA whose name has a dot and a finalizer without a prefix
  // formats to three parts whose middle part has a dot, which parseFinalizerTarget reads as
  // name/prefix/finalizer: `hpa-remove-finalizer:ml/my.hpa/protect` comes back as HPA `ml` with
  // finalizer `my.hpa/protect`. The explorer makes such events (space.ts, userRemovals).
  // The word form is ambiguous here (ml/my.hpa/protect reads as HPA ml, finalizer my.hpa/protect), so the
  // Scenario document writes this one event as a mapping, which reads back exactly.
  it('a namespaced, dotted HPA name with an unprefixed finalizer survives the Scenario document (as a mapping)', () => {
    const event: ControllerEvent = { type: 'hpa.removeFinalizer', hpa: { namespace: 'ml', name: 'my.hpa' }, finalizer: 'protect' };
    expect(eventDocument(event)).toEqual({ event: 'hpa-remove-finalizer', hpa: 'ml/my.hpa', finalizer: 'protect' });
    const text = scenarioDocumentText(DEFAULT_SETTINGS, [{ event, position: null }]);
    const result = parseScenario([{ name: 's.yaml', text }]);
    expect(result.ok && result.scenario.events.map((e) => e.event)).toEqual([event]);
    // An event whose word reads back is still written as the word.
    expect(eventDocument({ type: 'hpa.removeFinalizer', hpa: { namespace: null, name: 'h' }, finalizer: 'kserve.io/protect' })).toBe('hpa-remove-finalizer:h/kserve.io/protect');
  });

  // Engine bug (reported): a target on the word and another after the argument. The YAML mapping
  // form refuses a second target ("give the InferenceService once"); the word form silently drops
  // the one after the argument, so `hpa-scaled@a:3@b` scales a.
  it('a word with two targets is refused, not read with one of them dropped', () => {
    expect(parseEventWord('hpa-scaled@a:3@b').ok).toBe(false);
    expect(parseEventWord('isvc-annotate@a:k=v@b').ok).toBe(false);
    expect(parseEventWord('isvc-annotate:owner=alice@example.com@ml/a')).toMatchObject({ ok: true, event: { value: 'owner=alice@example.com'.slice(6), isvc: { namespace: 'ml', name: 'a' } } });
  });
});

describe('describeEvent / describeEvents: the events in plain words', () => {
  const en = (events: ControllerEvent[]) => renderMessage(describeEvents(events), 'en');

  it('names the InferenceService a targeted event aims at, or "the InferenceService"', () => {
    expect(renderMessage(describeEvent(parsed('pod-created@ml/model-a')))).toBe('a pod of ml/model-a is created');
    expect(renderMessage(describeEvent(parsed('pod-created')))).toBe('a pod of the InferenceService is created');
    expect(renderMessage(describeEvent(parsed('hpa-scaled:3@model-b')))).toBe('an HPA scales model-b to 3 replicas');
    expect(renderMessage(describeEvent(parsed('isvc-annotate:serving.kserve.io/autoscalerClass=none@ml/a')))).toBe('the class of ml/a is switched to none');
    expect(renderMessage(describeEvent(parsed('controller-upgraded:v0.16.0')))).toBe('KServe is upgraded to v0.16.0');
    expect(renderMessage(describeEvent(parsed('gitops-sync')))).toBe('the GitOps tool applies the manifests again');
    expect(renderMessage(describeEvent(parsed('hpa-delete:ml/h')))).toBe('you delete HPA ml/h');
  });

  it('strings a sequence together with ", then"', () => {
    expect(en([])).toBe('applying the objects');
    expect(en([parsed('resync')])).toBe('the periodic resync runs');
    expect(en([parsed('pod-created@ml/a'), parsed('hpa-scaled:3@b'), parsed('isvc-delete@ml/a')]))
      .toBe('a pod of ml/a is created, then an HPA scales b to 3 replicas, then you delete ml/a');
  });

  it('is a message, so it renders in every language from the same ids', () => {
    const message = describeEvents([parsed('pod-created@ml/a'), parsed('resync')]);
    expect(message.id).toBe('phrase.then');
    expect(renderMessage(message, 'zh-cn').length).toBeGreaterThan(0);
    expect(renderMessage(message, 'zh-cn')).toContain('ml/a');
  });
});

describe('name and key checks', () => {
  it('isDnsName follows RFC 1123 subdomains', () => {
    for (const good of ['a', 'my-isvc-predictor', 'a.b', '0abc', 'a'.repeat(253)]) expect(isDnsName(good), good).toBe(true);
    for (const bad of ['', 'A', '-a', 'a-', 'a_b', 'a b', 'a/b', 'a'.repeat(254), 'é']) expect(isDnsName(bad), bad).toBe(false);
  });

  it('isAnnotationKey takes an optional DNS prefix and a 63-character name', () => {
    for (const good of ['a', 'serving.kserve.io/autoscalerClass', 'A_b.c-d', `x/${'n'.repeat(63)}`]) expect(isAnnotationKey(good), good).toBe(true);
    for (const bad of ['', '/a', 'a/', 'Bad.Prefix/a', `x/${'n'.repeat(64)}`, 'a b', '_a', 'a/b/c']) expect(isAnnotationKey(bad), bad).toBe(false);
  });
});
