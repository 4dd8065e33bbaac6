/**
 * Safe sharing: a scenario reduced to the fields the model reads, optionally with neutral names,
 * and proven to decide exactly what the original decides. What stays: per InferenceService its
 * name, namespace, the annotations KServe's HPA path reads, finalizers, ownerReferences and per
 * component the replica and autoscaling fields (and v0.20's predictor name); per HPA its name,
 * namespace, finalizers, ownerReferences, the annotations the decision reads, and its spec (other
 * than Resource metrics reduced to their type); the Scenario document's settings and events.
 * Everything else — status, managedFields, labels, images, storage, env, comments, annotations
 * the model does not read — goes. Values the model reads become canonical ones of the same
 * meaning (redact-values.ts), so no text of the input survives but names. UIDs become neutral
 * ones; with `rename`, namespaces, names, owners, targets, predictor names and non-KServe
 * finalizers do too, keeping every relationship (an HPA named like a component stays named like
 * that component).
 */
import { keyOf, type ComponentSpec, type Hpa, type InferenceService, type Json, type KubeObject, type ObjectMeta, type OwnerReference } from './k8s/types.ts';
import { msg, type Message } from './i18n/message.ts';
import { componentName } from './kserve/component-meta.ts';
import { ANNOTATION, ISVC_FINALIZER } from './kserve/constants.ts';
import { isTargeted, type ControllerEvent, type IsvcTarget } from './machine/events.ts';
import { runScenario, type RunResult } from './run.ts';
import { printYaml, scenarioDocumentText } from './scenario/edit.ts';
import { parseScenario, type ScenarioSource } from './scenario/parse.ts';
import type { Scenario } from './scenario/scenario.ts';
import { LIMITS, loadYaml, type InputError } from './scenario/source.ts';
import { isRecord } from './scenario/validate.ts';
import { PROTECT_FINALIZER } from './explore/changes.ts';
import { kedaHpaName } from './keda/operator.ts';
import { makeCanon, type Canon } from './redact-values.ts';

/** Annotations some modelled release reads: on an InferenceService or component, and on an HPA. */
const READ_ON_ISVC = new Set<string>(Object.values(ANNOTATION));
const READ_ON_HPA = new Set<string>([ANNOTATION.autoscalerClass, ANNOTATION.stop, 'validations.keda.sh/hpa-ownership']);
const READ_ON_SCALED_OBJECT = new Set<string>(['scaledobject.keda.sh/transfer-hpa-ownership']);
const KEPT_FINALIZERS = new Set([ISVC_FINALIZER, PROTECT_FINALIZER]);

export interface RedactOptions {
  rename?: boolean;
  /** Releases to verify against; default the scenario's. */
  versions?: readonly string[];
}

export interface RemovedField {
  /** `Kind namespace/name` as the input has it. */
  object: string;
  /** Dotted path of the dropped field (a whole subtree). */
  path: string;
}

export interface Rename {
  what: 'namespace' | 'InferenceService' | 'HPA' | 'Deployment' | 'owner' | 'predictor name' | 'finalizer' | 'annotation' | 'value' | 'field';
  from: string;
  to: string;
}

export type RedactResult =
  | { ok: true; text: string; scenario: Scenario; removed: RemovedField[]; renames: Rename[] }
  | { ok: false; reason: 'input'; errors: InputError[] }
  | { ok: false; reason: 'differs'; release: string; step: number; detail: Message };

/** Consistent replacements: the same input always gets the same neutral name. */
function namer(prefix: string, what: Rename['what'], renames: Rename[]) {
  const seen = new Map<string, string>();
  return (value: string): string => {
    let out = seen.get(value);
    if (out === undefined) {
      out = `${prefix}${seen.size + 1}`;
      seen.set(value, out);
      renames.push({ what, from: value, to: out });
    }
    return out;
  };
}

function pick<T extends Record<string, unknown>>(record: T | undefined, keep: (key: string) => boolean): T | undefined {
  if (!record) return undefined;
  const out = Object.fromEntries(Object.entries(record).filter(([k]) => keep(k)));
  return Object.keys(out).length > 0 ? out as T : undefined;
}

