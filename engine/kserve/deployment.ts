/**
 * The part of KServe's Deployment reconciler this bug touches: it creates the component's
 * Deployment, and in some releases holds spec.replicas at minReplicas for one class
 * (deployment_reconciler.go; #4196 for external, moved to none by #4363).
 */
import type { Cluster } from '../k8s/store.ts';
import type { ComponentName, InferenceService } from '../k8s/types.ts';
import type { Behaviour } from './releases.ts';
import { replicaBounds } from './desired-hpa.ts';

export function reconcileDeployment(
  cluster: Cluster,
  behaviour: Pick<Behaviour, 'keepReplicasClass'>,
  isvc: InferenceService,
  component: ComponentName,
  name: string,
  className: string,
): { cluster: Cluster; note: string | null } {
  const spec = isvc.spec[component] ?? {};
  const pinned = behaviour.keepReplicasClass === className && typeof spec.minReplicas === 'number' && spec.minReplicas > 0;
  const existing = cluster.deployments.find((d) => d.name === name);
  if (!existing) {
    const replicas = pinned ? (spec.minReplicas as number) : replicaBounds(spec).minReplicas;
    const deployment = { name, component, replicas, ownerUid: isvc.metadata.uid };
    return { cluster: { ...cluster, clock: cluster.clock + 1, deployments: [...cluster.deployments, deployment] }, note: `Deployment ${name} created with ${replicas} replica(s).` };
  }
  if (pinned && existing.replicas !== spec.minReplicas) {
    const replicas = spec.minReplicas as number;
    return {
      cluster: { ...cluster, clock: cluster.clock + 1, deployments: cluster.deployments.map((d) => (d === existing ? { ...d, replicas } : d)) },
      note: `Class ${className}: the Deployment reconciler sets ${name} back to minReplicas=${replicas} (was ${existing.replicas}).`,
    };
  }
  return { cluster, note: null };
}
