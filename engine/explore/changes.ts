/**
 * Smallest safe change: from a catalogue of edits a user can actually make to the scenario's
 * objects, plus moving to another modelled KServe release, the sets of changes (single edits
 * first, then pairs) after which the explorer finds no loss within the depth.
 *
 * The catalogue, for a release:
 * - rename a user HPA named like a component (`<isvc>-predictor` …) to `<name>-hpa`, keeping its
 *   scaleTargetRef (other names are never looked up by KServe, so renaming them cannot matter);
 * - drop `horizontalPodAutoscalerConfig.name` from a user ScaledObject that names KEDA's HPA like a
 *   component, so KEDA names it `keda-hpa-<ScaledObject>`, a name KServe never looks up;
 * - set the InferenceService's serving.kserve.io/autoscalerClass to external, none or hpa;
 * - add or remove the finalizer kserve.io/protect on such an HPA;
 * - switch the deployment mode RawDeployment ↔ Serverless through serving.kserve.io/deploymentMode
 *   (spelled Standard / Knative for releases that record those names in status, v0.16+, so the
 *   webhook's mode check keeps accepting later edits);
 * - move to another modelled release (upgrades nearest first, then downgrades nearest first).
 * A change the release's webhook refuses (the InferenceService is never stored) is never safe.
 * A pair is only listed when neither of its changes is safe alone (the sets are minimal), and two
 * changes of the same field (two classes, two releases) never pair up.
 */
import { keyOf, type Hpa, type InferenceService, type KubeObject, type ScaledObject } from '../k8s/types.ts';
import { kedaHpaName } from '../keda/operator.ts';
import { userHpaOf } from '../run.ts';
import { msg, type Message } from '../i18n/message.ts';
import { componentNameIn, componentsOf, possibleComponentNames } from '../kserve/component-meta.ts';
import { ANNOTATION, type DeploymentMode } from '../kserve/constants.ts';
import { resolveDeploymentMode } from '../kserve/mode.ts';
import { getRelease, KNOWN_TAGS } from '../kserve/releases.ts';
import { compareTags } from '../kserve/tags.ts';
import { printYaml } from '../scenario/edit.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { unifiedDiff } from './diff.ts';
import { DEFAULT_DEPTH, findShortestLoss, userHpaNames, type ExploreOptions } from './search.ts';

export const PROTECT_FINALIZER = 'kserve.io/protect';
export const CATALOGUE_CLASSES = ['external', 'none', 'hpa'] as const;

export type EditKind = 'rename-hpa' | 'keda-hpa-name' | 'autoscaler-class' | 'finalizer' | 'deployment-mode';

export interface EditChange {
  kind: 'edit';
  /** Stable across releases: `rename:<hpa>`, `class:<value>`, `finalizer:<hpa>`, `mode:<mode>`. */
  id: string;
  edit: EditKind;
  /** `Kind/name` of the object as the scenario gives it. */
  object: string;
  /** Dotted path of the field, annotation and label keys in brackets. */
  field: string;
  /** Old and new value; null = absent; a list for metadata.finalizers. */
  from: string | string[] | null;
  to: string | string[] | null;
  description: Message;
  /** Unified-diff-like text of the object before and after this edit alone. */
  diff: string;
}

export interface ReleaseChange {
  kind: 'release';
  from: string;
  to: string;
  description: Message;
}

export type Change = EditChange | ReleaseChange;

export interface SafeChange {
  changes: Change[];
  /** The release the changed scenario was explored in (the target of a release change, else the given tag). */
  tag: string;
  statesVisited: number;
}

export interface SafeChangeOptions extends ExploreOptions {
  /** 1 or 2 (larger values are treated as 2). Default 2. */
  maxChanges?: number;
}

interface Edit {
  /** Identifies the edit across releases (its value may differ: mode names). */
  id: string;
  /** Two changes of one slot never pair up. */
  slot: string;
  change: EditChange;
  index: number;
  mutate: (object: KubeObject) => KubeObject;
}

const yamlOf = (object: KubeObject): string => printYaml(object);
const label = (object: KubeObject): string => `${object.kind}/${object.metadata.name}`;
const annotationField = (key: string): string => `metadata.annotations["${key}"]`;

function withAnnotation(object: KubeObject, key: string, value: string): KubeObject {
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata.annotations, [key]: value } } } as KubeObject;
}

