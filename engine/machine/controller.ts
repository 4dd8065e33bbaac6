/**
 * The KServe controller's loop, as an xstate machine: idle until an event; the world reacts
 * (admission, API server, watches) and queues InferenceServices; the controller takes them one by
 * one and reconciles each component through the decision graph (dispatch → lookup → decide →
 * write), then returns to idle. All transitions after an event are eventless, so one `send` is
 * one whole step. The release that runs can change (`controller-upgraded`); the cluster carries
 * over as the old release left it. The context is plain JSON: snapshots can be compared,
 * serialised and explored.
 */
import { assertEvent, assign, setup, type SnapshotFrom } from 'xstate';
import { findDeployment, findHpa, findIsvc, removeIsvcFinalizer, createHpa, updateHpa, deleteHpa, putIsvc, putIsvcStatus, type Cluster, EMPTY_CLUSTER } from '../k8s/store.ts';
import { kedaWakes, reconcileKeda } from '../keda/operator.ts';
import { desiredScaledObject, reconcileScaledObject, type KedaInstall, type ScaledObjectWrite } from '../kserve/keda-reconciler.ts';
import { keyOf, type CanarySpec, type ComponentName, type ComponentSpec, type InferenceService, type KubeObject, type ObjectRef, type PodTemplateMeta } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { admitInferenceServiceUpdate, mutateInferenceService, type Admission } from '../kserve/admission.ts';
import { canariesOf, canaryMeta, componentExtension, componentMeta, componentsOf, podTemplate } from '../kserve/component-meta.ts';
import { autoscalerClass, isStopped, type DecisionInput } from '../kserve/checks.ts';
import { ISVC_FINALIZER, type DeploymentMode } from '../kserve/constants.ts';
import { DECISION_GRAPH, ENTRY_NODE, isWrite, RESULTS, stepNode, type NodeId, type Result, type TraceStep, type Write } from '../kserve/decision.ts';
import { isAvailable, reconcileDeployment, type DeploymentWrite } from '../kserve/deployment.ts';
import { buildDesiredHpa, withControllerReference } from '../kserve/desired-hpa.ts';
import { resolveDeploymentMode, type ModeResolution } from '../kserve/mode.ts';
import { getRelease, type Behaviour } from '../kserve/releases.ts';
import { EVENT_WORDS, formatEvent, type ControllerEvent } from './events.ts';
import { appendedTo, counted, lastReplaced, shifted } from './step-lists.ts';
import { applyWorldEvent } from './world.ts';

export interface ModelOptions {
  /** autoscaling/v2 defaulting on every write; off reproduces the upstream unit tests' fake client. */
  apiServerDefaulting: boolean;
  defaultDeploymentMode: DeploymentMode;
  /** Whether KEDA (its CRDs, operator and admission webhook) is installed; absent when not given. */
  keda?: KedaInstall;
}

export interface ApiCall {
  verb: Write;
  /** What the API server did: created, updated, deleted, terminating, or the error it returned. */
  outcome: string;
}

export interface Decision {
  /** The InferenceService reconciled, as namespace/name. */
  isvc: string;
  component: ComponentName;
  /** Set for a canary of the predictor (v0.20): the canary's predictor name. */
  canary?: string;
  /** The name of the HPA KServe looked up (in the InferenceService's namespace). */
  hpa: string;
  result: Result;
  trace: TraceStep[];
  call: ApiCall | null;
}

export interface StepRecord {
  event: string;
  /** The release whose controller and webhook ran this step. */
  release: string;
  reconciled: boolean;
  /** The InferenceServices (namespace/name) the controller took up in this step, in order. */
  reconciledIsvcs: string[];
  admission: Admission | null;
  decisions: Decision[];
  /** What KServe's Deployment reconciler did in this step (creations, replica pins, deletions). */
  deploymentWrites: DeploymentWrite[];
  /** What KServe's KEDA reconciler did to ScaledObjects in this step (class keda). */
  scaledObjectWrites: ScaledObjectWrite[];
  notes: Message[];
  /** Machine states the step passed through, for highlighting the statechart. */
  path: string[];
}

