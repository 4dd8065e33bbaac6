/**
 * Shortest loss: breadth-first search over the controller machine's own snapshots, from the
 * cluster the scenario's objects leave behind, through the events `candidateEvents` allows, for
 * the shortest event sequence after which KServe has deleted, overwritten, left Terminating or
 * garbage-collected a user HPA (one the scenario applied without an InferenceService
 * ownerReference). Losses are judged by `classifyStep` and `verdictFor` from engine/verdict.ts,
 * so the explorer and the verdicts of `runScenario` cannot disagree.
 *
 * Decisions:
 * - The search starts after the scenario's objects and ignores the scenario's own events: it asks
 *   "what can happen to these objects", not "what happens next in this story". The returned
 *   events are the whole replayable tail after the objects (`replay` re-applies the objects).
 * - A loss while the objects themselves are applied (an HPA applied before a class-hpa ISVC, say)
 *   is reported with zero events. Today classifyStep treats every `object.apply` step as the
 *   user's own action, so such an overwrite is not classified (the verdicts miss it too); the
 *   search then finds the next loss instead (pinned in test/unit/explore.test.ts).
 * - The user's own removals (hpa-delete, hpa-remove-finalizer, isvc-delete) are left out by
 *   default: removing your own HPA is never a loss (`classifyStep` calls it "removed"), and
 *   letting the search remove the user's `kserve.io/protect` finalizer or delete the
 *   InferenceService would report losses the user caused on purpose. Class switches
 *   (isvc-annotate of serving.kserve.io/autoscalerClass) stay in: they are ordinary edits that
 *   make KServe act on a same-named HPA (e.g. external → hpa adopts it through Update).
 * - States are deduplicated by `stateKey` (the cluster without the logical clock); the search
 *   stops at the first loss in breadth-first order, so the sequence is a shortest one and, among
 *   equally short ones, the first in `candidateEvents` order.
 *
 * Pure, DOM-free and deterministic.
 */
import { createActor, transition } from 'xstate';
import type { Cluster } from '../k8s/store.ts';
import type { Hpa } from '../k8s/types.ts';
import { ownedByInferenceService } from '../kserve/checks.ts';
import { getRelease } from '../kserve/releases.ts';
import { controllerMachine, type ControllerSnapshot, type ModelOptions } from '../machine/controller.ts';
import type { ControllerEvent } from '../machine/events.ts';
import { runRelease, type VersionResult } from '../run.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { classifyStep, userTargetOf, verdictFor, type HpaEventKind } from '../verdict.ts';
import { candidateEvents, DEFAULT_CLASSES, stateKey, type SpaceOptions } from './space.ts';

export const DEFAULT_DEPTH = 6;
/** Deeper searches are refused by the CLI; the state spaces here are small, but a CI job should stay fast. */
export const MAX_DEPTH = 12;

export type LossKind = Extract<HpaEventKind, 'overwritten' | 'deleted' | 'terminating' | 'collected'>;

export interface Loss {
  hpa: string;
  kind: LossKind;
  /** 1-based step in the replay: the scenario's objects first, then the events. Equals the verdict's firstLossStep. */
  step: number;
}

export interface ExploreOptions {
  depth?: number;
  /** Defaults to the scenario's apiServerDefaulting setting. */
  apiServerDefaulting?: boolean;
  /** Classes the search may switch the InferenceService to; default hpa, external, none, keda. */
  classes?: readonly string[];
  /** Let the search delete the user's HPAs, remove their finalizers and delete the ISVC. Default false. */
  userRemovals?: boolean;
}

export type ShortestLoss =
  | {
    found: true;
    tag: string;
    /** Events after the scenario's objects, in order; empty when applying the objects already loses an HPA. */
    events: ControllerEvent[];
    /** The first user HPA lost at the last step (in the order the scenario applied them). */
    loss: Loss;
    /** Every user HPA lost at that step. */
    losses: Loss[];
    statesVisited: number;
  }
  | {
    found: false;
    tag: string;
    depth: number;
    statesVisited: number;
    /** Set when the admission webhook refused the scenario's InferenceService: nothing was stored. */
    refused?: string;
  };

/** The user HPAs of a scenario: applied without an InferenceService ownerReference, in order. */
export function userHpaNames(scenario: Pick<Scenario, 'objects'>): string[] {
  const names: string[] = [];
  for (const { object } of scenario.objects) {
    if (object.kind === 'HorizontalPodAutoscaler' && !ownedByInferenceService(object) && !names.includes(object.metadata.name)) names.push(object.metadata.name);
  }
  return names;
}

export function modelOptions(scenario: Scenario, apiServerDefaulting?: boolean): ModelOptions {
  return {
    apiServerDefaulting: apiServerDefaulting ?? scenario.settings.apiServerDefaulting,
    defaultDeploymentMode: scenario.settings.defaultDeploymentMode,
  };
}

const LOSS_KINDS = new Set<HpaEventKind>(
  (['overwritten', 'deleted', 'terminating', 'collected', 'removed', 'reapplied'] as const)
    // verdictFor decides what counts as a loss; ask it instead of keeping a second list.
    .filter((kind) => verdictFor('probe', [{ step: 1, kind }], true, false).firstLossStep !== null),
);

