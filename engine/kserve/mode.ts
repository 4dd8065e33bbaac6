/**
 * RawDeployment or Serverless for an InferenceService: its `serving.kserve.io/deploymentMode`
 * annotation, else the cluster's configured default (the inferenceservice ConfigMap).
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION, type DeploymentMode } from './constants.ts';

const MODE_NAMES: Readonly<Record<string, DeploymentMode>> = {
  RawDeployment: 'RawDeployment',
  Standard: 'RawDeployment',
  Serverless: 'Serverless',
  Knative: 'Serverless',
};

export function resolveDeploymentMode(isvc: InferenceService, clusterDefault: DeploymentMode): { mode: DeploymentMode; from: 'annotation' | 'cluster default' } {
  const given = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  const mode = given !== undefined && Object.hasOwn(MODE_NAMES, given) ? MODE_NAMES[given] : undefined;
  return mode ? { mode, from: 'annotation' } : { mode: clusterDefault, from: 'cluster default' };
}
