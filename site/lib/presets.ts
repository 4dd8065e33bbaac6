/**
 * The scenario presets for the site build: the gallery's (content/scenarios/*.yaml, id "kserve-4312")
 * and the ones the site's tables run (content/scenarios/matrix/*.yaml, id "matrix/external-same-name"),
 * loaded once through Vite's glob import, parsed with the same parser as the CLI and the playground,
 * and turned into playground link fragments. Vite-only (import.meta.glob); the tests load the same
 * files from disk through test/support/presets.ts and call the pure modules directly.
 */
import { compareTags } from '../../engine/kserve/tags.ts';
import { encodeState } from '../../engine/link/codec.ts';
import { splitSources } from '../../engine/scenario/compose.ts';
import { scenarioDocumentText } from '../../engine/scenario/edit.ts';
import { parseScenario, type ScenarioSource } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import type { Locale } from '../../engine/i18n/render.ts';

const RAW = {
  ...import.meta.glob('/content/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob('/content/scenarios/matrix/*.yaml', { query: '?raw', import: 'default', eager: true }),
} as Record<string, string>;

/** Preset id ("kserve-4312", "matrix/hpa-class") → its source, named by its path in the repository so errors point there. */
const SOURCES: ReadonlyMap<string, ScenarioSource> = new Map(
  Object.entries(RAW)
    .map(([path, text]): [string, ScenarioSource] => {
      const id = path.replace(/^\/content\/scenarios\//, '').replace(/\.yaml$/, '');
      return [id, { name: path.replace(/^\//, ''), text }];
    })
    .sort(([a], [b]) => a.localeCompare(b)),
);

const parsed = new Map<string, Scenario>();

/** Every gallery preset id, sorted (the matrix presets are not the gallery's). */
export function presetIds(): string[] {
  return [...SOURCES.keys()].filter((id) => !id.includes('/'));
}

/** The preset's file, for modules that parse or link it themselves. */
export function presetSource(id: string): ScenarioSource {
  return sourceOf(id);
}

function sourceOf(id: string): ScenarioSource {
  const source = SOURCES.get(id);
  if (!source) throw new Error(`unknown preset "${id}"; known presets: ${[...SOURCES.keys()].join(', ')}`);
  return source;
}

/** The parsed preset. Throws with file:line:column for every problem if it does not parse. */
export function loadPreset(id: string): Scenario {
  const cached = parsed.get(id);
  if (cached) return cached;
  const source = sourceOf(id);
  const result = parseScenario([source]);
  if (!result.ok) {
    const lines = result.errors.map((e) => `  ${formatInputError(e)}`);
    throw new Error(`preset "${id}" does not parse:\n${lines.join('\n')}`);
  }
  parsed.set(id, result.scenario);
  return result.scenario;
}

/** The preset's title in the reader's language (falls back to English). */
export function presetTitle(id: string, locale: Locale = 'en'): string {
  const { settings } = loadPreset(id);
  return settings.i18n[locale]?.title ?? settings.title ?? id;
}

export interface LinkOptions {
  /**
   * A release the link must show. If the preset does not list it, it is added (in tag order), so
   * a badge about, say, v0.15.1 opens a playground that actually runs v0.15.1.
   */
  release?: string;
}

/**
 * The playground fragment (without "#") that opens this preset at `step` (0 = before the first
 * step). The page lives at `${import.meta.env.BASE_URL}playground/`.
 */
export async function presetLinkFragment(id: string, step = 0, options: LinkOptions = {}): Promise<string> {
  const scenario = loadPreset(id);
  const total = scenario.objects.length + scenario.events.length;
  if (!Number.isInteger(step) || step < 0 || step > total) throw new Error(`preset "${id}" has steps 0–${total}; cannot link to step ${step}`);
  let settings = scenario.settings;
  if (options.release && !settings.versions.includes(options.release)) {
    const versions = [...settings.versions, options.release].sort(compareTags);
    settings = { ...settings, versions };
  }
  const split = splitSources([sourceOf(id)]);
  const state = { ...split, scenario: scenarioDocumentText(settings, scenario.events), step };
  return encodeState(state);
}

/** The playground page in the reader's language, with a scenario fragment; `base` is import.meta.env.BASE_URL. */
export function playgroundHref(base: string, locale: Locale, fragment: string): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}${locale === 'zh-cn' ? 'zh-cn/' : ''}playground/#${fragment}`;
}

/** The playground link for a preset and step. */
export async function presetPlaygroundHref(base: string, id: string, step = 0, options: LinkOptions & { locale?: Locale } = {}): Promise<string> {
  return playgroundHref(base, options.locale ?? 'en', await presetLinkFragment(id, step, options));
}

/** The playground state (three editor texts and a step) for a preset. */
export function presetState(id: string, step = 0): { isvc: string; hpas: string; scenario: string; step: number } {
  const scenario = loadPreset(id);
  const split = splitSources([sourceOf(id)]);
  return { ...split, scenario: scenarioDocumentText(scenario.settings, scenario.events), step };
}
