/**
 * What the API server and KEDA's validating webhook (kedacore/keda v2.17.0) refuse of a
 * ScaledObject create or update, in the order the model checks them:
 * 1. the CRD requires spec.triggers (config/crd/bases/keda.sh_scaledobjects.yaml:316-318); the API
 *    server checks the schema before any validating webhook;
 * 2. verifyHpas (apis/keda/v1alpha1/scaledobject_webhook.go:227-283): an HPA in the namespace that
 *    scales the same workload and has no ScaledObject owner of this name, unless annotated
 *    validations.keda.sh/hpa-ownership: "false" or handed over with transfer-hpa-ownership;
 * 3. verifyScaledObjects (:285-330): another ScaledObject on the same workload, or with the same HPA name.
 * KEDA runs its checks from a Go map, so when several fail the one it reports varies; the model
 * reports the first above. Not modelled: the cpu/memory scalers' resource-request check, fallback,
 * trigger and scaling-modifier syntax.
 */
import type { Cluster } from '../k8s/store.ts';
import type { ScaledObject } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { kedaHpaName, scaledTarget } from './operator.ts';

const HPA_OWNERSHIP_CHECK = 'validations.keda.sh/hpa-ownership';
const TRANSFER_HPA_OWNERSHIP = 'scaledobject.keda.sh/transfer-hpa-ownership';

/** KEDA's name for a workload's type: group/version.kind (gvkr_types.go:47-49). */
function gvkString(ref: { apiVersion?: string; kind?: string }): string {
  const kind = ref.kind || 'Deployment';
  const apiVersion = ref.apiVersion || (kind === 'Deployment' || kind === 'StatefulSet' ? 'apps/v1' : 'v1');
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? `/${apiVersion}.${kind}` : `${apiVersion.slice(0, slash)}/${apiVersion.slice(slash + 1)}.${kind}`;
}

/** Null when the ScaledObject may be written; else the refusal, in KEDA's words. */
export function admitScaledObject(cluster: Pick<Cluster, 'hpas' | 'scaledObjects'>, incoming: ScaledObject): Message | null {
  if (incoming.spec.triggers.length === 0) return msg('keda.triggersRequired', { scaledObject: incoming.metadata.name });
  const namespace = incoming.metadata.namespace;
  const target = scaledTarget(incoming);
  const type = gvkString(incoming.spec.scaleTargetRef);
  for (const hpa of cluster.hpas) {
    if (hpa.metadata.namespace !== namespace || hpa.metadata.annotations?.[HPA_OWNERSHIP_CHECK] === 'false') continue;
    if (gvkString(hpa.spec.scaleTargetRef) !== type || hpa.spec.scaleTargetRef.name !== target.name) continue;
    const owned = (hpa.metadata.ownerReferences ?? []).some((ref) => ref.kind === 'ScaledObject' && ref.name === incoming.metadata.name);
    const handedOver = incoming.metadata.annotations?.[TRANSFER_HPA_OWNERSHIP] === 'true' && incoming.spec.advanced?.horizontalPodAutoscalerConfig?.name === hpa.metadata.name;
    if (!owned && !handedOver) return msg('keda.managedByHpa', { workload: target.name, type, hpa: hpa.metadata.name });
  }
  const hpaName = kedaHpaName(incoming);
  for (const other of cluster.scaledObjects) {
    if (other.metadata.namespace !== namespace || other.metadata.name === incoming.metadata.name) continue;
    if (gvkString(other.spec.scaleTargetRef) === type && other.spec.scaleTargetRef.name === target.name) {
      return msg('keda.managedByScaledObject', { workload: target.name, type, scaledObject: other.metadata.name });
    }
    if (kedaHpaName(other) === hpaName) return msg('keda.hpaNameTaken', { hpa: hpaName, scaledObject: other.metadata.name });
  }
  return null;
}
