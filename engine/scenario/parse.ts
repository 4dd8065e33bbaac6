/**
 * YAML text → typed scenario. One or more files, each a YAML stream of Kubernetes objects and at
 * most one `hpa-lab/v1 Scenario` document across all files. Every problem comes back with its
 * file, line and column; nothing throws for bad input.
 */
import { msg, type Message } from '../i18n/message.ts';
import { keyOf, type KubeObject } from '../k8s/types.ts';
import { findRelease } from '../kserve/releases.ts';
import { formatEvent, formatTarget, isTargeted, parseEventWord, parseTarget, withTarget, type IsvcTarget } from '../machine/events.ts';
import { readObject } from './objects.ts';
import { DEFAULT_DEPLOYMENT_MODES, KEDA_SETTINGS, SCENARIO_API_VERSION, SCENARIO_FIELDS as FIELD_LIST } from '../schema/scenario.ts';
import { DEFAULT_SETTINGS, type Scenario, type ScenarioSettings, type ScenarioStepInput, type SourcePosition } from './scenario.ts';
import { byteLength, LIMITS, loadYaml, locate, rangeOf, rangesOfEntries, type InputError, type LoadedDocument, type SourceRange } from './source.ts';
import { COMPONENTS } from '../k8s/types.ts';
import { ANNOTATION } from '../kserve/constants.ts';
import { createChecker, isRecord, type Checker } from './validate.ts';
import { pointerOf } from './pointers.ts';
import { atRiskIsvcs, hpaFixes, otherFixes, targetFixes, type FixContext, type InputFix } from './event-fixes.ts';

export interface ScenarioSource {
  name: string;
  text: string;
}

/** A document `check` passed over because it is not an object this model reads (a Deployment, a workflow file). */
export interface SkippedDocument {
  file: string;
  line: number;
  column: number;
  /** The document's kind, or null when it has none. */
  kind: string | null;
  /** Set when an object of this kind, namespace and name came earlier: where (it is the one used). */
  duplicateOf?: SourcePosition;
  /** An Argo CD or Flux object: the path, chart or repository it points at. */
  pointsAt?: string;
}

export interface ParseOptions {
  /**
   * For a repository of manifests: pass over documents of other kinds, YAML that is not a
   * Kubernetes object, Scenario documents and second definitions of an object (kustomize bases and
   * overlays), noting each, instead of refusing them.
   */
  skipOtherKinds?: boolean;
  /**
   * For run, link and redact: pass over documents of kinds the model does not read (a
   * ServiceAccount next to a Helm release, a Secret in a KServe sample), noting each, and keep
   * every other rule (one Scenario, no object twice).
   */
  skipUnknownKinds?: boolean;
}

export type ParseResult = { ok: true; scenario: Scenario; skipped: SkippedDocument[] } | { ok: false; errors: InputError[]; skipped: SkippedDocument[] };

const MODEL_KINDS = new Set(['InferenceService', 'HorizontalPodAutoscaler', 'ScaledObject', 'List', 'Scenario']);

const SCENARIO_FIELDS = new Set(FIELD_LIST);

