/**
 * The per-component decision as a graph: each node runs one check and follows the edge named by
 * its outcome, until a result. The same table drives the pure `decide` below and the states of
 * the controller machine, so the two cannot disagree.
 */
import type { Message } from '../i18n/message.ts';
import { CHECKS, type CheckId, type DecisionInput, type Scalar } from './checks.ts';
import type { AnchorId } from './source-map.ts';

export const RESULTS = ['Create', 'Update', 'Delete', 'Existed', 'Skipped', 'NotCalled', 'Error'] as const;
export type Result = (typeof RESULTS)[number];

/** The results that write the HPA (the API call KServe makes is named like the result). */
export const WRITES = ['Create', 'Update', 'Delete'] as const satisfies readonly Result[];
export type Write = (typeof WRITES)[number];
export const isWrite = (result: Result): result is Write => (WRITES as readonly Result[]).includes(result);

export interface DecisionNode {
  check: CheckId;
  /** Outcome value → next node or result; '*' matches any value. */
  next: Readonly<Record<string, NodeId | Result>>;
}

export const DECISION_GRAPH = {
  deploymentMode: { check: 'deploymentMode', next: { Serverless: 'NotCalled', ModelMesh: 'NotCalled', RawDeployment: 'autoscalerClass' } },
  autoscalerClass: { check: 'getAutoscalerClass', next: { '*': 'createAutoscaler' } },
  createAutoscaler: {
    check: 'createAutoscaler',
    next: { HPAReconciler: 'workloadMode', KedaReconciler: 'workloadMode', NoOpAutoscaler: 'workloadMode', error: 'Error' },
  },
  // v0.17+: NewRawKubeReconciler builds the autoscaler reconciler, then parses the mode for the workload factory.
  workloadMode: { check: 'workloadMode', next: { ok: 'dispatch', error: 'Error' } },
  dispatch: { check: 'dispatch', next: { HPAReconciler: 'lookup', KedaReconciler: 'kedaReconcile', NoOpAutoscaler: 'NotCalled' } },
  // The KEDA reconciler writes the component's ScaledObject; the HPA reconciler is not called either way.
  kedaReconcile: { check: 'kedaReconcile', next: { ok: 'NotCalled', error: 'Error' } },
  lookup: { check: 'hpaFound', next: { false: 'notFound', true: 'found' } },
  notFound: { check: 'shouldCreateHPA', next: { true: 'Create', false: 'Skipped' } },
  found: { check: 'deleteCheckedFirst', next: { false: 'equalityFirst', true: 'deleteFirst' } },
  equalityFirst: { check: 'semanticHPAEquals', next: { true: 'Existed', false: 'deleteAfterEquality' } },
  deleteAfterEquality: { check: 'shouldDeleteHPA', next: { true: 'Delete', false: 'Update' } },
  deleteFirst: { check: 'shouldDeleteHPA', next: { true: 'Delete', false: 'equalityAfterDelete' } },
  equalityAfterDelete: { check: 'semanticHPAEquals', next: { true: 'Existed', false: 'Update' } },
} as const satisfies Record<string, { check: CheckId; next: Record<string, string> }>;

export type NodeId = keyof typeof DECISION_GRAPH;
export const ENTRY_NODE: NodeId = 'deploymentMode';

export interface TraceStep {
  node: NodeId;
  check: CheckId;
  value: string;
  inputs: Record<string, Scalar>;
  why: Message;
  anchor: AnchorId | null;
}

export function isResult(target: string): target is Result {
  return (RESULTS as readonly string[]).includes(target);
}

export function isNode(target: string): target is NodeId {
  return Object.hasOwn(DECISION_GRAPH, target);
}

/** Runs one node: the traced step (or null where the check is structural or absent) and where to go. */
export function stepNode(node: NodeId, input: DecisionInput): { step: TraceStep | null; value: string; target: NodeId | Result } {
  const { check, next } = DECISION_GRAPH[node] as DecisionNode;
  const definition = CHECKS[check];
  const outcome = definition.run(input);
  const target = next[outcome.value] ?? next['*'];
  if (target === undefined) throw new Error(`decision graph: node ${node} has no edge for ${outcome.value}`);
  const absent = 'absentIn' in definition && definition.absentIn(input.behaviour);
  const step = definition.traced && !absent
    ? { node, check, value: outcome.value, inputs: outcome.inputs, why: outcome.why, anchor: definition.anchor }
    : null;
  return { step, value: outcome.value, target };
}

/** The pure decision: walk the graph from the entry node to a result. */
export function decide(input: DecisionInput, from: NodeId = ENTRY_NODE): { result: Result; trace: TraceStep[] } {
  const trace: TraceStep[] = [];
  let current: NodeId | Result = from;
  while (!isResult(current)) {
    const { step, target } = stepNode(current, input);
    if (step) trace.push(step);
    current = target;
  }
  return { result: current, trace };
}
