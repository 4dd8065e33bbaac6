/** Keys cluster lists are grouped by (lists.ts's groupOf): one function per grouping, kept here. */
import type { Deployment, Hpa } from './types.ts';

export const targetKey = (namespace: string, kind: string, name: string): string => `${namespace}\u0000${kind}\u0000${name}`;

/** What an HPA scales: namespace, kind, name. */
export const hpaTargetKey = (hpa: Hpa): string => targetKey(hpa.metadata.namespace, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);

export const componentKey = (namespace: string, isvc: string, component: string, canary: string | undefined): string =>
  `${namespace}\u0000${isvc}\u0000${component}\u0000${canary === undefined ? '' : `canary:${canary}`}`;

/** Whose Deployment it is: the InferenceService, the component, and the canary if it is one. */
export const deploymentComponentKey = (d: Deployment): string => componentKey(d.namespace, d.isvc, d.component, d.canary);
