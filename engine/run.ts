/**
 * Runs a scenario through the controller machine once per compared release and collects, per
 * step, the decisions, the cluster's HPAs and Deployments and the notes; then the verdict per
 * user HPA. This is the one entry point the CLI, the playground, the site build and the tests
 * share. With `startRelease`, every run starts on that release and moves to its own (or to a
 * named one) at `controller-upgraded`.
 */
import { changesBetween, lookup, positionOf, type Named } from './k8s/lists.ts';
import { findHpa, type Cluster } from './k8s/store.ts';
import { keyOf, type Deployment, type Hpa, type InferenceService, type KubeObject, type ObjectRef } from './k8s/types.ts';
import { msg, type Message } from './i18n/message.ts';
import type { Admission } from './kserve/admission.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { possibleComponentNames } from './kserve/component-meta.ts';
import type { DeploymentWrite } from './kserve/deployment.ts';
import type { ScaledObjectWrite } from './kserve/keda-reconciler.ts';
import { BEHAVIOUR_LABEL, getRelease, type BehaviourId } from './kserve/releases.ts';
import { sendEvent, startRun } from './machine-runner.ts';
import type { Decision, ModelOptions } from './machine/controller.ts';
import type { ControllerEvent } from './machine/events.ts';
import { resolveHpa, scalersOf } from './machine/world.ts';
import { scenarioSteps, type Scenario, type SourcePosition } from './scenario/scenario.ts';
import { classifyStep, lossesOf, userTargetOf, verdictFor, type CapacityDrop, type HpaHistoryEntry, type Loss, type Verdict } from './verdict.ts';

export { capacityDropMessage, type CapacityDrop } from './verdict.ts';

/**
 * What the HPA controller's next sync does for a Deployment a rollout left below its HPA's
 * minReplicas: with currentReplicas < minReplicas it sets them to minReplicas (default 1) before
 * it reads any metric or applies any behavior (kubernetes pkg/controller/podautoscaler/horizontal.go,
 * reconcileAutoscaler). Only for exactly one live HPA: two on one Deployment both stop scaling
 * (kubernetes#112011), and whether a Terminating one still scales is not modelled.
 */
function restoreAfterDrop(cluster: Cluster, write: Pick<DeploymentWrite, 'namespace' | 'name' | 'replicas'>): CapacityDrop['restore'] {
  const [scaler, ...more] = scalersOf(cluster, write);
  if (!scaler || more.length > 0 || scaler.metadata.deletionTimestamp !== undefined) return null;
  const min = scaler.spec.minReplicas ?? 1;
  return min > write.replicas ? { hpa: scaler.metadata.name, minReplicas: min } : null;
}
import { hpaView, type HpaView } from './views.ts';
import { kedaHpaName } from './keda/operator.ts';

export interface DeploymentView {
  namespace: string;
  name: string;
  /** The InferenceService (namespace/name) it belongs to. */
  isvc: string;
  replicas: number;
}

export interface IsvcView {
  /** namespace/name */
  key: string;
  terminating: boolean;
  /** status.deploymentMode as the controller last wrote it. */
  statusMode: string | null;
}

export interface StepResult {
  /** 1-based: objects first, then events. */
  index: number;
  event: string;
  position: SourcePosition | null;
  /** The release whose controller and webhook ran this step. */
  release: string;
  reconciled: boolean;
  /** The InferenceServices (namespace/name) the controller reconciled in this step. */
  reconciledIsvcs: string[];
  admission: Admission | null;
  decisions: Decision[];
  deploymentWrites: DeploymentWrite[];
  /** What KServe's KEDA reconciler did to ScaledObjects (class keda). */
  scaledObjectWrites: ScaledObjectWrite[];
  hpas: HpaView[];
  deployments: DeploymentView[];
  /** True while any InferenceService exists. */
  isvcPresent: boolean;
  isvcs: IsvcView[];
  notes: Message[];
  /** Decision-graph nodes and results this step passed through. */
  path: string[];
}

export interface VersionResult {
  /** The compared release: where the run ends up (and where it runs throughout without startRelease). */
  tag: string;
  commit: string;
  behaviour: BehaviourId;
  behaviourLabel: Message;
  /** The release the run started on; equals `tag` unless the scenario set startRelease. */
  startRelease: string;
  steps: StepResult[];
  verdicts: Verdict[];
  /** Every rollout that dropped a Deployment's replicas to the API server's default (issue 19 item 5), in order. */
  capacityDrops: CapacityDrop[];
}