/** The step's work queue, which every phase carries. */
interface Queue {
  /** InferenceServices (namespace/name) still to reconcile in this step, in order. */
  queue: string[];
  /** Passes per InferenceService in this step; the loop guard reads it. */
  passes: Record<string, number>;
  /** The cluster as the world left it this step, from which KEDA's watches see KServe's writes. */
  settled: Cluster | null;
}

/** Between InferenceServices: nothing taken up. */
interface IdleWork extends Queue {
  phase: 'idle';
}

/** One InferenceService taken up, before its components. */
interface PassWork extends Queue {
  phase: 'pass';
  /** The one being reconciled. */
  isvc: string;
  /**
   * What this pass changed that the controller itself watches: the InferenceService (its finalizer
   * or status; `For` has no predicate) or a Deployment it owns (`Owns`, no predicate). Each queues
   * the InferenceService again at once; the work queue folds them into one more pass.
   */
  requeue: RequeueReason[];
}

/** Its components under way: the mode resolved, the parts still to reconcile. */
interface ComponentsWork extends Omit<PassWork, 'phase'> {
  phase: 'components';
  /** How the InferenceService's mode resolved for this pass. */
  mode: ModeResolution;
  pending: Part[];
  failed: boolean;
}

/** One part inside the decision graph (it stays until the next part begins). */
interface ComponentWork extends Omit<ComponentsWork, 'phase'> {
  phase: 'component';
  part: PartWork;
}

/** The part being reconciled and what its decision has read so far. */
interface PartWork extends Part {
  /** The effective component extension (canaries: fixed replicas). */
  extension: ComponentSpec;
  /** The pod template metadata its Deployment gets: the component meta (the `app` label, a function of the name, left out). */
  template: PodTemplateMeta;
  input: DecisionInput;
  trace: TraceStep[];
  outcome: string | null;
}

type Work = IdleWork | PassWork | ComponentsWork | ComponentWork;

/**
 * Why a pass queues its InferenceService again: it changed the object's metadata (its finalizer)
 * or status, or wrote a Deployment or ScaledObject it owns. HPA writes, refused writes and errors
 * never do (KServe does not watch HPAs; an error goes to back-off).
 * `statusKnative`: a status write on the Knative path, which the model makes as if Knative Serving were installed.
 */
export type RequeueReason = 'finalizer' | 'finalizerRemoved' | 'status' | 'statusKnative' | 'deployment' | 'scaledObject';

export interface ControllerContext {
  /** The release running now; an upgrade changes it. */
  tag: string;
  /** The release each compared run ends on; `controller-upgraded` without a tag moves to it. */
  target: string;
  options: ModelOptions;
  manifests: readonly KubeObject[];
  cluster: Cluster;
  step: StepRecord;
  work: Work;
}

export interface ControllerInput {
  tag: string;
  /** Defaults to `tag`. */
  target?: string;
  options: ModelOptions;
  manifests?: readonly KubeObject[];
  cluster?: Cluster;
}

/**
 * A loop guard, not a behaviour: KServe reconciles until a pass writes nothing it watches, and
 * every modelled write settles in a pass or two (a write makes the next pass find it done); past
 * this many passes of one InferenceService in a step the model stops and says so (`controller.passLimit`).
 */
export const MAX_PASSES = 8;

const EMPTY_STEP: StepRecord = { event: '', release: '', reconciled: false, reconciledIsvcs: [], admission: null, decisions: [], deploymentWrites: [], scaledObjectWrites: [], notes: [], path: [] };
const IDLE_WORK: IdleWork = { phase: 'idle', queue: [], passes: {}, settled: null };

/** What one pass reconciles in order: the components, and after the predictor its canaries (v0.20; before it with #5984). */
interface Part {
  component: ComponentName;
  canary: string | null;
}

