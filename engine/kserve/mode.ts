/**
 * RawDeployment, Serverless or ModelMesh for an InferenceService: its
 * `serving.kserve.io/deploymentMode` annotation when the release knows the value, else the
 * cluster's configured default (the inferenceservice ConfigMap ships Serverless at every tag).
 * From v0.15.1 the mode recorded in status.deploymentMode comes first. Not modelled: a status
 * written by another release (an upgrade), which v0.16.0-rc0…v0.18.1 do not normalise.
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION, type DeploymentMode } from './constants.ts';
import type { Behaviour } from './releases.ts';

export type ModeSource = 'status' | 'annotation' | 'cluster default';

export function resolveDeploymentMode(
  behaviour: Pick<Behaviour, 'modeNames' | 'statusModeNames'>,
  isvc: InferenceService,
  clusterDefault: DeploymentMode,
): { mode: DeploymentMode; from: ModeSource } {
  // v0.15.1+: the mode the controller recorded wins, so a later annotation edit cannot switch it.
  const recorded = isvc.status?.deploymentMode;
  if (behaviour.statusModeNames && recorded) {
    const entry = Object.entries(behaviour.statusModeNames).find(([, name]) => name === recorded);
    if (entry) return { mode: entry[0] as DeploymentMode, from: 'status' };
  }
  const given = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  const mode = given !== undefined && Object.hasOwn(behaviour.modeNames, given) ? behaviour.modeNames[given] : undefined;
  return mode ? { mode, from: 'annotation' } : { mode: clusterDefault, from: 'cluster default' };
}
