/**
 * The space the explorer and the path tests search: which events make sense in a given cluster
 * (the scenario format's event kinds, instantiated for the objects at hand, each aimed at one
 * InferenceService) and a key that identifies a state regardless of the logical clock.
 *
 * By default only what the cluster does by itself: pod churn, HPA scaling, resyncs, restarts,
 * GitOps syncs, and the pending upgrade when the run started on another release. The user's own
 * edits (class switches) and removals are added only when asked for.
 */
import { ANNOTATION } from '../kserve/constants.ts';
import { keyOf, type Hpa } from '../k8s/types.ts';
import type { ControllerContext } from '../machine/controller.ts';
import type { ControllerEvent, IsvcTarget } from '../machine/events.ts';
import { predictorDeployment, scalersOf } from '../machine/world.ts';

export interface SpaceOptions {
  /** HPAs the scenario applied; one that is gone may be applied again by its owner. */
  hpas: readonly Hpa[];
  /** Classes to try switching to (isvc-annotate): the user's own edits; empty by default. */
  classes: readonly string[];
  /** Include the user's own removals (hpa-delete, hpa-remove-finalizer, isvc-delete). */
  userRemovals: boolean;
  /** Include `gitops-sync` (the objects are managed by a GitOps tool). */
  gitops: boolean;
}

export const EDIT_CLASSES = ['hpa', 'external', 'none', 'keda'] as const;

export function candidateEvents(context: Pick<ControllerContext, 'cluster' | 'tag' | 'target'>, options: SpaceOptions): ControllerEvent[] {
  const { cluster } = context;
  const events: ControllerEvent[] = [];
  for (const isvc of cluster.isvcs) {
    const target: IsvcTarget = { namespace: isvc.metadata.namespace, name: isvc.metadata.name };
    const predictor = predictorDeployment(cluster, isvc);
    if (predictor) {
      events.push({ type: 'pod.created', isvc: target }, { type: 'pod.deleted', isvc: target });
      // Two replica values are enough to change the Deployment and keep the space finite.
      if (scalersOf(cluster, predictor).length > 0) events.push({ type: 'hpa.scaled', replicas: predictor.replicas === 3 ? 2 : 3, isvc: target });
    }
    const current = isvc.metadata.annotations?.[ANNOTATION.autoscalerClass] ?? 'hpa';
    for (const className of options.classes) {
      if (className !== current) events.push({ type: 'isvc.annotate', key: ANNOTATION.autoscalerClass, value: className, isvc: target });
    }
    if (options.userRemovals && isvc.metadata.deletionTimestamp === undefined) events.push({ type: 'isvc.delete', isvc: target });
  }
  if (cluster.isvcs.length > 0) events.push({ type: 'resync' }, { type: 'controller.restarted' });
  if (context.tag !== context.target) events.push({ type: 'controller.upgraded', tag: null });
  if (options.gitops) events.push({ type: 'gitops.sync' });
  // Without GitOps, a user re-applies their own HPA after losing it: an ordinary kubectl apply.
  if (!options.gitops) {
    for (const hpa of options.hpas) {
      if (!cluster.hpas.some((c) => keyOf(c.metadata) === keyOf(hpa.metadata))) events.push({ type: 'object.apply', object: hpa });
    }
  }
  if (options.userRemovals) {
    for (const hpa of cluster.hpas) {
      const ref = { namespace: hpa.metadata.namespace, name: hpa.metadata.name };
      events.push({ type: 'hpa.delete', hpa: ref });
      for (const finalizer of hpa.metadata.finalizers ?? []) events.push({ type: 'hpa.removeFinalizer', hpa: ref, finalizer });
    }
  }
  return events;
}

/** A state without the logical clock: timestamps become flags; the running release counts. */
export function stateKey(context: Pick<ControllerContext, 'cluster' | 'tag'>): string {
  const { cluster } = context;
  const strip = <T extends { metadata: { deletionTimestamp?: string } }>(o: T) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: o.metadata.deletionTimestamp !== undefined } });
  return JSON.stringify([context.tag, cluster.isvcs.map(strip), cluster.hpas.map(strip), cluster.deployments, cluster.scaledObjects]);
}
