/**
 * Canonical values for redaction: every value the model reads is replaced by one that means the
 * same to it, so a redacted scenario carries words of the model's vocabulary and neutral stand-ins
 * only. A string stays when it is a word some release distinguishes (a class, a deployment mode, a
 * metric, a kind, `true`), a resource quantity (numbers carry no text) or a spelling of `true`
 * (the stop annotation is read case-insensitively); any other string becomes `invalid-<n>`, the
 * same stand-in for the same string everywhere. The model only compares such strings with each
 * other (an HPA's metrics with the desired ones, a class on an HPA with the InferenceService's),
 * so one injective mapping for the whole scenario keeps every comparison's outcome.
 */
import type { Json } from './k8s/types.ts';
import { parseQuantity } from './k8s/quantity.ts';
import { INFERENCE_SERVICE_GROUP_PREFIX, ISVC_API_VERSION } from './kserve/constants.ts';
import { RELEASES } from './kserve/releases.ts';

/** Words of the Kubernetes and KServe vocabulary the model or an HPA spec uses. */
const FIXED_WORDS = [
  '', 'true', 'false', 'cpu', 'memory',
  'Resource', 'Pods', 'Object', 'External', 'ContainerResource', 'Utilization', 'AverageValue', 'Value',
  'Max', 'Min', 'Disabled', 'Percent',
  'InferenceService', 'Deployment', 'HorizontalPodAutoscaler', 'apps/v1', 'autoscaling/v2', ISVC_API_VERSION,
];

/** Every class, mode and metric value some release's table names. */
const RELEASE_WORDS = RELEASES.flatMap(({ behaviour: b }) => [
  ...b.webhookClasses,
  ...Object.keys(b.dispatch),
  ...(b.keepReplicasClass === null ? [] : [b.keepReplicasClass]),
  ...(b.webhookMetricValues ?? []),
  ...Object.keys(b.modeNames),
  ...Object.values(b.modeSpelling),
]);

const KNOWN_WORDS: ReadonlySet<string> = new Set([...FIXED_WORDS, ...RELEASE_WORDS]);

/** Field names of autoscaling/v2 metrics and behavior; any other key is renamed `field-<n>`. */
const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'type', 'resource', 'name', 'target', 'averageUtilization', 'averageValue', 'value', 'container',
  'pods', 'object', 'external', 'containerResource', 'metric', 'selector', 'describedObject', 'apiVersion', 'kind',
  'matchLabels', 'matchExpressions', 'key', 'operator', 'values',
  'scaleUp', 'scaleDown', 'stabilizationWindowSeconds', 'selectPolicy', 'policies', 'periodSeconds', 'tolerance',
]);

export interface Canon {
  /** A string the model reads. */
  value: (text: string) => string;
  /** An apiVersion: one of the InferenceService group stays in that group. */
  apiVersion: (text: string) => string;
  /** JSON the model compares whole (an HPA's metrics and behavior): same shape, known keys, canonical strings. */
  json: (value: Json) => Json;
}

/** Told each replacement once, so the person redacting can see what became what. */
export type OnReplace = (what: 'value' | 'field', from: string, to: string) => void;

function stand(prefix: string, what: 'value' | 'field', onReplace: OnReplace): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = `${prefix}${seen.size + 1}`;
      seen.set(text, out);
      onReplace(what, text, out);
    }
    return out;
  };
}

/** One mapping per redaction, so the same input string gets the same stand-in in every object and event. */
export function makeCanon(onReplace: OnReplace = () => {}): Canon {
  const invalid = stand('invalid-', 'value', onReplace);
  const field = stand('field-', 'field', onReplace);
  const value = (text: string): string => (KNOWN_WORDS.has(text) || text.toLowerCase() === 'true' || parseQuantity(text) !== null ? text : invalid(text));
  const apiVersion = (text: string): string => {
    if (KNOWN_WORDS.has(text)) return text;
    return text.startsWith(INFERENCE_SERVICE_GROUP_PREFIX) ? `${INFERENCE_SERVICE_GROUP_PREFIX}/${invalid(text)}` : invalid(text);
  };
  const json = (node: Json): Json => {
    if (typeof node === 'string') return value(node);
    if (Array.isArray(node)) return node.map(json);
    if (node === null || typeof node !== 'object') return node;
    const out: { [key: string]: Json } = {};
    for (const [key, child] of Object.entries(node)) out[KNOWN_KEYS.has(key) ? key : field(key)] = json(child);
    return out;
  };
  return { value, apiVersion, json };
}
