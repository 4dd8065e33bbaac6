/**
 * The playground's action table (playground/app/actions.ts) and the control → action mapping
 * (controls.ts, keys.ts), without a browser: every user action is a pure state → state step.
 * Expectations come from the #4312 story (v0.14.1 deletes the same-named HPA at the first pod
 * event, v0.15.2 overwrites it there and deletes it at the next), not from re-running the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSources } from '../../engine/scenario/compose.ts';
import { lintKey, reduce, type Action } from '../../playground/app/actions.ts';
import { actionFor, effectiveForm, targetWord } from '../../playground/app/controls.ts';
import { exploreKeep, exploreLoss } from '../../playground/app/explore.ts';
import { focusOf, keyIntent } from '../../playground/app/keys.ts';
import { hasPresetWords } from '../../engine/scenario/edit.ts';
import { editorMarkers, stepSentence } from '../../playground/app/speech.ts';
import { initialState } from '../../playground/app/initial-state.ts';
import type { AppState } from '../../playground/app/state.ts';
import { stringsFor } from '../../playground/app/strings.ts';
import { ISSUE_4312_HPA as HPA, ISSUE_4312_ISVC as ISVC } from '../support/issue-4312.ts';

const PRESET = readFileSync(new URL('../../content/scenarios/kserve-4312.yaml', import.meta.url), 'utf8');

/** The preset as the playground holds it: the file's own Scenario document, comments and all. */
function presetLink() {
  return { ...splitSources([{ name: 'kserve-4312.yaml', text: PRESET }]), step: 0 };
}

const run = (state: AppState, ...actions: Action[]) => actions.reduce((s, a) => reduce(s, a), state);
const badge = (state: AppState, tag: string) => state.good!.run.versions.find((v) => v.tag === tag)!.steps[state.link.step - 1]!.decisions.map((d) => d.result);

describe('stepping', () => {
  it('moves within 0…total and remembers where it came from', () => {
    const state = initialState(presetLink());
    const total = state.good!.totalSteps;
    expect(run(state, { type: 'step', to: 99 }).link.step).toBe(total);
    expect(run(state, { type: 'step-by', delta: -1 }).link.step).toBe(0);
    const moved = run(state, { type: 'step', to: 3 }, { type: 'step-by', delta: 1 });
    expect(moved.link.step).toBe(4);
    expect(moved.fromStep).toBe(3);
    expect(run(state, { type: 'step-last' }).link.step).toBe(total);
  });

  it('at the first disagreement v0.14.1 deletes and v0.15.2 updates; one step on, v0.15.2 deletes', () => {
    const state = initialState(presetLink());
    const first = state.good!.run.firstDisagreement!;
    const at = run(state, { type: 'step', to: first });
    expect(badge(at, 'v0.14.1')).toContain('Delete');
    expect(badge(at, 'v0.15.2')).toContain('Update');
    expect(badge(run(at, { type: 'step-by', delta: 1 }), 'v0.15.2')).toContain('Delete');
  });

  it('a preset loaded from the menu opens at the first disagreement', () => {
    const state = initialState({ isvc: ISVC, hpas: HPA, scenario: '', step: 0 });
    const loaded = run(state, { type: 'load', link: presetLink(), at: 'first-difference' });
    expect(loaded.link.step).toBe(loaded.good!.run.firstDisagreement);
  });
});

