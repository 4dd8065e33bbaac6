/** The preset files the site's tables run, read from disk as the build reads them through Vite. */
import { readFileSync } from 'node:fs';
import type { ScenarioSource } from '../../engine/scenario/parse.ts';
import { loadSetup, type Setup } from '../../site/lib/matrix.ts';

const SCENARIOS = new URL('../../content/scenarios/', import.meta.url);

/** "matrix/external-same-name" → content/scenarios/matrix/external-same-name.yaml. */
export function presetSource(id: string): ScenarioSource {
  const name = `content/scenarios/${id}.yaml`;
  return { name, text: readFileSync(new URL(`${id}.yaml`, SCENARIOS), 'utf8') };
}

/** A matrix setup by its file name in content/scenarios/matrix/. */
export function matrixSetup(id: string, hpa?: string): Setup {
  return loadSetup({ id, source: presetSource(`matrix/${id}`) }, hpa);
}