export function isLossKind(kind: HpaEventKind | null): kind is LossKind {
  return kind !== null && LOSS_KINDS.has(kind);
}

function lossesOf(users: readonly string[], step: number, event: ControllerEvent, before: Cluster, after: ControllerSnapshot): Loss[] {
  const losses: Loss[] = [];
  for (const hpa of users) {
    const kind = classifyStep(hpa, { step, eventType: event.type, userTarget: userTargetOf(event), before, after: after.context.cluster, decisions: after.context.step.decisions });
    if (isLossKind(kind)) losses.push({ hpa, kind, step });
  }
  return losses;
}

interface Start {
  snapshot: ControllerSnapshot;
  users: string[];
  setupLosses: Loss[];
  refused?: string;
}

/** Applies the scenario's objects, watching for a loss on the way (the same bookkeeping as runRelease). */
function startState(scenario: Scenario, tag: string, options: ModelOptions): Start {
  const actor = createActor(controllerMachine, { input: { tag: getRelease(tag).tag, options } });
  actor.start();
  const users: string[] = [];
  let refused: string | undefined;
  let setupLosses: Loss[] = [];
  scenario.objects.forEach(({ object }, i) => {
    if (object.kind === 'HorizontalPodAutoscaler' && !ownedByInferenceService(object) && !users.includes(object.metadata.name)) users.push(object.metadata.name);
    const before = actor.getSnapshot().context.cluster;
    const event: ControllerEvent = { type: 'object.apply', object };
    actor.send(event);
    const after = actor.getSnapshot();
    const admission = after.context.step.admission;
    if (object.kind === 'InferenceService' && admission && !admission.allowed && refused === undefined) refused = admission.message;
    if (setupLosses.length === 0) setupLosses = lossesOf(users, i + 1, event, before, after);
  });
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { snapshot, users, setupLosses, ...(refused !== undefined ? { refused } : {}) };
}

interface Node {
  snapshot: ControllerSnapshot;
  parent: Node | null;
  event: ControllerEvent | null;
}

function pathOf(node: Node): ControllerEvent[] {
  const events: ControllerEvent[] = [];
  for (let n: Node | null = node; n && n.event; n = n.parent) events.push(n.event);
  return events.reverse();
}

export function spaceOptions(scenario: Pick<Scenario, 'objects'>, options: Pick<ExploreOptions, 'classes' | 'userRemovals'>): SpaceOptions {
  const hpas = scenario.objects.map((o) => o.object).filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler');
  return { hpas, classes: options.classes ?? DEFAULT_CLASSES, userRemovals: options.userRemovals ?? false };
}

/**
 * The shortest event sequence after the scenario's objects that loses a user HPA in release
 * `tag`, or `found: false` when none exists within `depth` events.
 */
export function findShortestLoss(scenario: Scenario, tag: string, options: ExploreOptions = {}): ShortestLoss {
  const depth = options.depth ?? DEFAULT_DEPTH;
  const release = getRelease(tag);
  const start = startState(scenario, release.tag, modelOptions(scenario, options.apiServerDefaulting));
  const setupStep = scenario.objects.length;
  if (start.setupLosses.length > 0) {
    return { found: true, tag: release.tag, events: [], loss: start.setupLosses[0]!, losses: start.setupLosses, statesVisited: 1 };
  }
  const space = spaceOptions(scenario, options);
  const seen = new Set<string>([stateKey(start.snapshot.context)]);
  const notFound = { found: false as const, tag: release.tag, depth, ...(start.refused !== undefined ? { refused: start.refused } : {}) };
  // Nobody to lose: skip the search (it would find nothing).
  if (start.users.length === 0) return { ...notFound, statesVisited: seen.size };
  let frontier: Node[] = [{ snapshot: start.snapshot, parent: null, event: null }];
  for (let level = 1; level <= depth && frontier.length > 0; level += 1) {
    const next: Node[] = [];
    for (const node of frontier) {
      const before = node.snapshot.context.cluster;
      for (const event of candidateEvents(node.snapshot.context, space)) {
        const [after] = transition(controllerMachine, node.snapshot, event);
        const losses = lossesOf(start.users, setupStep + level, event, before, after);
        const child: Node = { snapshot: after, parent: node, event };
        const key = stateKey(after.context);
        if (losses.length > 0) {
          seen.add(key);
          return { found: true, tag: release.tag, events: pathOf(child), loss: losses[0]!, losses, statesVisited: seen.size };
        }
        if (!seen.has(key)) {
          seen.add(key);
          next.push(child);
        }
      }
    }
    frontier = next;
  }
  return { ...notFound, statesVisited: seen.size };
}

/**
 * Runs the scenario's objects and then `events` (instead of the scenario's own events) through
 * `runRelease`, the path the CLI and the playground take. The loss a search reports shows up in
 * the returned verdicts at the same step.
 */
export function replay(scenario: Scenario, tag: string, events: readonly ControllerEvent[], options: Pick<ExploreOptions, 'apiServerDefaulting'> = {}): VersionResult {
  const replayed: Scenario = { ...scenario, events: events.map((event) => ({ event, position: null })) };
  return runRelease(replayed, tag, modelOptions(scenario, options.apiServerDefaulting));
}