function makeEdit(id: string, slot: string, index: number, original: KubeObject, mutate: Edit['mutate'], fields: Omit<EditChange, 'kind' | 'id' | 'object' | 'diff'>): Edit {
  const changed = mutate(original);
  return {
    id, slot, index, mutate,
    change: { kind: 'edit', id, ...fields, object: label(original), diff: unifiedDiff(label(original), yamlOf(original), yamlOf(changed)) },
  };
}

/** The ScaledObject without `horizontalPodAutoscalerConfig.name`, and without the maps that leaves empty. */
function withoutKedaHpaName(object: ScaledObject): KubeObject {
  const { name: _name, ...config } = object.spec.advanced?.horizontalPodAutoscalerConfig ?? {};
  const { horizontalPodAutoscalerConfig: _config, ...advanced } = object.spec.advanced ?? {};
  const kept = Object.keys(config).length > 0 ? { ...advanced, horizontalPodAutoscalerConfig: config } : advanced;
  const { advanced: _advanced, ...spec } = object.spec;
  return { ...object, spec: Object.keys(kept).length > 0 ? { ...spec, advanced: kept } : spec };
}

/** The catalogue of YAML edits for the scenario as it would run in `tag`. */
export function catalogue(scenario: Scenario, tag: string): Edit[] {
  const edits: Edit[] = [];
  const behaviour = getRelease(tag).behaviour;
  const objects = scenario.objects.map((o) => o.object);
  const isvcs = objects.map((object, index) => ({ object, index })).filter((e): e is { object: InferenceService; index: number } => e.object.kind === 'InferenceService');
  const several = isvcs.length > 1;
  const users = new Set(userHpaNames(scenario));
  const componentsIn = (namespace: string): string[] => isvcs.filter((e) => e.object.metadata.namespace === namespace)
    .flatMap((e) => componentsOf(e.object).map((c) => componentNameIn(behaviour, e.object, c)));
  const taken = new Set([...objects.map((o) => keyOf(o.metadata)), ...isvcs.flatMap((e) => possibleComponentNames(e.object).map((n) => `${e.object.metadata.namespace}/${n}`))]);
  const colliding = objects
    .map((object, index) => ({ object, index }))
    .filter((e): e is { object: Hpa; index: number } => e.object.kind === 'HorizontalPodAutoscaler' && users.has(keyOf(e.object.metadata)) && componentsIn(e.object.metadata.namespace).includes(e.object.metadata.name));
  const hpaId = (hpa: Hpa): string => (several ? keyOf(hpa.metadata) : hpa.metadata.name);
  const isvcId = (isvc: InferenceService): string => (several ? `@${keyOf(isvc.metadata)}` : '');

  for (const { object, index } of colliding) {
    const name = object.metadata.name;
    const target = [`${name}-hpa`, `${name}-user-hpa`, `${name}-custom-hpa`].find((n) => !taken.has(`${object.metadata.namespace}/${n}`) && n.length <= 253);
    if (!target) continue;
    edits.push(makeEdit(`rename:${hpaId(object)}`, `rename:${hpaId(object)}`, index, object,
      (o) => ({ ...o, metadata: { ...o.metadata, name: target } }) as KubeObject,
      { edit: 'rename-hpa', field: 'metadata.name', from: name, to: target, description: msg('change.rename', { hpa: name, to: target }) }));
  }
  const scaledObjects = objects.map((object, index) => ({ object, index }))
    .filter((e): e is { object: ScaledObject; index: number } => e.object.kind === 'ScaledObject' && userHpaOf(e.object) !== null
      && e.object.spec.advanced?.horizontalPodAutoscalerConfig?.name !== undefined && componentsIn(e.object.metadata.namespace).includes(kedaHpaName(e.object)));
  for (const { object, index } of scaledObjects) {
    const from = kedaHpaName(object);
    const to = kedaHpaName({ ...object, spec: { ...object.spec, advanced: {} } });
    edits.push(makeEdit(`keda-hpa-name:${several ? keyOf(object.metadata) : object.metadata.name}`, `keda-hpa-name:${keyOf(object.metadata)}`, index, object, (o) => withoutKedaHpaName(o as ScaledObject),
      { edit: 'keda-hpa-name', field: 'spec.advanced.horizontalPodAutoscalerConfig.name', from, to: null, description: msg('change.kedaHpaName', { scaledObject: object.metadata.name, hpa: from, to }) }));
  }
  for (const { object: isvc, index } of isvcs) {
    const current = isvc.metadata.annotations?.[ANNOTATION.autoscalerClass] ?? null;
    for (const cls of CATALOGUE_CLASSES) {
      if (cls === (current ?? 'hpa')) continue;
      edits.push(makeEdit(`class:${cls}${isvcId(isvc)}`, `class${isvcId(isvc)}`, index, isvc, (o) => withAnnotation(o, ANNOTATION.autoscalerClass, cls), {
        edit: 'autoscaler-class', field: annotationField(ANNOTATION.autoscalerClass), from: current, to: cls,
        description: msg(current === null ? 'change.classFromDefault' : 'change.class', { class: cls, isvc: isvc.metadata.name, was: current }),
      }));
    }
  }
  for (const { object, index } of colliding) {
    const name = object.metadata.name;
    const finalizers = object.metadata.finalizers ?? [];
    const has = finalizers.includes(PROTECT_FINALIZER);
    const next = has ? finalizers.filter((f) => f !== PROTECT_FINALIZER) : [...finalizers, PROTECT_FINALIZER];
    edits.push(makeEdit(`finalizer:${hpaId(object)}`, `finalizer:${hpaId(object)}`, index, object,
      (o) => {
        const { finalizers: _old, ...meta } = o.metadata;
        return { ...o, metadata: next.length > 0 ? { ...meta, finalizers: next } : meta } as KubeObject;
      },
      { edit: 'finalizer', field: 'metadata.finalizers', from: finalizers, to: next, description: msg(has ? 'change.finalizerRemove' : 'change.finalizerAdd', { hpa: name, finalizer: PROTECT_FINALIZER }) }));
  }
  for (const { object: isvc, index } of isvcs) {
    const { mode } = resolveDeploymentMode(behaviour, { ...isvc, status: {} }, scenario.settings.defaultDeploymentMode);
    const target: DeploymentMode | null = mode === 'RawDeployment' ? 'Serverless' : mode === 'Serverless' ? 'RawDeployment' : null;
    if (!target) continue;
    const value = behaviour.modeSpelling[target];
    const current = isvc.metadata.annotations?.[ANNOTATION.deploymentMode] ?? null;
    edits.push(makeEdit(`mode:${target}${isvcId(isvc)}`, `mode${isvcId(isvc)}`, index, isvc, (o) => withAnnotation(o, ANNOTATION.deploymentMode, value), {
      edit: 'deployment-mode', field: annotationField(ANNOTATION.deploymentMode), from: current, to: value,
      description: msg(target === 'Serverless' ? 'change.modeServerless' : 'change.modeRaw', { isvc: isvc.metadata.name, value }),
    }));
  }
  return edits;
}

