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
import { findHpa, findIsvc, removeIsvcFinalizer, createHpa, updateHpa, deleteHpa, putIsvc, putIsvcStatus, type Cluster, EMPTY_CLUSTER } from '../k8s/store.ts';
import { kedaWakes, reconcileKeda } from '../keda/operator.ts';
import { desiredScaledObject, reconcileScaledObject, type KedaInstall, type ScaledObjectWrite } from '../kserve/keda-reconciler.ts';
import { keyOf, type ComponentName, type ComponentSpec, type InferenceService, type KubeObject, type ObjectRef } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { admitInferenceServiceUpdate, mutateInferenceService, type Admission } from '../kserve/admission.ts';
import { canariesOf, canaryMeta, componentExtension, componentMeta, componentsOf } from '../kserve/component-meta.ts';
import { autoscalerClass, isStopped, type DecisionInput } from '../kserve/checks.ts';
import { ISVC_FINALIZER, type DeploymentMode } from '../kserve/constants.ts';
import { DECISION_GRAPH, ENTRY_NODE, isWrite, RESULTS, stepNode, type NodeId, type Result, type TraceStep, type Write } from '../kserve/decision.ts';
import { reconcileDeployment, type DeploymentWrite } from '../kserve/deployment.ts';
import { buildDesiredHpa, withControllerReference } from '../kserve/desired-hpa.ts';
import { resolveDeploymentMode, type ModeResolution } from '../kserve/mode.ts';
import { getRelease } from '../kserve/releases.ts';
import { EVENT_WORDS, formatEvent, type ControllerEvent } from './events.ts';
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

interface Work {
  /** InferenceServices (namespace/name) still to reconcile in this step, in order. */
  queue: string[];
  /** The one being reconciled. */
  isvc: string | null;
  /** Passes per InferenceService in this step; a self-triggered requeue is bounded by it. */
  passes: Record<string, number>;
  /** How the InferenceService's mode resolved for this pass. */
  mode: ModeResolution | null;
  pending: Part[];
  /** The effective component extension of the part being reconciled (canaries: fixed replicas). */
  extension: ComponentSpec | null;
  canary: string | null;
  input: DecisionInput | null;
  component: ComponentName | null;
  trace: TraceStep[];
  outcome: string | null;
  failed: boolean;
  /**
   * What this pass changed that the controller itself watches: the InferenceService (its finalizer
   * or status; `For` has no predicate) or a Deployment it owns (`Owns`, no predicate). Each queues
   * the InferenceService again at once; the work queue folds them into one more pass.
   */
  requeue: RequeueReason[];
  /** The cluster as the world left it this step, from which KEDA's watches see KServe's writes. */
  settled: Cluster | null;
}

/** `statusKnative`: a status write on the Knative path, which the model makes as if Knative Serving were installed. */
export type RequeueReason = 'finalizer' | 'status' | 'statusKnative' | 'deployment' | 'scaledObject';

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

/** A self-triggered requeue runs at most this many passes of one InferenceService per step. */
export const MAX_PASSES = 3;

const EMPTY_STEP: StepRecord = { event: '', release: '', reconciled: false, reconciledIsvcs: [], admission: null, decisions: [], deploymentWrites: [], scaledObjectWrites: [], notes: [], path: [] };
const IDLE_WORK: Work = { queue: [], isvc: null, passes: {}, mode: null, pending: [], extension: null, canary: null, input: null, component: null, trace: [], outcome: null, failed: false, requeue: [], settled: null };

/** What one pass reconciles in order: the components, and after the predictor its canaries (v0.20). */
interface Part {
  component: ComponentName;
  canary: string | null;
}

const behaviourOf = (context: Pick<ControllerContext, 'tag'>) => getRelease(context.tag).behaviour;

/**
 * The states a step passed through, for the statechart. A resync of a whole namespace passes
 * through the same states hundreds of times; the picture needs the first few passes, and copying
 * an ever longer path on every transition would make a step quadratic.
 */