const behaviourOf = (context: Pick<ControllerContext, 'tag'>) => getRelease(context.tag).behaviour;

const canaryParts = (behaviour: Behaviour, isvc: InferenceService): Part[] =>
  canariesOf(behaviour, isvc).map((c) => ({ component: 'predictor', canary: c.predictor.name ?? '' }));

/**
 * The states a step passed through, for the statechart. A resync of a whole namespace passes
 * through the same states hundreds of times; the picture needs the first few passes, and copying
 * an ever longer path on every transition would make a step quadratic.
 */
export const PATH_LIMIT = 96;
const along = (path: string[], state: string): string[] => (path.length >= PATH_LIMIT ? path : appendedTo(path, state));
const withReason = (reasons: RequeueReason[], reason: RequeueReason): RequeueReason[] => (reasons.includes(reason) ? reasons : [...reasons, reason]);
const withNote = (step: StepRecord, note: Message): StepRecord => ({ ...step, notes: appendedTo(step.notes, note) });
const refOf = (key: string): ObjectRef => {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
};
const currentIsvc = (context: Pick<ControllerContext, 'cluster' | 'work'>) => (context.work.phase === 'idle' ? undefined : findIsvc(context.cluster, refOf(context.work.isvc)));

/**
 * The machine's states guarantee the phase each action runs in; a wrong one is a bug in the
 * machine, not in the input, so it throws instead of guessing.
 */
function inPhase<P extends Work['phase']>(work: Work, ...phases: P[]): Extract<Work, { phase: P }> {
  if (!isPhase(work, phases)) throw new Error(`controller machine: ${phases.join(' or ')} expected, found ${work.phase}`);
  return work;
}
const isPhase = <P extends Work['phase']>(work: Work, phases: readonly P[]): work is Extract<Work, { phase: P }> => (phases as readonly string[]).includes(work.phase);

/** The InferenceService being reconciled; the states before this one left it in the cluster. */
function takenIsvc(context: Pick<ControllerContext, 'cluster' | 'work'>): InferenceService {
  const isvc = currentIsvc(context);
  if (!isvc) throw new Error('controller machine: the InferenceService being reconciled is gone');
  return isvc;
}

type PatchContext = Pick<ControllerContext, 'tag' | 'options'>;

const hasFinalizer = (isvc: InferenceService | undefined) => (isvc?.metadata.finalizers ?? []).includes(ISVC_FINALIZER);

/**
 * The InferenceService being reconciled queued once more for what its pass wrote (the work queue
 * folds it into one entry), or the loop guard's note once MAX_PASSES passes ran in this step.
 */
function requeued(context: Pick<ControllerContext, 'work' | 'step'>, reasons: readonly RequeueReason[]): Pick<ControllerContext, 'work' | 'step'> {
  const { work, step } = context;
  if (work.phase === 'idle') return { work, step };
  const key = work.isvc;
  if (reasons.length === 0 || work.queue.includes(key)) return { work, step };
  if ((work.passes[key] ?? 0) >= MAX_PASSES) return { work, step: withNote(step, msg('controller.passLimit', { isvc: key, passes: MAX_PASSES })) };
  return {
    work: { ...work, queue: appendedTo(work.queue, key), requeue: [] },
    step: withNote(step, msg('controller.requeued', { isvc: key, reasons: reasons.map((r) => msg(`requeue.${r}`)) })),
  };
}

/**
 * The controller's own metadata patch of the InferenceService being reconciled (adding or
 * dropping its finalizer): an UPDATE, so both webhooks run on it. Returns the object as the
 * mutating webhook leaves it and what the validating webhook says.
 */
