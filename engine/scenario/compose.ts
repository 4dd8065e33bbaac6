/**
 * Moving between one scenario file and the three texts the playground edits (InferenceService,
 * HPAs, Scenario document). Object texts are sliced from the source, so comments and layout the
 * user wrote survive; the Scenario document is written from settings and events.
 */
import { stringify } from 'yaml';
import type { LinkState } from '../link/state.ts';
import { formatEvent, formatTarget, parseEventWord, type ControllerEvent } from '../machine/events.ts';
import type { ScenarioSource } from './parse.ts';
import { SCENARIO_API_VERSION } from '../schema/scenario.ts';
import { DEFAULT_SETTINGS, type ScenarioSettings, type ScenarioStepInput } from './scenario.ts';
import { parseYamlStream } from './source.ts';

export const EDITOR_FILES = { isvc: 'inferenceservice.yaml', hpas: 'hpas.yaml', scenario: 'scenario.yaml' } as const;

/** The playground's three texts as parser sources, named so errors point at the right editor. */
export function stateSources(state: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>): ScenarioSource[] {
  return [
    { name: EDITOR_FILES.isvc, text: state.isvc },
    { name: EDITOR_FILES.hpas, text: state.hpas },
    { name: EDITOR_FILES.scenario, text: state.scenario },
  ];
}

/** One file the CLI runs: the three texts as one YAML stream. */
export function scenarioFileText(state: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>): string {
  return [state.isvc, state.hpas, state.scenario]
    .map((text) => text.replace(/^(---\s*\n)+/, '').trimEnd())
    .filter((text) => text.length > 0)
    .join('\n---\n')
    .concat('\n');
}

/** An event as the Scenario document writes it: the word, or a mapping where the word would read back as another event. */
export function eventDocument(event: ControllerEvent): unknown {
  if (event.type === 'object.apply') return { apply: event.object };
  const word = formatEvent(event);
  const again = parseEventWord(word);
  if (again.ok && JSON.stringify(again.event) === JSON.stringify(event)) return word;
  if (event.type === 'hpa.delete') return { event: 'hpa-delete', hpa: formatTarget(event.hpa) };
  if (event.type === 'hpa.removeFinalizer') return { event: 'hpa-remove-finalizer', hpa: formatTarget(event.hpa), finalizer: event.finalizer };
  return word;
}

/** The Scenario document for given settings and events; defaults are written out so files are self-describing. */
export function scenarioDocumentText(settings: ScenarioSettings, events: readonly ScenarioStepInput[]): string {
  const doc: Record<string, unknown> = { apiVersion: SCENARIO_API_VERSION, kind: 'Scenario' };
  if (settings.name) doc.metadata = { name: settings.name };
  if (settings.title) doc.title = settings.title;
  if (settings.description) doc.description = settings.description;
  if (Object.keys(settings.i18n).length > 0) doc.i18n = settings.i18n;
  doc.versions = settings.versions;
  if (settings.startRelease) doc.startRelease = settings.startRelease;
  doc.apiServerDefaulting = settings.apiServerDefaulting;
  doc.defaultDeploymentMode = settings.defaultDeploymentMode;
  doc.events = events.map(({ event }) => eventDocument(event));
  return stringify(doc, { lineWidth: 0 });
}

/**
 * Sorts the documents of some YAML sources into the playground's texts by kind. Text that does
 * not parse is kept whole in the HPA text so the parser can point at the problem.
 */
export function splitSources(sources: readonly ScenarioSource[]): Omit<LinkState, 'step'> {
  const isvc: string[] = [];
  const hpas: string[] = [];
  const scenario: string[] = [];
  for (const source of sources) {
    const docs = parseYamlStream(source.text, { prettyErrors: false });
    const list = docs.ok ? docs.documents : [];
    if (!docs.ok || list.some((doc) => doc.errors.length > 0)) {
      hpas.push(source.text);
      continue;
    }
    for (const doc of list) {
      const text = source.text.slice(doc.range[0], doc.range[2]).replace(/^---\s*\n/, '').trim();
      if (text.length === 0) continue;
      const kind = (doc.contents && 'get' in doc.contents) ? String((doc.contents as { get(key: string): unknown }).get('kind')) : '';
      if (kind === 'InferenceService') isvc.push(text);
      else if (kind === 'Scenario') scenario.push(text);
      else hpas.push(text);
    }
  }
  return { isvc: isvc.join('\n---\n'), hpas: hpas.join('\n---\n'), scenario: scenario.join('\n---\n') };
}

export { DEFAULT_SETTINGS };
