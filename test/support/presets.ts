/** Loads the gallery presets from content/scenarios for tests (the same files the CLI runs). */
import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';

export const PRESET_DIR = new URL('../../content/scenarios/', import.meta.url);

export function presetIds(): string[] {
  return readdirSync(PRESET_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
}

export function loadPreset(id: string): Scenario {
  const text = readFileSync(new URL(`${id}.yaml`, PRESET_DIR), 'utf8');
  const parsed = parseScenario([{ name: `${id}.yaml`, text }]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
  return parsed.scenario;
}