export function finalizerPatch(context: PatchContext, isvc: InferenceService, change: 'add' | 'remove'): { admission: Admission; patched: InferenceService } {
  const finalizers = (isvc.metadata.finalizers ?? []).filter((f) => f !== ISVC_FINALIZER);
  const wanted = { ...isvc, metadata: { ...isvc.metadata, finalizers: change === 'add' ? [...finalizers, ISVC_FINALIZER] : finalizers } };
  const behaviour = behaviourOf(context);
  const patched = mutateInferenceService(behaviour, wanted, context.options.defaultDeploymentMode);
  return { admission: admitInferenceServiceUpdate(behaviour, isvc, patched), patched };
}

export const machineSetup = setup({
  types: {
    context: {} as ControllerContext,
    events: {} as ControllerEvent,
    input: {} as ControllerInput,
  },
  guards: {
    queued: ({ context }) => context.work.queue.length > 0,
    isvcGone: ({ context }) => currentIsvc(context) === undefined,
    isvcDeleting: ({ context }) => currentIsvc(context)?.metadata.deletionTimestamp !== undefined,
    outcomeIs: ({ context }, params: { value: string }) => inPhase(context.work, 'component').part.outcome === params.value,
    moreComponents: ({ context }) => {
      const work = inPhase(context.work, 'components', 'component');
      return work.pending.length > 0 && !work.failed;
    },
    finalizerRemovalRefused: ({ context }) => {
      const isvc = takenIsvc(context);
      return hasFinalizer(isvc) && !finalizerPatch(context, isvc, 'remove').admission.allowed;
    },
    finalizerAddRefused: ({ context }) => {
      const isvc = takenIsvc(context);
      return !hasFinalizer(isvc) && !finalizerPatch(context, isvc, 'add').admission.allowed;
    },
  },
  actions: {
    beginStep: assign(({ context, event }) => ({
      step: { ...EMPTY_STEP, event: formatEvent(event), release: context.tag },
      work: IDLE_WORK,
    })),
    upgrade: assign(({ context, event }) => {
      assertEvent(event, 'controller.upgraded');
      const to = getRelease(event.tag ?? context.target).tag;
      const note = msg(to === context.tag ? 'controller.sameRelease' : 'controller.upgraded', { from: context.tag, to });
      return { tag: to, step: { ...context.step, release: to, notes: [note] } };
    }),
    applyWorld: assign(({ context, event }) => {
      const behaviour = behaviourOf(context);
      const options = { apiServerDefaulting: context.options.apiServerDefaulting };
      const outcome = applyWorldEvent(context.cluster, event, {
        rules: behaviour,
        options,
        manifests: context.manifests,
        clusterDefault: context.options.defaultDeploymentMode,
        keda: context.options.keda ?? 'absent',
      });
      // KEDA reacts to what the world did (a ScaledObject applied, its HPA deleted) before KServe's passes.
      const keda = reconcileKeda(outcome.cluster, kedaWakes(context.cluster, outcome.cluster), options);
      return {
        cluster: keda.cluster,
        step: { ...context.step, admission: outcome.admission, reconciled: outcome.queue.length > 0, notes: appendedTo(context.step.notes, ...outcome.notes, ...keda.notes) },
        work: { ...IDLE_WORK, queue: outcome.queue, settled: keda.cluster },
      };
    }),
    takeIsvc: assign(({ context }) => {
      const [isvc, queue] = shifted(context.work.queue);
      if (isvc === undefined) throw new Error('controller machine: takeIsvc with an empty queue');
      // Taken before in this step (passes and reconciledIsvcs start empty together): listed already.
      const again = (context.work.passes[isvc] ?? 0) > 0;
      const passes = counted(context.work.passes, isvc);
      const reconciledIsvcs = again ? context.step.reconciledIsvcs : appendedTo(context.step.reconciledIsvcs, isvc);
      const work: PassWork = { phase: 'pass', queue, passes, isvc, requeue: [], settled: context.work.settled };
      return { work, step: { ...context.step, reconciledIsvcs, path: along(context.step.path, 'isvc') } };
    }),
    noteFinalizerPatchRefused: assign(({ context }, params: { change: 'add' | 'remove' }) => {
      const { isvc } = inPhase(context.work, 'pass');
      const answer = finalizerPatch(context, takenIsvc(context), params.change).admission;
      const verdict: Admission = answer.allowed ? answer : { ...answer, isvc };
      const reason = verdict.allowed ? null : verdict.message;
      const note = params.change === 'remove' ? 'controller.finalizerRemovalRefused' : 'controller.finalizerAddRefused';
      return {
        step: {
          ...withNote(context.step, msg(note, { isvc, reason })),
          // The controller's write to the InferenceService in this step was refused: that is the step's admission answer.
          admission: verdict,
          path: along(context.step.path, params.change === 'remove' ? 'finalize' : 'prepare'),
        },
      };
    }),
    recordStatus: assign(({ context }) => {
      const isvc = currentIsvc(context);
      const work = inPhase(context.work, 'components', 'component');
      const { mode } = work;
      // Written after the components, also when one failed (updateStatus runs before the error returns).
      const behaviour = behaviourOf(context);
      if (!isvc || !behaviour.writesStatusMode || isvc.status?.deploymentMode === mode.value) return {};
      // Without Knative Serving, releases before v0.17.0-rc0 return before updateStatus on this path (v0.16.0 controller.go:220-224).
      const knativeAbortSkipsStatus = mode.value === behaviour.modeSpelling.Serverless && !behaviour.knativeAbortWritesStatus;
      return {
        cluster: putIsvcStatus(context.cluster, isvc.metadata, { ...isvc.status, deploymentMode: mode.value }),
        work: { ...work, requeue: withReason(work.requeue, knativeAbortSkipsStatus ? 'statusKnative' : 'status') },
      };
    }),
    finalizeIsvc: assign(({ context }) => {
      // Being deleted and already finalized (other finalizers keep it): the controller returns at once (v0.15.2 controller.go:179-198).
      const isvc = takenIsvc(context);
      if (!hasFinalizer(isvc)) return {};
      const cluster = removeIsvcFinalizer(context.cluster, isvc.metadata, ISVC_FINALIZER);
      const collected = context.cluster.hpas.filter((hpa) => {
        const now = findHpa(cluster, hpa.metadata);
        return !now || (now.metadata.deletionTimestamp !== undefined && hpa.metadata.deletionTimestamp === undefined);
      }).map((hpa) => hpa.metadata.name);
      const key = keyOf(isvc.metadata);
      let step = withNote(context.step, msg('controller.finalizing', { isvc: key }));
      const remaining = findIsvc(cluster, isvc.metadata);
      if (!remaining) step = withNote(step, collected.length > 0 ? msg('controller.collected', { isvc: key, hpas: collected }) : msg('controller.collectedNoHpa', { isvc: key }));
      step = { ...step, path: along(step.path, 'finalize') };
      // Other finalizers keep it: the metadata patch is an update the controller's own watch sees.
      return { cluster, ...(remaining ? requeued({ ...context, step }, ['finalizerRemoved']) : { step }) };
    }),
    prepareComponents: assign(({ context }) => {
      const pass = inPhase(context.work, 'pass');
      let isvc = takenIsvc(context);
      let cluster = context.cluster;
      let step = context.step;
      const requeue: RequeueReason[] = [];
      if (!hasFinalizer(isvc)) {
        const { patched } = finalizerPatch(context, isvc, 'add');
        cluster = putIsvc(cluster, patched);
        isvc = findIsvc(cluster, isvc.metadata) ?? patched;
        step = withNote(step, msg('controller.finalizerAdded', { isvc: keyOf(isvc.metadata), finalizer: ISVC_FINALIZER }));
        requeue.push('finalizer');
      }
      const behaviour = behaviourOf(context);
      const mode = resolveDeploymentMode(behaviour, isvc, context.options.defaultDeploymentMode);
      const components: Part[] = componentsOf(isvc).map((component) => ({ component, canary: null }));
      // #5984 (master predictor.go:227-237): the canaries come before the stable predictor's raw reconcile.
      const pending = behaviour.canaryReadinessGated && mode.mode === 'RawDeployment'
        ? [...canaryParts(behaviour, isvc), ...components] : components;
      const work: ComponentsWork = { ...pass, phase: 'components', mode, pending, failed: false, requeue };
      return { cluster, step, work };
    }),
    beginComponent: assign(({ context }) => {
      const work = inPhase(context.work, 'components', 'component');
      const [next, ...pending] = work.pending;
      if (next === undefined) throw new Error('controller machine: beginComponent with no part pending');
      const { component, canary: canaryName } = next;
      const isvc = takenIsvc(context);
      const behaviour = behaviourOf(context);
      const canary = canaryName === null ? null : canariesOf(behaviour, isvc).find((c) => c.predictor.name === canaryName) ?? null;
      const meta = canary ? canaryMeta(behaviour, isvc, canary) : componentMeta(behaviour, isvc, component);
      // #5984: a canary is Ready when its Deployment has an available replica (master predictor.go:957-979).
      const ready = (c: CanarySpec) => isAvailable(findDeployment(context.cluster, { namespace: isvc.metadata.namespace, name: canaryMeta(behaviour, isvc, c).name }));
      const extension = componentExtension(behaviour, isvc, component, canary, ready);
      const built = buildDesiredHpa(behaviour, meta, extension);
      // The stable path sets the ISVC as controller of the autoscaler; v0.20's canary path does not (predictor.go :946-951), #5934's does.
      const desired = canary && !behaviour.canaryAutoscalerOwned ? built : withControllerReference(built, isvc);
      const { mode } = work;
      const input: DecisionInput = {
        behaviour,
        mode,
        deploymentMode: mode.mode,
        deploymentModeFrom: mode.from,
        annotations: meta.annotations,
        desired,
        existing: findHpa(context.cluster, desired.metadata) ?? null,
      };
      const template = podTemplate(isvc, component, canary, meta);
      const part: PartWork = { component, canary: canaryName, extension, template, input, trace: [], outcome: null };
      // The part replaces the previous one, if any.
      const begun: ComponentWork = { ...work, phase: 'component', pending, part };
      return { work: begun };
    }),
    runCheck: assign(({ context }, params: { node: NodeId }) => {
      const work = inPhase(context.work, 'component');
      const { part } = work;
      const { step, value } = stepNode(params.node, part.input);
      return {
        work: { ...work, part: { ...part, outcome: value, trace: step ? [...part.trace, step] : part.trace } },
        step: { ...context.step, path: along(context.step.path, params.node) },
      };
    }),
    reconcileDeployment: assign(({ context }) => {
      const work = inPhase(context.work, 'component');
      const { input } = work.part;
      const isvc = takenIsvc(context);
      const behaviour = behaviourOf(context);
      const outcome = reconcileDeployment(context.cluster, behaviour, isvc, {
        component: work.part.component,
        canary: work.part.canary,
        name: input.desired.metadata.name,
        className: autoscalerClass(input.annotations),
        annotations: input.annotations,
        extension: work.part.extension,
        template: work.part.template,
        // The orphan cleanup keeps the stable predictor and every current canary.
        keep: [input.desired.metadata.name, ...canariesOf(behaviour, isvc).map((c) => canaryMeta(behaviour, isvc, c).name)],
      });
      return {
        cluster: outcome.cluster,
        step: { ...context.step, notes: appendedTo(context.step.notes, ...outcome.notes), deploymentWrites: appendedTo(context.step.deploymentWrites, ...outcome.writes) },
        work: outcome.writes.length > 0 ? { ...work, requeue: withReason(work.requeue, 'deployment') } : work,
      };
    }),
    reconcileScaledObject: assign(({ context }) => {
      const work = inPhase(context.work, 'component');
      const { input } = work.part;
      const isvc = takenIsvc(context);
      const desired = desiredScaledObject(input.desired.metadata, work.part.extension, isvc);
      const outcome = reconcileScaledObject(context.cluster, behaviourOf(context), context.options.keda ?? 'absent', desired, keyOf(isvc.metadata), isStopped(input.annotations));
      const { write } = outcome;
      // KServe owns its ScaledObjects with no predicate on create and delete, and a spec predicate on update.
      const watched = write.outcome === 'created' || write.outcome === 'updated' || write.outcome === 'deleted';
      return {
        cluster: outcome.cluster,
        step: { ...context.step, scaledObjectWrites: appendedTo(context.step.scaledObjectWrites, write) },
        work: { ...work, part: { ...work.part, input: { ...input, keda: write } }, requeue: watched ? withReason(work.requeue, 'scaledObject') : work.requeue },
      };
    }),
    settleKeda: assign(({ context }) => {
      const from = context.work.settled;
      if (!from || from === context.cluster) return {};
      const keda = reconcileKeda(context.cluster, kedaWakes(from, context.cluster), { apiServerDefaulting: context.options.apiServerDefaulting });
      if (keda.notes.length === 0 && keda.cluster === context.cluster) return {};
      return { cluster: keda.cluster, step: { ...context.step, notes: appendedTo(context.step.notes, ...keda.notes) } };
    }),
    recordDecision: assign(({ context }, params: { result: Result }) => {
      const work = inPhase(context.work, 'component');
      const { input, canary, component, trace } = work.part;
      const decision: Decision = { isvc: work.isvc, component, ...(canary !== null ? { canary } : {}), hpa: input.desired.metadata.name, result: params.result, trace, call: null };
      let step: StepRecord = { ...context.step, decisions: appendedTo(context.step.decisions, decision), path: along(context.step.path, params.result) };
      const failed = params.result === 'Error';
      if (failed) step = withNote(step, msg('controller.reconcileFailed', { isvc: decision.isvc, component: decision.component, skipped: work.pending.map((p) => p.canary ?? p.component) }));
      let pending = work.pending;
      // v0.20: after the stable predictor's raw reconcile succeeded, its canaries (predictor.go :232); #5984 put them first.
      if (!failed && canary === null && decision.component === 'predictor' && input.deploymentMode === 'RawDeployment' && !input.behaviour.canaryReadinessGated) {
        pending = [...canaryParts(input.behaviour, takenIsvc(context)), ...pending];
      }
      return { step, work: { ...work, failed, pending } };
    }),
    writeHpa: assign(({ context }, params: { verb: ApiCall['verb'] }) => {
      const { verb } = params;
      const { desired } = inPhase(context.work, 'component').part.input;
      const options = { apiServerDefaulting: context.options.apiServerDefaulting };
      const write = verb === 'Create' ? createHpa(context.cluster, desired, options)
        : verb === 'Update' ? updateHpa(context.cluster, desired, options)
          : deleteHpa(context.cluster, desired.metadata);
      const outcome = write.ok ? write.effect : `${write.reason}: ${write.message}`;
      const last = context.step.decisions[context.step.decisions.length - 1]!;
      const decisions = lastReplaced(context.step.decisions, { ...last, call: { verb, outcome } });
      return { cluster: write.cluster, step: { ...context.step, decisions } };
    }),
    requeueIfNeeded: assign(({ context }) => requeued(context, inPhase(context.work, 'pass', 'components', 'component').requeue)),
  },
});

