/**
 * The events a scenario can send, as machine events (dot-namespaced) and as the kubectl-like
 * words people type (`pod-created`, `hpa-scaled:3@ml/model-a`, …). `parseEventWord` and
 * `formatEvent` are inverses; the YAML parser, the CLI and the playground all go through them.
 *
 * Events about one InferenceService take an optional target `@<name>` or `@<namespace>/<name>`
 * (the last `@` followed by a valid name counts, so an annotation value may contain `@`).
 * Without one they mean the scenario's only InferenceService; the parser refuses them when there
 * are several. HPA events name the HPA as `<name>` or `<namespace>/<name>`.
 */
import { COMPONENTS, type ComponentName, type KubeObject } from '../k8s/types.ts';
import { msg, type Message, type MessageId, type MessageParam } from '../i18n/message.ts';

/** An InferenceService as an event names it: namespace null = whichever namespace holds that name. */
export interface IsvcTarget {
  namespace: string | null;
  name: string;
}

/** An HPA as an event names it. */
export type HpaTarget = IsvcTarget;

export type ControllerEvent =
  | { type: 'object.apply'; object: KubeObject }
  | { type: 'pod.created'; isvc: IsvcTarget | null }
  | { type: 'pod.deleted'; isvc: IsvcTarget | null }
  | { type: 'hpa.scaled'; replicas: number; isvc: IsvcTarget | null }
  | { type: 'resync' }
  | { type: 'controller.restarted' }
  | { type: 'controller.upgraded'; tag: string | null }
  | { type: 'gitops.sync' }
  | { type: 'isvc.annotate'; key: string; value: string | null; isvc: IsvcTarget | null }
  | { type: 'isvc.set'; settings: SpecSetting[]; isvc: IsvcTarget | null }
  | { type: 'hpa.delete'; hpa: HpaTarget }
  | { type: 'hpa.removeFinalizer'; hpa: HpaTarget; finalizer: string }
  | { type: 'isvc.delete'; isvc: IsvcTarget | null };

export type EventType = ControllerEvent['type'];

/**
 * The component fields `isvc-set` changes: the ones KServe's webhooks and reconcilers compare
 * (the model's storage URI, the replica bounds, the scale metric and target, v0.20's predictor name).
 */
export const SPEC_FIELDS = ['storageUri', 'minReplicas', 'maxReplicas', 'scaleMetric', 'scaleTarget', 'name'] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];
/** One field of one component, set to a value or (null) removed. */
export interface SpecSetting {
  component: ComponentName;
  field: SpecField;
  value: string | number | null;
}
const NUMBER_FIELDS: ReadonlySet<SpecField> = new Set(['minReplicas', 'maxReplicas', 'scaleTarget']);
/** The CRD's enum for scaleMetric, which the API server checks before any webhook. */
export const SCALE_METRICS = ['cpu', 'memory', 'concurrency', 'rps'] as const;

/** The events that concern one InferenceService and so may name it. */
export type TargetedEvent = Extract<ControllerEvent, { isvc: IsvcTarget | null }>;

export function isTargeted(event: ControllerEvent): event is TargetedEvent {
  return 'isvc' in event;
}

