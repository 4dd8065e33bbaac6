/**
 * KServe's checks on the HPA path, as pure functions. Each returns its outcome and the inputs it
 * looked at, so a trace can show why. Names are KServe's function names where one exists.
 */
import { semanticDeepEqual } from '../k8s/equality.ts';
import type { Hpa } from '../k8s/types.ts';
import { ANNOTATION, DEFAULT_AUTOSCALER_CLASS, INFERENCE_SERVICE_GROUP_PREFIX, type DeploymentMode } from './constants.ts';
import type { Behaviour, Dispatch } from './releases.ts';
import type { AnchorId } from './source-map.ts';

export interface DecisionInput {
  behaviour: Behaviour;
  deploymentMode: DeploymentMode;
  /** Where the mode came from: the recorded status, the ISVC annotation or the cluster's default. */
  deploymentModeFrom: 'status' | 'annotation' | 'cluster default';
  /** The component's merged annotations (ISVC overlaid by the component). */
  annotations: Readonly<Record<string, string>>;
  desired: Hpa;
  existing: Hpa | null;
}

export type Scalar = string | number | boolean | null;

export interface CheckOutcome {
  value: string;
  inputs: Record<string, Scalar>;
  /** One plain sentence: why the value came out as it did. */
  why: string;
}

export interface Check {
  /** The upstream code this check mirrors; structural checks have none. */
  anchor: AnchorId | null;
  /** False for the model's own routing (release-dependent order), which is not a KServe check. */
  traced: boolean;
  /** Releases whose code has no such check: the walk follows its outcome without tracing it. */
  absentIn?: (behaviour: Behaviour) => boolean;
  run: (input: DecisionInput) => CheckOutcome;
}

const bool = (value: boolean): string => (value ? 'true' : 'false');

export function classOf(annotations: Readonly<Record<string, string>> | undefined): string | null {
  return annotations?.[ANNOTATION.autoscalerClass] ?? null;
}

export function isStopped(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return (annotations?.[ANNOTATION.stop] ?? '').toLowerCase() === 'true';
}

/** True when some ownerReference points at an InferenceService (any name or uid counts). */
export function ownedByInferenceService(hpa: Pick<Hpa, 'metadata'>): boolean {
  return (hpa.metadata.ownerReferences ?? []).some(
    (ref) => ref.apiVersion.startsWith(INFERENCE_SERVICE_GROUP_PREFIX) && ref.kind === 'InferenceService',
  );
}

export function autoscalerClass(annotations: Readonly<Record<string, string>>): string {
  return classOf(annotations) ?? DEFAULT_AUTOSCALER_CLASS;
}

export function dispatchFor(behaviour: Pick<Behaviour, 'dispatch'>, className: string): Dispatch | 'error' {
  return behaviour.dispatch[className] ?? 'error';
}

export function shouldCreateHPA(behaviour: Pick<Behaviour, 'shouldCreate'>, desired: Hpa): boolean {
  const desiredClass = classOf(desired.metadata.annotations);
  switch (behaviour.shouldCreate) {
    case 'always':
      return true;
    case 'classIsHpa':
      return desiredClass === null || desiredClass === 'hpa';
    case 'classIsHpaAndNotStopped':
      return !isStopped(desired.metadata.annotations) && (desiredClass === null || desiredClass === 'hpa');
  }
}

export function shouldDeleteHPA(behaviour: Pick<Behaviour, 'shouldDelete'>, desired: Hpa, existing: Hpa): boolean {
  const desiredClass = classOf(desired.metadata.annotations);
  const classSaysDelete = desiredClass === 'external' || desiredClass === 'none';
  switch (behaviour.shouldDelete) {
    case 'never':
      return false;
    case 'desiredClassIsExternal':
      return desiredClass === 'external';
    case 'ownedAndClassIsExternalOrNone':
      return ownedByInferenceService(existing) && classSaysDelete;
    case 'ownedAndStoppedOrClassIsExternalOrNone':
      return ownedByInferenceService(existing) && (isStopped(existing.metadata.annotations) || classSaysDelete);
  }
}

export function semanticHPAEquals(behaviour: Pick<Behaviour, 'equalityComparesClass'>, desired: Pick<Hpa, 'spec' | 'metadata'>, existing: Pick<Hpa, 'spec' | 'metadata'>): boolean {
  const specEqual = semanticDeepEqual(desired.spec, existing.spec);
  if (!behaviour.equalityComparesClass) return specEqual;
  return specEqual && classOf(desired.metadata.annotations) === classOf(existing.metadata.annotations);
}