const EDGE_ACTIONS: Partial<Record<NodeId, Partial<Record<string, 'reconcileDeployment' | 'reconcileScaledObject'>>>> = {
  // The Deployment reconciler runs once NewRawKubeReconciler succeeded (autoscaler built, mode parsed).
  workloadMode: { ok: 'reconcileDeployment' },
  // Class keda: the Scaler runs the KEDA reconciler, after the Deployment and Service (raw_kube_reconciler.go).
  dispatch: { KedaReconciler: 'reconcileScaledObject' },
};

/** The decision graph's nodes and results as states, each built through setup() so its guard and action names are checked. */
function decisionStates() {
  const nodes = Object.entries(DECISION_GRAPH).map(([node, definition]) => [node, machineSetup.createStateConfig({
    entry: { type: 'runCheck', params: { node: node as NodeId } },
    always: Object.entries(definition.next as Record<string, string>).map(([value, target]) => {
      const action = EDGE_ACTIONS[node as NodeId]?.[value];
      return {
        target,
        ...(value === '*' ? {} : { guard: { type: 'outcomeIs' as const, params: { value } } }),
        ...(action ? { actions: action } : {}),
      };
    }),
  })] as const);
  const results = RESULTS.map((result) => {
    const verb = isWrite(result) ? result : null;
    return [result, machineSetup.createStateConfig({
    entry: [
      { type: 'recordDecision', params: { result } },
      ...(verb ? [{ type: 'writeHpa' as const, params: { verb } }] : []),
    ],
    always: { target: '#controller.reconciling.nextComponent' },
  })] as const;
  });
  return Object.fromEntries([...nodes, ...results]);
}

