/**
 * The reference pages stay complete: the scenario format documents every event word, its example
 * parses and shows the reported case, and the CLI page names every field of the JSON output.
 * (Moved from matrix.test.ts, which now holds the matrix's hand-derived cells only.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { EVENT_WORDS } from '../../engine/machine/events.ts';
import { runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import { verdictSummary } from '../../engine/verdict.ts';
import { loadPreset } from '../support/presets.ts';

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
      if (!parsed.ok) throw new Error(`${page}: ${parsed.errors.map((e) => formatInputError(e)).join('; ')}`);
      const [buggy, fixed] = runScenario(parsed.scenario).versions;
      expect(renderMessage(verdictSummary(buggy!.verdicts[0]!))).toBe('deleted at step 3, re-applied by you at step 5, deleted at step 6');
      expect(renderMessage(verdictSummary(fixed!.verdicts[0]!))).toBe('overwritten at step 3, deleted at step 4, re-applied by you at step 5, overwritten at step 6');
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
