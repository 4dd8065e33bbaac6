/**
 * RawDeployment, Serverless or ModelMesh for an InferenceService, as GetDeploymentMode decides it
 * (`controller/v1beta1/inferenceservice/utils/utils.go`) in each release:
 * 1. from v0.15.1 a non-empty status.deploymentMode comes first, read verbatim until v0.18.1 and
 *    through ParseDeploymentMode from v0.19.0-rc0;
 * 2. else the InferenceService's annotation, when the release knows the value (case-sensitive);
 * 3. else the cluster default (the `deploy` key of the inferenceservice-config ConfigMap).
 * A component takes the raw path only when the resulting string is the release's own spelling of
 * RawDeployment (`RawDeployment`, from v0.16 `Standard`): a status a v0.15 controller wrote as
 * `RawDeployment` sends v0.16.0 … v0.18.1 down the Knative path, and no HPA is reconciled.
 */
import type { InferenceService } from '../k8s/types.ts';
import { ANNOTATION, type DeploymentMode } from './constants.ts';
import type { Behaviour } from './releases.ts';

export type ModeSource = 'status' | 'annotation' | 'cluster default';

export interface ModeResolution {
  /** The path the components take. */
  mode: DeploymentMode;
  from: ModeSource;
  /** The string GetDeploymentMode returns: what the controller compares and records in status. */
  value: string;
}

type ModeRules = Pick<Behaviour, 'modeNames' | 'modeSpelling' | 'statusRead'>;

/** constants.ParseDeploymentMode (v0.17+): legacy names to new ones, empty to Standard, the rest as is. */
export function parseDeploymentMode(value: string): string {
  if (value === '' || value === 'RawDeployment') return 'Standard';
  if (value === 'Serverless') return 'Knative';
  return value;
}

export function resolveDeploymentMode(behaviour: ModeRules, isvc: Pick<InferenceService, 'metadata' | 'status'>, clusterDefault: DeploymentMode): ModeResolution {
  const recorded = isvc.status?.deploymentMode;
  if (behaviour.statusRead !== 'ignored' && recorded) {
    const value = behaviour.statusRead === 'parsed' ? parseDeploymentMode(recorded) : recorded;
    return { mode: pathFor(behaviour, value), from: 'status', value };
  }
  const given = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  const named = given !== undefined && Object.hasOwn(behaviour.modeNames, given) ? behaviour.modeNames[given] : undefined;
  if (named) return { mode: named, from: 'annotation', value: behaviour.modeSpelling[named] };
  return { mode: clusterDefault, from: 'cluster default', value: behaviour.modeSpelling[clusterDefault] };
}

/** Which path a mode string sends the components down: only the release's RawDeployment spelling is raw. */
export function pathFor(behaviour: Pick<Behaviour, 'modeSpelling'>, value: string): DeploymentMode {
  if (value === behaviour.modeSpelling.RawDeployment) return 'RawDeployment';
  if (value === behaviour.modeSpelling.ModelMesh) return 'ModelMesh';
  return 'Serverless';
}

/** v0.17.0-rc0+: the raw reconciler's strict parse of the component's own annotation (null = accepted). */
export function workloadModeRejected(behaviour: Pick<Behaviour, 'workloadModeParse'>, componentAnnotations: Readonly<Record<string, string>>): string | null {
  if (behaviour.workloadModeParse !== 'strict') return null;
  const value = componentAnnotations[ANNOTATION.deploymentMode] ?? '';
  return parseDeploymentMode(value) === 'Standard' ? null : value;
}