/** Other releases, upgrades nearest first, then downgrades nearest first. */
export function releaseChanges(tag: string): ReleaseChange[] {
  const current = getRelease(tag).tag;
  const newer = KNOWN_TAGS.filter((t) => compareTags(t, current) > 0);
  const older = KNOWN_TAGS.filter((t) => compareTags(t, current) < 0).reverse();
  return [
    ...newer.map((to) => ({ kind: 'release' as const, from: current, to, description: msg('change.upgrade', { from: current, to }) })),
    ...older.map((to) => ({ kind: 'release' as const, from: current, to, description: msg('change.downgrade', { from: current, to }) })),
  ];
}

/** The scenario with these edits applied (each edit names its object by position, so a rename does not lose it). */
export function applyEdits(scenario: Scenario, edits: readonly Pick<Edit, 'index' | 'mutate'>[]): Scenario {
  const objects = scenario.objects.map((entry, index) => {
    let object = entry.object;
    for (const edit of edits) if (edit.index === index) object = edit.mutate(object);
    return object === entry.object ? entry : { ...entry, object };
  });
  return { ...scenario, objects };
}

/** The scenario and release a safe change describes, rebuilt from its changes (for replaying it). */
export function applySafeChange(scenario: Scenario, tag: string, safe: Pick<SafeChange, 'changes'>): { scenario: Scenario; tag: string } {
  const move = safe.changes.find((c): c is ReleaseChange => c.kind === 'release');
  const target = move ? getRelease(move.to).tag : getRelease(tag).tag;
  const ids = new Set(safe.changes.flatMap((c) => (c.kind === 'edit' ? [c.id] : [])));
  const edits = catalogue(scenario, target).filter((e) => ids.has(e.id));
  if (edits.length !== ids.size) throw new Error(`changes not in the catalogue for ${target}: ${[...ids].join(', ')}`);
  return { scenario: applyEdits(scenario, edits), tag: target };
}

interface Candidate {
  ids: string[];
  changes: Change[];
  scenario: Scenario;
  tag: string;
}

/**
 * The smallest sets of changes after which no user HPA can be lost within the depth in `tag`
 * (or in the release a change moves to), fewest first; empty when the scenario is already safe.
 */
