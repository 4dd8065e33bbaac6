/**
 * The "Am I affected?" matrix (site/lib/matrix.ts) against the engine: every cell says what
 * runScenario says for the same scenario, every cell's link decodes to a scenario that parses and
 * runs to the same verdict, and the reference pages document every event word and JSON field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_WORDS } from '../../engine/machine/events.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { getRelease, KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { runScenario } from '../../engine/run.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import {
  ALL_TAGS,
  buildCell,
  buildMatrix,
  getSetup,
  MATRIX_TAGS,
  parseTexts,
  SETUPS,
  setupTexts,
  type MatrixCell,
  type SetupId,
} from '../../site/lib/matrix.ts';
import { loadPreset } from '../support/presets.ts';

const cell = (id: SetupId, tag: string): Promise<MatrixCell> => buildCell(getSetup(id), tag);
const summary = async (id: SetupId, tag: string): Promise<string> => (await cell(id, tag)).summary;
const inBugWindow = (tag: string) => getRelease(tag).behaviour.id === 'delete-on-annotation';
const before = (tag: string, than: string) => compareTags(tag, than) < 0;

describe('matrix cells match the engine', () => {
  it('reproduces #4312: external + same-name HPA', async () => {
    expect(await summary('external-same-name', 'v0.12.0')).toBe('kept');
    expect(await summary('external-same-name', 'v0.13.0-rc0')).toBe('kept');
    expect(await summary('external-same-name', 'v0.13.0-rc1')).toBe('deleted at step 3');
    expect(await summary('external-same-name', 'v0.14.1')).toBe('deleted at step 3');
    expect(await summary('external-same-name', 'v0.15.0')).toBe('deleted at step 3');
    expect(await summary('external-same-name', 'v0.15.1')).toBe('overwritten at step 3, deleted at step 4');
    expect(await summary('external-same-name', 'v0.20.0')).toBe('overwritten at step 3, deleted at step 4');
    expect(await cell('external-same-name', 'v0.14.1')).toMatchObject({ outcome: 'deleted', tone: 'loss', fate: 'deleted', step: 3 });
    expect(await cell('external-same-name', 'v0.12.0')).toMatchObject({ outcome: 'kept', tone: 'safe' });
  });

  it('the deleting window is exactly the releases with the buggy behaviour', async () => {
    for (const tag of ALL_TAGS) {
      const history = (await cell('external-same-name', tag)).history;
      expect(history[0]?.kind === 'deleted', tag).toBe(inBugWindow(tag));
    }
  });

  it('an HPA with its own name is kept in every release', async () => {
    for (const tag of ALL_TAGS) expect(await summary('external-other-name', tag), tag).toBe('kept');
  });

  it('Serverless never touches the same-name HPA', async () => {
    for (const tag of ALL_TAGS) expect(await summary('serverless-same-name', tag), tag).toBe('kept');
  });

  it('class none is refused before v0.15.1 and behaves like external after', async () => {
    for (const tag of ALL_TAGS) {
      const c = await cell('none-same-name', tag);
      if (before(tag, 'v0.15.1')) expect(c, tag).toMatchObject({ outcome: 'refused', tone: 'refused', step: 1 });
      else expect(c.summary, tag).toBe('overwritten at step 3, deleted at step 4');
    }
  });

  it('a finalizer leaves the HPA Terminating in the bug window and does not survive the fix', async () => {
    expect(await cell('external-finalizer', 'v0.14.1')).toMatchObject({ outcome: 'terminating', summary: 'left Terminating at step 3' });
    expect(await summary('external-finalizer', 'v0.12.0')).toBe('kept');
    expect(await summary('external-finalizer', 'v0.15.2')).toBe('overwritten at step 3, deleted at step 4');
  });

  it('class hpa: KServe manages its HPA, and overwrites a same-name HPA of yours, everywhere', async () => {
    for (const tag of MATRIX_TAGS) {
      expect(await cell('hpa-class', tag), tag).toMatchObject({ outcome: 'managed', tone: 'safe' });
      expect(await summary('hpa-class-same-name', tag), tag).toBe('overwritten at step 3');
    }
  });

  it('switching hpa → external leaves KServe’s HPA behind before the bug and cleans it up after', async () => {
    expect(await cell('switch-hpa-to-external', 'v0.12.0')).toMatchObject({ outcome: 'left', tone: 'warn', step: 2 });
    expect(await cell('switch-hpa-to-external', 'v0.14.1')).toMatchObject({ outcome: 'deleted', tone: 'safe', summary: 'created by KServe at step 1, deleted at step 2' });
    expect(await cell('switch-hpa-to-external', 'v0.20.0')).toMatchObject({ outcome: 'deleted', tone: 'safe' });
  });

  it('every cell of the summary matrix equals an independent run of the same texts', async () => {
    const matrix = await buildMatrix();
    expect(matrix.tags).toEqual(MATRIX_TAGS);
    expect(matrix.rows.map((r) => r.setup.id)).toEqual(SETUPS.map((s) => s.id));
    for (const row of matrix.rows) {
      for (const c of row.cells) {
        const scenario = parseTexts(setupTexts(row.setup, [c.tag]), 'test');
        const result = runScenario(scenario).versions[0]!;
        expect(result.tag).toBe(c.tag);
        expect(c.behaviour).toBe(result.behaviour);
        const last = result.steps[result.steps.length - 1]!;
        if (row.setup.owner === 'user') {
          const verdict = result.verdicts.find((v) => v.hpa === row.setup.subject)!;
          expect(c.summary, `${row.setup.id}@${c.tag}`).toBe(verdict.summary);
          expect(c.fate).toBe(verdict.fate);
        } else {
          const present = last.hpas.some((h) => h.name === row.setup.subject);
          expect(c.outcome === 'deleted', `${row.setup.id}@${c.tag}`).toBe(!present);
          const deleteStep = result.steps.find((s) => s.decisions.some((d) => d.hpa === row.setup.subject && d.call?.verb === 'Delete'));
          if (deleteStep) expect(c.history).toContainEqual({ step: deleteStep.index, kind: 'deleted' });
        }
      }
    }
  });

  it('agrees with the hand-written #4312 preset', async () => {
    const preset = loadPreset('kserve-4312');
    for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0']) {
      const verdict = runScenario(preset, { versions: [tag] }).versions[0]!.verdicts[0]!;
      // The preset has one more pod event at the end; the first five steps are the same story.
      expect(await summary('external-same-name', tag), tag).toBe(verdict.summary);
    }
  });
});

describe('matrix links', () => {
  it('every cell link decodes to the scenario the cell ran, at the cell’s step', async () => {
    const matrix = await buildMatrix(ALL_TAGS);
    expect(matrix.tags).toEqual(KNOWN_TAGS);
    for (const row of matrix.rows) {
      for (const c of row.cells) {
        const decoded = await decodeFragment(c.fragment);
        if (!decoded.ok) throw new Error(`${row.setup.id}@${c.tag}: ${decoded.message}`);
        expect(decoded.format).toBe(1);
        expect(decoded.state.step).toBe(c.step);
        expect(c.step).toBeGreaterThanOrEqual(1);
        expect(c.step).toBeLessThanOrEqual(c.steps);
        const parsed = parseScenario(stateSources(decoded.state));
        if (!parsed.ok) throw new Error(`${row.setup.id}@${c.tag}: ${parsed.errors.map((e) => e.message).join('; ')}`);
        expect(parsed.scenario.settings.versions).toEqual([c.tag]);
        const result = runScenario(parsed.scenario).versions[0]!;
        expect(result.steps.length).toBe(c.steps);
        if (row.setup.owner === 'user') expect(result.verdicts.find((v) => v.hpa === row.setup.subject)?.summary).toBe(c.summary);
      }
    }
  });

  it('every row link decodes to the setup with all the column releases', async () => {
    const matrix = await buildMatrix();
    for (const row of matrix.rows) {
      const decoded = await decodeFragment(row.rowFragment);
      if (!decoded.ok) throw new Error(decoded.message);
      const parsed = parseScenario(stateSources(decoded.state));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(parsed.scenario.settings.versions).toEqual([...MATRIX_TAGS]);
    }
  });
});

describe('reference pages', () => {
  const read = (path: string) => readFileSync(new URL(`../../content/docs/${path}`, import.meta.url), 'utf8');

  it('the scenario format documents every event word, in both languages', () => {
    for (const page of ['reference/scenario-format.mdx', 'zh-cn/reference/scenario-format.mdx']) {
      const text = read(page);
      expect(text).toContain('EVENT_WORDS.map');
      for (const { word } of EVENT_WORDS) expect(text, `${page}: ${word}`).toMatch(new RegExp(`^\\s*'${word}': \\[`, 'm'));
    }
  });

  it('the scenario format example parses and shows the reported case', () => {
    for (const page of ['reference/scenario-format.mdx', 'zh-cn/reference/scenario-format.mdx']) {
      const example = /```yaml\n(apiVersion: serving\.kserve\.io[\s\S]*?)```/.exec(read(page))?.[1];
      expect(example, page).toBeDefined();
      const parsed = parseScenario([{ name: 'example.yaml', text: example! }]);
      if (!parsed.ok) throw new Error(`${page}: ${parsed.errors.map((e) => `${e.line}: ${e.message}`).join('; ')}`);
      const [buggy, fixed] = runScenario(parsed.scenario).versions;
      expect(buggy!.verdicts[0]!.summary).toBe('deleted at step 3, re-applied by you at step 5, deleted at step 6');
      expect(fixed!.verdicts[0]!.summary).toBe('overwritten at step 3, deleted at step 4, re-applied by you at step 5, overwritten at step 6');
    }
  });

  it('the CLI page names every field of the JSON output, in both languages', () => {
    const run = runScenario(loadPreset('finalizer-workaround'));
    const keys = new Set<string>();
    const walk = (value: unknown, parent: string | null): void => {
      if (Array.isArray(value)) value.forEach((item) => walk(item, parent));
      else if (value && typeof value === 'object') {
        if (parent === 'inputs') return;
        for (const [key, child] of Object.entries(value)) {
          keys.add(key);
          walk(child, key);
        }
      }
    };
    walk(JSON.parse(JSON.stringify(run)), null);
    expect(keys.size).toBeGreaterThan(30);
    for (const page of ['reference/cli.md', 'zh-cn/reference/cli.md']) {
      const text = read(page);
      for (const key of keys) expect(text, `${page}: ${key}`).toContain(`\`${key}\``);
    }
  });
});
