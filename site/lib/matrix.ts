/**
 * The "Am I affected?" matrix: setups × KServe releases, every cell computed by the engine. A setup
 * is a preset file (content/scenarios/matrix/<id>.yaml, the same format the CLI and the gallery
 * read); a cell parses that file, runs it for one release, judges its HPA (site/lib/judge.ts) and
 * keeps the link fragment that opens the same texts for that release in the playground. So what a
 * cell says and what its link shows cannot differ.
 *
 * Pure and Node-safe: callers pass the files (site/lib/presets.ts in the build, the tests read them
 * from disk). Words are rendered by the components, from the engine's messages.
 */
import type { BehaviourId } from '../../engine/kserve/releases.ts';
import { getRelease } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { encodeState } from '../../engine/link/codec.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { runScenario } from '../../engine/run.ts';
import { splitSources } from '../../engine/scenario/compose.ts';
import { scenarioDocumentText } from '../../engine/scenario/edit.ts';
import { parseScenario, type ScenarioSource } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import type { Scenario, ScenarioSettings } from '../../engine/scenario/scenario.ts';
import { judge, type Judgement } from './judge.ts';

/** A preset file and its id ("external-same-name" for content/scenarios/matrix/external-same-name.yaml). */
export interface PresetFile {
  id: string;
  source: ScenarioSource;
}

export interface Setup {
  id: string;
  scenario: Scenario;
  /** The file split into the playground's three texts (objects as written, comments kept). */
  texts: Omit<LinkState, 'step'>;
  /** The HPA the row is about; undefined = the scenario's only user HPA, else KServe's own. */
  hpa?: string;
}

const parsedFiles = new Map<string, Setup>();

/** Parses a preset file exactly as the CLI and the playground do; a file that does not parse fails the build here. */
export function loadSetup(file: PresetFile, hpa?: string): Setup {
  const key = `${file.source.name}\u0000${file.source.text}\u0000${hpa ?? ''}`;
  const cached = parsedFiles.get(key);
  if (cached) return cached;
  const parsed = parseScenario([file.source]);
  if (!parsed.ok) {
    throw new Error(`preset ${file.source.name} does not parse:\n${parsed.errors.map((e) => `  ${formatInputError(e)}`).join('\n')}`);
  }
  const setup: Setup = { id: file.id, scenario: parsed.scenario, texts: splitSources([file.source]), ...(hpa === undefined ? {} : { hpa }) };
  parsedFiles.set(key, setup);
  return setup;
}

/** The playground texts for the setup with other settings (releases compared, the release an upgrade starts on). */
export function textsWith(setup: Setup, settings: Partial<ScenarioSettings>): Omit<LinkState, 'step'> {
  const merged: ScenarioSettings = { ...setup.scenario.settings, ...settings };
  return { isvc: setup.texts.isvc, hpas: setup.texts.hpas, scenario: scenarioDocumentText(merged, setup.scenario.events) };
}

export interface MatrixCell {
  setup: string;
  tag: string;
  behaviour: BehaviourId;
  judgement: Judgement;
  /** Playground fragment (without "#"), opening the setup for this release at the judgement's step. */
  fragment: string;
}

export interface MatrixRow {
  setup: Setup;
  cells: MatrixCell[];
  /** The setup with every column's release, for comparing them side by side in the playground. */
  rowFragment: string;
}

export interface Matrix {
  tags: readonly string[];
  rows: MatrixRow[];
}

const cellCache = new Map<string, Promise<MatrixCell>>();

/** One cell: the setup run for one release, exactly as its playground link will show it. */
export function buildCell(setup: Setup, tag: string): Promise<MatrixCell> {
  const canonical = getRelease(tag).tag;
  const key = `${setup.id}\u0000${setup.hpa ?? ''}\u0000${canonical}\u0000${setup.texts.isvc}\u0000${setup.texts.hpas}\u0000${setup.texts.scenario}`;
  let cell = cellCache.get(key);
  if (!cell) {
    cell = computeCell(setup, canonical);
    cellCache.set(key, cell);
  }
  return cell;
}

async function computeCell(setup: Setup, tag: string): Promise<MatrixCell> {
  // The run and the link use the same settings: only the releases differ from the file.
  const result = runScenario(setup.scenario, { versions: [tag], startRelease: null }).versions[0]!;
  const judgement = judge(setup.scenario, result, setup.hpa);
  const texts = textsWith(setup, { versions: [tag], startRelease: null });
  return { setup: setup.id, tag, behaviour: result.behaviour, judgement, fragment: await encodeState({ ...texts, step: judgement.step }) };
}

export async function buildMatrix(setups: readonly Setup[], tags: readonly string[]): Promise<Matrix> {
  const canonical = tags.map((tag) => getRelease(tag).tag);
  const rows = await Promise.all(setups.map(async (setup) => {
    const cells = await Promise.all(canonical.map((tag) => buildCell(setup, tag)));
    const texts = textsWith(setup, { versions: [...canonical], startRelease: null });
    return { setup, cells, rowFragment: await encodeState({ ...texts, step: 0 }) };
  }));
  return { tags: canonical, rows };
}

/**
 * Consecutive releases (in tag order) for which every row says the same thing, so a table of every
 * modelled tag can show one column per stretch instead of 31. Two cells say the same when their
 * outcome and their history (steps included) agree.
 */
export function groupReleases(matrix: Matrix): { from: string; to: string; tags: string[]; column: number }[] {
  const order = matrix.tags.map((tag, column) => ({ tag, column })).sort((a, b) => compareTags(a.tag, b.tag));
  const signature = (column: number) => JSON.stringify(matrix.rows.map((row) => {
    const j = row.cells[column]!.judgement;
    return [j.outcome, j.history];
  }));
  const groups: { from: string; to: string; tags: string[]; column: number }[] = [];
  let last = '';
  for (const { tag, column } of order) {
    const sig = signature(column);
    const current = groups[groups.length - 1];
    if (current && sig === last) {
      current.to = tag;
      current.tags.push(tag);
    } else groups.push({ from: tag, to: tag, tags: [tag], column });
    last = sig;
  }
  return groups;
}