export function parseScenario(sources: readonly ScenarioSource[], options: ParseOptions = {}): ParseResult {
  const total = sources.reduce((sum, source) => sum + byteLength(source.text), 0);
  // The browser tab's limits hold for a pasted scenario; the command line reads real manifests.
  const commandLine = options.skipOtherKinds === true || options.skipUnknownKinds === true;
  const limit = commandLine ? LIMITS.repositoryBytes : LIMITS.bytes;
  const skipped: SkippedDocument[] = [];
  if (total > limit) {
    const file = sources[0]?.name ?? '<input>';
    return { ok: false, skipped, errors: [{ file, line: 1, column: 1, message: msg('input.tooLarge', { size: formatBytes(total), limit: formatBytes(limit) }) }] };
  }
  const errors: InputError[] = [];
  const objects: Scenario['objects'] = [];
  let settings: ScenarioSettings = { ...DEFAULT_SETTINGS, versions: [...DEFAULT_SETTINGS.versions] };
  let events: ScenarioStepInput[] = [];
  let scenarioAt: SourcePosition | null = null;

  for (const source of sources) {
    const loaded = loadYaml(source.name, source.text, commandLine ? LIMITS.repositoryDocuments : LIMITS.documents);
    if (!loaded.ok) {
      errors.push(...loaded.errors);
      continue;
    }
    for (const loadedDoc of loaded.documents) {
      const check = createChecker(loadedDoc, errors);
      const value = loadedDoc.value;
      if (isRecord(value) && value.kind === 'Scenario' && options.skipOtherKinds) {
        skipped.push({ ...locate(loadedDoc, []), kind: 'Scenario' });
        continue;
      }
      if (isRecord(value) && value.kind === 'Scenario') {
        const position = locate(loadedDoc, []);
        if (scenarioAt) {
          check.error([], msg('input.secondScenario', { file: scenarioAt.file, line: scenarioAt.line }));
          continue;
        }
        scenarioAt = position;
        const read = readScenarioDocument(check, loadedDoc, value);
        settings = read.settings;
        events = read.events;
        continue;
      }
      if (isRecord(value) && value.kind === 'List') {
        if (!Array.isArray(value.items)) {
          check.error([], msg('input.listNoItems'));
          continue;
        }
        value.items.forEach((item, index) => addObject(check, loadedDoc, item, ['items', index]));
        continue;
      }
      addObject(check, loadedDoc, value, []);
    }
  }

  function addObject(check: Checker, loadedDoc: LoadedDocument, value: unknown, path: (string | number)[]): void {
    if ((options.skipOtherKinds || options.skipUnknownKinds) && !(isRecord(value) && typeof value.kind === 'string' && MODEL_KINDS.has(value.kind))) {
      const at = locate(loadedDoc, path);
      const pointer = pointerOf(value);
      skipped.push({ ...at, kind: isRecord(value) && typeof value.kind === 'string' ? value.kind : null, ...(pointer ? { pointsAt: pointer.target } : {}) });
      return;
    }
    const object = readObject(check, value, path);
    if (!object) return;
    const position = locate(loadedDoc, path);
    const twin = objects.find((o) => o.object.kind === object.kind && o.object.metadata.name === object.metadata.name && o.object.metadata.namespace === object.metadata.namespace);
    if (twin && options.skipOtherKinds) {
      skipped.push({ ...position, kind: object.kind, duplicateOf: twin.position });
      return;
    }
    if (twin) {
      check.error(path, msg('input.duplicateObject', { kind: object.kind, object: `${object.metadata.namespace}/${object.metadata.name}`, file: twin.position.file, line: twin.position.line }));
      return;
    }
    const at = (...rest: (string | number)[]) => rangeOf(loadedDoc, [...path, ...rest]);
    objects.push({
      object,
      position,
      locations: {
        name: at('metadata', 'name'),
        annotations: annotationRanges(loadedDoc, [...path, 'metadata', 'annotations'], object.metadata.annotations),
        componentClass: object.kind === 'InferenceService'
          ? Object.fromEntries(COMPONENTS.filter((c) => object.spec[c]?.annotations?.[ANNOTATION.autoscalerClass] !== undefined).map((c) => [c, at('spec', c, 'annotations', ANNOTATION.autoscalerClass)]))
          : {},
      },
    });
  }

  if (errors.length === 0) errors.push(...crossCheck({ objects, events, settings }));
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors), skipped };
  return { ok: true, scenario: { objects, events, settings }, skipped };
}

/** Where each annotation value sits; one pass over the map, so thousands of annotations stay linear. */
function annotationRanges(loadedDoc: LoadedDocument, path: (string | number)[], annotations: Record<string, string> | undefined): Record<string, SourceRange | null> {
  const ranges = rangesOfEntries(loadedDoc, path);
  return Object.fromEntries(Object.keys(annotations ?? {}).map((key) => [key, ranges.get(key) ?? null]));
}