/** Every event word, with the argument it takes; the playground builds its controls from this. */
export const EVENT_WORDS = [
  { word: 'pod-created', type: 'pod.created', argument: null, targeted: true, summary: 'event.podCreated' },
  { word: 'pod-deleted', type: 'pod.deleted', argument: null, targeted: true, summary: 'event.podDeleted' },
  { word: 'hpa-scaled', type: 'hpa.scaled', argument: '<replicas>', targeted: true, summary: 'event.hpaScaled' },
  { word: 'resync', type: 'resync', argument: null, targeted: false, summary: 'event.resync' },
  { word: 'controller-restarted', type: 'controller.restarted', argument: null, targeted: false, summary: 'event.controllerRestarted' },
  { word: 'controller-upgraded', type: 'controller.upgraded', argument: '[<tag>]', targeted: false, summary: 'event.controllerUpgraded' },
  { word: 'gitops-sync', type: 'gitops.sync', argument: null, targeted: false, summary: 'event.gitopsSync' },
  { word: 'isvc-annotate', type: 'isvc.annotate', argument: '<key>=<value> | <key>-', targeted: true, summary: 'event.isvcAnnotate' },
  { word: 'isvc-set', type: 'isvc.set', argument: '[<component>.]<field>=<value>|[<component>.]<field>-[,…]', targeted: true, summary: 'event.isvcSet' },
  { word: 'hpa-delete', type: 'hpa.delete', argument: '[<namespace>/]<name>', targeted: false, summary: 'event.hpaDelete' },
  { word: 'hpa-remove-finalizer', type: 'hpa.removeFinalizer', argument: '[<namespace>/]<name>/<finalizer>', targeted: false, summary: 'event.hpaRemoveFinalizer' },
  { word: 'isvc-delete', type: 'isvc.delete', argument: null, targeted: true, summary: 'event.isvcDelete' },
  { word: 'apply', type: 'object.apply', argument: '<object>', targeted: false, summary: 'event.apply' },
] as const satisfies readonly { word: string; type: EventType; argument: string | null; targeted: boolean; summary: MessageId }[];

export type ParsedWord = { ok: true; event: ControllerEvent } | { ok: false; message: Message };

const DNS_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const MAX_REPLICAS = 100_000;

export function isDnsName(text: string): boolean {
  return DNS_NAME.test(text);
}

/** Namespaces are DNS labels: no dots. */
export function isNamespaceName(text: string): boolean {
  return DNS_LABEL.test(text);
}

export function isAnnotationKey(text: string): boolean {
  return ANNOTATION_KEY.test(text);
}

/** `<name>` or `<namespace>/<name>`; null when it is neither. */
export function parseTarget(text: string): IsvcTarget | null {
  const slash = text.indexOf('/');
  if (slash === -1) return isDnsName(text) ? { namespace: null, name: text } : null;
  const namespace = text.slice(0, slash);
  const name = text.slice(slash + 1);
  return isNamespaceName(namespace) && isDnsName(name) ? { namespace, name } : null;
}

export function formatTarget(target: IsvcTarget): string {
  return target.namespace === null ? target.name : `${target.namespace}/${target.name}`;
}

const known = (): string => EVENT_WORDS.filter((e) => e.word !== 'apply').map((e) => (e.argument ? `${e.word}:${e.argument}` : e.word)).join(', ');

/** Splits a trailing `@<target>` off a word: the last `@` whose remainder is a valid target. */
function splitTarget(text: string): { body: string; target: IsvcTarget | null; rawTarget: string | null } {
  const at = text.lastIndexOf('@');
  if (at === -1) return { body: text, target: null, rawTarget: null };
  const target = parseTarget(text.slice(at + 1).trim());
  return target ? { body: text.slice(0, at), target, rawTarget: text.slice(at + 1) } : { body: text, target: null, rawTarget: null };
}

/**
 * `<name>/<finalizer>` or `<namespace>/<name>/<finalizer>`, where a finalizer may carry one
 * `prefix/`. Three parts are read as name/prefix/finalizer when the middle part looks like a
 * domain (has a dot, as `kserve.io` does), else as namespace/name/finalizer.
 */
function parseFinalizerTarget(arg: string): { hpa: HpaTarget; finalizer: string } | null {
  const parts = arg.split('/');
  let namespace: string | null = null;
  let name: string;
  let finalizer: string;
  if (parts.length === 2) [name, finalizer] = parts as [string, string];
  else if (parts.length === 4) {
    [namespace, name] = parts as [string, string];
    finalizer = `${parts[2]}/${parts[3]}`;
  } else if (parts.length === 3) {
    const [first, second, third] = parts as [string, string, string];
    if (second.includes('.')) {
      name = first;
      finalizer = `${second}/${third}`;
    } else [namespace, name, finalizer] = [first, second, third];
  } else return null;
  if (namespace !== null && !isNamespaceName(namespace)) return null;
  if (!isDnsName(name) || finalizer.length === 0 || finalizer.length > 317 || /\s/.test(finalizer) || finalizer.split('/').some((p) => p.length === 0)) return null;
  return { hpa: { namespace, name }, finalizer };
}

