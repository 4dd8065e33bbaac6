/**
 * Lifecycle stories: every gallery preset against outcomes derived by hand from behaviour.md
 * (test/fixtures/stories/*.expect.yaml), step by step and release by release.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { capacityDropMessage, runScenario, type StepResult } from '../../engine/run.ts';
import { loadPreset, presetIds } from '../support/presets.ts';
import { hpaStateIn } from '../../engine/views.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { metricsMessage } from '../../engine/k8s/metrics.ts';
import { verdictLosses } from '../../engine/verdict.ts';

/** Component results of one InferenceService at a step; several passes in one step read "Update, Delete". */
interface ComponentResults {
  predictor?: string;
  transformer?: string;
  explainer?: string;
}

interface StepExpectation extends ComponentResults {
  /** What the webhook said about the step's write (the event's, or the controller's own finalizer patch). */
  admission?: 'refused' | 'allowed';
  /** HPA state by name, or by namespace/name. */
  hpas?: Record<string, string>;
  /** Deployment replicas by name, or namespace/name; `gone` when it does not exist. */
  replicas?: Record<string, number | 'gone'>;
  /** An HPA's metrics in English words ("memory 70%"), by name or namespace/name. */
  metrics?: Record<string, string>;
  /** The release that ran the step (upgrade stories). */
  release?: string;
  /** Per InferenceService (namespace/name), for scenarios with several. */
  isvcs?: Record<string, ComponentResults>;
}

interface StoryExpectation {
  preset: string;
  releases: Record<string, { steps: Record<string, StepExpectation>; fate?: Record<string, string>; losses?: Record<string, string[]>; capacity?: string[] }>;
}

const STORY_DIR = new URL('../fixtures/stories/', import.meta.url);
const stories = readdirSync(STORY_DIR).filter((f) => f.endsWith('.expect.yaml')).map((f) => parse(readFileSync(new URL(f, STORY_DIR), 'utf8')) as StoryExpectation);

const matches = (name: string) => (o: { namespace: string; name: string }) => (name.includes('/') ? `${o.namespace}/${o.name}` === name : o.name === name);

function componentResults(step: StepResult, want: ComponentResults, isvc: string | null): ComponentResults {
  const got: ComponentResults = {};
  for (const component of ['predictor', 'transformer', 'explainer'] as const) {
    if (want[component] === undefined) continue;
    const results = step.decisions.filter((d) => d.component === component && (isvc === null || d.isvc === isvc)).map((d) => d.result);
    got[component] = results.length === 0 ? 'none' : results.join(', ');
  }
  return got;
}

/** The same shape as the expectation, filled from the engine, for a readable diff. */
function observed(step: StepResult, want: StepExpectation): StepExpectation {
  const got: StepExpectation = componentResults(step, want, null);
  if (want.admission) got.admission = step.admission && !step.admission.allowed ? 'refused' : 'allowed';
  if (want.hpas) got.hpas = Object.fromEntries(Object.keys(want.hpas).map((name) => [name, hpaStateIn(step.hpas.filter(matches(name)), step.hpas.find(matches(name))?.name ?? name)]));
  if (want.replicas) got.replicas = Object.fromEntries(Object.keys(want.replicas).map((name) => [name, step.deployments.find(matches(name))?.replicas ?? 'gone']));
  if (want.metrics) got.metrics = Object.fromEntries(Object.keys(want.metrics).map((name) => [name, renderMessage(metricsMessage(step.hpas.find(matches(name))?.metrics ?? []))]));
  if (want.release) got.release = step.release;
  if (want.isvcs) got.isvcs = Object.fromEntries(Object.entries(want.isvcs).map(([key, results]) => [key, componentResults(step, results, key)]));
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
            const qualified = Object.keys(expected.fate!).some((k) => k.includes('/'));
            const fates = Object.fromEntries(version.verdicts.map((v) => [qualified ? `${v.namespace}/${v.hpa}` : v.hpa, v.fate]));
            expect(fates).toEqual(expected.fate);
          });
        }
        if (expected.losses) {
          it(`${version.tag}: what each overwrite took`, () => {
            const losses = Object.fromEntries(version.verdicts.map((v) => [v.hpa, verdictLosses(v).map((loss) => renderMessage(loss))]));
            expect(losses).toEqual(expected.losses);
          });
        }
        if (expected.capacity) {
          it(`${version.tag}: capacity each rollout dropped`, () => {
            expect(version.capacityDrops.map((drop) => renderMessage(capacityDropMessage(drop)))).toEqual(expected.capacity);
          });
        }
      }
    });
  }
});