const defined = <T extends Record<string, unknown>>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

interface Names {
  namespace: (ns: string) => string;
  isvc: (ns: string, name: string) => string;
  predictorName: (name: string) => string;
  hpa: (ns: string, name: string) => string;
  deployment: (ns: string, name: string) => string;
  owner: (kind: string, ns: string, name: string) => string;
  /** Neutral uid, or undefined to leave uids to the parser's stand-ins (which follow the names). */
  uid: (uid: string) => string | undefined;
  finalizer: (name: string) => string;
  /** Values the model reads, as canonical values of the same meaning. */
  canon: Canon;
  /** A storage URI's stand-in, or undefined to drop it: only a predictor rename (v0.20) reads it. */
  storageUri: (uri: string) => string | undefined;
}

/** Whether the scenario can rename a predictor (spec.predictor.name anywhere, or isvc-set of a name or URI). */
function readsStorageUris(scenario: Scenario): boolean {
  const objects = [...scenario.objects.map((o) => o.object), ...scenario.events.flatMap((e) => (e.event.type === 'object.apply' ? [e.event.object] : []))];
  return objects.some((o) => o.kind === 'InferenceService' && o.spec.predictor?.name !== undefined)
    || scenario.events.some((e) => e.event.type === 'isvc.set' && e.event.settings.some((set) => set.field === 'name' || set.field === 'storageUri'));
}

function makeNames(scenario: Scenario, rename: boolean, renames: Rename[], keepUids: boolean): Names {
  const neutralUid = namer('uid-', 'owner', []);
  const uid = (value: string): string | undefined => (keepUids ? neutralUid(value) : undefined);
  const canon = makeCanon((what, from, to) => renames.push({ what, from, to }));
  const keepUris = readsStorageUris(scenario);
  const storageUri = (uri: string): string | undefined => (keepUris ? canon.value(uri) : undefined);
  if (!rename) {
    return { namespace: (n) => n, isvc: (_, n) => n, predictorName: (n) => n, hpa: (_, n) => n, deployment: (_, n) => n, owner: (_, __, n) => n, uid, finalizer: (f) => f, canon, storageUri };
  }
  const namespace = namer('ns-', 'namespace', renames);
  const isvcName = namer('model-', 'InferenceService', renames);
  const predictorName = namer('v', 'predictor name', renames);
  const hpaName = namer('hpa-', 'HPA', renames);
  const deploymentName = namer('deployment-', 'Deployment', renames);
  const ownerName = namer('owner-', 'owner', renames);
  const finalizerName = namer('example.com/finalizer-', 'finalizer', renames);
  const all = [...scenario.objects.map((o) => o.object), ...scenario.events.flatMap((e) => (e.event.type === 'object.apply' ? [e.event.object] : []))];
  const isvcs = all.filter((o): o is InferenceService => o.kind === 'InferenceService');
  // Predictor names an isvc-set event gives (v0.20 renames), as the objects' own names are.
  const setNames = scenario.events.flatMap((e) => (e.event.type === 'isvc.set' ? e.event.settings.flatMap((set) => (set.field === 'name' && typeof set.value === 'string' ? [set.value] : [])) : []));
  // Names KServe derives from an InferenceService keep that derivation under the new names.
  const componentMap = (ns: string, name: string): string | null => {
    for (const isvc of isvcs.filter((i) => i.metadata.namespace === ns)) {
      const oldIsvc = isvc.metadata.name;
      const newIsvc = isvcName(`${ns}/${oldIsvc}`);
      for (const component of ['predictor', 'transformer', 'explainer'] as const) {
        if (componentName(oldIsvc, component) === name) return componentName(newIsvc, component);
      }
      // v0.20: the predictor's name and each canary's name the predictor's Deployment and HPA.
      for (const named of [isvc.spec.predictor?.name, ...(isvc.spec.canary ?? []).map((c) => c.predictor.name), ...setNames]) {
        if (named && componentName(oldIsvc, 'predictor', named) === name) return componentName(newIsvc, 'predictor', predictorName(named));
      }
    }
    return null;
  };
  return {
    namespace,
    isvc: (ns, name) => isvcName(`${ns}/${name}`),
    predictorName,
    hpa: (ns, name) => componentMap(ns, name) ?? hpaName(`${ns}/${name}`),
    deployment: (ns, name) => componentMap(ns, name) ?? deploymentName(`${ns}/${name}`),
    owner: (kind, ns, name) => (kind === 'InferenceService' ? isvcName(`${ns}/${name}`) : ownerName(`${kind}/${ns}/${name}`)),
    uid,
    finalizer: (f) => (KEPT_FINALIZERS.has(f) ? f : finalizerName(f)),
    storageUri,
    canon,
  };
}