export interface RunResult {
  options: ModelOptions;
  versions: VersionResult[];
  /** The first step (1-based) where the releases disagree on a write or on the HPAs; null if never. */
  firstDisagreement: number | null;
}

export interface RunOverrides {
  versions?: readonly string[];
  apiServerDefaulting?: boolean;
  startRelease?: string | null;
}

export function runScenario(scenario: Scenario, overrides: RunOverrides = {}): RunResult {
  const options: ModelOptions = {
    apiServerDefaulting: overrides.apiServerDefaulting ?? scenario.settings.apiServerDefaulting,
    defaultDeploymentMode: scenario.settings.defaultDeploymentMode,
    keda: scenario.settings.keda,
  };
  const start = overrides.startRelease === undefined ? scenario.settings.startRelease : overrides.startRelease;
  const tags = overrides.versions ?? scenario.settings.versions;
  const versions = tags.map((tag) => runRelease(scenario, tag, options, start));
  return { options, versions, firstDisagreement: firstDisagreement(versions) };
}

/**
 * The HPA an applied object makes the user's: an HPA without an InferenceService ownerReference,
 * or the HPA KEDA keeps for a ScaledObject that no InferenceService controls.
 */
export function userHpaOf(object: KubeObject): { key: string; target: string } | null {
  if (object.kind === 'HorizontalPodAutoscaler') {
    return ownedByInferenceService(object) ? null : { key: keyOf(object.metadata), target: object.spec.scaleTargetRef.name };
  }
  if (object.kind === 'ScaledObject') {
    const controlled = (object.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'InferenceService' && ref.controller === true);
    return controlled ? null : { key: `${object.metadata.namespace}/${kedaHpaName(object)}`, target: object.spec.scaleTargetRef.name };
  }
  return null;
}