function readScenarioDocument(check: Checker, loadedDoc: LoadedDocument, value: Record<string, unknown>): { settings: ScenarioSettings; events: ScenarioStepInput[] } {
  const settings: ScenarioSettings = { ...DEFAULT_SETTINGS, versions: [...DEFAULT_SETTINGS.versions], i18n: {} };
  if (value.apiVersion !== SCENARIO_API_VERSION) check.error(['apiVersion'], msg('input.scenarioApiVersion', { apiVersion: SCENARIO_API_VERSION }));
  for (const key of Object.keys(value)) {
    if (!SCENARIO_FIELDS.has(key)) check.keyError([key], msg('input.unknownScenarioField', { field: key, known: [...SCENARIO_FIELDS].join(', ') }));
  }
  if (isRecord(value.metadata) && typeof value.metadata.name === 'string') settings.name = value.metadata.name;
  for (const field of ['title', 'description'] as const) {
    const text = value[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') check.error([field], msg('input.notString', { field }));
    else settings[field] = text;
  }
  if (value.i18n !== undefined) {
    if (!isRecord(value.i18n)) check.error(['i18n'], msg('input.i18nNotMap'));
    else for (const [locale, text] of Object.entries(value.i18n)) {
      if (!isRecord(text) || Object.values(text).some((v) => typeof v !== 'string')) check.error(['i18n', locale], msg('input.i18nEntry'));
      else settings.i18n[locale] = { ...(typeof text.title === 'string' ? { title: text.title } : {}), ...(typeof text.description === 'string' ? { description: text.description } : {}) };
    }
  }
  if (value.versions !== undefined) {
    const list = typeof value.versions === 'string' ? value.versions.split(',') : value.versions;
    if (!Array.isArray(list) || list.length === 0) check.error(['versions'], msg('input.versionsEmpty'));
    else {
      const tags: string[] = [];
      list.forEach((item, index) => {
        const found = findRelease(String(item));
        if (!found.ok) check.error(Array.isArray(value.versions) ? ['versions', index] : ['versions'], found.message);
        else if (!tags.includes(found.release.tag)) tags.push(found.release.tag);
      });
      settings.versions = tags;
    }
  }
  if (value.startRelease !== undefined) {
    const found = findRelease(String(value.startRelease));
    if (!found.ok) check.error(['startRelease'], found.message);
    else settings.startRelease = found.release.tag;
  }
  if (value.apiServerDefaulting !== undefined) {
    if (typeof value.apiServerDefaulting !== 'boolean') check.error(['apiServerDefaulting'], msg('input.notBoolean', { field: 'apiServerDefaulting' }));
    else settings.apiServerDefaulting = value.apiServerDefaulting;
  }
  if (value.defaultDeploymentMode !== undefined) {
    const mode = DEFAULT_DEPLOYMENT_MODES.find((m) => m === value.defaultDeploymentMode);
    if (!mode) check.error(['defaultDeploymentMode'], msg('input.defaultDeploymentMode'));
    else settings.defaultDeploymentMode = mode;
  }
  if (value.keda !== undefined) {
    const keda = KEDA_SETTINGS.find((k) => k === value.keda);
    if (!keda) check.error(['keda'], msg('input.kedaSetting'));
    else settings.keda = keda;
  }
  return { settings, events: readEvents(check, loadedDoc, value.events) };
}

function readEvents(check: Checker, loadedDoc: LoadedDocument, value: unknown): ScenarioStepInput[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    check.error(['events'], msg('input.notList', { field: 'events' }));
    return [];
  }
  if (value.length > LIMITS.events) {
    check.error(['events'], msg('input.tooManyEvents', { limit: LIMITS.events }));
    return [];
  }
  return value.flatMap((item, index) => {
    const event = readEvent(check, loadedDoc, item, index);
    return event ? [event] : [];
  });
}

/** The event at `events[index]` of a Scenario document, or null after reporting why it does not read. */
export function readEvent(check: Checker, loadedDoc: LoadedDocument, item: unknown, index: number): ScenarioStepInput | null {
  const path = ['events', index];
  const position = locate(loadedDoc, path);
  const fail = (at: (string | number)[], message: Message): null => {
    check.error(at, message);
    return null;
  };
  if (typeof item === 'string') {
    const parsed = parseEventWord(item);
    return parsed.ok ? { event: parsed.event, position } : fail(path, parsed.message);
  }
  if (isRecord(item) && Object.keys(item).length === 1 && 'apply' in item) {
    const object = readObject(check, item.apply, [...path, 'apply']);
    return object ? { event: { type: 'object.apply', object }, position } : null;
  }
  if (isRecord(item) && (item.event === 'hpa-delete' || item.event === 'hpa-remove-finalizer') && Object.keys(item).every((k) => k === 'event' || k === 'hpa' || k === 'finalizer')) {
    // The mapping form names an HPA and a finalizer without the word form's `/` ambiguity.
    const hpa = typeof item.hpa === 'string' ? parseTarget(item.hpa) : null;
    if (!hpa) return fail([...path, 'hpa'], msg('input.eventMapHpa'));
    if (item.event === 'hpa-delete') return { event: { type: 'hpa.delete', hpa }, position };
    if (typeof item.finalizer !== 'string' || item.finalizer.length === 0 || /\s/.test(item.finalizer)) return fail([...path, 'finalizer'], msg('input.eventMapFinalizer'));
    return { event: { type: 'hpa.removeFinalizer', hpa, finalizer: item.finalizer }, position };
  }
  if (isRecord(item) && typeof item.event === 'string' && Object.keys(item).every((k) => k === 'event' || k === 'isvc')) {
    const parsed = parseEventWord(item.event);
    if (!parsed.ok) return fail([...path, 'event'], parsed.message);
    if (item.isvc === undefined) return { event: parsed.event, position };
    const target = typeof item.isvc === 'string' ? parseTarget(item.isvc) : null;
    if (!target) return fail([...path, 'isvc'], msg('input.eventMapIsvc'));
    if (!isTargeted(parsed.event)) return fail([...path, 'isvc'], msg('input.eventMapNoIsvc', { event: item.event }));
    if (parsed.event.isvc !== null) return fail([...path, 'isvc'], msg('input.eventMapTwice'));
    return { event: withTarget(parsed.event, target), position };
  }
  return fail(path, msg('input.eventShape'));
}

