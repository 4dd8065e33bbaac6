/**
 * The KServe controller's loop for one release, as an xstate machine: idle until an event; the
 * world reacts (admission, API server, watches); if the InferenceService was queued, reconcile
 * each component through the decision graph (dispatch → lookup → decide → write) and return to
 * idle. All transitions after an event are eventless, so one `send` is one whole step.
 * The context is plain JSON: snapshots can be compared, serialised and explored.
 */
import { assign, setup, type SnapshotFrom } from 'xstate';
import { findHpa, removeIsvcFinalizer, createHpa, updateHpa, deleteHpa, type Cluster, EMPTY_CLUSTER } from '../k8s/store.ts';
import type { ComponentName } from '../k8s/types.ts';
import { admitInferenceServiceUpdate, mutateInferenceService, type Admission } from '../kserve/admission.ts';
import { componentMeta, componentsOf } from '../kserve/component-meta.ts';
import { autoscalerClass, type DecisionInput } from '../kserve/checks.ts';
import { ISVC_FINALIZER, type DeploymentMode } from '../kserve/constants.ts';
import { DECISION_GRAPH, ENTRY_NODE, RESULTS, stepNode, type NodeId, type Result, type TraceStep } from '../kserve/decision.ts';
import { reconcileDeployment } from '../kserve/deployment.ts';
import { buildDesiredHpa, withControllerReference } from '../kserve/desired-hpa.ts';
import { resolveDeploymentMode } from '../kserve/mode.ts';
import { getRelease } from '../kserve/releases.ts';
import { EVENT_WORDS, formatEvent, type ControllerEvent } from './events.ts';
import { applyWorldEvent } from './world.ts';

export interface ModelOptions {
  /** autoscaling/v2 defaulting on every write; off reproduces the upstream unit tests' fake client. */
  apiServerDefaulting: boolean;
  defaultDeploymentMode: DeploymentMode;
}

export interface ApiCall {
  verb: 'Create' | 'Update' | 'Delete';
  /** What the API server did: created, updated, deleted, terminating, or the error it returned. */
  outcome: string;
}

export interface Decision {
  component: ComponentName;
  hpa: string;
  result: Result;
  trace: TraceStep[];
  call: ApiCall | null;
}

export interface StepRecord {
  event: string;
  reconciled: boolean;
  admission: Admission | null;
  decisions: Decision[];
  notes: string[];
  /** Machine states the step passed through, for highlighting the statechart. */
  path: string[];
}

interface Work {
  pending: ComponentName[];
  input: DecisionInput | null;
  component: ComponentName | null;
  trace: TraceStep[];
  outcome: string | null;
  failed: boolean;
}

export interface ControllerContext {
  tag: string;
  options: ModelOptions;
  cluster: Cluster;
  step: StepRecord;
  work: Work;
}

export interface ControllerInput {
  tag: string;
  options: ModelOptions;
  cluster?: Cluster;
}

const EMPTY_STEP: StepRecord = { event: '', reconciled: false, admission: null, decisions: [], notes: [], path: [] };
const IDLE_WORK: Work = { pending: [], input: null, component: null, trace: [], outcome: null, failed: false };

const WRITES: Readonly<Partial<Record<Result, ApiCall['verb']>>> = { Create: 'Create', Update: 'Update', Delete: 'Delete' };

const behaviourOf = (context: ControllerContext) => getRelease(context.tag).behaviour;
const withNote = (step: StepRecord, note: string): StepRecord => ({ ...step, notes: [...step.notes, note] });

