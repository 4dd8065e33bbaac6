/**
 * The controller machine as a plain transition function: the same states, guards and assign
 * actions that `setup()` declared, read from the machine's own definition, without xstate's
 * interpreter around each microstep (a snapshot built, state values computed and transition
 * domains searched on every one of them; a reconcile has about sixteen). A run of a namespace
 * spends most of its time there, so `runRelease` and the explorer step through this instead.
 *
 * It covers what the machine uses: atomic and compound states, one target per transition, event
 * transitions and eventless (`always`) ones with named guards, and assign actions on transitions
 * and state entry; no exit actions, no history, parallel, delayed or invoked states, no wildcard
 * events, no transition to the state itself or to an ancestor or descendant of its source.
 * Anything else makes `compile` return null and the runner steps xstate itself: the same answers,
 * slower. That fallback is loud where it matters: `runnerFallback()` says why and how often (the
 * bench prints it), and under vitest or with HPA_LAB_STRICT_RUNNER=1 it throws, so a change to the
 * machine that the runner cannot compile fails the tests instead of hiding as a slowdown. A
 * property test holds the runner to the actor, step by step, context and state.
 */
import { initialTransition, transition, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { controllerMachine, type ControllerContext, type ControllerInput, type ControllerSnapshot } from './machine/controller.ts';
import type { ControllerEvent } from './machine/events.ts';

type ActionRef = string | { type: string; params?: unknown };
/** A transition as the machine's state nodes hold it, in the terms this runner reads. */
interface Definition {
  target?: readonly AnyStateNode[];
  guard?: unknown;
  actions: readonly unknown[];
  reenter?: boolean;
  source: AnyStateNode;
}
type Guard = (args: { context: ControllerContext; event: ControllerEvent }, params: unknown) => boolean;
type Assignment = (args: { context: ControllerContext; event: ControllerEvent; spawn: () => never }, params: unknown) => Partial<ControllerContext>;

interface Step {
  assignment: Assignment;
  params: unknown;
}

interface Edge {
  guard: { check: Guard; params: unknown } | null;
  /** Transition actions, then the entry actions of every state entered, in order. */
  steps: Step[];
  /** The atomic state the transition ends in. */
  to: Compiled;
}

interface Compiled {
  node: AnyStateNode;
  always: Edge[];
  on: Map<string, Edge[]>;
}

const spawn = (): never => {
  throw new Error('the controller machine spawns no actors');
};

/** The machine as compiled states, or null when it uses something this runner does not cover. */
export function compile(machine: AnyStateMachine, why?: (reason: string) => void): Map<AnyStateNode, Compiled> | null {
  const actions = machine.implementations.actions as Record<string, { type?: string; assignment?: unknown }>;
  const guards = machine.implementations.guards as Record<string, unknown>;
  const compiled = new Map<AnyStateNode, Compiled>();
  const unsupported = (what = 'a construct'): never => {
    throw new Unsupported(what);
  };

  const stepOf = (action: ActionRef): Step => {
    if (typeof action === 'function') unsupported('an inline action');
    const type = typeof action === 'string' ? action : action.type;
    const params = typeof action === 'string' ? undefined : action.params;
    const implementation = actions[type];
    if (!implementation || implementation.type !== 'xstate.assign' || typeof implementation.assignment !== 'function' || typeof params === 'function') unsupported(`action ${type} (not a named assign)`);
    return { assignment: implementation!.assignment as Assignment, params };
  };
  const guardOf = (guard: unknown): Edge['guard'] => {
    if (guard === undefined) return null;
    if (typeof guard !== 'string' && (typeof guard !== 'object' || guard === null)) unsupported();
    const type = typeof guard === 'string' ? guard : (guard as { type: string }).type;
    const params = typeof guard === 'string' ? undefined : (guard as { params?: unknown }).params;
    const check = guards[type];
    if (typeof check !== 'function' || 'check' in check || typeof params === 'function') unsupported(`guard ${type}`);
    return { check: check as Guard, params };
  };
  const ancestors = (node: AnyStateNode): AnyStateNode[] => {
    const out: AnyStateNode[] = [];
    for (let n = node.parent; n; n = n.parent) out.push(n);
    return out;
  };
  /** Entering `node` from outside: its entry, then down its initial states to an atomic one. */
  const enter = (node: AnyStateNode, steps: Step[]): AnyStateNode => {
    steps.push(...(node.entry as ActionRef[]).map(stepOf));
    if (node.type === 'atomic') return node;
    if (node.type !== 'compound') unsupported(`state ${node.id} (${node.type})`);
    const initial = node.initial;
    if (!initial || initial.target.length !== 1 || initial.actions.length > 0) unsupported(`the initial transition of ${node.id}`);
    const child = initial.target[0]!;
    if (child.parent !== node) unsupported(`the initial transition of ${node.id}`);
    return enter(child, steps);
  };
  const edgeOf = (definition: Definition): Edge => {
    const target = definition.target;
    if (!target || target.length !== 1 || definition.reenter) unsupported(`a transition from ${definition.source.id} (targetless, several targets or reentering)`);
    const to = target![0]!;
    const source = definition.source;
    const sourceUp = [source, ...ancestors(source)];
    const targetUp = [to, ...ancestors(to)];
    if (sourceUp.includes(to) || targetUp.includes(source)) unsupported(`a transition from ${source.id} to its own ancestor or descendant`);
    // The least common compound ancestor: states below it on the target's side are entered.
    const domain = ancestors(source).find((a) => targetUp.includes(a))!;
    const path = targetUp.slice(0, targetUp.indexOf(domain)).reverse();
    const steps = (definition.actions as ActionRef[]).map(stepOf);
    // Entry actions of the states on the way down, then the target's initial descent.
    for (const node of path.slice(0, -1)) steps.push(...(node.entry as ActionRef[]).map(stepOf));
    const atomic = enter(path[path.length - 1]!, steps);
    return { guard: guardOf(definition.guard), steps, to: compiledOf(atomic) };
  };
  const compiledOf = (node: AnyStateNode): Compiled => {
    let found = compiled.get(node);
    if (found) return found;
    found = { node, always: [], on: new Map() };
    compiled.set(node, found);
    return found;
  };
  const check = (node: AnyStateNode): void => {
    if (node.exit.length > 0 || node.invoke.length > 0 || node.after.length > 0 || node.history || (node.type !== 'atomic' && node.type !== 'compound')) unsupported(`state ${node.id} (exit actions, invocations, delays, history or ${node.type})`);
    for (const child of Object.values(node.states) as AnyStateNode[]) check(child);
  };

  try {
    check(machine.root);
    const visit = (node: AnyStateNode): void => {
      if (node.type === 'atomic') {
        const state = compiledOf(node);
        // Eventless and event transitions of the state and its ancestors, innermost first (as xstate selects them).
        for (const n of [node, ...ancestors(node)]) {
          for (const t of (n.always ?? []) as Definition[]) state.always.push(edgeOf(t));
          for (const [type, list] of n.transitions as unknown as Map<string, Definition[]>) {
            if (type.includes('*')) unsupported(`the wildcard event ${type} in ${n.id}`);
            // A state whose guards all fail leaves the event to its parent: one list, innermost first.
            state.on.set(type, [...state.on.get(type) ?? [], ...list.map(edgeOf)]);
          }
        }
      }
      for (const child of Object.values(node.states) as AnyStateNode[]) visit(child);
    };
    visit(machine.root);
    return compiled;
  } catch (error) {
    if (error instanceof Unsupported) {
      why?.(error.message);
      return null;
    }
    throw error;
  }
}

class Unsupported extends Error {}

/** A state of a run: the machine's context and where it rests. Immutable; `send` returns the next. */
export interface RunnerState {
  readonly context: ControllerContext;
  /** Set when the machine is stepped by xstate (a definition the runner does not cover). */
  readonly snapshot?: ControllerSnapshot;
  readonly at?: Compiled;
}

let compileFailure: string | null = null;
const COMPILED = compile(controllerMachine, (reason) => {
  compileFailure = reason;
});

/** Why and how often runs fell back to stepping xstate; null reason and 0 runs when they never did. */
const fallback = { reason: null as string | null, runs: 0 };
export function runnerFallback(): Readonly<typeof fallback> {
  return { ...fallback };
}

/** Under vitest, or with HPA_LAB_STRICT_RUNNER=1: a fallback is a failure (the engine runs without Node too, hence the guard). */
const strict = (): boolean => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.HPA_LAB_STRICT_RUNNER === '1' || env?.VITEST !== undefined;
};

