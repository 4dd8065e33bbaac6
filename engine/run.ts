/**
 * Runs a scenario through the controller machine once per compared release and collects, per
 * step, the decisions, the cluster's HPAs and Deployments and the notes; then the verdict per
 * user HPA. This is the one entry point the CLI, the playground, the site build and the tests
 * share. With `startRelease`, every run starts on that release and moves to its own (or to a
 * named one) at `controller-upgraded`.
 */
import { createActor } from 'xstate';
import type { Cluster } from './k8s/store.ts';
import { keyOf, type Deployment, type Hpa, type InferenceService, type KubeObject, type ObjectRef } from './k8s/types.ts';
import { msg, type Message } from './i18n/message.ts';
import type { Admission } from './kserve/admission.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { possibleComponentNames } from './kserve/component-meta.ts';
import type { DeploymentWrite } from './kserve/deployment.ts';
import type { ScaledObjectWrite } from './kserve/keda-reconciler.ts';
import { BEHAVIOUR_LABEL, getRelease, type BehaviourId } from './kserve/releases.ts';
import { controllerMachine, type Decision, type ModelOptions } from './machine/controller.ts';
import type { ControllerEvent } from './machine/events.ts';
import { resolveHpa } from './machine/world.ts';
import { scenarioSteps, type Scenario, type SourcePosition } from './scenario/scenario.ts';
import { classifyStep, lossesOf, userTargetOf, verdictFor, type HpaHistoryEntry, type Loss, type Verdict } from './verdict.ts';
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
  const keys: string[] = [];
  for (const object of objects) {
    const key = userHpaOf(object)?.key;
    if (key !== undefined && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** Which InferenceService an HPA belongs with: the one whose Deployment it scales, or whose component name it has. */
export function isvcOfHpa(hpa: ObjectRef & { target?: string }, isvcs: readonly InferenceService[]): string | null {
  const owner = isvcs.find((isvc) => isvc.metadata.namespace === hpa.namespace
    && possibleComponentNames(isvc).some((name) => name === hpa.name || name === hpa.target));
  return owner ? keyOf(owner.metadata) : null;
}

const refOf = (key: string): ObjectRef => ({ namespace: key.slice(0, key.indexOf('/')), name: key.slice(key.indexOf('/') + 1) });

export function runRelease(scenario: Scenario, tag: string, options: ModelOptions, startRelease: string | null = null): VersionResult {
  const release = getRelease(tag);
  const start = getRelease(startRelease ?? tag).tag;
  const manifests = scenario.objects.map((o) => o.object);
  const actor = createActor(controllerMachine, { input: { tag: start, target: release.tag, options, manifests } });
  actor.start();
  const inputs = scenarioSteps(scenario);
  const applied = inputs.flatMap((input) => (input.event.type === 'object.apply' ? [input.event.object] : []));
  const userKeys = new Set<string>();
  const seen = new Set<string>();
  const histories = new Map<string, HpaHistoryEntry[]>();
  const losses = new Map<string, Loss[]>();
  const steps: StepResult[] = [];
  let before: Cluster = actor.getSnapshot().context.cluster;
  let views: Pick<StepResult, 'hpas' | 'deployments' | 'isvcs'> = { hpas: [], deployments: [], isvcs: [] };
  const hpaViewOf = memoView((hpa: Hpa) => hpaView(hpa, userKeys), (view, hpa) => view.user === userKeys.has(keyOf(hpa.metadata)));
  const deploymentViewOf = memoView(({ namespace, name, isvc, replicas }: Deployment): DeploymentView => ({ namespace, name, isvc: `${namespace}/${isvc}`, replicas }));
  const isvcViewOf = memoView((isvc: InferenceService): IsvcView => ({ key: keyOf(isvc.metadata), terminating: isvc.metadata.deletionTimestamp !== undefined, statusMode: isvc.status?.deploymentMode ?? null }));
  inputs.forEach((input, i) => {
    const event = input.event;
    if (event.type === 'object.apply') {
      const user = userHpaOf(event.object);
      if (user) userKeys.add(user.key);
    }
    const userTarget = userTargetOf(event, targetedHpa(before, event));
    actor.send(event);
    const { step, cluster } = actor.getSnapshot().context;
    const index = i + 1;
    for (const key of candidates(before, cluster, step.deploymentWrites, userTarget, userKeys)) {
      const kinds = classifyStep(refOf(key), { step: index, eventType: event.type, userTarget, before, after: cluster, decisions: step.decisions, deploymentWrites: step.deploymentWrites, notes: step.notes });
      // The first apply is the HPA's birth, not news; only a later re-apply is.
      const news = kinds.filter((kind) => !(kind === 'reapplied' && !seen.has(key)));
      if (news.length > 0) histories.set(key, [...histories.get(key) ?? [], ...news.map((kind) => ({ step: index, kind }))]);
      const lost = lossesOf(refOf(key), news, index, { before, after: cluster });
      if (lost.length > 0) losses.set(key, [...losses.get(key) ?? [], ...lost]);
    }
    for (const hpa of cluster.hpas) seen.add(keyOf(hpa.metadata));
    // Unchanged parts of the cluster keep their references: so do their views (a namespace has hundreds).
    views = {
      hpas: cluster.hpas === before.hpas && index > 1 ? views.hpas : cluster.hpas.map(hpaViewOf),
      deployments: cluster.deployments === before.deployments && index > 1 ? views.deployments : cluster.deployments.map(deploymentViewOf),
      isvcs: cluster.isvcs === before.isvcs && index > 1 ? views.isvcs : cluster.isvcs.map(isvcViewOf),
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
  actor.stop();
  const isvcs = [...manifests, ...applied].filter((o): o is InferenceService => o.kind === 'InferenceService');
  // The HPA KEDA would keep for a ScaledObject that was refused (or never got a workload) never
  // existed: there is nothing of the user's to judge, and the refusal is the step's answer.
  const verdicts = [...userKeys].filter((key) => seen.has(key)).map((key) => {
    const ref = refOf(key);
    const target = [...manifests, ...applied].map(userHpaOf).find((user) => user?.key === key)?.target;
    const final = before.hpas.find((h) => keyOf(h.metadata) === key);
    return verdictFor(ref, isvcOfHpa({ ...ref, ...(target ? { target } : {}) }, isvcs), histories.get(key) ?? [], final !== undefined, losses.get(key));
  });
  const behaviour = release.behaviour.id;
  return { tag: release.tag, commit: release.commit, behaviour, behaviourLabel: msg(BEHAVIOUR_LABEL[behaviour]), startRelease: start, steps, verdicts };
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

/**
 * The user HPAs a step can have touched: those whose object changed, those sharing a Deployment
 * with one that changed (a conflict starts or ends), the scalers of a pinned Deployment, and the
 * one the user's own event named. Everything else kept its object, so classifying it finds nothing.
 */
function candidates(before: Cluster, after: Cluster, writes: readonly DeploymentWrite[], userTarget: ObjectRef | null, users: ReadonlySet<string>): string[] {
  const pinned = writes.filter((w) => w.kind === 'pinned');
  if (before.hpas === after.hpas && pinned.length === 0 && userTarget === null) return [];
  const old = new Map(before.hpas.map((h) => [keyOf(h.metadata), h]));
  const now = new Map(after.hpas.map((h) => [keyOf(h.metadata), h]));
  const changed = new Set<string>();
  const targets = new Set<string>(pinned.map((w) => `${w.namespace}/Deployment/${w.name}`));
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    if (old.get(key) === now.get(key)) continue;
    changed.add(key);
    for (const hpa of [old.get(key), now.get(key)]) if (hpa) targets.add(targetKey(hpa));
  }
  if (userTarget) changed.add(keyOf(userTarget));
  return [...users].filter((key) => {
    if (changed.has(key)) return true;
    const hpa = now.get(key) ?? old.get(key);
    return hpa !== undefined && targets.has(targetKey(hpa));
  });
}

/** What a step did to the cluster: refused or not, which writes, the HPAs and the pinned replicas after. */
function stepSignature(step: StepResult): string {
  return JSON.stringify([
    step.admission?.allowed ?? null,
    step.decisions.map((d) => [d.isvc, d.component, d.call?.verb ?? null]),
    step.hpas.map((h) => [h.namespace, h.name, h.terminating, h.ownedByInferenceService]),
    step.deploymentWrites.filter((w) => w.kind !== 'created').map((w) => [w.kind, w.namespace, w.name]),
  ]);
}

function firstDisagreement(versions: VersionResult[]): number | null {
  const [first, ...rest] = versions;
  if (!first || rest.length === 0) return null;
  for (let i = 0; i < first.steps.length; i += 1) {
    const signature = stepSignature(first.steps[i]!);
    if (rest.some((v) => stepSignature(v.steps[i]!) !== signature)) return i + 1;
  }
  return null;
}