/** The annotations the model reads, each value canonical. */
function readAnnotations(annotations: Record<string, string> | undefined, read: ReadonlySet<string>, canon: Canon): Record<string, string> | undefined {
  const kept = pick(annotations, (k) => read.has(k));
  return kept && Object.fromEntries(Object.entries(kept).map(([k, v]) => [k, canon.value(v)]));
}

function redactMeta(meta: ObjectMeta, names: Names, name: string, read: ReadonlySet<string>): Record<string, unknown> {
  const ns = meta.namespace;
  return defined({
    name,
    namespace: names.namespace(ns),
    uid: names.uid(meta.uid),
    annotations: readAnnotations(meta.annotations, read, names.canon),
    finalizers: meta.finalizers?.map(names.finalizer),
    ownerReferences: meta.ownerReferences?.map((ref: OwnerReference) => defined({
      apiVersion: names.canon.apiVersion(ref.apiVersion),
      kind: names.canon.value(ref.kind),
      name: names.owner(ref.kind, ns, ref.name),
      uid: names.uid(ref.uid),
      controller: ref.controller,
      blockOwnerDeletion: ref.blockOwnerDeletion,
    })),
  });
}

/**
 * An autoScaling metric as KServe's builder reads it (desired-hpa.ts metricsB): a cpu or memory
 * resource and its target's type and value; the builder skips every other entry, so they go.
 */
function redactScalingMetric(metric: Json, canon: Canon): Json[] {
  const resource = isRecord(metric) && isRecord(metric.resource) ? metric.resource : null;
  if (!resource || (resource.name !== 'cpu' && resource.name !== 'memory')) return [];
  const target = isRecord(resource.target) ? resource.target : {};
  const [type, key] = resource.name === 'memory' && target.type === 'AverageValue' ? ['AverageValue', 'averageValue'] : ['Utilization', 'averageUtilization'];
  const given = target[key];
  // cpu reads only a number (else 80); memory takes the value as it is.
  const keep = given !== undefined && (resource.name === 'memory' || typeof given === 'number');
  const kept: { [key: string]: Json } = keep ? { type, [key]: canon.json(given) } : { type };
  return [{ type: 'Resource', resource: { name: resource.name, target: kept } }];
}

function redactComponent(spec: ComponentSpec, names: Names): Record<string, unknown> {
  const metrics = spec.autoScaling?.metrics?.flatMap((m) => redactScalingMetric(m, names.canon));
  return defined({
    name: spec.name === undefined ? undefined : names.predictorName(spec.name),
    // v0.20 compares the storage URI on a rename: a stand-in keeps equal URIs equal.
    model: spec.storageUri === undefined || names.storageUri(spec.storageUri) === undefined ? undefined : { storageUri: names.storageUri(spec.storageUri)! },
    minReplicas: spec.minReplicas ?? undefined,
    maxReplicas: spec.maxReplicas ?? undefined,
    scaleTarget: spec.scaleTarget ?? undefined,
    scaleMetric: spec.scaleMetric == null ? undefined : names.canon.value(spec.scaleMetric),
    autoScaling: spec.autoScaling ? defined({ metrics }) : undefined,
    annotations: readAnnotations(spec.annotations, READ_ON_ISVC, names.canon),
  });
}