function fellBack(reason: string): void {
  fallback.reason ??= reason;
  fallback.runs += 1;
  if (strict()) throw new Error(`machine runner: stepping xstate instead, because the runner does not cover ${reason}`);
}

/** The machine's initial state for `input` (what `createActor(controllerMachine, { input }).start()` starts in). */
export function startRun(input: ControllerInput): RunnerState {
  const [snapshot] = initialTransition(controllerMachine, input);
  if (!COMPILED) {
    fellBack(compileFailure ?? 'the machine');
    return { context: snapshot.context, snapshot };
  }
  const atomic = [...COMPILED.keys()].find((node) => snapshot.matches(node.path.join('.') as never) && node.type === 'atomic');
  if (!atomic) {
    fellBack(`the initial state ${JSON.stringify(snapshot.value)}`);
    return { context: snapshot.context, snapshot };
  }
  return { context: snapshot.context, at: COMPILED.get(atomic)! };
}

const passes = (edge: Edge, context: ControllerContext, event: ControllerEvent): boolean =>
  edge.guard === null || edge.guard.check({ context, event }, edge.guard.params);

function take(edge: Edge, context: ControllerContext, event: ControllerEvent): ControllerContext {
  let next = context;
  for (const step of edge.steps) next = Object.assign({}, next, step.assignment({ context: next, event, spawn }, step.params));
  return next;
}

/** One event and every eventless transition after it: one `send`, one whole step. */
export function sendEvent(state: RunnerState, event: ControllerEvent): RunnerState {
  if (!state.at) {
    const [snapshot] = transition(controllerMachine, state.snapshot!, event);
    return { context: snapshot.context, snapshot };
  }
  let at = state.at;
  let context = state.context;
  const edge = at.on.get(event.type)?.find((e) => passes(e, context, event));
  if (edge) {
    context = take(edge, context, event);
    at = edge.to;
  }
  for (;;) {
    const next = at.always.find((e) => passes(e, context, event));
    if (!next) break;
    context = take(next, context, event);
    at = next.to;
  }
  return { context, at };
}

/** Where the state rests, as xstate names it (`idle`, `reconciling.component.dispatch`). */
export function stateName(state: RunnerState): string {
  if (state.at) return state.at.node.path.join('.');
  return JSON.stringify(state.snapshot!.value);
}
