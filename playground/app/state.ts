/**
 * The playground's whole state is the shareable link state: three YAML texts and the step on
 * screen. Controls edit the Scenario document through these helpers, which parse it with the
 * engine's parser and write it back, so the link always describes exactly what is on screen.
 */
import type { LinkState } from '../../engine/link/state.ts';
import type { ControllerEvent } from '../../engine/machine/events.ts';
import { scenarioDocumentText } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { DEFAULT_SETTINGS, type ScenarioSettings, type ScenarioStepInput } from '../../engine/scenario/scenario.ts';

export type PlaygroundState = LinkState;

interface ScenarioParts {
  settings: ScenarioSettings;
  events: ScenarioStepInput[];
}

/** The Scenario document's settings and events; defaults when the text is empty or invalid. */
export function scenarioParts(state: Pick<PlaygroundState, 'scenario'>): ScenarioParts {
  const parsed = parseScenario([{ name: 'scenario.yaml', text: state.scenario }]);
  if (!parsed.ok) return { settings: { ...DEFAULT_SETTINGS, versions: [...DEFAULT_SETTINGS.versions] }, events: [] };
  return { settings: parsed.scenario.settings, events: parsed.scenario.events };
}

function withParts(state: PlaygroundState, change: (parts: ScenarioParts) => ScenarioParts, step?: number): PlaygroundState {
  const parts = change(scenarioParts(state));
  return { ...state, scenario: scenarioDocumentText(parts.settings, parts.events), step: step ?? state.step };
}

/** Appends an event and moves to the step it creates. */
export function addEvent(state: PlaygroundState, event: ControllerEvent, totalStepsBefore: number): PlaygroundState {
  return withParts(state, (p) => ({ ...p, events: [...p.events, { event, position: null }] }), totalStepsBefore + 1);
}

/** Removes the event at `index` (0-based among events, not objects). */
export function removeEvent(state: PlaygroundState, index: number): PlaygroundState {
  return withParts(state, (p) => ({ ...p, events: p.events.filter((_, i) => i !== index) }), Math.max(0, state.step - 1));
}

export function clearEvents(state: PlaygroundState): PlaygroundState {
  return withParts(state, (p) => ({ ...p, events: [] }));
}

export function setVersions(state: PlaygroundState, versions: string[]): PlaygroundState {
  return withParts(state, (p) => ({ ...p, settings: { ...p.settings, versions } }));
}

export function setOption(state: PlaygroundState, option: Partial<Pick<ScenarioSettings, 'apiServerDefaulting' | 'defaultDeploymentMode'>>): PlaygroundState {
  return withParts(state, (p) => ({ ...p, settings: { ...p.settings, ...option } }));
}

export function setStep(state: PlaygroundState, step: number, total: number): PlaygroundState {
  return { ...state, step: Math.max(0, Math.min(total, Math.trunc(step))) };
}
