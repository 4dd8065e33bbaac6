/** The typed scenario every front end runs: objects to apply, settings, and events. */
import type { KubeObject } from '../k8s/types.ts';
import type { DeploymentMode } from '../kserve/constants.ts';
import type { KedaInstall } from '../kserve/keda-reconciler.ts';
import { DEFAULT_TAGS } from '../kserve/releases.ts';
import type { ControllerEvent } from '../machine/events.ts';
import type { SourceRange } from './source.ts';

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export interface ScenarioStepInput {
  event: ControllerEvent;
  position: SourcePosition | null;
}

export interface ScenarioText {
  title?: string;
  description?: string;
}

export interface ScenarioSettings {
  name: string | null;
  title: string | null;
  description: string | null;
  i18n: Record<string, ScenarioText>;
  versions: string[];
  /** Every compared release runs this one until the first `controller-upgraded`; null = each runs itself throughout. */
  startRelease: string | null;
  apiServerDefaulting: boolean;
  defaultDeploymentMode: DeploymentMode;
  /** Whether KEDA is installed; `installed` when not given. */
  keda: KedaInstall;
}

/** Where an object's name and annotation values sit in the text (lints and quick fixes use them). */
export interface ObjectLocations {
  name: SourceRange | null;
  annotations: Record<string, SourceRange | null>;
  /** The component-level autoscalerClass annotations of an InferenceService, by component. */
  componentClass: Record<string, SourceRange | null>;
}

export interface ScenarioObject {
  object: KubeObject;
  position: SourcePosition;
  locations?: ObjectLocations;
}

export interface Scenario {
  /** Objects in stream order; each is applied as one step before the events. */
  objects: ScenarioObject[];
  events: ScenarioStepInput[];
  settings: ScenarioSettings;
}

/** What KServe's inferenceservice ConfigMap ships as deploy.defaultDeploymentMode. */
export const SHIPPED_DEFAULT_DEPLOYMENT_MODE: DeploymentMode = 'Serverless';

export const DEFAULT_SETTINGS: ScenarioSettings = {
  name: null,
  title: null,
  description: null,
  i18n: {},
  versions: [...DEFAULT_TAGS],
  startRelease: null,
  apiServerDefaulting: true,
  defaultDeploymentMode: SHIPPED_DEFAULT_DEPLOYMENT_MODE,
  keda: 'installed',
};

/** The machine events a scenario sends, in order: one per object, then one per event. */
export function scenarioSteps(scenario: Pick<Scenario, 'objects' | 'events'>): ScenarioStepInput[] {
  return [
    ...scenario.objects.map(({ object, position }) => ({ event: { type: 'object.apply', object } as ControllerEvent, position })),
    ...scenario.events,
  ];
}
