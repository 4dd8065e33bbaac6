/**
 * Lifecycle stories: every gallery preset against outcomes derived by hand from behaviour.md
 * (test/fixtures/stories/*.expect.yaml), step by step and release by release.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runScenario, type StepResult } from '../../engine/run.ts';
import { loadPreset, presetIds } from '../support/presets.ts';

interface StepExpectation {
  predictor?: string;
  transformer?: string;
  explainer?: string;
  admission?: 'refused';
  hpas?: Record<string, string>;
}

interface StoryExpectation {
  preset: string;
  releases: Record<string, { steps: Record<string, StepExpectation>; fate?: Record<string, string> }>;
}

const STORY_DIR = new URL('../fixtures/stories/', import.meta.url);
const stories = readdirSync(STORY_DIR).filter((f) => f.endsWith('.expect.yaml')).map((f) => parse(readFileSync(new URL(f, STORY_DIR), 'utf8')) as StoryExpectation);

function hpaState(step: StepResult, name: string): string {
  const hpa = step.hpas.find((h) => h.name === name);
  if (!hpa) return 'gone';
  if (hpa.terminating) return hpa.ownedByInferenceService ? 'owned-terminating' : 'terminating';
  return hpa.ownedByInferenceService ? 'owned' : 'present';
}

/** The same shape as the expectation, filled from the engine, for a readable diff. */
function observed(step: StepResult, want: StepExpectation): StepExpectation {
  const got: StepExpectation = {};
  for (const component of ['predictor', 'transformer', 'explainer'] as const) {
    if (want[component] === undefined) continue;
    got[component] = step.decisions.find((d) => d.component === component)?.result ?? 'none';
  }
  if (want.admission) got.admission = step.admission && !step.admission.allowed ? 'refused' : ('allowed' as 'refused');
  if (want.hpas) got.hpas = Object.fromEntries(Object.keys(want.hpas).map((name) => [name, hpaState(step, name)]));
  return got;
}

describe('lifecycle stories (hand-derived expectations)', () => {
  it('has an expectation file for every preset', () => {
    expect(stories.map((s) => s.preset).sort()).toEqual(presetIds());
  });

  for (const story of stories) {
    describe(story.preset, () => {
      const scenario = loadPreset(story.preset);
      const run = runScenario(scenario, { versions: Object.keys(story.releases) });
      for (const version of run.versions) {
        const expected = story.releases[version.tag]!;
        it(`${version.tag}: every step`, () => {
          const stepNumbers = Object.keys(expected.steps).map(Number);
          expect(stepNumbers.length).toBeGreaterThan(0);
          for (const n of stepNumbers) {
            const step = version.steps[n - 1];
            expect(step, `step ${n} exists`).toBeDefined();
            expect({ step: n, ...observed(step!, expected.steps[n]!) }).toEqual({ step: n, ...expected.steps[n]! });
          }
        });
        if (expected.fate) {
          it(`${version.tag}: fate of each user HPA`, () => {
            const fates = Object.fromEntries(version.verdicts.map((v) => [v.hpa, v.fate]));
            expect(fates).toEqual(expected.fate);
          });
        }
      }
    });
  }
});
