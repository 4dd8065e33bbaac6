/**
 * RawDeployment, Serverless or ModelMesh for an InferenceService: its
 * `serving.kserve.io/deploymentMode` annotation when the release knows the value, else the
 * cluster's configured default (the inferenceservice ConfigMap ships Serverless at every tag).
 * Not modelled: v0.15.1+ prefers status.deploymentMode over the annotation (see the source notes).
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION, type DeploymentMode } from './constants.ts';
import type { Behaviour } from './releases.ts';

export function resolveDeploymentMode(
  behaviour: Pick<Behaviour, 'modeNames'>,
  isvc: InferenceService,
  clusterDefault: DeploymentMode,
): { mode: DeploymentMode; from: 'annotation' | 'cluster default' } {
  const given = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  const mode = given !== undefined && Object.hasOwn(behaviour.modeNames, given) ? behaviour.modeNames[given] : undefined;
  return mode ? { mode, from: 'annotation' } : { mode: clusterDefault, from: 'cluster default' };
}