describe('events edit the Scenario document in place', () => {
  it('keeps the comments of the Scenario document and moves to the new step', () => {
    const link = { isvc: ISVC, hpas: HPA, scenario: '# my notes\napiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2] # the two to compare\nevents:\n  - pod-created # first\n', step: 0 };
    const state = initialState(link);
    const next = reduce(state, { type: 'event', word: 'pod-deleted' });
    expect(next.link.scenario).toContain('# my notes');
    expect(next.link.scenario).toContain('# the two to compare');
    expect(next.link.scenario).toContain('# first');
    expect(next.link.scenario).toMatch(/- pod-created # first\n\s*- pod-deleted/);
    expect(next.link.step).toBe(state.good!.totalSteps + 1);
    expect(next.good!.scenario.events.map((e) => e.event.type)).toEqual(['pod.created', 'pod.deleted']);
  });

  it('removes one event and clears them all, keeping the step on screen where it still exists', () => {
    const link = { isvc: ISVC, hpas: HPA, scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nevents: [pod-created, resync, pod-deleted]\n', step: 5 };
    const state = initialState(link);
    const removed = reduce(state, { type: 'remove-event', index: 1 });
    expect(removed.good!.scenario.events.map((e) => e.event.type)).toEqual(['pod.created', 'pod.deleted']);
    expect(removed.link.step).toBe(4);
    const cleared = reduce(state, { type: 'clear-events' });
    expect(cleared.good!.scenario.events).toEqual([]);
    expect(cleared.link.step).toBe(2);
  });

  it('refuses an event with a notice while the input has problems, and says why', () => {
    const state = run(initialState({ isvc: ISVC, hpas: HPA, scenario: '', step: 0 }), { type: 'edit', editor: 'hpas', text: 'metadata: "unclosed\n' });
    expect(state.errors.length).toBeGreaterThan(0);
    expect(state.good).not.toBeNull();
    const next = reduce(state, { type: 'event', word: 'pod-created' });
    expect(next.notice).toEqual({ kind: 'error', key: 'fixFirst' });
    expect(next.link.scenario).toBe(state.link.scenario);
  });

  it('refuses a change that would make the input invalid, leaving the state as it was', () => {
    const state = initialState({ isvc: ISVC, hpas: HPA, scenario: '', step: 0 });
    const next = reduce(state, { type: 'event', word: 'pod-created@ml/nobody' });
    expect(next.notice?.key).toBe('refusedChange');
    expect(next.link).toBe(state.link);
  });
});

describe('releases', () => {
  it('keeps them in version order whatever order they were added in, two to five', () => {
    let state = initialState({ isvc: ISVC, hpas: HPA, scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.15.2, v0.14.1]\n', step: 0 });
    expect(state.good!.run.versions.map((v) => v.tag)).toEqual(['v0.14.1', 'v0.15.2']);
    state = run(state, { type: 'add-release', tag: 'v0.20.0' }, { type: 'add-release', tag: 'v0.12.0' }, { type: 'add-bug-window' });
    expect(state.good!.run.versions.map((v) => v.tag)).toEqual(['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0', 'v0.20.0']);
    expect(reduce(state, { type: 'add-release', tag: 'v0.13.1' }).notice?.key).toBe('tooManyReleases');
    state = run(state, { type: 'remove-release', tag: 'v0.12.0' }, { type: 'remove-release', tag: 'v0.16.0' }, { type: 'remove-release', tag: 'v0.20.0' });
    expect(state.good!.run.versions.map((v) => v.tag)).toEqual(['v0.14.1', 'v0.15.2']);
    expect(reduce(state, { type: 'remove-release', tag: 'v0.14.1' }).notice?.key).toBe('tooFewReleases');
  });

  it('"upgrade from" sets startRelease and adds the upgrade when the story has none; each step says which release ran it', () => {
    const state = initialState({ isvc: ISVC, hpas: HPA, scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\n', step: 0 });
    const next = reduce(state, { type: 'set-start', tag: 'v0.12.0' });
    expect(next.good!.scenario.settings.startRelease).toBe('v0.12.0');
    expect(next.link.scenario).toMatch(/startRelease: v0\.12\.0/);
    expect(next.good!.scenario.events.at(-1)!.event.type).toBe('controller.upgraded');
    expect(next.link.step).toBe(next.good!.totalSteps);
    const v0141 = next.good!.run.versions.find((v) => v.tag === 'v0.14.1')!;
    expect(v0141.steps[0]!.release).toBe('v0.12.0');
    expect(v0141.steps.at(-1)!.release).toBe('v0.14.1');
    // A second choice does not add a second upgrade.
    expect(reduce(next, { type: 'set-start', tag: 'v0.13.1' }).good!.scenario.events.filter((e) => e.event.type === 'controller.upgraded')).toHaveLength(1);
  });
});

describe('the preset\'s words leave with the preset\'s objects', () => {
  it('the first edit of the objects drops the Scenario document\'s name, title, description and translations', () => {
    const state = initialState(presetLink());
    expect(hasPresetWords(state.link.scenario)).toBe(true);
    // Events and releases keep them: the objects are still the preset's.
    expect(hasPresetWords(reduce(state, { type: 'event', word: 'resync' }).link.scenario)).toBe(true);
    const edited = reduce(state, { type: 'edit', editor: 'isvc', text: ISVC });
    expect(hasPresetWords(edited.link.scenario)).toBe(false);
    expect(edited.link.scenario).not.toMatch(/title:|description:|i18n:|zh-cn/);
    // What the preset set up for the run stays.
    expect(edited.good?.scenario.settings.versions ?? state.good!.scenario.settings.versions).toEqual(state.good!.scenario.settings.versions);
  });

  it('a quick fix (an edit of the objects) drops them too', () => {
    const state = initialState(presetLink());
    const lint = state.good!.lints.find((l) => l.fix)!;
    expect(hasPresetWords(reduce(state, { type: 'fix', lint: lintKey(lint) }).link.scenario)).toBe(false);
  });
});

describe('explorer', () => {
  it('loads the shortest loss into the timeline at the step where the HPA is lost', () => {
    const cleared = reduce(initialState(presetLink()), { type: 'clear-events' });
    const state = reduce(cleared, { type: 'explored', result: exploreLoss(cleared.good!) });
    expect(state.explore?.kind).toBe('loss');
    const index = state.explore!.kind === 'loss' ? state.explore!.results.findIndex((r) => r.tag === 'v0.14.1' && r.found) : -1;
    const loaded = reduce(state, { type: 'load-loss', index });
    expect(loaded.good!.scenario.events.map((e) => e.event.type)).toEqual(['pod.created']);
    expect(badge(loaded, 'v0.14.1')).toContain('Delete');
  });

  it('shows the answer where it was asked (the explorer tab, open), and not for input that changed into problems', () => {
    const start = reduce(initialState(presetLink()), { type: 'dock-tab', tab: 'picture' });
    const answered = reduce(start, { type: 'explored', result: exploreLoss(start.good!) });
    expect(answered.ui).toMatchObject({ dockTab: 'explore', dockOpen: true });
    const broken = reduce(start, { type: 'edit', editor: 'hpas', text: 'metadata: "x\n' });
    expect(reduce(broken, { type: 'explored', result: exploreLoss(start.good!) }).notice?.key).toBe('fixFirst');
  });

  it('"How do I keep it?" lists a fix once for every release it helps, and applying it keeps the HPA everywhere', () => {
    const start = initialState(presetLink());
    const state = reduce(start, { type: 'explored', result: exploreKeep(start.good!) });
    if (state.explore?.kind !== 'keep') throw new Error('no keep result');
    const keys = state.explore.groups.map((g) => JSON.stringify(g.safe.changes.map((c) => c.description)));
    expect(new Set(keys).size).toBe(keys.length);
    const rename = state.explore.groups.findIndex((g) => g.safe.changes.some((c) => c.kind === 'edit' && c.field === 'metadata.name'));
    expect(state.explore.groups[rename]!.tags.length).toBeGreaterThan(1);
    const applied = reduce(state, { type: 'apply-change', index: rename });
    for (const version of applied.good!.run.versions) expect(version.verdicts.map((v) => v.fate)).toEqual(['kept']);
  });
});

describe('quick fixes are named, not numbered', () => {
  it('a fix clicked on a list that has changed since applies the lint it named, or none', () => {
    const state = initialState({ isvc: ISVC.replace('autoscalerClass: external', 'autoscalerClass: externl'), hpas: HPA, scenario: '', step: 0 });
    const misspelt = state.good!.lints.find((l) => l.id === 'class-misspelt')!;
    expect(reduce(state, { type: 'fix', lint: lintKey(misspelt) }).link.isvc).toContain('autoscalerClass: external');
    expect(reduce(state, { type: 'fix', lint: 'class-misspelt@inferenceservice.yaml:99:1' }).notice?.key).toBe('fixFirst');
  });
});

describe('controls and keys', () => {
  it('reads a control as an action, aiming targeted events at the chosen InferenceService', () => {
    expect(actionFor({ action: 'step', dataset: { step: '3' } }, {})).toEqual({ type: 'step', to: 3 });
    expect(actionFor({ action: 'event', dataset: { word: 'pod-created' } }, { 'event-isvc': 'ml/a' })).toEqual({ type: 'event', word: 'pod-created@ml/a' });
    expect(actionFor({ action: 'event', dataset: { word: 'resync' } }, { 'event-isvc': 'ml/a' })).toEqual({ type: 'event', word: 'resync' });
    expect(actionFor({ action: 'annotate', dataset: {} }, { 'annotate-key': 'x/y', 'annotate-value': '' })).toEqual({ type: 'event', word: 'isvc-annotate:x/y-' });
    expect(actionFor({ action: 'add-release', dataset: {}, value: 'bug-window' }, {})).toEqual({ type: 'add-bug-window' });
    expect(actionFor({ action: 'copy-markdown', dataset: {} }, {})).toBe('copy-markdown');
    expect(targetWord('hpa-scaled:3', 'ml/b')).toBe('hpa-scaled:3@ml/b');
  });

  it('pre-selects the first InferenceService when there are several', () => {
    const two = `${ISVC}---\n${ISVC.replace('name: fraud-model', 'name: other')}`;
    const state = initialState({ isvc: two, hpas: HPA, scenario: '', step: 0 });
    expect(effectiveForm({}, state.good)['event-isvc']).toBe('ml/fraud-model');
    expect(effectiveForm({ 'event-isvc': 'ml/other' }, state.good)['event-isvc']).toBe('ml/other');
  });

  it('steps with ←/→ and j/k, never while typing, and leaves arrows to tabs and splitters', () => {
    const free = { typing: false, ownsArrows: false };
    expect(keyIntent({ key: 'ArrowRight' }, free)).toEqual({ type: 'step-by', delta: 1 });
    expect(keyIntent({ key: 'j' }, free)).toEqual({ type: 'step-by', delta: 1 });
    expect(keyIntent({ key: 'k' }, free)).toEqual({ type: 'step-by', delta: -1 });
    expect(keyIntent({ key: '?' }, free)).toBe('help');
    expect(keyIntent({ key: 'p' }, free)).toEqual({ type: 'event', word: 'pod-created' });
    expect(keyIntent({ key: 'j' }, { typing: true, ownsArrows: false })).toBeNull();
    expect(keyIntent({ key: 'ArrowRight' }, { typing: false, ownsArrows: true })).toBeNull();
    expect(keyIntent({ key: 'j' }, { typing: false, ownsArrows: true })).toEqual({ type: 'step-by', delta: 1 });
    expect(keyIntent({ key: 'ArrowRight', ctrlKey: true }, free)).toBeNull();
    expect(focusOf(null)).toEqual(free);
  });
});

describe('what the page says: the step sentence and the editors\' markers', () => {
  it('announces the step, the first disagreement and every release\'s decision, in the page\'s language', () => {
    const state = initialState({ ...presetLink(), step: 3 });
    const en = stepSentence(state, stringsFor('en'), 'en');
    expect(en).toMatch(/^Step 3 of 5: pod-created\. The releases first disagree here\./);
    // The result is said once: its name (and, in Chinese, its word); "deleted" would repeat it.
    expect(en).toContain('v0.14.1: my-isvc-predictor Delete.');
    const zh = stepSentence(state, stringsFor('zh-cn'), 'zh-cn');
    expect(zh).toContain('第 3 步，共 5 步');
    expect(zh).toContain('v0.14.1: my-isvc-predictor Delete 删除.');
    expect(zh).not.toContain('已删除');
  });

  it('marks lints with their quick fix while the input parses, and only the problems while it does not', () => {
    const state = initialState(presetLink());
    const markers = editorMarkers(state, 'hpas', 'en');
    const rename = markers.find((m) => m.fix);
    expect(rename?.severity).toBe('warning');
    expect(rename?.fix?.label).toBe('Rename to my-isvc-predictor-hpa');
    const broken = reduce(state, { type: 'edit', editor: 'hpas', text: 'metadata:\n  name: "x\n' });
    expect(editorMarkers(broken, 'hpas', 'en')).toEqual([expect.objectContaining({ line: 2, column: 9, severity: 'error' })]);
    expect(editorMarkers(broken, 'isvc', 'en')).toEqual([]);
  });
});