const eventTypes = [...new Set(EVENT_WORDS.map((e) => e.type))];

export const controllerMachine = machineSetup.createMachine({
  id: 'controller',
  context: ({ input }) => ({
    tag: getRelease(input.tag).tag,
    target: getRelease(input.target ?? input.tag).tag,
    options: input.options,
    manifests: input.manifests ?? [],
    cluster: input.cluster ?? EMPTY_CLUSTER,
    step: EMPTY_STEP,
    work: IDLE_WORK,
  }),
  initial: 'idle',
  states: {
    idle: {
      // Only an upgrade changes the release, before the world reacts (the webhook is the new release's).
      on: Object.fromEntries(eventTypes.map((type) => [type, { target: 'settling', actions: type === 'controller.upgraded' ? ['beginStep', 'upgrade', 'applyWorld'] as const : ['beginStep', 'applyWorld'] as const }])),
    },
    settling: {
      always: [{ guard: 'queued', target: 'reconciling' }, { target: 'idle' }],
    },
    reconciling: {
      initial: 'nextIsvc',
      states: {
        nextIsvc: {
          always: [{ guard: 'queued', target: 'begin', actions: 'takeIsvc' }, { target: 'done' }],
        },
        begin: {
          always: [
            { guard: 'isvcGone', target: 'nextIsvc' },
            { guard: 'isvcDeleting', target: 'finalize' },
            { target: 'prepare' },
          ],
        },
        finalize: {
          always: [
            { guard: 'finalizerRemovalRefused', target: 'nextIsvc', actions: { type: 'noteFinalizerPatchRefused', params: { change: 'remove' } } },
            { target: 'nextIsvc', actions: 'finalizeIsvc' },
          ],
        },
        prepare: {
          always: [
            // The patch error returns before any component is reconciled, and before any status write.
            { guard: 'finalizerAddRefused', target: 'nextIsvc', actions: { type: 'noteFinalizerPatchRefused', params: { change: 'add' } } },
            { target: 'nextComponent', actions: 'prepareComponents' },
          ],
        },
        component: { initial: ENTRY_NODE, entry: 'beginComponent', states: decisionStates() },
        nextComponent: {
          always: [
            { guard: 'moreComponents', target: 'component' },
            // The controller records the mode it resolved after the components, whether or not one failed.
            { target: 'isvcDone', actions: 'recordStatus' },
          ],
        },
        isvcDone: { entry: 'requeueIfNeeded', always: 'nextIsvc' },
        // KEDA's watches see KServe's writes of the step (KServe does not watch HPAs, so nothing wakes it back).
        done: { entry: 'settleKeda', always: '#controller.idle' },
      },
    },
  },
});

export type ControllerSnapshot = SnapshotFrom<typeof controllerMachine>;