/** Parses one event word such as `hpa-scaled:3` or `pod-created@ml/model-a`. `apply` needs an object and is not a word. */
export function parseEventWord(text: string): ParsedWord {
  // Trim around the word, but keep an annotation value exactly as given (trailing spaces are legal).
  const start = text.replace(/^\s+/, '');
  const colon = start.indexOf(':');
  const head = colon === -1 ? start : start.slice(0, colon);
  const headSplit = splitTarget(head.trimEnd());
  const word = headSplit.body.trimEnd();
  const entry = EVENT_WORDS.find((e) => e.word === word);
  // A target written on the word itself (`pod-created@x`) or after the argument (`hpa-scaled:3@x`).
  const tail = colon === -1 ? null : splitTarget(start.slice(colon + 1));
  const target = headSplit.target ?? tail?.target ?? null;
  const rawArg = tail === null ? null : tail.body;
  const arg = rawArg === null ? null : word === 'isvc-annotate' ? rawArg : rawArg.trim();
  if (!entry || entry.word === 'apply') {
    if (word === 'apply') return { ok: false, message: msg('input.eventApply') };
    return { ok: false, message: msg('input.eventUnknown', { word, known: known() }) };
  }
  if (headSplit.target && tail?.target) {
    return { ok: false, message: msg('input.eventTwoTargets', { word }) };
  }
  if (target && !entry.targeted) {
    return { ok: false, message: msg('input.eventUntargeted', { word }) };
  }
  switch (entry.word) {
    case 'pod-created':
    case 'pod-deleted':
    case 'isvc-delete':
      if (arg !== null) return { ok: false, message: msg('input.eventNoArgumentTarget', { word }) };
      return { ok: true, event: { type: entry.type, isvc: target } };
    case 'resync':
    case 'controller-restarted':
    case 'gitops-sync':
      if (arg !== null) return { ok: false, message: msg('input.eventNoArgument', { word }) };
      return { ok: true, event: { type: entry.type } };
    case 'controller-upgraded':
      if (arg === null) return { ok: true, event: { type: 'controller.upgraded', tag: null } };
      if (!/^v?\d+\.\d+\.\d+(-rc\d+)?$/.test(arg)) return { ok: false, message: msg('input.eventUpgradeTag') };
      return { ok: true, event: { type: 'controller.upgraded', tag: arg.startsWith('v') ? arg : `v${arg}` } };
    case 'hpa-scaled': {
      if (arg === null || !/^\d{1,6}$/.test(arg) || Number(arg) > MAX_REPLICAS) {
        return { ok: false, message: msg('input.eventReplicas', { max: MAX_REPLICAS }) };
      }
      return { ok: true, event: { type: 'hpa.scaled', replicas: Number(arg), isvc: target } };
    }
    case 'isvc-annotate': {
      if (arg === null) return { ok: false, message: msg('input.eventAnnotate') };
      const eq = arg.indexOf('=');
      const key = eq === -1 ? (arg.endsWith('-') ? arg.slice(0, -1) : arg) : arg.slice(0, eq);
      if (!isAnnotationKey(key)) return { ok: false, message: msg('input.eventAnnotationKey', { key }) };
      if (eq === -1) {
        if (!arg.endsWith('-')) return { ok: false, message: msg('input.eventAnnotateRemove') };
        return { ok: true, event: { type: 'isvc.annotate', key, value: null, isvc: target } };
      }
      return { ok: true, event: { type: 'isvc.annotate', key, value: arg.slice(eq + 1), isvc: target } };
    }
    case 'isvc-set': {
      // Several settings in one event are one update: a v0.20 rename and its new model must come together.
      const settings: SpecSetting[] = [];
      for (const part of arg === null ? [''] : arg.split(',')) {
        const parsed = parseSpecSetting(part);
        if (parsed === null || 'message' in parsed) return { ok: false, message: parsed?.message ?? msg('input.eventSet', { fields: [...SPEC_FIELDS] }) };
        if (settings.some((done) => done.component === parsed.component && done.field === parsed.field)) return { ok: false, message: msg('input.eventSetTwice', { field: part.replace(/[=-].*$/, '') }) };
        settings.push(parsed);
      }
      return { ok: true, event: { type: 'isvc.set', settings, isvc: target } };
    }
    case 'hpa-delete': {
      const hpa = arg === null ? null : parseTarget(arg);
      if (!hpa) return { ok: false, message: msg('input.eventHpaDelete') };
      return { ok: true, event: { type: 'hpa.delete', hpa } };
    }
    case 'hpa-remove-finalizer': {
      const parsed = arg === null ? null : parseFinalizerTarget(arg);
      if (!parsed) return { ok: false, message: msg('input.eventRemoveFinalizer') };
      return { ok: true, event: { type: 'hpa.removeFinalizer', ...parsed } };
    }
  }
}