export const CHECKS = {
  deploymentMode: {
    anchor: 'deploymentModeResolve',
    traced: true,
    run: (i) => ({
      value: i.deploymentMode,
      inputs: { annotation: i.annotations[ANNOTATION.deploymentMode] ?? null, from: i.deploymentModeFrom },
      why: {
        Serverless: 'Serverless (Knative) mode: KServe builds a Knative Service and never runs its HPA reconciler.',
        ModelMesh: 'ModelMesh mode: no per-InferenceService Deployment and no HPA reconciler.',
        RawDeployment: 'Raw deployment mode (called Standard from v0.16): KServe runs the autoscaler reconciler after the Deployment and Service.',
      }[i.deploymentMode],
    }),
  },
  getAutoscalerClass: {
    anchor: 'getAutoscalerClass',
    traced: true,
    run: (i) => {
      const given = classOf(i.annotations);
      return {
        value: autoscalerClass(i.annotations),
        inputs: { annotation: given },
        why: given === null ? 'No autoscalerClass annotation, so the class defaults to hpa.' : `The annotation says ${given}.`,
      };
    },
  },
  createAutoscaler: {
    anchor: 'createAutoscaler',
    traced: true,
    run: (i) => {
      const className = autoscalerClass(i.annotations);
      const value = dispatchFor(i.behaviour, className);
      const why = {
        HPAReconciler: `Class ${className} is handled by the HPA reconciler.`,
        KedaReconciler: `Class ${className} is handled by the KEDA reconciler; the HPA reconciler is not called.`,
        NoOpAutoscaler: `Class ${className} gets the no-op autoscaler; nothing touches HPAs.`,
        error: `This release does not know class ${className}: the reconcile fails with an error.`,
      }[value];
      return { value, inputs: { class: className }, why };
    },
  },
  hpaFound: {
    anchor: 'checkHPAExist',
    traced: true,
    run: (i) => ({
      value: bool(i.existing !== null),
      inputs: { name: i.desired.metadata.name, terminating: i.existing ? i.existing.metadata.deletionTimestamp !== undefined : null },
      why: i.existing
        ? `Get found an HPA named ${i.desired.metadata.name} (looked up by name only).`
        : `No HPA named ${i.desired.metadata.name} exists.`,
    }),
  },
  shouldCreateHPA: {
    anchor: 'shouldCreateHPA',
    traced: true,
    absentIn: (b) => b.shouldCreate === 'always',
    run: (i) => {
      const value = shouldCreateHPA(i.behaviour, i.desired);
      return {
        value: bool(value),
        inputs: { desiredClass: classOf(i.desired.metadata.annotations), stop: i.desired.metadata.annotations?.[ANNOTATION.stop] ?? null },
        why: value ? 'The class asks KServe to own an HPA, so it creates one.' : 'The class (or stop) says KServe must not create an HPA.',
      };
    },
  },
  deleteCheckedFirst: {
    anchor: null,
    traced: false,
    run: (i) => ({ value: bool(i.behaviour.deleteCheckedFirst), inputs: {}, why: 'Release order of the checks.' }),
  },
  semanticHPAEquals: {
    anchor: 'semanticHPAEquals',
    traced: true,
    run: (i) => {
      const existing = i.existing!;
      const specEqual = semanticDeepEqual(i.desired.spec, existing.spec);
      const value = semanticHPAEquals(i.behaviour, i.desired, existing);
      return {
        value: bool(value),
        inputs: {
          specsEqual: specEqual,
          desiredClass: classOf(i.desired.metadata.annotations),
          existingClass: classOf(existing.metadata.annotations),
          comparesClass: i.behaviour.equalityComparesClass,
        },
        why: value
          ? 'Spec and class annotation match: nothing to write.'
          : specEqual ? 'Specs match but the class annotation differs.' : 'The specs differ (the API server fills defaults KServe did not send).',
      };
    },
  },
  shouldDeleteHPA: {
    anchor: 'shouldDeleteHPA',
    traced: true,
    absentIn: (b) => b.shouldDelete === 'never',
    run: (i) => {
      const existing = i.existing!;
      const value = shouldDeleteHPA(i.behaviour, i.desired, existing);
      const owned = ownedByInferenceService(existing);
      const rule = i.behaviour.shouldDelete;
      const why = rule === 'never' ? 'This release has no delete path.'
        : rule === 'desiredClassIsExternal'
          ? (value ? 'The desired class is external; the existing HPA is not inspected at all.' : 'The desired class is not external.')
          : !owned ? 'The existing HPA has no InferenceService ownerReference, so it is not deleted.'
            : value ? 'The HPA is owned by an InferenceService and the class (or stop) says it must go.'
              : 'Owned by an InferenceService, but the class wants an HPA.';
      return {
        value: bool(value),
        inputs: {
          desiredClass: classOf(i.desired.metadata.annotations),
          existingOwnedByInferenceService: rule === 'desiredClassIsExternal' || rule === 'never' ? null : owned,
          existingStop: rule === 'ownedAndStoppedOrClassIsExternalOrNone' ? isStopped(existing.metadata.annotations) : null,
        },
        why,
      };
    },
  },
} as const satisfies Record<string, Check>;

export type CheckId = keyof typeof CHECKS;
