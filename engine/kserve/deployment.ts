/**
 * The part of KServe's Deployment reconciler (deployment_reconciler.go) this bug touches:
 * - it creates the component's Deployment; without a pinning class KServe sets no replicas, so
 *   the API server's default of 1 applies;
 * - in some releases it holds spec.replicas for one class: `external` in v0.15.0-rc0 … v0.15.0
 *   (#4196), `none` from v0.15.1 (#4363). The pin is minReplicas, or 1 when unset (the dry-run
 *   update fills the default), and every reconcile patches a scaled Deployment back to it;
 * - from v0.16.0-rc0 `serving.kserve.io/stop` deletes the Deployment it controls (#4455);
 * - from v0.20.0-rc0 a predictor renamed through spec.predictor.name leaves its old Deployment
 *   to the orphan cleanup, which deletes Deployments (and Services), never HPAs;
 * - the pod template's metadata is the component meta (`podMetadata := componentMeta`, every
 *   tag), and the dry-run comparison covers the whole spec, so any change of the InferenceService's
 *   labels or annotations (a class switch, stop, any other key) patches the Deployment.
 * Of the pod template only its labels and annotations are modelled; what else KServe builds into
 * it (containers, env, probes) is taken as unchanged, also across an upgrade.
 * - a write after a spec change (a rollout: the pod template's labels or annotations, the model's
 *   storage URI among them) sends replicas 1 for every class but the pinning one in v0.12.0 …
 *   v0.13.1 (a full Update of the desired object) and v0.15.0-rc0 … v0.15.0 (the merged desired
 *   document as the patch): the dry-run update filled in the API server's default, 1, because
 *   KServe builds the Deployment without replicas. A Deployment an HPA had scaled to 4 drops to 1
 *   (kserve#3768) until the HPA scales it back. v0.14 and v0.15.1+ leave the replicas out (`kept`).
 */
import { deleteDeployment, findDeployment, putDeployment, type Cluster } from '../k8s/store.ts';
import type { ComponentName, ComponentSpec, Deployment, InferenceService, PodTemplateMeta } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { isStopped } from './checks.ts';
import type { Behaviour } from './releases.ts';

/** What KServe did to one Deployment, for verdicts (a pin that undoes an autoscaler is a fought scale). */
export interface DeploymentWrite {
  /** `patched`: only the pod template's labels or annotations changed; a pin that also changes them stays `pinned`. */
  kind: 'created' | 'pinned' | 'patched' | 'deleted';
  namespace: string;
  name: string;
  /** Replicas after the write. */
  replicas: number;
  was?: number;
  /** For a pin or a rollout reset: the HPA whose scaling it undid, if an HPA had set the replicas. */
  undid?: string;
  /** A `patched` write that sent the API server's default replicas although no class pins them (a rollout reset). */
  reset?: true;
}

export interface DeploymentOutcome {
  cluster: Cluster;
  notes: Message[];
  writes: DeploymentWrite[];
  /** A Deployment KServe owns was deleted: the watch queues the InferenceService again. */
  deleted: boolean;
}

/** The replicas the API server defaults an unset spec.replicas to (SetDefaults_Deployment, apps/v1). */
export const API_DEFAULT_REPLICAS = 1;

/** The replicas KServe holds a Deployment at for this class, or null when it leaves them to autoscalers. */
export function pinnedReplicas(behaviour: Pick<Behaviour, 'keepReplicasClass'>, className: string, minReplicas: number | null | undefined): number | null {
  if (behaviour.keepReplicasClass !== className) return null;
  return typeof minReplicas === 'number' ? Math.max(0, minReplicas) : 1;
}

/** status.availableReplicas > 0: a pod came up and the Deployment still has replicas (only canaries keep it). */
export function isAvailable(deployment: Pick<Deployment, 'available' | 'replicas'> | undefined): boolean {
  return deployment?.available === true && deployment.replicas > 0;
}

/** The part being reconciled: a component, or a canary of the predictor, with what KServe builds it from. */
export interface DeploymentPart {
  component: ComponentName;
  canary: string | null;
  name: string;
  className: string;
  annotations: Readonly<Record<string, string>>;
  /** The effective component extension (canaries: their fixed replicas; with canaries, the lowered stable minReplicas). */
  extension: ComponentSpec;
  /** Predictor Deployment names the orphan cleanup keeps: the stable one and the current canaries. */
  keep: readonly string[];
  /** The pod template's metadata KServe builds: the component meta's labels and annotations. */
  template: PodTemplateMeta;
}

const sameEntries = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
};