export const PATH_LIMIT = 96;
const along = (path: string[], state: string): string[] => (path.length >= PATH_LIMIT ? path : [...path, state]);
const withReason = (reasons: RequeueReason[], reason: RequeueReason): RequeueReason[] => (reasons.includes(reason) ? reasons : [...reasons, reason]);
const withNote = (step: StepRecord, note: Message): StepRecord => ({ ...step, notes: [...step.notes, note] });
const refOf = (key: string): ObjectRef => {
  const slash = key.indexOf('/');
  return { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
};
const currentIsvc = (context: Pick<ControllerContext, 'cluster' | 'work'>) => (context.work.isvc ? findIsvc(context.cluster, refOf(context.work.isvc)) : undefined);

type PatchContext = Pick<ControllerContext, 'cluster' | 'work' | 'tag' | 'options'>;

/**
 * The controller's own metadata patch of the InferenceService being reconciled (adding or
 * dropping its finalizer): an UPDATE, so both webhooks run on it. Returns the object as the
 * mutating webhook leaves it and what the validating webhook says.
 */
export function finalizerPatch(context: PatchContext, change: 'add' | 'remove'): { admission: Admission; patched: InferenceService } {
  const isvc = currentIsvc(context)!;
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
    outcomeIs: ({ context }, params: { value: string }) => context.work.outcome === params.value,
    moreComponents: ({ context }) => context.work.pending.length > 0 && !context.work.failed,
    finalizerRemovalRefused: ({ context }) => !finalizerPatch(context, 'remove').admission.allowed,
    finalizerAddRefused: ({ context }) => {
      const isvc = currentIsvc(context)!;
      return !(isvc.metadata.finalizers ?? []).includes(ISVC_FINALIZER) && !finalizerPatch(context, 'add').admission.allowed;
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
        step: { ...context.step, admission: outcome.admission, reconciled: outcome.queue.length > 0, notes: [...context.step.notes, ...outcome.notes, ...keda.notes] },
        work: { ...IDLE_WORK, queue: outcome.queue, settled: keda.cluster },
      };
    }),
    takeIsvc: assign(({ context }) => {
      const [isvc, ...queue] = context.work.queue;
      const passes = { ...context.work.passes, [isvc!]: (context.work.passes[isvc!] ?? 0) + 1 };
      const reconciledIsvcs = context.step.reconciledIsvcs.includes(isvc!) ? context.step.reconciledIsvcs : [...context.step.reconciledIsvcs, isvc!];
      return { work: { ...IDLE_WORK, queue, passes, isvc: isvc!, settled: context.work.settled }, step: { ...context.step, reconciledIsvcs, path: along(context.step.path, 'isvc') } };
    }),
    noteFinalizerPatchRefused: assign(({ context }, params: { change: 'add' | 'remove' }) => {
      const answer = finalizerPatch(context, params.change).admission;
      const verdict: Admission = answer.allowed ? answer : { ...answer, isvc: context.work.isvc! };
      const reason = verdict.allowed ? null : verdict.message;
      const note = params.change === 'remove' ? 'controller.finalizerRemovalRefused' : 'controller.finalizerAddRefused';
      return {
        step: {
          ...withNote(context.step, msg(note, { isvc: context.work.isvc, reason })),
          // The controller's write to the InferenceService in this step was refused: that is the step's admission answer.
          admission: verdict,
          path: along(context.step.path, params.change === 'remove' ? 'finalize' : 'prepare'),
        },
      };
    }),
    recordStatus: assign(({ context }) => {
      const isvc = currentIsvc(context);
      const mode = context.work.mode;
      // Written after the components, also when one failed (updateStatus runs before the error returns).
      const behaviour = behaviourOf(context);
      if (!isvc || !mode || !behaviour.writesStatusMode || isvc.status?.deploymentMode === mode.value) return {};
      // Without Knative Serving, releases before v0.17.0-rc0 return before updateStatus on this path (v0.16.0 controller.go:220-224).
      const knativeAbortSkipsStatus = mode.value === behaviour.modeSpelling.Serverless && !behaviour.knativeAbortWritesStatus;
      return {
        cluster: putIsvcStatus(context.cluster, isvc.metadata, { ...isvc.status, deploymentMode: mode.value }),
        work: { ...context.work, requeue: withReason(context.work.requeue, knativeAbortSkipsStatus ? 'statusKnative' : 'status') },
      };
    }),
    finalizeIsvc: assign(({ context }) => {
      const isvc = currentIsvc(context)!;
      const cluster = removeIsvcFinalizer(context.cluster, isvc.metadata, ISVC_FINALIZER);
      const collected = context.cluster.hpas.filter((hpa) => {
        const now = findHpa(cluster, hpa.metadata);
        return !now || (now.metadata.deletionTimestamp !== undefined && hpa.metadata.deletionTimestamp === undefined);
      }).map((hpa) => hpa.metadata.name);
      const key = keyOf(isvc.metadata);
      let step = withNote(context.step, msg('controller.finalizing', { isvc: key }));
      if (!findIsvc(cluster, isvc.metadata)) step = withNote(step, collected.length > 0 ? msg('controller.collected', { isvc: key, hpas: collected }) : msg('controller.collectedNoHpa', { isvc: key }));
      return { cluster, step: { ...step, path: along(step.path, 'finalize') } };
    }),
    prepareComponents: assign(({ context }) => {
      let isvc = currentIsvc(context)!;
      let cluster = context.cluster;
      let step = context.step;
      const requeue: RequeueReason[] = [];
      if (!(isvc.metadata.finalizers ?? []).includes(ISVC_FINALIZER)) {
        const { patched } = finalizerPatch(context, 'add');
        cluster = putIsvc(cluster, patched);
        isvc = findIsvc(cluster, isvc.metadata)!;
        step = withNote(step, msg('controller.finalizerAdded', { isvc: keyOf(isvc.metadata), finalizer: ISVC_FINALIZER }));
        requeue.push('finalizer');
      }
      const mode = resolveDeploymentMode(behaviourOf(context), isvc, context.options.defaultDeploymentMode);
      const pending: Part[] = componentsOf(isvc).map((component) => ({ component, canary: null }));
      return { cluster, step, work: { ...context.work, mode, pending, failed: false, requeue } };
    }),
    beginComponent: assign(({ context }) => {
      const [part, ...pending] = context.work.pending;
      const { component, canary: canaryName } = part!;
      const isvc = currentIsvc(context)!;
      const behaviour = behaviourOf(context);
      const canary = canaryName === null ? null : canariesOf(behaviour, isvc).find((c) => c.predictor.name === canaryName) ?? null;
      const meta = canary ? canaryMeta(behaviour, isvc, canary) : componentMeta(behaviour, isvc, component);
      const extension = componentExtension(behaviour, isvc, component, canary);
      const built = buildDesiredHpa(behaviour, meta, extension);
      // The stable path sets the ISVC as controller of the autoscaler; the canary path never does (v0.20.0 predictor.go :946-951).
      const desired = canary ? built : withControllerReference(built, isvc);
      const mode = context.work.mode!;
      const input: DecisionInput = {
        behaviour,
        mode,
        deploymentMode: mode.mode,
        deploymentModeFrom: mode.from,
        annotations: meta.annotations,
        desired,
        existing: findHpa(context.cluster, desired.metadata) ?? null,
      };
      return { work: { ...context.work, pending, component, canary: canaryName, extension, input, trace: [], outcome: null } };
    }),
    runCheck: assign(({ context }, params: { node: NodeId }) => {
      const { step, value } = stepNode(params.node, context.work.input!);
      return {
        work: { ...context.work, outcome: value, trace: step ? [...context.work.trace, step] : context.work.trace },
        step: { ...context.step, path: along(context.step.path, params.node) },
      };
    }),
    reconcileDeployment: assign(({ context }) => {
      const input = context.work.input!;
      const isvc = currentIsvc(context)!;
      const behaviour = behaviourOf(context);
      const outcome = reconcileDeployment(context.cluster, behaviour, isvc, {
        component: context.work.component!,
        canary: context.work.canary,
        name: input.desired.metadata.name,
        className: autoscalerClass(input.annotations),
        annotations: input.annotations,
        extension: context.work.extension ?? {},
        // The orphan cleanup keeps the stable predictor and every current canary.
        keep: [input.desired.metadata.name, ...canariesOf(behaviour, isvc).map((c) => canaryMeta(behaviour, isvc, c).name)],
      });
      return {
        cluster: outcome.cluster,
        step: { ...context.step, notes: [...context.step.notes, ...outcome.notes], deploymentWrites: [...context.step.deploymentWrites, ...outcome.writes] },
        work: outcome.writes.length > 0 ? { ...context.work, requeue: withReason(context.work.requeue, 'deployment') } : context.work,
      };
    }),
    reconcileScaledObject: assign(({ context }) => {
      const input = context.work.input!;
      const isvc = currentIsvc(context)!;
      const desired = desiredScaledObject(input.desired.metadata, context.work.extension ?? {}, isvc);
      const outcome = reconcileScaledObject(context.cluster, behaviourOf(context), context.options.keda ?? 'absent', desired, keyOf(isvc.metadata), isStopped(input.annotations));
      const { write } = outcome;
      // KServe owns its ScaledObjects with no predicate on create and delete, and a spec predicate on update.
      const watched = write.outcome === 'created' || write.outcome === 'updated' || write.outcome === 'deleted';
      return {
        cluster: outcome.cluster,
        step: { ...context.step, scaledObjectWrites: [...context.step.scaledObjectWrites, write] },
        work: { ...context.work, input: { ...input, keda: write }, requeue: watched ? withReason(context.work.requeue, 'scaledObject') : context.work.requeue },
      };
    }),
    settleKeda: assign(({ context }) => {
      const from = context.work.settled;
      if (!from || from === context.cluster) return {};
      const keda = reconcileKeda(context.cluster, kedaWakes(from, context.cluster), { apiServerDefaulting: context.options.apiServerDefaulting });
      if (keda.notes.length === 0 && keda.cluster === context.cluster) return {};
      return { cluster: keda.cluster, step: { ...context.step, notes: [...context.step.notes, ...keda.notes] } };
    }),
    recordDecision: assign(({ context }, params: { result: Result }) => {
      const input = context.work.input!;
      const canary = context.work.canary;
      const decision: Decision = { isvc: context.work.isvc!, component: context.work.component!, ...(canary !== null ? { canary } : {}), hpa: input.desired.metadata.name, result: params.result, trace: context.work.trace, call: null };
      let step: StepRecord = { ...context.step, decisions: [...context.step.decisions, decision], path: along(context.step.path, params.result) };
      const failed = params.result === 'Error';
      if (failed) step = withNote(step, msg('controller.reconcileFailed', { isvc: decision.isvc, component: decision.component, skipped: context.work.pending.map((p) => p.canary ?? p.component) }));
      let pending = context.work.pending;
      // v0.20: after the stable predictor's raw reconcile succeeded, its canaries (predictor.go :232).
      if (!failed && canary === null && decision.component === 'predictor' && input.deploymentMode === 'RawDeployment') {
        const canaries = canariesOf(input.behaviour, currentIsvc(context)!);
        pending = [...canaries.map((c) => ({ component: 'predictor' as const, canary: c.predictor.name ?? '' })), ...pending];
      }
      return { step, work: { ...context.work, failed, pending } };
    }),
    writeHpa: assign(({ context }, params: { verb: ApiCall['verb'] }) => {
      const { verb } = params;
      const desired = context.work.input!.desired;
      const options = { apiServerDefaulting: context.options.apiServerDefaulting };
      const write = verb === 'Create' ? createHpa(context.cluster, desired, options)
        : verb === 'Update' ? updateHpa(context.cluster, desired, options)
          : deleteHpa(context.cluster, desired.metadata);
      const outcome = write.ok ? write.effect : `${write.reason}: ${write.message}`;
      const decisions = context.step.decisions.map((d, i, all) => (i === all.length - 1 ? { ...d, call: { verb, outcome } } : d));
      return { cluster: write.cluster, step: { ...context.step, decisions } };
    }),
    requeueIfNeeded: assign(({ context }) => {
      const key = context.work.isvc!;
      const reasons = context.work.requeue;
      if (reasons.length === 0 || (context.work.passes[key] ?? 0) >= MAX_PASSES || context.work.queue.includes(key)) return {};
      return {
        work: { ...context.work, queue: [...context.work.queue, key], requeue: [] },
        step: withNote(context.step, msg('controller.requeued', { isvc: key, reasons: reasons.map((r) => msg(`requeue.${r}`)) })),
      };
    }),
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