/** The user's HPAs (see userHpaOf), as namespace/name keys in order. */
export function userHpaKeys(objects: readonly KubeObject[]): string[] {
  const keys = new Set<string>();
  for (const object of objects) {
    const key = userHpaOf(object)?.key;
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}

/** Which InferenceService an HPA belongs with: the one whose Deployment it scales, or whose component name it has. */
export function isvcOfHpa(hpa: ObjectRef & { target?: string }, isvcs: readonly InferenceService[]): string | null {
  const owner = isvcs.find((isvc) => isvc.metadata.namespace === hpa.namespace
    && possibleComponentNames(isvc).some((name) => name === hpa.name || name === hpa.target));
  return owner ? keyOf(owner.metadata) : null;
}

/** isvcOfHpa for many HPAs: each InferenceService's component names read once (the first in order wins, as there). */
function isvcsByComponentName(isvcs: readonly InferenceService[]): (hpa: ObjectRef & { target?: string }) => string | null {
  const first = new Map<string, Map<string, number>>();
  isvcs.forEach((isvc, i) => {
    let names = first.get(isvc.metadata.namespace);
    if (!names) first.set(isvc.metadata.namespace, names = new Map());
    for (const name of possibleComponentNames(isvc)) if (!names.has(name)) names.set(name, i);
  });
  return (hpa) => {
    const names = first.get(hpa.namespace);
    const byName = names?.get(hpa.name) ?? Infinity;
    const byTarget = hpa.target === undefined ? Infinity : names?.get(hpa.target) ?? Infinity;
    const at = Math.min(byName, byTarget);
    return at === Infinity ? null : keyOf(isvcs[at]!.metadata);
  };
}

const refOf = (key: string): ObjectRef => ({ namespace: key.slice(0, key.indexOf('/')), name: key.slice(key.indexOf('/') + 1) });

export function runRelease(scenario: Scenario, tag: string, options: ModelOptions, startRelease: string | null = null): VersionResult {
  const release = getRelease(tag);
  const start = getRelease(startRelease ?? tag).tag;
  const manifests = scenario.objects.map((o) => o.object);
  let run = startRun({ tag: start, target: release.tag, options, manifests });
  const inputs = scenarioSteps(scenario);
  const applied = inputs.flatMap((input) => (input.event.type === 'object.apply' ? [input.event.object] : []));
  const userKeys = new Set<string>();
  const seen = new Set<string>();
  const histories = new Map<string, HpaHistoryEntry[]>();
  const losses = new Map<string, Loss[]>();
  const steps: StepResult[] = [];
  const capacityDrops: CapacityDrop[] = [];
  let before: Cluster = run.context.cluster;
  let views: Pick<StepResult, 'hpas' | 'deployments' | 'isvcs'> = { hpas: [], deployments: [], isvcs: [] };
  const hpaViewOf = memoView((hpa: Hpa) => hpaView(hpa, userKeys), (view, hpa) => view.user === userKeys.has(keyOf(hpa.metadata)));
  const deploymentViewOf = memoView(({ namespace, name, isvc, replicas }: Deployment): DeploymentView => ({ namespace, name, isvc: `${namespace}/${isvc}`, replicas }));
  const isvcViewOf = memoView((isvc: InferenceService): IsvcView => ({ key: keyOf(isvc.metadata), terminating: isvc.metadata.deletionTimestamp !== undefined, statusMode: isvc.status?.deploymentMode ?? null }));
  const scalers = new ScalersByTarget();
  scalers.follow(changedHpas([], before.hpas));
  // A user HPA that was already in the cluster keeps a view with the old `user` flag until the list changes.
  let usersGrew: ObjectRef[] = [];
  inputs.forEach((input, i) => {
    const event = input.event;
    if (event.type === 'object.apply') {
      const user = userHpaOf(event.object);
      if (user && !userKeys.has(user.key)) {
        userKeys.add(user.key);
        usersGrew.push(refOf(user.key));
      }
    }
    const userTarget = userTargetOf(event, targetedHpa(before, event));
    run = sendEvent(run, event);
    const { step, cluster } = run.context;
    const index = i + 1;
    const changed = changedHpas(before.hpas, cluster.hpas);
    for (const write of step.deploymentWrites) {
      if (!write.reset || write.was === undefined) continue;
      const owner = cluster.deployments.find((d) => d.namespace === write.namespace && d.name === write.name)?.isvc ?? '';
      capacityDrops.push({ step: index, namespace: write.namespace, deployment: write.name, isvc: `${write.namespace}/${owner}`, from: write.was, to: write.replicas, hpa: write.undid ?? null, restore: restoreAfterDrop(cluster, write) });
    }
    for (const key of candidates(before, cluster, changed, step.deploymentWrites, userTarget, userKeys, scalers)) {
      const kinds = classifyStep(refOf(key), { step: index, eventType: event.type, userTarget, before, after: cluster, decisions: step.decisions, deploymentWrites: step.deploymentWrites, notes: step.notes });
      // The first apply is the HPA's birth, not news; only a later re-apply is.
      const news = kinds.filter((kind) => !(kind === 'reapplied' && !seen.has(key)));
      if (news.length > 0) histories.set(key, [...histories.get(key) ?? [], ...news.map((kind) => ({ step: index, kind }))]);
      const lost = lossesOf(refOf(key), news, index, { before, after: cluster });
      if (lost.length > 0) losses.set(key, [...losses.get(key) ?? [], ...lost]);
    }
    scalers.follow(changed);
    // Every HPA a step ends with has been seen; a step that wrote none adds nobody.
    if (index === 1 || changed.complete) for (const hpa of cluster.hpas) seen.add(keyOf(hpa.metadata));
    else for (const [key, [, now]] of changed.byKey) if (now) seen.add(key);
    // Unchanged parts of the cluster keep their references: so do their views (a namespace has hundreds);
    // a step that replaced a few objects in place patches just those.
    const fresh = index === 1;
    let hpas = views.hpas;
    if (cluster.hpas !== before.hpas || fresh) {
      hpas = (!fresh && patchedViews(views.hpas, before.hpas, cluster.hpas, hpaViewOf, usersGrew)) || cluster.hpas.map(hpaViewOf);
      usersGrew = [];
    }
    views = {
      hpas,
      deployments: cluster.deployments === before.deployments && !fresh ? views.deployments
        : (!fresh && patchedViews(views.deployments, before.deployments, cluster.deployments, deploymentViewOf)) || cluster.deployments.map(deploymentViewOf),
      isvcs: cluster.isvcs === before.isvcs && !fresh ? views.isvcs
        : (!fresh && patchedViews(views.isvcs, before.isvcs, cluster.isvcs, isvcViewOf)) || cluster.isvcs.map(isvcViewOf),
    };
    steps.push({
      index,
      event: step.event,
      position: input.position,
      release: step.release,
      reconciled: step.reconciled,
      reconciledIsvcs: step.reconciledIsvcs,
      admission: step.admission,
      decisions: step.decisions,
      deploymentWrites: step.deploymentWrites,
      scaledObjectWrites: step.scaledObjectWrites,
      ...views,
      isvcPresent: cluster.isvcs.length > 0,
      notes: step.notes,
      path: step.path,
    });
    before = cluster;
  });
  const objects = [...manifests, ...applied];
  const isvcOf = isvcsByComponentName(objects.filter((o): o is InferenceService => o.kind === 'InferenceService'));
  const targets = new Map<string, string>();
  for (const object of objects) {
    const user = userHpaOf(object);
    if (user && !targets.has(user.key)) targets.set(user.key, user.target);
  }
  const finals = new Set(before.hpas.map((h) => keyOf(h.metadata)));
  // The HPA KEDA would keep for a ScaledObject that was refused (or never got a workload) never
  // existed: there is nothing of the user's to judge, and the refusal is the step's answer.
  const verdicts = [...userKeys].filter((key) => seen.has(key)).map((key) => {
    const ref = refOf(key);
    const target = targets.get(key);
    return verdictFor(ref, isvcOf({ ...ref, ...(target ? { target } : {}) }), histories.get(key) ?? [], finals.has(key), losses.get(key));
  });
  const behaviour = release.behaviour.id;
  return { tag: release.tag, commit: release.commit, behaviour, behaviourLabel: msg(BEHAVIOUR_LABEL[behaviour]), startRelease: start, steps, verdicts, capacityDrops };
}

/**
 * One view per cluster object: an object a step left alone keeps its view, so a step's lists share
 * every untouched entry with the step before (and `--format ndjson` finds what changed by identity).
 * `fresh` says whether a view still fits its object when the view depends on more than the object.
 */
function memoView<T extends object, V>(build: (object: T) => V, fresh: (view: V, object: T) => boolean = () => true): (object: T) => V {
  const known = new WeakMap<T, V>();
  return (object) => {
    const view = known.get(object);
    if (view !== undefined && fresh(view, object)) return view;
    const built = build(object);
    known.set(object, built);
    return built;
  };
}

/** The HPA a user's hpa-delete or hpa-remove-finalizer resolves to before the step, if any. */
function targetedHpa(cluster: Cluster, event: ControllerEvent): ObjectRef | null {
  if (event.type !== 'hpa.delete' && event.type !== 'hpa.removeFinalizer') return null;
  const found = resolveHpa(cluster, event.hpa);
  return found.ok ? found.value.metadata : null;
}

const targetKey = (hpa: Hpa): string => `${hpa.metadata.namespace}/${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}`;

/** HPAs (namespace/name) whose object a step changed: before and after (undefined: absent). */
interface HpaChanges {
  byKey: Map<string, [Hpa | undefined, Hpa | undefined]>;
  /** True when found by comparing the whole lists (the writes were not known). */
  complete: boolean;
}

/** What changed between two HPA lists: from the writes the store recorded, else by comparing the lists. */
function changedHpas(old: readonly Hpa[], now: readonly Hpa[]): HpaChanges {
  const byKey = new Map<string, [Hpa | undefined, Hpa | undefined]>();
  if (old === now) return { byKey, complete: false };
  const known = changesBetween(old, now);
  if (known) {
    for (const hpa of known.touched) {
      const key = keyOf(hpa.metadata);
      if (byKey.has(key)) continue;
      const was = lookup(old, hpa.metadata);
      const is = lookup(now, hpa.metadata);
      if (was !== is) byKey.set(key, [was, is]);
    }
    return { byKey, complete: false };
  }
  const before = new Map(old.map((h) => [keyOf(h.metadata), h]));
  const after = new Map(now.map((h) => [keyOf(h.metadata), h]));
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(key);
    const is = after.get(key);
    if (was !== is) byKey.set(key, [was, is]);
  }
  return { byKey, complete: true };
}