/**
 * An HPA's metric only matters for equalling one KServe builds, which is always a Resource metric:
 * those keep their shape (so equal stays equal), others keep only their type.
 */
function redactMetric(metric: Json, canon: Canon): Json {
  if (isRecord(metric) && metric.type === 'Resource') return canon.json(metric);
  return isRecord(metric) && typeof metric.type === 'string' ? { type: canon.value(metric.type) } : {};
}

export function redactObject(object: KubeObject, names: Names): Record<string, unknown> {
  const ns = object.metadata.namespace;
  if (object.kind === 'InferenceService') {
    const spec: Record<string, unknown> = {};
    for (const component of ['predictor', 'transformer', 'explainer'] as const) {
      const given = object.spec[component];
      if (given) spec[component] = redactComponent(given, names);
    }
    if (object.spec.canary) spec.canary = object.spec.canary.map((c) => ({ predictor: redactComponent(c.predictor, names), trafficPercent: c.trafficPercent }));
    return { apiVersion: names.canon.apiVersion(object.apiVersion), kind: object.kind, metadata: redactMeta(object.metadata, names, names.isvc(ns, object.metadata.name), READ_ON_ISVC), spec };
  }
  if (object.kind === 'ScaledObject') {
    const target = object.spec.scaleTargetRef;
    // KEDA's HPA is named after the ScaledObject unless told otherwise; the renamed one names it outright,
    // so it maps as the HPA's own name does (the verification compares HPAs by their renamed names).
    const hpaName = kedaHpaName(object);
    const targetKind = target.kind || 'Deployment';
    return {
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: redactMeta(object.metadata, names, names.hpa(ns, object.metadata.name), READ_ON_SCALED_OBJECT),
      spec: defined({
        scaleTargetRef: defined({ kind: target.kind, name: targetKind === 'Deployment' ? names.deployment(ns, target.name) : names.owner(targetKind, ns, target.name) }),
        minReplicaCount: object.spec.minReplicaCount,
        maxReplicaCount: object.spec.maxReplicaCount,
        advanced: { horizontalPodAutoscalerConfig: { name: names.hpa(ns, hpaName) } },
        // Only their number reaches a decision (KEDA's CRD requires one).
        triggers: object.spec.triggers.map(() => ({ type: 'redacted' })),
      }),
    };
  }
  const hpa: Hpa = object;
  const target = hpa.spec.scaleTargetRef;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: redactMeta(hpa.metadata, names, names.hpa(ns, hpa.metadata.name), READ_ON_HPA),
    spec: defined({
      scaleTargetRef: defined({ apiVersion: target.apiVersion === undefined ? undefined : names.canon.apiVersion(target.apiVersion), kind: names.canon.value(target.kind), name: target.kind === 'Deployment' ? names.deployment(ns, target.name) : names.owner(target.kind, ns, target.name) }),
      minReplicas: hpa.spec.minReplicas,
      maxReplicas: hpa.spec.maxReplicas,
      metrics: hpa.spec.metrics?.map((m) => redactMetric(m, names.canon)),
      behavior: hpa.spec.behavior === undefined ? undefined : names.canon.json(hpa.spec.behavior),
    }),
  };
}

interface EventContext {
  names: Names;
  /** Neutral names for annotation keys the model does not read (their values could be anything). */
  neutral: (key: string) => string;
  /** Where a name without a namespace lives (the parser made sure it is unique). */
  isvcNamespace: ReadonlyMap<string, string>;
  hpaNamespace: ReadonlyMap<string, string>;
}