/**
 * Rules across documents, for a scenario read from files or changed afterwards (the CLI's
 * --events): every event must say which InferenceService it concerns when there are several,
 * its target must exist, and a release an upgrade names must be modelled.
 */
export function crossCheck(scenario: Pick<Scenario, 'objects' | 'events' | 'settings'>): InputError[] {
  const errors: InputError[] = [];
  const applied = scenario.events.flatMap((e) => (e.event.type === 'object.apply' ? [e.event.object] : []));
  const all: KubeObject[] = [...scenario.objects.map((o) => o.object), ...applied];
  const isvcs = unique(all.filter((o) => o.kind === 'InferenceService').map((o) => keyOf(o.metadata)));
  const hpas = all.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata);
  const at = (position: SourcePosition | null): Omit<InputError, 'message'> => position ?? { file: '<events>', line: 1, column: 1 };
  const problems = scenario.events.map(({ event }) => (isTargeted(event) ? targetProblem(event.isvc, isvcs) : null));
  const context: FixContext = {
    events: scenario.events,
    isvcs,
    atRisk: atRiskIsvcs(all),
    mistargeted: new Set(problems.flatMap((p, i) => (p ? [i] : []))),
  };
  scenario.events.forEach(({ event, position }, index) => {
    // Only an event written in a Scenario document can be edited there (not one of --events).
    const fixable = (fixes: () => InputFix[]) => (position ? { fixes: fixes() } : {});
    const problem = problems[index];
    if (problem && isTargeted(event)) {
      const matches = problem.id === 'input.targetNamespaces' ? targetMatches(event.isvc, isvcs) : [];
      errors.push({ ...at(position), message: msg('input.eventProblem', { event: formatEvent(event), problem }), ...fixable(() => targetFixes(context, index, matches)) });
    }
    if ((event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer') && event.hpa.namespace === null) {
      const spaces = unique(hpas.filter((h) => h.name === event.hpa.name).map((h) => h.namespace));
      if (spaces.length > 1) {
        const problem = msg('input.hpaNamespaces', { hpa: event.hpa.name, namespaces: spaces.join(', ') });
        errors.push({ ...at(position), message: msg('input.eventProblem', { event: formatEvent(event), problem }), ...fixable(() => hpaFixes(context, index, spaces)) });
      }
    }
    if (event.type === 'controller.upgraded' && event.tag !== null) {
      const found = findRelease(event.tag);
      if (!found.ok) errors.push({ ...at(position), message: found.message, ...fixable(() => otherFixes(context, index)) });
    }
  });
  return errors;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function targetMatches(target: IsvcTarget | null, isvcs: readonly string[]): string[] {
  if (target === null) return [];
  return isvcs.filter((key) => (target.namespace === null ? key.endsWith(`/${target.name}`) : key === `${target.namespace}/${target.name}`));
}

/** Why a target does not pick exactly one InferenceService, or null when it does. */
function targetProblem(target: IsvcTarget | null, isvcs: readonly string[]): Message | null {
  if (target === null) {
    return isvcs.length > 1 ? msg('input.targetAmbiguous', { count: isvcs.length, isvcs: isvcs.join(', '), first: isvcs[0]! }) : null;
  }
  const matches = targetMatches(target, isvcs);
  if (matches.length === 1) return null;
  if (matches.length === 0) {
    return isvcs.length ? msg('input.targetMissingHas', { target: formatTarget(target), isvcs: isvcs.join(', ') }) : msg('input.targetMissing', { target: formatTarget(target) });
  }
  return msg('input.targetNamespaces', { name: target.name, matches: matches.join(', ') });
}

function sortErrors(errors: InputError[]): InputError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