/** `[<component>.]<field>=<value>` or `[<component>.]<field>-` (unset); the component is the predictor unless named. */
function parseSpecSetting(arg: string): SpecSetting | { message: Message } | null {
  const eq = arg.indexOf('=');
  const path = eq === -1 ? (arg.endsWith('-') ? arg.slice(0, -1) : null) : arg.slice(0, eq);
  if (path === null) return null;
  const dot = path.indexOf('.');
  const component = dot === -1 ? 'predictor' : path.slice(0, dot);
  const field = dot === -1 ? path : path.slice(dot + 1);
  if (!(COMPONENTS as readonly string[]).includes(component) || !(SPEC_FIELDS as readonly string[]).includes(field)) return null;
  const known = { component: component as ComponentName, field: field as SpecField };
  if (known.field === 'name' && known.component !== 'predictor') return { message: msg('input.eventSetName') };
  if (eq === -1) return { ...known, value: null };
  const text = arg.slice(eq + 1);
  if (NUMBER_FIELDS.has(known.field)) {
    if (!/^\d{1,6}$/.test(text) || Number(text) > MAX_REPLICAS) return { message: msg('input.eventSetNumber', { field: path, max: MAX_REPLICAS }) };
    return { ...known, value: Number(text) };
  }
  if (known.field === 'scaleMetric' && !(SCALE_METRICS as readonly string[]).includes(text)) return { message: msg('input.eventSetMetric', { accepted: [...SCALE_METRICS] }) };
  if (known.field === 'name' && !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(text)) return { message: msg('input.predictorName') };
  if (known.field === 'storageUri' && (text.length === 0 || text.length > 2048 || /[\s@,]/.test(text))) return { message: msg('input.eventSetUri') };
  return { ...known, value: text };
}

/** A setting as the word writes it: the component is left out for the predictor. */
function formatSetting(setting: SpecSetting): string {
  const path = setting.component === 'predictor' ? setting.field : `${setting.component}.${setting.field}`;
  return setting.value === null ? `${path}-` : `${path}=${setting.value}`;
}

const suffix = (target: IsvcTarget | null): string => (target ? `@${formatTarget(target)}` : '');

