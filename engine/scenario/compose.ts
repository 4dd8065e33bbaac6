/**
 * Moving between one scenario file and the three texts the playground edits (InferenceService,
 * HPAs, Scenario document). Object texts are sliced from the source, so comments and layout the
 * user wrote survive. Writing the Scenario document is edit.ts's job.
 */
import type { LinkState } from '../link/state.ts';
import type { ScenarioSource } from './parse.ts';
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
      // A Secret or a ServiceAccount next to the model's objects never travels in a link.
      // KEDA ScaledObjects share the HPA editor: each stands for the HPA KEDA keeps.
      else if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject' || kind === 'List' || kind === 'undefined') hpas.push(text);
    }
  }
  return { isvc: isvc.join('\n---\n'), hpas: hpas.join('\n---\n'), scenario: scenario.join('\n---\n') };
}