export function findSafeChanges(scenario: Scenario, tag: string, options: SafeChangeOptions = {}): SafeChange[] {
  const release = getRelease(tag);
  const explore: ExploreOptions = { ...options, depth: options.depth ?? DEFAULT_DEPTH };
  const maxChanges = Math.min(2, Math.max(1, options.maxChanges ?? 2));
  // Releases with the same behaviour explore identically: memoise on the behaviour, not the tag.
  const cache = new Map<string, { safe: boolean; statesVisited: number }>();
  const evaluate = (candidate: Scenario, at: string) => {
    const key = JSON.stringify([candidate.objects.map((o) => o.object), getRelease(at).behaviour]);
    let hit = cache.get(key);
    if (!hit) {
      const result = findShortestLoss(candidate, at, explore);
      hit = { safe: !result.found && result.refused === undefined, statesVisited: result.statesVisited };
      cache.set(key, hit);
    }
    return hit;
  };
  const original = evaluate(scenario, release.tag);
  if (original.safe) return [];

  const editsByTag = new Map<string, Edit[]>();
  const editsAt = (at: string): Edit[] => {
    let list = editsByTag.get(at);
    if (!list) {
      list = catalogue(scenario, at);
      editsByTag.set(at, list);
    }
    return list;
  };
  const here = editsAt(release.tag);
  const moves = releaseChanges(release.tag);

  // Cheapest first: edits to the manifests, then upgrades, then switching the deployment mode
  // (which needs Knative Serving), then downgrades.
  const edit = (e: Edit): Candidate => ({ ids: [e.id], changes: [e.change], scenario: applyEdits(scenario, [e]), tag: release.tag });
  const move = (m: ReleaseChange): Candidate => ({ ids: [`release:${m.to}`], changes: [m], scenario, tag: m.to });
  const upgrade = (m: ReleaseChange) => compareTags(m.to, release.tag) > 0;
  const singles: Candidate[] = [
    ...here.filter((e) => e.change.edit !== 'deployment-mode').map(edit),
    ...moves.filter(upgrade).map(move),
    ...here.filter((e) => e.change.edit === 'deployment-mode').map(edit),
    ...moves.filter((m) => !upgrade(m)).map(move),
  ];
  const results: SafeChange[] = [];
  const safeIds = new Set<string>();
  const record = (candidate: Candidate) => {
    const outcome = evaluate(candidate.scenario, candidate.tag);
    if (!outcome.safe) return;
    candidate.ids.forEach((id) => safeIds.add(id));
    results.push({ changes: candidate.changes, tag: candidate.tag, statesVisited: outcome.statesVisited });
  };
  singles.forEach(record);
  if (maxChanges < 2) return byEffort(results, release.tag);

  const singleSafe = new Set(safeIds);
  const pairs: Candidate[] = [];
  here.forEach((a, i) => {
    for (const b of here.slice(i + 1)) {
      if (a.slot === b.slot || singleSafe.has(a.id) || singleSafe.has(b.id)) continue;
      pairs.push({ ids: [a.id, b.id], changes: [a.change, b.change], scenario: applyEdits(scenario, [a, b]), tag: release.tag });
    }
  });
  for (const a of here) {
    if (singleSafe.has(a.id)) continue;
    for (const move of moves) {
      if (singleSafe.has(`release:${move.to}`)) continue;
      // The same edit as it reads in the target release (mode names differ from v0.16).
      const there = editsAt(move.to).find((e) => e.id === a.id);
      if (!there) continue;
      pairs.push({ ids: [a.id, `release:${move.to}`], changes: [there.change, move], scenario: applyEdits(scenario, [there]), tag: move.to });
    }
  }
  pairs.forEach(record);
  return byEffort(results, release.tag);
}

/**
 * What a change costs the user, roughly: an edit to the manifests is cheap, an upgrade more, and a
 * switch to Serverless (it needs Knative) or a downgrade most. Fixes are listed cheapest first, so
 * "rename and upgrade" comes before "switch to Serverless" although it is two changes.
 */
function effort(change: Change, from: string): number {
  if (change.kind === 'release') return compareTags(change.to, from) > 0 ? 2 : 6;
  return change.edit === 'deployment-mode' ? 5 : 1;
}

function byEffort(results: SafeChange[], from: string): SafeChange[] {
  const cost = (safe: SafeChange) => safe.changes.reduce((sum, change) => sum + effort(change, from), 0);
  return results.map((safe, index) => ({ safe, index, cost: cost(safe) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index)
    .map((entry) => entry.safe);
}