function redactEvent(event: ControllerEvent, context: EventContext): ControllerEvent {
  const { names } = context;
  const target = (t: IsvcTarget | null): IsvcTarget | null => {
    if (t === null) return null;
    const ns = t.namespace ?? context.isvcNamespace.get(t.name) ?? 'default';
    return { namespace: t.namespace === null ? null : names.namespace(ns), name: names.isvc(ns, t.name) };
  };
  let next: ControllerEvent = event;
  if (event.type === 'object.apply') next = { ...event, object: redactObject(event.object, names) as unknown as KubeObject };
  if (event.type === 'isvc.annotate' && !READ_ON_ISVC.has(event.key)) {
    const key = context.neutral(event.key);
    next = { ...event, key, value: event.value === null ? null : `value-${key.slice(key.lastIndexOf('-') + 1)}` };
  } else if (event.type === 'isvc.annotate' && event.value !== null) next = { ...event, value: names.canon.value(event.value) };
  if (event.type === 'isvc.set') {
    next = { ...event, settings: event.settings.map((setting) => typeof setting.value !== 'string' ? setting
      : { ...setting, value: setting.field === 'name' ? names.predictorName(setting.value) : setting.field === 'storageUri' ? names.storageUri(setting.value) ?? names.canon.value(setting.value) : names.canon.value(setting.value) }) };
  }
  if (event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer') {
    const ns = event.hpa.namespace ?? context.hpaNamespace.get(event.hpa.name) ?? 'default';
    const hpa = { namespace: event.hpa.namespace === null ? null : names.namespace(ns), name: names.hpa(ns, event.hpa.name) };
    next = event.type === 'hpa.delete' ? { ...event, hpa } : { ...event, hpa, finalizer: names.finalizer(event.finalizer) };
  }
  return isTargeted(next) ? { ...next, isvc: target(next.isvc) } as ControllerEvent : next;
}

/** The redacted scenario as text: one YAML stream of objects, with the Scenario document last. */
function redactedText(scenario: Scenario, names: Names, renames: Rename[]): string {
  const all = [...scenario.objects.map((o) => o.object), ...scenario.events.flatMap((e) => (e.event.type === 'object.apply' ? [e.event.object] : []))];
  const context: EventContext = {
    names,
    neutral: namer('example.com/annotation-', 'annotation', renames),
    isvcNamespace: new Map(all.filter((o) => o.kind === 'InferenceService').map((o) => [o.metadata.name, o.metadata.namespace])),
    hpaNamespace: new Map(all.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => [o.metadata.name, o.metadata.namespace])),
  };
  const objects = scenario.objects.map(({ object }) => redactObject(object, names));
  // A namespace dump stays one List, as kubectl printed it (and within the parser's document limit).
  const docs = objects.length > 50
    ? [printYaml({ apiVersion: 'v1', kind: 'List', items: objects })]
    : objects.map(printYaml);
  const settings = { ...scenario.settings, name: null, title: null, description: null, i18n: {} };
  const events = scenario.events.map((e) => ({ event: redactEvent(e.event, context), position: null }));
  docs.push(scenarioDocumentText(settings, events));
  return docs.map((d) => d.trimEnd()).join('\n---\n').concat('\n');
}

/** Paths present in a raw document and absent from its redacted form, folded to whole subtrees. */
function droppedPaths(raw: unknown, kept: unknown, prefix = '', depth = 0): string[] {
  if (!isRecord(raw)) return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const segment = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `["${key}"]`;
    const path = prefix ? (segment.startsWith('[') ? `${prefix}${segment}` : `${prefix}.${segment}`) : segment;
    const mine = isRecord(kept) ? kept[key] : undefined;
    if (mine === undefined) out.push(path);
    else if (depth < 3 && isRecord(value)) out.push(...droppedPaths(value, mine, path, depth + 1));
  }
  return out;
}

function removedFields(sources: readonly ScenarioSource[], scenario: Scenario, names: Names): RemovedField[] {
  const removed: RemovedField[] = [];
  const byKey = new Map(scenario.objects.map(({ object }) => [`${object.kind}/${keyOf(object.metadata)}`, object]));
  for (const source of sources) {
    const loaded = loadYaml(source.name, source.text, LIMITS.repositoryDocuments);
    if (!loaded.ok) continue;
    for (const doc of loaded.documents) {
      const value = doc.value;
      const items = isRecord(value) && value.kind === 'List' && Array.isArray(value.items) ? value.items : [value];
      for (const item of items) {
        if (!isRecord(item) || !isRecord(item.metadata) || typeof item.kind !== 'string') continue;
        const ns = typeof item.metadata.namespace === 'string' ? item.metadata.namespace : 'default';
        const object = byKey.get(`${item.kind}/${ns}/${String(item.metadata.name)}`);
        if (!object) continue;
        const kept = redactObject(object, { ...names, namespace: () => ns, isvc: (_, n) => n, hpa: (_, n) => n, deployment: (_, n) => n });
        for (const path of droppedPaths(item, kept)) removed.push({ object: `${item.kind} ${ns}/${String(item.metadata.name)}`, path });
      }
    }
  }
  return removed;
}