const machineSetup = setup({
  types: {
    context: {} as ControllerContext,
    events: {} as ControllerEvent,
    input: {} as ControllerInput,
  },
  guards: {
    triggered: ({ context }) => context.step.reconciled,
    isvcDeleting: ({ context }) => context.cluster.isvc?.metadata.deletionTimestamp !== undefined,
    outcomeIs: ({ context }, params: { value: string }) => context.work.outcome === params.value,
    moreComponents: ({ context }) => context.work.pending.length > 0 && !context.work.failed,
    reconcileFailed: ({ context }) => context.work.failed,
    finalizerPatchRefused: ({ context }) => {
      const isvc = context.cluster.isvc!;
      const patched = { ...isvc, metadata: { ...isvc.metadata, finalizers: (isvc.metadata.finalizers ?? []).filter((f) => f !== ISVC_FINALIZER) } };
      const behaviour = behaviourOf(context);
      return !admitInferenceServiceUpdate(behaviour, isvc, mutateInferenceService(behaviour, patched)).allowed;
    },
  },
  actions: {
    beginStep: assign(({ event }) => ({
      step: { ...EMPTY_STEP, event: formatEvent(event) },
      work: IDLE_WORK,
    })),
    applyWorld: assign(({ context, event }) => {
      const outcome = applyWorldEvent(context.cluster, event, behaviourOf(context), { apiServerDefaulting: context.options.apiServerDefaulting });
      return {
        cluster: outcome.cluster,
        step: { ...context.step, admission: outcome.admission, reconciled: outcome.triggered, notes: outcome.notes },
      };
    }),
    noteFinalizerRefused: assign(({ context }) => {
      const isvc = context.cluster.isvc!;
      const patched = { ...isvc, metadata: { ...isvc.metadata, finalizers: [] } };
      const behaviour = behaviourOf(context);
      const verdict = admitInferenceServiceUpdate(behaviour, isvc, mutateInferenceService(behaviour, patched));
      const why = verdict.allowed ? '' : verdict.message;
      return {
        step: {
          ...withNote(context.step, `The webhook refuses the controller's own finalizer patch (${why}): the InferenceService stays Terminating, the reconcile fails and is retried, and garbage collection never starts.`),
          // The one write to the InferenceService in this step was refused: that is the step's admission answer.
          admission: verdict,
          path: [...context.step.path, 'finalize'],
        },
      };
    }),
    recordStatus: assign(({ context }) => {
      const names = behaviourOf(context).statusModeNames;
      const isvc = context.cluster.isvc;
      const mode = context.work.input?.deploymentMode;
      if (!names || !isvc || !mode || isvc.status?.deploymentMode === names[mode]) return {};
      return { cluster: { ...context.cluster, isvc: { ...isvc, status: { ...isvc.status, deploymentMode: names[mode] } } } };
    }),
    finalizeIsvc: assign(({ context }) => {
      const before = new Set(context.cluster.hpas.map((h) => h.metadata.name));
      const cluster = removeIsvcFinalizer(context.cluster, ISVC_FINALIZER);
      const collected = [...before].filter((name) => {
        const now = findHpa(cluster, name);
        return !now || (now.metadata.deletionTimestamp !== undefined && findHpa(context.cluster, name)?.metadata.deletionTimestamp === undefined);
      });
      let step = withNote(context.step, 'The InferenceService is being deleted: the controller removes its finalizer and reconciles no component.');
      if (cluster.isvc === null) step = withNote(step, collected.length > 0
        ? `Garbage collection deletes what the InferenceService owned: ${collected.map((n) => `HPA ${n}`).join(', ')} and its Deployments.`
        : 'Garbage collection deletes the Deployments it owned; no HPA carries its ownerReference.');
      return { cluster, step: { ...step, path: [...step.path, 'finalize'] } };
    }),
    prepareComponents: assign(({ context }) => {
      const isvc = context.cluster.isvc!;
      let cluster = context.cluster;
      let step = context.step;
      if (!(isvc.metadata.finalizers ?? []).includes(ISVC_FINALIZER)) {
        const updated = { ...isvc, metadata: { ...isvc.metadata, finalizers: [...(isvc.metadata.finalizers ?? []), ISVC_FINALIZER] } };
        cluster = { ...cluster, clock: cluster.clock + 1, isvc: updated };
        step = withNote(step, `The controller adds the finalizer ${ISVC_FINALIZER} to the InferenceService.`);
      }
      return { cluster, step, work: { ...IDLE_WORK, pending: componentsOf(isvc) } };
    }),
    beginComponent: assign(({ context }) => {
      const [component, ...pending] = context.work.pending;
      const isvc = context.cluster.isvc!;
      const meta = componentMeta(isvc, component!);
      const behaviour = behaviourOf(context);
      const desired = withControllerReference(buildDesiredHpa(behaviour, meta, isvc.spec[component!] ?? {}), isvc);
      const mode = resolveDeploymentMode(behaviour, isvc, context.options.defaultDeploymentMode);
      const input: DecisionInput = {
        behaviour,
        deploymentMode: mode.mode,
        deploymentModeFrom: mode.from,
        annotations: meta.annotations,
        desired,
        existing: findHpa(context.cluster, desired.metadata.name) ?? null,
      };
      return { work: { ...context.work, pending, component: component!, input, trace: [], outcome: null } };
    }),
    runCheck: assign(({ context }, params: { node: NodeId }) => {
      const { step, value } = stepNode(params.node, context.work.input!);
      return {
        work: { ...context.work, outcome: value, trace: step ? [...context.work.trace, step] : context.work.trace },
        step: { ...context.step, path: [...context.step.path, params.node] },
      };
    }),
    reconcileDeployment: assign(({ context }) => {
      const input = context.work.input!;
      const isvc = context.cluster.isvc!;
      const className = autoscalerClass(input.annotations);
      const { cluster, note } = reconcileDeployment(context.cluster, behaviourOf(context), isvc, context.work.component!, input.desired.metadata.name, className);
      return { cluster, step: note ? withNote(context.step, note) : context.step };
    }),
    recordDecision: assign(({ context }, params: { result: Result }) => {
      const input = context.work.input!;
      const decision: Decision = { component: context.work.component!, hpa: input.desired.metadata.name, result: params.result, trace: context.work.trace, call: null };
      let step: StepRecord = { ...context.step, decisions: [...context.step.decisions, decision], path: [...context.step.path, params.result] };
      const failed = params.result === 'Error';
      if (failed) {
        const rest = context.work.pending;
        step = withNote(step, `The ${decision.component} reconcile returns an error, so the whole InferenceService reconcile fails and is retried with back-off${rest.length ? `; ${rest.join(' and ')} not reached` : ''}.`);
      }
      return { step, work: { ...context.work, failed } };
    }),
    writeHpa: assign(({ context }, params: { result: Result }) => {
      const verb = WRITES[params.result]!;
      const desired = context.work.input!.desired;
      const options = { apiServerDefaulting: context.options.apiServerDefaulting };
      const write = verb === 'Create' ? createHpa(context.cluster, desired, options)
        : verb === 'Update' ? updateHpa(context.cluster, desired, options)
          : deleteHpa(context.cluster, desired.metadata.name);
      const outcome = write.ok ? write.effect : `${write.reason}: ${write.message}`;
      const decisions = context.step.decisions.map((d, i, all) => (i === all.length - 1 ? { ...d, call: { verb, outcome } } : d));
      return { cluster: write.cluster, step: { ...context.step, decisions } };
    }),
  },
});

