/**
 * The controller statechart as plain data, read from the xstate machine definition itself: every
 * state node and every transition the machine has, nothing drawn by hand. Decision-graph states
 * are labelled with the KServe check they run (`lookup` → `hpaFound`), so the chart reads as the
 * controller's checks; results (Create, Delete, …) are their own kind.
 *
 * The walk goes through xstate v5's public state-node API (`root`, `states`, `transitions`,
 * `always`, `initial`) and keeps nothing but strings and booleans, so the model can be
 * serialised, compared in tests and shipped to the browser as JSON.
 */
import { controllerMachine } from '../../engine/machine/controller.ts';
import { DECISION_GRAPH, RESULTS } from '../../engine/kserve/decision.ts';

export type StateKind = 'atomic' | 'compound' | 'result';

export interface StatechartNode {
  /** Full path, as xstate spells it: `controller.reconciling.component.lookup`. */
  id: string;
  /** The state's own key: `lookup`. Step paths name states by key. */
  key: string;
  parent: string | null;
  kind: StateKind;
  /** What the chart shows: the check name for decision-graph states, the key otherwise. */
  label: string;
  /** The state its parent enters first. */
  initial: boolean;
  /** 0 for the machine's root. */
  depth: number;
  /** The check a decision-graph state runs, or null. */
  check: string | null;
  description: string | null;
}

export interface StatechartEdge {
  /** `${source}->${target}`: transitions between the same two states are one edge. */
  id: string;
  source: string;
  target: string;
  /**
   * What the chart shows: the event, the guard outcome, `always`/`*`/`else`, or `event` for a
   * collapsed bundle. Transitions between the same states join with ` | `; a bundle that includes
   * the `else` fallback reads `else` (or `always` when the state has no other target).
   */
  label: string;
  /** One label per machine transition this edge stands for, in definition order. */
  labels: string[];
  kind: 'event' | 'eventless';
}

export interface StatechartModel {
  /** The machine id (and the root node's id). */
  id: string;
  nodes: StatechartNode[];
  edges: StatechartEdge[];
}

export interface StatechartModelOptions {
  /** State key → check name; defaults to the decision graph's checks. */
  checks?: Readonly<Record<string, string>>;
  /** State keys that are results of the decision; defaults to the decision graph's RESULTS. */
  results?: readonly string[];
  /** More event transitions than this between the same two states collapse into one `event` edge. */
  collapseEventsOver?: number;
}

/** The slice of xstate's StateNode the walk needs, typed structurally. */
interface StateNodeLike {
  id: string;
  key: string;
  type: string;
  description?: string;
  states: Record<string, StateNodeLike>;
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
  initial?: { target?: readonly StateNodeLike[] };
}

interface TransitionLike {
  eventType: string;
  target?: readonly StateNodeLike[];
  guard?: unknown;
}

const DEFAULT_CHECKS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(DECISION_GRAPH).map(([node, definition]) => [node, definition.check]),
);

/** The label for a transition's guard: `outcomeIs` shows its value, other guards their name. */
export function guardLabel(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') return guard.name || 'guard';
  if (typeof guard === 'object') {
    const { type, params } = guard as { type?: unknown; params?: unknown };
    if (params && typeof params === 'object' && 'value' in params) return String((params as { value: unknown }).value);
    if (typeof type === 'string') return type;
  }
  return 'guard';
}

function eventLabel(eventType: string): string {
  const delayed = /^xstate\.after\.([^.]+)\./.exec(eventType);
  return delayed ? `after ${delayed[1]}ms` : eventType;
}

/** Any xstate v5 machine: only `machine.root` and its state nodes are read. */
export interface MachineLike {
  readonly root: unknown;
}

export function statechartModel(machine: MachineLike = controllerMachine, options: StatechartModelOptions = {}): StatechartModel {
  const checks = options.checks ?? DEFAULT_CHECKS;
  const results = new Set(options.results ?? RESULTS);
  const collapseOver = options.collapseEventsOver ?? 2;
  const root = machine.root as StateNodeLike;

  const nodes: StatechartNode[] = [];
  const transitions: { source: string; target: string; label: string; kind: StatechartEdge['kind'] }[] = [];

  const visit = (node: StateNodeLike, parent: StateNodeLike | null, depth: number): void => {
    const children = Object.values(node.states ?? {});
    const isCheck = parent !== null && Object.hasOwn(checks, node.key);
    const kind: StateKind = children.length > 0 ? 'compound' : results.has(node.key) ? 'result' : 'atomic';
    const initialOfParent = parent?.initial?.target?.some((t) => t.id === node.id) ?? false;
    nodes.push({
      id: node.id,
      key: node.key,
      parent: parent?.id ?? null,
      kind,
      label: isCheck ? checks[node.key]! : node.key,
      initial: initialOfParent,
      depth,
      check: isCheck ? checks[node.key]! : null,
      description: node.description ?? null,
    });

    for (const [eventType, list] of node.transitions) {
      for (const t of list) {
        const guard = guardLabel(t.guard);
        const label = guard ? `${eventLabel(eventType)} [${guard}]` : eventLabel(eventType);
        for (const target of t.target ?? [node]) transitions.push({ source: node.id, target: target.id, label, kind: 'event' });
      }
    }
    const always = node.always ?? [];
    always.forEach((t, i) => {
      const guard = guardLabel(t.guard);
      const guardedBefore = always.slice(0, i).some((earlier) => earlier.guard !== undefined);
      const label = guard ?? (isCheck ? '*' : guardedBefore ? 'else' : 'always');
      for (const target of t.target ?? [node]) transitions.push({ source: node.id, target: target.id, label, kind: 'eventless' });
    });

    for (const child of children) visit(child, node, depth + 1);
  };
  visit(root, null, 0);

  const edges = new Map<string, StatechartEdge>();
  for (const t of transitions) {
    const id = `${t.source}->${t.target}`;
    const edge = edges.get(id);
    if (edge) {
      edge.labels.push(t.label);
      if (edge.kind !== t.kind) edge.kind = 'event';
    } else {
      edges.set(id, { id, source: t.source, target: t.target, label: '', labels: [t.label], kind: t.kind });
    }
  }
  // Targets of each state's eventless transitions, to simplify labels that include the fallback.
  const eventlessTargets = new Map<string, Set<string>>();
  for (const t of transitions) if (t.kind === 'eventless') eventlessTargets.set(t.source, (eventlessTargets.get(t.source) ?? new Set()).add(t.target));
  for (const edge of edges.values()) {
    if (edge.kind === 'event' && edge.labels.length > collapseOver) edge.label = 'event';
    else if (edge.kind === 'eventless' && edge.labels.length > 1 && edge.labels.includes('else')) {
      // `g → B, else → B` is taken whenever the earlier guards to other states fail: `else`;
      // and when every eventless transition of the state goes to B, it is simply `always`.
      edge.label = eventlessTargets.get(edge.source)!.size === 1 ? 'always' : 'else';
    } else edge.label = edge.labels.join(' | ');
  }

  return { id: root.id, nodes, edges: [...edges.values()] };
}

export { pathToStateIds } from './ids.ts';
