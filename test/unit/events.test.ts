/**
 * engine/machine/events.ts: the event words people type (`hpa-scaled:3`) and the machine events
 * they stand for. `parseEventWord` and `formatEvent` must be inverses for every word.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_WORDS, formatEvent, isAnnotationKey, isDnsName, parseEventWord, type ControllerEvent } from '../../engine/machine/events.ts';

/** One or more valid spellings per word (every word except apply, which needs an object). */
const SAMPLES: Record<string, string[]> = {
  'pod-created': ['pod-created'],
  'pod-deleted': ['pod-deleted'],
  'hpa-scaled': ['hpa-scaled:0', 'hpa-scaled:3', 'hpa-scaled:100000'],
  resync: ['resync'],
  'controller-restarted': ['controller-restarted'],
  'isvc-annotate': [
    'isvc-annotate:serving.kserve.io/autoscalerClass=external',
    'isvc-annotate:serving.kserve.io/autoscalerClass-',
    'isvc-annotate:team=',
    'isvc-annotate:note=a=b=c',
    'isvc-annotate:note=中文 🚀',
  ],
  'hpa-delete': ['hpa-delete:my-isvc-predictor', 'hpa-delete:a.b-c'],
  'hpa-remove-finalizer': ['hpa-remove-finalizer:my-hpa/kserve.io/protect', 'hpa-remove-finalizer:my-hpa/plain', 'hpa-remove-finalizer:h/a/b/c'],
  'isvc-delete': ['isvc-delete'],
};

function parsed(text: string): ControllerEvent {
  const result = parseEventWord(text);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.event;
}

function failure(text: string): string {
  const result = parseEventWord(text);
  if (result.ok) throw new Error(`${text} was accepted as ${JSON.stringify(result.event)}`);
  return result.message;
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
    expect(parsed('hpa-scaled:7')).toEqual({ type: 'hpa.scaled', replicas: 7 });
    expect(parsed('isvc-annotate:serving.kserve.io/autoscalerClass=none')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/autoscalerClass', value: 'none' });
    expect(parsed('isvc-annotate:serving.kserve.io/stop-')).toEqual({ type: 'isvc.annotate', key: 'serving.kserve.io/stop', value: null });
    expect(parsed('isvc-annotate:team=')).toEqual({ type: 'isvc.annotate', key: 'team', value: '' });
    expect(parsed('isvc-annotate:note=a=b')).toEqual({ type: 'isvc.annotate', key: 'note', value: 'a=b' });
    expect(parsed('hpa-delete:h')).toEqual({ type: 'hpa.delete', name: 'h' });
  });

  it('a finalizer may contain "/": the name ends at the first slash', () => {
    expect(parsed('hpa-remove-finalizer:my-hpa/kserve.io/protect')).toEqual({ type: 'hpa.removeFinalizer', name: 'my-hpa', finalizer: 'kserve.io/protect' });
    expect(parsed('hpa-remove-finalizer:my.hpa/example.com/a/b')).toEqual({ type: 'hpa.removeFinalizer', name: 'my.hpa', finalizer: 'example.com/a/b' });
  });

  it('surrounding whitespace is ignored', () => {
    expect(parsed('  pod-created \n')).toEqual({ type: 'pod.created' });
    expect(parsed(' hpa-scaled:2 ')).toEqual({ type: 'hpa.scaled', replicas: 2 });
  });

  it('leading zeros are read as decimal and formatted without them', () => {
    expect(parsed('hpa-scaled:007')).toEqual({ type: 'hpa.scaled', replicas: 7 });
    expect(formatEvent(parsed('hpa-scaled:007'))).toBe('hpa-scaled:7');
  });

  // Annotation values with trailing whitespace are legal in Kubernetes and the playground can build
  // one from a text field: formatEvent → YAML → parseEventWord must keep it.
  it('an annotation value with trailing whitespace survives the round trip', () => {
    const event: ControllerEvent = { type: 'isvc.annotate', key: 'note', value: 'v ' };
    expect(parsed(formatEvent(event))).toEqual(event);
  });

  it('formats apply as kind/name', () => {
    const object = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' as const, metadata: { name: 'h', namespace: 'ns', uid: 'u' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'd' }, maxReplicas: 1 } };
    expect(formatEvent({ type: 'object.apply', object })).toBe('apply HorizontalPodAutoscaler/h');
  });
});

describe('malformed event words', () => {
  const cases: [string, RegExp][] = [
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
    ['hpa-delete:a/b', /needs an HPA name/],
    ['hpa-remove-finalizer', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:my-hpa', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:/kserve.io/protect', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:my-hpa/', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:Bad_Name/f', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:h/with space', /needs <name>\/<finalizer>/],
    ['hpa-remove-finalizer:h/tab\there', /needs <name>\/<finalizer>/],
    [`hpa-remove-finalizer:h/${'f'.repeat(318)}`, /needs <name>\/<finalizer>/],
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
    for (const entry of EVENT_WORDS) expect(message).toContain(entry.word);
    expect(message).toContain('hpa-scaled:<replicas>');
    expect(message).toContain('hpa-remove-finalizer:<name>/<finalizer>');
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
