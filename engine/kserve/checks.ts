/**
 * KServe's checks on the HPA path, as pure functions. Each returns its outcome and the inputs it
 * looked at, so a trace can show why. Names are KServe's function names where one exists.
 */
import { semanticDeepEqual } from '../k8s/equality.ts';
import type { Hpa } from '../k8s/types.ts';
import { msg, type Message, type MessageId } from '../i18n/message.ts';
import { ANNOTATION, DEFAULT_AUTOSCALER_CLASS, INFERENCE_SERVICE_GROUP_PREFIX, type DeploymentMode } from './constants.ts';
import { parseDeploymentMode, workloadModeRejected, type ModeResolution } from './mode.ts';
import type { ScaledObjectWrite } from './keda-reconciler.ts';
import type { Behaviour, Dispatch } from './releases.ts';
import type { AnchorId } from './source-map.ts';

export interface DecisionInput {
  behaviour: Behaviour;
  /** How GetDeploymentMode resolved the InferenceService's mode. */
  mode: ModeResolution;
  deploymentMode: DeploymentMode;
  /** Where the mode came from: the recorded status, the ISVC annotation or the cluster's default. */
  deploymentModeFrom: 'status' | 'annotation' | 'cluster default';
  /** The component's merged annotations (ISVC overlaid by the component). */
  annotations: Readonly<Record<string, string>>;
  desired: Hpa;
  existing: Hpa | null;
  /** What the KEDA reconciler did to the component's ScaledObject (class keda), once it ran. */
  keda?: ScaledObjectWrite;
}

export type Scalar = string | number | boolean | null;

export interface CheckOutcome {
  value: string;
  inputs: Record<string, Scalar>;
  /** Why the value came out as it did, as a message each language renders. */
  why: Message;
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

/** An own entry only: a class named like an Object method (`constructor`) is as unknown as any other. */
export function dispatchFor(behaviour: Pick<Behaviour, 'dispatch'>, className: string): Dispatch | 'error' {
  return Object.hasOwn(behaviour.dispatch, className) ? behaviour.dispatch[className]! : 'error';
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

const MODE_FROM = { status: 'modeFrom.status', annotation: 'modeFrom.annotation', 'cluster default': 'modeFrom.default' } as const satisfies Record<DecisionInput['deploymentModeFrom'], MessageId>;

const MODE_WHY = { Serverless: 'check.mode.serverless', ModelMesh: 'check.mode.modelMesh', RawDeployment: 'check.mode.raw' } as const satisfies Record<DeploymentMode, MessageId>;

export const CHECKS = {
  deploymentMode: {
    anchor: 'deploymentModeResolve',
    traced: true,
    run: (i) => ({
      value: i.deploymentMode,
      inputs: { annotation: i.annotations[ANNOTATION.deploymentMode] ?? null, status: i.mode.from === 'status' ? i.mode.value : null, from: i.deploymentModeFrom, value: i.mode.value },
      // A legacy status value this release reads verbatim: the raw path compares it with its new name and misses.
      why: i.mode.from === 'status' && i.deploymentMode !== 'RawDeployment' && parseDeploymentMode(i.mode.value) === 'Standard'
        ? msg('check.mode.statusUnparsed', { value: i.mode.value, raw: i.behaviour.modeSpelling.RawDeployment })
        : msg(MODE_WHY[i.deploymentMode], { value: i.mode.value, from: msg(MODE_FROM[i.deploymentModeFrom]) }),
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
        why: given === null ? msg('check.class.default') : msg('check.class.annotated', { class: given }),
      };
    },
  },
  createAutoscaler: {
    anchor: 'createAutoscaler',
    traced: true,
    run: (i) => {
      const className = autoscalerClass(i.annotations);
      const value = dispatchFor(i.behaviour, className);
      const why = ({
        HPAReconciler: 'check.dispatch.hpa',
        KedaReconciler: 'check.dispatch.keda',
        NoOpAutoscaler: 'check.dispatch.noop',
        error: 'check.dispatch.error',
      } as const)[value];
      return { value, inputs: { class: className }, why: msg(why, { class: className }) };
    },
  },
  workloadMode: {
    anchor: 'workloadModeParse',
    traced: true,
    absentIn: (b) => b.workloadModeParse !== 'strict',
    run: (i) => {
      const rejected = workloadModeRejected(i.behaviour, i.annotations);
      return {
        value: rejected === null ? 'ok' : 'error',
        inputs: { annotation: i.annotations[ANNOTATION.deploymentMode] ?? null },
        why: rejected === null ? msg('check.workload.ok') : msg('check.workload.error', { value: rejected }),
      };
    },
  },
  dispatch: {
    anchor: null,
    traced: false,
    run: (i) => ({ value: dispatchFor(i.behaviour, autoscalerClass(i.annotations)), inputs: {}, why: msg('check.routing') }),
  },
  kedaReconcile: {
    anchor: 'kedaReconcile',
    traced: true,
    run: (i) => {
      const write = i.keda;
      const inputs = { scaledObject: write?.name ?? null, call: write?.verb ?? null, outcome: write?.outcome ?? null };
      // A refused or failed write always carries its reason (keda-reconciler.ts).
      if (write?.reason) return { value: 'error', inputs, why: msg('check.keda.failed', { scaledObject: write.name, reason: write.reason }) };
      const outcome = write?.outcome === 'created' || write?.outcome === 'updated' || write?.outcome === 'deleted' || write?.outcome === 'absent' ? write.outcome : 'unchanged';
      return { value: 'ok', inputs, why: msg(`check.keda.${outcome}`, { scaledObject: write?.name ?? '' }) };
    },
  },
  hpaFound: {
    anchor: 'checkHPAExist',
    traced: true,
    run: (i) => ({
      value: bool(i.existing !== null),
      inputs: { name: i.desired.metadata.name, terminating: i.existing ? i.existing.metadata.deletionTimestamp !== undefined : null },
      why: msg(i.existing ? 'check.found.yes' : 'check.found.no', { hpa: i.desired.metadata.name }),
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
        why: msg(value ? 'check.create.yes' : 'check.create.no'),
      };
    },
  },
  deleteCheckedFirst: {
    anchor: null,
    traced: false,
    run: (i) => ({ value: bool(i.behaviour.deleteCheckedFirst), inputs: {}, why: msg('check.routing') }),
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
        why: msg(value ? 'check.equal.yes' : specEqual ? 'check.equal.classDiffers' : 'check.equal.specDiffers'),
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
      const why = rule === 'never' ? 'check.delete.noPath'
        : rule === 'desiredClassIsExternal'
          ? (value ? 'check.delete.annotationOnly' : 'check.delete.notExternal')
          : !owned ? 'check.delete.notOwned'
            : value ? 'check.delete.owned' : 'check.delete.ownedButWanted';
      return {
        value: bool(value),
        inputs: {
          desiredClass: classOf(i.desired.metadata.annotations),
          existingOwnedByInferenceService: rule === 'desiredClassIsExternal' || rule === 'never' ? null : owned,
          existingStop: rule === 'ownedAndStoppedOrClassIsExternalOrNone' ? isStopped(existing.metadata.annotations) : null,
        },
        why: msg(why),
      };
    },
  },
} as const satisfies Record<string, Check>;

export type CheckId = keyof typeof CHECKS;
