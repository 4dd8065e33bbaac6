/**
 * Shortest harm: breadth-first search over the controller machine's own snapshots, from the
 * cluster the scenario's objects leave behind, through the events `candidateEvents` allows, for
 * the shortest event sequence after which a user HPA (one the scenario applied without an
 * InferenceService ownerReference) comes to any harm: deleted, left Terminating, overwritten,
 * garbage-collected, in conflict with another HPA on its Deployment, or its scaling undone.
 * Harms are judged by `classifyStep` from engine/verdict.ts, so the explorer and the verdicts of
 * `runScenario` cannot disagree.
 *
 * Decisions:
 * - The search starts after the scenario's objects and ignores the scenario's own events: it asks
 *   "what can happen to these objects", not "what happens next in this story". The returned
 *   events are the whole replayable tail after the objects (`replay` re-applies the objects).
 * - A harm while the objects themselves are applied (an HPA applied next to a class-hpa ISVC's
 *   own HPA, say) is reported with zero events.
 * - By default the space is what the cluster does by itself (see space.ts): the user's own edits
 *   (class switches) and removals come in only when asked for (`includeEdits`, `userRemovals`),
 *   so a CI gate does not fail a repository for what a user might do one day.
 * - States are deduplicated by `stateKey` (the cluster and running release without the logical
 *   clock); the search stops at the first harm in breadth-first order, so the sequence is a
 *   shortest one and, among equally short ones, the first in `candidateEvents` order.
 *
 * Pure, DOM-free and deterministic.
 */
import type { Cluster } from '../k8s/store.ts';
import { keyOf, type Hpa, type ObjectRef } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { getRelease } from '../kserve/releases.ts';
import { sendEvent, startRun, type RunnerState } from '../machine-runner.ts';
import type { ModelOptions } from '../machine/controller.ts';
import type { ControllerEvent } from '../machine/events.ts';
import { resolveHpa } from '../machine/world.ts';
import { runRelease, userHpaKeys, type VersionResult } from '../run.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { classifyStep, isHarm, userTargetOf, type Harm } from '../verdict.ts';
import { candidateEvents, EDIT_CLASSES, stateKey, type SpaceOptions } from './space.ts';

export const DEFAULT_DEPTH = 6;
/** Deeper searches are refused by the CLI; the state spaces here are small, but a CI job should stay fast. */
export const MAX_DEPTH = 12;

export type LossKind = Harm;

export interface Loss {
  /** The HPA's name; `namespace` says where. */
  hpa: string;
  namespace: string;
  kind: LossKind;
  /** 1-based step in the replay: the scenario's objects first, then the events. Equals the verdict's firstLossStep. */
  step: number;
}

export interface ExploreOptions {
  depth?: number;
  /** Defaults to the scenario's apiServerDefaulting setting. */
  apiServerDefaulting?: boolean;
  /** Let the search make the user's own edits: switch the class to hpa, external, none or keda. Default false. */
  includeEdits?: boolean;
  /** Classes the search may switch to when `includeEdits` is on; default hpa, external, none, keda. */
  classes?: readonly string[];
  /** Let the search delete the user's HPAs, remove their finalizers and delete the ISVC. Default false. */
  userRemovals?: boolean;
  /** Let a GitOps tool re-apply the manifests (`gitops-sync`). Default true. */
  gitops?: boolean;
  /** Run on this release until an upgrade (default: the scenario's startRelease). */
  startRelease?: string | null;
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
    refused?: Message;
  };

/** The user HPAs of a scenario (namespace/name): applied without an InferenceService ownerReference, in order. */
export function userHpaNames(scenario: Pick<Scenario, 'objects'>): string[] {
  return userHpaKeys(scenario.objects.map((o) => o.object));
}

export function modelOptions(scenario: Scenario, apiServerDefaulting?: boolean): ModelOptions {
  return {
    apiServerDefaulting: apiServerDefaulting ?? scenario.settings.apiServerDefaulting,
    defaultDeploymentMode: scenario.settings.defaultDeploymentMode,
    keda: scenario.settings.keda,
  };
}

export const isLossKind = isHarm;

const refOf = (key: string): ObjectRef => ({ namespace: key.slice(0, key.indexOf('/')), name: key.slice(key.indexOf('/') + 1) });