const EDGE_ACTIONS: Partial<Record<NodeId, Partial<Record<string, 'reconcileDeployment'>>>> = {
  // The Deployment reconciler runs once the autoscaler reconciler could be built.
  createAutoscaler: { HPAReconciler: 'reconcileDeployment', KedaReconciler: 'reconcileDeployment', NoOpAutoscaler: 'reconcileDeployment' },
};

function decisionStates() {
  const nodes = Object.entries(DECISION_GRAPH).map(([node, definition]) => [node, {
    entry: { type: 'runCheck' as const, params: { node: node as NodeId } },
    always: Object.entries(definition.next as Record<string, string>).map(([value, target]) => {
      const action = EDGE_ACTIONS[node as NodeId]?.[value];
      return {
        target,
        ...(value === '*' ? {} : { guard: { type: 'outcomeIs' as const, params: { value } } }),
        ...(action ? { actions: action } : {}),
      };
    }),
  }]);
  const results = RESULTS.map((result) => [result, {
    entry: [
      { type: 'recordDecision' as const, params: { result } },
      ...(WRITES[result] ? [{ type: 'writeHpa' as const, params: { result } }] : []),
    ],
    always: { target: '#controller.reconciling.next' },
  }]);
  return Object.fromEntries([...nodes, ...results]);
}

const eventTypes = [...new Set(EVENT_WORDS.map((e) => e.type))];

export const controllerMachine = machineSetup.createMachine({
  id: 'controller',
  context: ({ input }: { input: ControllerInput }) => ({
    tag: input.tag,
    options: input.options,
    cluster: input.cluster ?? EMPTY_CLUSTER,
    step: EMPTY_STEP,
    work: IDLE_WORK,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: Object.fromEntries(eventTypes.map((type) => [type, { target: 'settling', actions: ['beginStep', 'applyWorld'] }])),
    },
    settling: {
      always: [{ guard: 'triggered', target: 'reconciling' }, { target: 'idle' }],
    },
    reconciling: {
      initial: 'begin',
      states: {
        begin: {
          always: [
            { guard: 'isvcDeleting', target: 'finalize' },
            { target: 'prepare' },
          ],
        },
        finalize: {
          always: [
            { guard: 'finalizerPatchRefused', target: 'done', actions: 'noteFinalizerRefused' },
            { target: 'done', actions: 'finalizeIsvc' },
          ],
        },
        prepare: { entry: 'prepareComponents', always: 'next' },
        component: { initial: ENTRY_NODE, entry: 'beginComponent', states: decisionStates() },
        next: {
          always: [
            { guard: 'moreComponents', target: 'component' },
            { guard: 'reconcileFailed', target: 'done' },
            // The controller records the mode it used once every component reconciled.
            { target: 'done', actions: 'recordStatus' },
          ],
        },
        done: { always: '#controller.idle' },
      },
    },
  },
} as never);

export type ControllerSnapshot = SnapshotFrom<typeof controllerMachine>;