/** The cluster's HPAs (namespace/name) by the target they scale, kept up to date from each step's changes. */
class ScalersByTarget {
  readonly #byTarget = new Map<string, Set<string>>();

  of(target: string): Iterable<string> {
    return this.#byTarget.get(target) ?? [];
  }

  follow(changes: HpaChanges): void {
    for (const [key, [was, is]] of changes.byKey) {
      if (was) this.#byTarget.get(targetKey(was))?.delete(key);
      if (is) {
        const target = targetKey(is);
        let keys = this.#byTarget.get(target);
        if (!keys) this.#byTarget.set(target, keys = new Set());
        keys.add(key);
      }
    }
  }
}

/**
 * The user HPAs a step can have touched: those whose object changed, those sharing a Deployment
 * with one that changed (a conflict starts or ends), the scalers of a pinned Deployment, and the
 * one the user's own event named. Everything else kept its object, so classifying it finds nothing.
 * `scalers` still describes the cluster before the step; found from the step's changes, not the namespace.
 */
function candidates(before: Cluster, after: Cluster, changes: HpaChanges, writes: readonly DeploymentWrite[], userTarget: ObjectRef | null, users: ReadonlySet<string>, scalers: ScalersByTarget): string[] {
  const pinned = writes.filter((w) => w.kind === 'pinned');
  if (before.hpas === after.hpas && pinned.length === 0 && userTarget === null) return [];
  const found = new Set<string>();
  const targets = new Set<string>(pinned.map((w) => `${w.namespace}/Deployment/${w.name}`));
  for (const [key, [was, is]] of changes.byKey) {
    if (users.has(key)) found.add(key);
    for (const hpa of [was, is]) if (hpa) targets.add(targetKey(hpa));
  }
  if (userTarget && users.has(keyOf(userTarget))) found.add(keyOf(userTarget));
  for (const target of targets) for (const key of scalers.of(target)) if (users.has(key)) found.add(key);
  return [...found];
}