/** Semantic equality of two templates' metadata (map order does not count). */
export function sameTemplate(a: PodTemplateMeta, b: PodTemplateMeta): boolean {
  return sameEntries(a.labels, b.labels) && sameEntries(a.annotations, b.annotations);
}

export function reconcileDeployment(
  cluster: Cluster,
  behaviour: Pick<Behaviour, 'keepReplicasClass' | 'stopDeletesDeployment' | 'predictorNameFromSpec' | 'rolloutReplicas'>,
  isvc: InferenceService,
  part: DeploymentPart,
): DeploymentOutcome {
  const { component, name, className, annotations } = part;
  const namespace = isvc.metadata.namespace;
  const mine = (d: Cluster['deployments'][number]) => d.namespace === namespace && d.isvc === isvc.metadata.name && d.component === component && d.ownerUid === isvc.metadata.uid;
  // Deployments are unique by namespace and name: the one under this name, if it is this component's.
  const named = findDeployment(cluster, { namespace, name });
  const existing = named && mine(named) ? named : undefined;
  const notes: Message[] = [];
  const writes: DeploymentWrite[] = [];
  let next = cluster;
  let deleted = false;

  // v0.20: the orphan cleanup removes the predictor Deployments whose name is no longer the stable one.
  if (behaviour.predictorNameFromSpec && component === 'predictor' && part.canary === null) {
    for (const orphan of cluster.deployments.filter((d) => mine(d) && !part.keep.includes(d.name))) {
      next = deleteDeployment(next, orphan);
      notes.push(msg('deployment.orphanDeleted', { deployment: orphan.name }));
      writes.push({ kind: 'deleted', namespace, name: orphan.name, replicas: 0, was: orphan.replicas });
      deleted = true;
    }
  }
  if (behaviour.stopDeletesDeployment && isStopped(annotations)) {
    if (existing) {
      next = deleteDeployment(next, existing);
      notes.push(msg('deployment.stopDeleted', { deployment: name }));
      writes.push({ kind: 'deleted', namespace, name, replicas: 0, was: existing.replicas });
      deleted = true;
    }
    return { cluster: next, notes, writes, deleted };
  }
  const pin = pinnedReplicas(behaviour, className, part.extension.minReplicas);
  const { template } = part;
  if (!existing) {
    const replicas = pin ?? 1;
    next = putDeployment(next, { namespace, name, isvc: isvc.metadata.name, component, replicas, ownerUid: isvc.metadata.uid, ...(part.canary !== null ? { canary: part.canary } : {}), template });
    notes.push(msg(pin === null ? 'deployment.created' : 'deployment.createdPinned', { deployment: name, replicas, class: className }));
    writes.push({ kind: 'created', namespace, name, replicas });
  } else if (pin !== null && existing.replicas !== pin) {
    const { scaledBy, ...rest } = existing;
    next = putDeployment(next, { ...rest, replicas: pin, template });
    notes.push(msg(scaledBy ? 'deployment.pinnedBack' : 'deployment.pinned', { deployment: name, class: className, replicas: pin, was: existing.replicas, hpa: scaledBy ?? null }));
    writes.push({ kind: 'pinned', namespace, name, replicas: pin, was: existing.replicas, ...(scaledBy ? { undid: scaledBy } : {}) });
  } else if (existing.template !== undefined && !sameTemplate(existing.template, template)) {
    notes.push(msg('deployment.templatePatched', { deployment: name }));
    if (pin === null && behaviour.rolloutReplicas === 'apiDefault' && existing.replicas !== API_DEFAULT_REPLICAS) {
      // The write carries the dry-run's default replicas: the rollout drops the capacity to 1.
      const { scaledBy, ...rest } = existing;
      next = putDeployment(next, { ...rest, replicas: API_DEFAULT_REPLICAS, template });
      const params = { deployment: name, replicas: API_DEFAULT_REPLICAS, was: existing.replicas };
      notes.push(scaledBy ? msg('deployment.rolloutResetScaled', { ...params, hpa: scaledBy }) : msg('deployment.rolloutReset', params));
      writes.push({ kind: 'patched', namespace, name, replicas: API_DEFAULT_REPLICAS, was: existing.replicas, reset: true, ...(scaledBy ? { undid: scaledBy } : {}) });
    } else {
      // The patch leaves replicas out (or equal to the pin), so the autoscaler's count stays.
      next = putDeployment(next, { ...existing, template });
      writes.push({ kind: 'patched', namespace, name, replicas: existing.replicas });
    }
  }
  return { cluster: next, notes, writes, deleted };
}