/** Compares two runs step by step, translating the original's names; the first difference or null. */
function firstDifference(original: RunResult, redacted: RunResult, names: Names): { release: string; step: number; detail: Message } | null {
  const isvcKey = (key: string) => {
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    return `${names.namespace(ns)}/${names.isvc(ns, name)}`;
  };
  const hpaKey = (ns: string, name: string) => `${names.namespace(ns)}/${names.hpa(ns, name)}`;
  for (let v = 0; v < original.versions.length; v += 1) {
    const a = original.versions[v]!;
    const b = redacted.versions[v]!;
    for (let s = 0; s < a.steps.length; s += 1) {
      const x = a.steps[s]!;
      const y = b.steps[s];
      const sig = (step: typeof x, mapped: boolean) => JSON.stringify([
        step.admission?.allowed ?? null,
        step.decisions.map((d) => [mapped ? isvcKey(d.isvc) : d.isvc, d.component, d.result, d.call?.verb ?? null, d.call?.outcome ?? null]),
        step.hpas.map((h) => [mapped ? hpaKey(h.namespace, h.name) : `${h.namespace}/${h.name}`, h.terminating, h.ownedByInferenceService]).sort(),
        step.deployments.map((d) => [mapped ? hpaKey(d.namespace, d.name) : `${d.namespace}/${d.name}`, d.replicas]).sort(),
      ]);
      if (!y || sig(x, true) !== sig(y, false)) return { release: a.tag, step: s + 1, detail: msg('redact.stepDiffers', { event: x.event }) };
    }
    const verdicts = (list: typeof a.verdicts, mapped: boolean) => JSON.stringify(list.map((d) => [mapped ? hpaKey(d.namespace, d.hpa) : `${d.namespace}/${d.hpa}`, d.fate, d.history]).sort());
    if (verdicts(a.verdicts, true) !== verdicts(b.verdicts, false)) return { release: a.tag, step: a.steps.length, detail: msg('redact.verdictDiffers') };
  }
  return null;
}

export function redactSources(sources: readonly ScenarioSource[], options: RedactOptions = {}): RedactResult {
  // Kinds the model does not read are left out of the redacted text, as every field it does not read.
  const parsed = parseScenario(sources, { skipUnknownKinds: true });
  if (!parsed.ok) return { ok: false, reason: 'input', errors: parsed.errors };
  const scenario = parsed.scenario;
  const versions = options.versions ?? scenario.settings.versions;
  const original = runScenario(scenario, { versions });
  // Without uids first (the parser's stand-ins follow the names); with neutral ones if an owner's uid matters.
  let outcome: RedactResult | null = null;
  for (const keepUids of [false, true]) {
    const renames: Rename[] = [];
    const names = makeNames(scenario, options.rename ?? false, renames, keepUids);
    const text = redactedText(scenario, names, renames);
    const again = parseScenario([{ name: 'redacted.yaml', text }]);
    if (!again.ok) {
      outcome = { ok: false, reason: 'differs', release: versions[0] ?? '', step: 0, detail: msg('redact.doesNotParse', { error: again.errors[0]?.message ?? '' }) };
      continue;
    }
    const difference = firstDifference(original, runScenario(again.scenario, { versions }), names);
    if (!difference) return { ok: true, text, scenario: again.scenario, removed: removedFields(sources, scenario, names), renames };
    outcome = { ok: false, reason: 'differs', ...difference };
  }
  return outcome!;
}
