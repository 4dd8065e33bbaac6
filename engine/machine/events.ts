/**
 * The events a scenario can send, as machine events (dot-namespaced) and as the kubectl-like
 * words people type (`pod-created`, `hpa-scaled:3`, …). `parseEventWord` and `formatEvent` are
 * inverses; the YAML parser, the CLI and the playground all go through them.
 */
import type { KubeObject } from '../k8s/types.ts';

export type ControllerEvent =
  | { type: 'object.apply'; object: KubeObject }
  | { type: 'pod.created' }
  | { type: 'pod.deleted' }
  | { type: 'hpa.scaled'; replicas: number }
  | { type: 'resync' }
  | { type: 'controller.restarted' }
  | { type: 'isvc.annotate'; key: string; value: string | null }
  | { type: 'hpa.delete'; name: string }
  | { type: 'hpa.removeFinalizer'; name: string; finalizer: string }
  | { type: 'isvc.delete' };

export type EventType = ControllerEvent['type'];

/** Every event word, with the argument it takes; the playground builds its controls from this. */
export const EVENT_WORDS = [
  { word: 'pod-created', type: 'pod.created', argument: null, summary: 'A pod of the predictor is created; the Deployment status changes.' },
  { word: 'pod-deleted', type: 'pod.deleted', argument: null, summary: 'A pod of the predictor is deleted; the Deployment status changes.' },
  { word: 'hpa-scaled', type: 'hpa.scaled', argument: '<replicas>', summary: 'An HPA scales the predictor Deployment to this many replicas.' },
  { word: 'resync', type: 'resync', argument: null, summary: 'The controller’s periodic resync re-queues the InferenceService.' },
  { word: 'controller-restarted', type: 'controller.restarted', argument: null, summary: 'The KServe controller restarts and lists every InferenceService.' },
  { word: 'isvc-annotate', type: 'isvc.annotate', argument: '<key>=<value> | <key>-', summary: 'Set or remove an annotation on the InferenceService.' },
  { word: 'hpa-delete', type: 'hpa.delete', argument: '<name>', summary: 'You delete an HPA (kubectl delete hpa).' },
  { word: 'hpa-remove-finalizer', type: 'hpa.removeFinalizer', argument: '<name>/<finalizer>', summary: 'You remove one finalizer from an HPA.' },
  { word: 'isvc-delete', type: 'isvc.delete', argument: null, summary: 'You delete the InferenceService.' },
  { word: 'apply', type: 'object.apply', argument: '<object>', summary: 'Apply an InferenceService or HPA (YAML form only).' },
] as const satisfies readonly { word: string; type: EventType; argument: string | null; summary: string }[];

export type EventWord = (typeof EVENT_WORDS)[number]['word'];

export type ParsedWord = { ok: true; event: ControllerEvent } | { ok: false; message: string };

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const MAX_REPLICAS = 100_000;

export function isDnsName(text: string): boolean {
  return DNS_NAME.test(text);
}

export function isAnnotationKey(text: string): boolean {
  return ANNOTATION_KEY.test(text);
}

const known = (): string => EVENT_WORDS.map((e) => (e.argument && e.word !== 'apply' ? `${e.word}:${e.argument}` : e.word)).join(', ');

/** Parses one event word such as `hpa-scaled:3`. `apply` needs an object and is not a word. */
export function parseEventWord(text: string): ParsedWord {
  // Trim around the word, but keep an annotation value exactly as given (trailing spaces are legal).
  const start = text.replace(/^\s+/, '');
  const colon = start.indexOf(':');
  const word = (colon === -1 ? start : start.slice(0, colon)).trimEnd();
  const rawArg = colon === -1 ? null : start.slice(colon + 1);
  const arg = rawArg === null ? null : word === 'isvc-annotate' ? rawArg : rawArg.trim();
  const simple: Record<string, ControllerEvent> = {
    'pod-created': { type: 'pod.created' },
    'pod-deleted': { type: 'pod.deleted' },
    resync: { type: 'resync' },
    'controller-restarted': { type: 'controller.restarted' },
    'isvc-delete': { type: 'isvc.delete' },
  };
  const plain = simple[word];
  if (plain && Object.hasOwn(simple, word)) {
    return arg === null ? { ok: true, event: plain } : { ok: false, message: `event "${word}" takes no argument` };
  }
  switch (word) {
    case 'hpa-scaled': {
      if (arg === null || !/^\d{1,6}$/.test(arg) || Number(arg) > MAX_REPLICAS) {
        return { ok: false, message: `hpa-scaled needs a replica count from 0 to ${MAX_REPLICAS}, as in hpa-scaled:3` };
      }
      return { ok: true, event: { type: 'hpa.scaled', replicas: Number(arg) } };
    }
    case 'isvc-annotate': {
      if (arg === null) return { ok: false, message: 'isvc-annotate needs <key>=<value> or <key>-' };
      const eq = arg.indexOf('=');
      const key = eq === -1 ? (arg.endsWith('-') ? arg.slice(0, -1) : arg) : arg.slice(0, eq);
      if (!isAnnotationKey(key)) return { ok: false, message: `"${key}" is not a valid annotation key` };
      if (eq === -1) {
        if (!arg.endsWith('-')) return { ok: false, message: 'isvc-annotate needs <key>=<value> or <key>- (to remove)' };
        return { ok: true, event: { type: 'isvc.annotate', key, value: null } };
      }
      return { ok: true, event: { type: 'isvc.annotate', key, value: arg.slice(eq + 1) } };
    }
    case 'hpa-delete': {
      if (arg === null || !isDnsName(arg)) return { ok: false, message: 'hpa-delete needs an HPA name, as in hpa-delete:my-hpa' };
      return { ok: true, event: { type: 'hpa.delete', name: arg } };
    }
    case 'hpa-remove-finalizer': {
      const slash = arg === null ? -1 : arg.indexOf('/');
      const name = arg === null ? '' : arg.slice(0, slash);
      const finalizer = arg === null ? '' : arg.slice(slash + 1);
      if (slash <= 0 || !isDnsName(name) || finalizer.length === 0 || finalizer.length > 317 || /\s/.test(finalizer)) {
        return { ok: false, message: 'hpa-remove-finalizer needs <name>/<finalizer>, as in hpa-remove-finalizer:my-hpa/kserve.io/protect' };
      }
      return { ok: true, event: { type: 'hpa.removeFinalizer', name, finalizer } };
    }
    case 'apply':
      return { ok: false, message: 'apply takes an object: write it in the YAML form `- apply: {kind: …}`' };
    default:
      return { ok: false, message: `unknown event "${word}"; known: ${known()}` };
  }
}

/** The event as words; `apply` shows the kind and name it applies. */
export function formatEvent(event: ControllerEvent): string {
  switch (event.type) {
    case 'object.apply': return `apply ${event.object.kind}/${event.object.metadata.name}`;
    case 'pod.created': return 'pod-created';
    case 'pod.deleted': return 'pod-deleted';
    case 'hpa.scaled': return `hpa-scaled:${event.replicas}`;
    case 'resync': return 'resync';
    case 'controller.restarted': return 'controller-restarted';
    case 'isvc.annotate': return event.value === null ? `isvc-annotate:${event.key}-` : `isvc-annotate:${event.key}=${event.value}`;
    case 'hpa.delete': return `hpa-delete:${event.name}`;
    case 'hpa.removeFinalizer': return `hpa-remove-finalizer:${event.name}/${event.finalizer}`;
    case 'isvc.delete': return 'isvc-delete';
  }
}
