/**
 * The space the explorer and the path tests search: which events make sense in a given cluster
 * (the scenario format's event kinds, instantiated for the objects at hand) and a key that
 * identifies a cluster state regardless of the logical clock.
 */
import { ANNOTATION } from '../kserve/constants.ts';
import { componentName } from '../kserve/component-meta.ts';
import type { Hpa } from '../k8s/types.ts';
import type { ControllerContext } from '../machine/controller.ts';
import type { ControllerEvent } from '../machine/events.ts';

export interface SpaceOptions {
  /** HPAs the scenario applied; one that is gone may be applied again. */
  hpas: readonly Hpa[];
  /** Classes to try switching to (isvc-annotate). */
  classes: readonly string[];
  /** Include the user's own removals (hpa-delete, hpa-remove-finalizer, isvc-delete). */
  userRemovals: boolean;
}

export const DEFAULT_CLASSES = ['hpa', 'external', 'none', 'keda'] as const;

export function candidateEvents(context: Pick<ControllerContext, 'cluster'>, options: SpaceOptions): ControllerEvent[] {
  const { cluster } = context;
  const isvc = cluster.isvc;
  const events: ControllerEvent[] = [];
  if (!isvc) {
    return options.hpas.filter((h) => !cluster.hpas.some((c) => c.metadata.name === h.metadata.name)).map((object) => ({ type: 'object.apply', object }));
  }
  const predictor = cluster.deployments.find((d) => d.name === componentName(isvc.metadata.name, 'predictor'));
  if (predictor) {
    events.push({ type: 'pod.created' }, { type: 'pod.deleted' });
    const scaler = cluster.hpas.some((h) => h.spec.scaleTargetRef.name === predictor.name);
    // Two replica values are enough to change the Deployment and keep the space finite.
    if (scaler) events.push({ type: 'hpa.scaled', replicas: predictor.replicas === 3 ? 2 : 3 });
  }
  events.push({ type: 'resync' }, { type: 'controller.restarted' });
  const current = isvc.metadata.annotations?.[ANNOTATION.autoscalerClass] ?? 'hpa';
  for (const className of options.classes) {
    if (className !== current) events.push({ type: 'isvc.annotate', key: ANNOTATION.autoscalerClass, value: className });
  }
  for (const hpa of options.hpas) {
    if (!cluster.hpas.some((c) => c.metadata.name === hpa.metadata.name)) events.push({ type: 'object.apply', object: hpa });
  }
  if (options.userRemovals) {
    for (const hpa of cluster.hpas) {
      events.push({ type: 'hpa.delete', name: hpa.metadata.name });
      for (const finalizer of hpa.metadata.finalizers ?? []) events.push({ type: 'hpa.removeFinalizer', name: hpa.metadata.name, finalizer });
    }
    if (isvc.metadata.deletionTimestamp === undefined) events.push({ type: 'isvc.delete' });
  }
  return events;
}

/** A cluster state without the logical clock: timestamps become flags. */
export function stateKey(context: Pick<ControllerContext, 'cluster'>): string {
  const { cluster } = context;
  const strip = <T extends { metadata: { deletionTimestamp?: string } }>(o: T) => ({ ...o, metadata: { ...o.metadata, deletionTimestamp: o.metadata.deletionTimestamp !== undefined } });
  return JSON.stringify([
    cluster.isvc ? strip(cluster.isvc) : null,
    cluster.hpas.map(strip),
    cluster.deployments,
  ]);
}