function lossesOf(users: readonly string[], step: number, event: ControllerEvent, before: Cluster, after: RunnerState): Loss[] {
  const losses: Loss[] = [];
  const target = event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer' ? resolveHpa(before, event.hpa) : null;
  const userTarget = userTargetOf(event, target?.ok ? target.value.metadata : null);
  const { step: record, cluster } = after.context;
  for (const key of users) {
    const ref = refOf(key);
    const kinds = classifyStep(ref, { step, eventType: event.type, userTarget, before, after: cluster, decisions: record.decisions, deploymentWrites: record.deploymentWrites, notes: record.notes });
    const harm = kinds.find(isHarm);
    if (harm) losses.push({ hpa: ref.name, namespace: ref.namespace, kind: harm, step });
  }
  return losses;
}

interface Start {
  snapshot: RunnerState;
  users: string[];
  setupLosses: Loss[];
  refused?: Message;
}

/** Applies the scenario's objects, watching for a loss on the way (the same bookkeeping as runRelease). */
function startState(scenario: Scenario, tag: string, options: ModelOptions, startRelease: string | null): Start {
  const manifests = scenario.objects.map((o) => o.object);
  // Stepped by the machine runner, as runRelease steps it (the property test holds it to the actor).
  let state = startRun({ tag: getRelease(startRelease ?? tag).tag, target: getRelease(tag).tag, options, manifests });
  const users: string[] = [];
  let refused: Message | undefined;
  let setupLosses: Loss[] = [];
  scenario.objects.forEach(({ object }, i) => {
    for (const key of userHpaKeys([object])) if (!users.includes(key)) users.push(key);
    const before = state.context.cluster;
    const event: ControllerEvent = { type: 'object.apply', object };
    state = sendEvent(state, event);
    const after = state;
    const admission = after.context.step.admission;
    // The InferenceService's webhook, or KEDA's (or the API server's) refusing a ScaledObject: `kubectl apply` fails.
    if (object.kind !== 'HorizontalPodAutoscaler' && admission && !admission.allowed && refused === undefined) {
      refused = object.kind === 'ScaledObject' ? msg('refusal.scaledObject', { scaledObject: keyOf(object.metadata), reason: admission.message }) : admission.message;
    }
    // Class keda: KServe's own ScaledObject refused (no triggers, KEDA's webhook) or KEDA missing fails every reconcile.
    const failed = after.context.step.scaledObjectWrites.find((w) => w.reason !== null);
    if (failed && refused === undefined) refused = msg('refusal.kserveScaledObject', { scaledObject: `${failed.namespace}/${failed.name}`, reason: failed.reason });
    if (setupLosses.length === 0) setupLosses = lossesOf(users, i + 1, event, before, after);
  });
  return { snapshot: state, users, setupLosses, ...(refused !== undefined ? { refused } : {}) };
}

interface Node {
  snapshot: RunnerState;
  parent: Node | null;
  event: ControllerEvent | null;
}

function pathOf(node: Node): ControllerEvent[] {
  const events: ControllerEvent[] = [];
  for (let n: Node | null = node; n && n.event; n = n.parent) events.push(n.event);
  return events.reverse();
}

export function spaceOptions(scenario: Pick<Scenario, 'objects'>, options: Pick<ExploreOptions, 'classes' | 'userRemovals' | 'includeEdits' | 'gitops'>): SpaceOptions {
  const hpas = scenario.objects.map((o) => o.object).filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler');
  return {
    hpas,
    classes: options.includeEdits ? options.classes ?? EDIT_CLASSES : [],
    userRemovals: options.userRemovals ?? false,
    gitops: options.gitops ?? true,
  };
}

/**
 * The shortest event sequence after the scenario's objects that loses a user HPA in release
 * `tag`, or `found: false` when none exists within `depth` events.
 */
export function findShortestLoss(scenario: Scenario, tag: string, options: ExploreOptions = {}): ShortestLoss {
  const depth = options.depth ?? DEFAULT_DEPTH;
  const release = getRelease(tag);
  const startRelease = options.startRelease === undefined ? scenario.settings.startRelease : options.startRelease;
  const start = startState(scenario, release.tag, modelOptions(scenario, options.apiServerDefaulting), startRelease);
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
        const after = sendEvent(node.snapshot, event);
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
export function replay(scenario: Scenario, tag: string, events: readonly ControllerEvent[], options: Pick<ExploreOptions, 'apiServerDefaulting' | 'startRelease'> = {}): VersionResult {
  const replayed: Scenario = { ...scenario, events: events.map((event) => ({ event, position: null })) };
  const startRelease = options.startRelease === undefined ? scenario.settings.startRelease : options.startRelease;
  return runRelease(replayed, tag, modelOptions(scenario, options.apiServerDefaulting), startRelease);
}