/**
 * A list's views after writes that replaced entries in place or added them at the end: the
 * previous views with only the touched positions (and those named in `refresh`) built again, and
 * the new ones after them. Null when the writes are not known or moved entries (rebuild then).
 */
function patchedViews<T extends Named, V>(views: readonly V[], old: readonly T[], now: readonly T[], viewOf: (entry: T) => V, refresh: readonly ObjectRef[] = []): V[] | null {
  const change = changesBetween(old, now);
  if (!change || !change.grew || views.length !== old.length || now.length < old.length) return null;
  const next = views.slice();
  for (let at = old.length; at < now.length; at += 1) next.push(viewOf(now[at]!));
  for (const ref of [...change.touched.map((entry): ObjectRef => ('metadata' in entry ? entry.metadata : entry)), ...refresh]) {
    const at = positionOf(now, ref);
    if (at >= 0) next[at] = viewOf(now[at]!);
  }
  return next;
}

/** Two steps did the same to the cluster: refused or not, which writes, the HPAs and the pinned replicas after. */
function sameEffect(a: StepResult, b: StepResult, hpasKnownEqual: boolean): boolean {
  if ((a.admission?.allowed ?? null) !== (b.admission?.allowed ?? null)) return false;
  if (a.decisions.length !== b.decisions.length) return false;
  for (let i = 0; i < a.decisions.length; i += 1) {
    const x = a.decisions[i]!;
    const y = b.decisions[i]!;
    if (x.isvc !== y.isvc || x.component !== y.component || (x.call?.verb ?? null) !== (y.call?.verb ?? null)) return false;
  }
  if (!hpasKnownEqual) {
    if (a.hpas.length !== b.hpas.length) return false;
    for (let i = 0; i < a.hpas.length; i += 1) {
      const x = a.hpas[i]!;
      const y = b.hpas[i]!;
      if (x.namespace !== y.namespace || x.name !== y.name || x.terminating !== y.terminating || x.ownedByInferenceService !== y.ownedByInferenceService) return false;
    }
  }
  const pinsA = a.deploymentWrites.filter((w) => w.kind !== 'created');
  const pinsB = b.deploymentWrites.filter((w) => w.kind !== 'created');
  return pinsA.length === pinsB.length && pinsA.every((w, i) => w.kind === pinsB[i]!.kind && w.namespace === pinsB[i]!.namespace && w.name === pinsB[i]!.name && w.reset === pinsB[i]!.reset);
}

function firstDisagreement(versions: VersionResult[]): number | null {
  const [first, ...rest] = versions;
  if (!first || rest.length === 0) return null;
  for (let i = 0; i < first.steps.length; i += 1) {
    // Every earlier step agreed: HPA lists that no run changed in this step still agree.
    const unchanged = i > 0 && versions.every((v) => v.steps[i]!.hpas === v.steps[i - 1]!.hpas);
    if (rest.some((v) => !sameEffect(first.steps[i]!, v.steps[i]!, unchanged))) return i + 1;
  }
  return null;
}