/** The event as words; `apply` shows the kind and name it applies. */
export function formatEvent(event: ControllerEvent): string {
  switch (event.type) {
    case 'object.apply': return `apply ${event.object.kind}/${event.object.metadata.name}`;
    case 'pod.created': return `pod-created${suffix(event.isvc)}`;
    case 'pod.deleted': return `pod-deleted${suffix(event.isvc)}`;
    case 'hpa.scaled': return `hpa-scaled:${event.replicas}${suffix(event.isvc)}`;
    case 'resync': return 'resync';
    case 'controller.restarted': return 'controller-restarted';
    case 'controller.upgraded': return event.tag === null ? 'controller-upgraded' : `controller-upgraded:${event.tag}`;
    case 'gitops.sync': return 'gitops-sync';
    case 'isvc.annotate': return `${event.value === null ? `isvc-annotate:${event.key}-` : `isvc-annotate:${event.key}=${event.value}`}${suffix(event.isvc)}`;
    case 'isvc.set': return `isvc-set:${event.settings.map(formatSetting).join(',')}${suffix(event.isvc)}`;
    case 'hpa.delete': return `hpa-delete:${formatTarget(event.hpa)}`;
    case 'hpa.removeFinalizer': return `hpa-remove-finalizer:${formatTarget(event.hpa)}/${event.finalizer}`;
    case 'isvc.delete': return `isvc-delete${suffix(event.isvc)}`;
  }
}

/** The same event aimed at `target` (the explorer and the playground name targets explicitly). */
export function withTarget<E extends ControllerEvent>(event: E, target: IsvcTarget | null): E {
  return isTargeted(event) ? { ...event, isvc: target } : event;
}

/** The event in plain words ("a pod of ml/model-a is created"), for explanations; formatEvent gives the syntax. */
export function describeEvent(event: ControllerEvent): Message {
  const isvc = (target: IsvcTarget | null): MessageParam => (target ? formatTarget(target) : msg('phrase.theIsvc'));
  switch (event.type) {
    case 'object.apply': return msg('phrase.apply', { kind: event.object.kind, name: event.object.metadata.name });
    case 'pod.created': return msg('phrase.podCreated', { isvc: isvc(event.isvc) });
    case 'pod.deleted': return msg('phrase.podDeleted', { isvc: isvc(event.isvc) });
    case 'hpa.scaled': return msg('phrase.hpaScaled', { isvc: isvc(event.isvc), replicas: event.replicas });
    case 'resync': return msg('phrase.resync');
    case 'controller.restarted': return msg('phrase.restarted');
    case 'controller.upgraded': return event.tag === null ? msg('phrase.upgraded') : msg('phrase.upgradedTo', { tag: event.tag });
    case 'gitops.sync': return msg('phrase.gitopsSync');
    case 'isvc.annotate':
      if (event.key === 'serving.kserve.io/autoscalerClass' && event.value !== null) return msg('phrase.classSwitched', { isvc: isvc(event.isvc), class: event.value });
      return event.value === null ? msg('phrase.annotationRemoved', { isvc: isvc(event.isvc), key: event.key }) : msg('phrase.annotated', { isvc: isvc(event.isvc), key: event.key, value: event.value });
    case 'isvc.set': return msg('phrase.fieldsSet', { isvc: isvc(event.isvc), settings: event.settings.map((setting) => setting.value === null
      ? msg('phrase.fieldUnset', { component: setting.component, field: setting.field })
      : msg('phrase.fieldSet', { component: setting.component, field: setting.field, value: setting.value })) });
    case 'hpa.delete': return msg('phrase.hpaDelete', { hpa: formatTarget(event.hpa) });
    case 'hpa.removeFinalizer': return msg('phrase.finalizerRemoved', { hpa: formatTarget(event.hpa), finalizer: event.finalizer });
    case 'isvc.delete': return msg('phrase.isvcDelete', { isvc: isvc(event.isvc) });
  }
}

/** A sequence of events in plain words: "the class is switched to hpa, then a pod is created". */
export function describeEvents(events: readonly ControllerEvent[]): Message {
  const last = events[events.length - 1];
  if (last === undefined) return msg('phrase.nothing');
  if (events.length === 1) return describeEvent(last);
  return msg('phrase.then', { before: describeEvents(events.slice(0, -1)), after: describeEvent(last) });
}
