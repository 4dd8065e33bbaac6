/**
 * The Scenario document's events as input the reader sees and edits (issue 18): every event with
 * its step, the problems the parser found in it and the engine's fixes for them, and controls to
 * aim it at another InferenceService, move it and remove it. They work while the input has
 * problems: an event the objects made invalid is changed in place. A `scenario.yaml:line:col` in
 * the problem list focuses the row here.
 */
import { isTargeted } from '../../../engine/machine/events.ts';
import { EDITOR_FILES } from '../../../engine/scenario/compose.ts';
import type { EventEntry } from '../../../engine/scenario/event-list.ts';
import { formatPosition, type InputError } from '../../../engine/scenario/source.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { isvcChoices } from '../controls.ts';
import { button, fill, item, list, tr, type ViewModel } from './common.ts';

/** An input error's fixes, one button each (the engine computed them; the action applies the one clicked). */
export function fixButtons(vm: ViewModel, error: InputError, keyBase: string): VNode | null {
  const fixes = error.fixes ?? [];
  if (fixes.length === 0) return null;
  return h('span', { class: 'pg-fixes' }, fixes.map((fix, i) => button(`${keyBase}-fix-${i}`, 'fix-input', `${vm.s.applyFix}: ${tr(vm, fix.label)}`,
    { 'data-at': formatPosition(error), 'data-fix': i, class: 'pg-fix' })));
}

/** The parser's problems that lie in this event, else its own (the parser stops at the first broken file). */
function problemsOf(vm: ViewModel, entry: EventEntry): readonly InputError[] {
  const inside = vm.errors.filter((e) => e.file === entry.at.file && e.line >= entry.at.line && e.line <= Math.max(entry.at.line, entry.endLine));
  return inside.length > 0 ? inside : vm.stale ? entry.problems : [];
}

function row(vm: ViewModel, entry: EventEntry, count: number, choices: readonly string[]): VNode {
  const s = vm.s;
  const i = entry.index;
  const problems = problemsOf(vm, entry);
  const step = vm.good && !vm.stale ? vm.good.eventOffset + i + 1 : null;
  const targetedEvent = entry.event !== null && isTargeted(entry.event) ? entry.event : null;
  const targeted = targetedEvent !== null;
  const current = targetedEvent?.isvc ?? null;
  const chosen = current ? choices.find((c) => c === `${current.namespace}/${current.name}` || (current.namespace === null && c.endsWith(`/${current.name}`))) : undefined;
  return item({ class: `pg-ev${problems.length ? ' pg-sev-error' : ''}${step !== null && step === vm.step ? ' pg-current' : ''}`, 'data-line': entry.at.line, 'data-end-line': entry.endLine, 'data-key': `ev-row-${i}`, tabindex: -1 },
    h('div', { class: 'pg-ev-head' },
      step !== null
        ? button(`ev-step-${i}`, 'step', [h('span', { class: 'pg-ev-n' }, fill(s.eventStep, { n: step })), ' ', h('code', null, entry.word)], { 'data-step': step, class: 'pg-link-button pg-ev-word', 'aria-current': step === vm.step ? 'step' : undefined })
        : h('span', { class: 'pg-ev-word' }, h('code', null, entry.word)),
      h('span', { class: 'pg-ev-controls' },
        targeted && !vm.stale && choices.length > 1 ? h('label', { class: 'pg-inline' }, h('span', { class: 'sr-only' }, `${s.aimAt} (${entry.word})`),
          h('select', { 'data-action': 'retarget-event', 'data-key': `ev-aim-${i}`, 'data-index': i, name: `ev-aim-${i}` },
            chosen ? null : h('option', { value: '', selected: true }, `${s.aimAt}…`),
            choices.map((c) => h('option', { value: c, selected: c === chosen }, c)))) : null,
        button(`ev-up-${i}`, 'move-event', h('span', { 'aria-hidden': 'true' }, '↑'), { 'data-from': i, 'data-to': i - 1, disabled: i === 0, 'aria-label': `${s.moveUp}: ${entry.word}`, title: s.moveUp, class: 'pg-icon' }),
        button(`ev-down-${i}`, 'move-event', h('span', { 'aria-hidden': 'true' }, '↓'), { 'data-from': i, 'data-to': i + 1, disabled: i === count - 1, 'aria-label': `${s.moveDown}: ${entry.word}`, title: s.moveDown, class: 'pg-icon' }),
        button(`ev-remove-${i}`, 'remove-event', h('span', { 'aria-hidden': 'true' }, '×'), { 'data-index': i, 'aria-label': `${s.removeEvent}: ${entry.word}`, title: s.removeEvent, class: 'pg-icon' }))),
    problems.map((e, j) => h('p', { class: 'pg-ev-problem' },
      h('span', { class: 'sr-only' }, `${s.eventProblem}: `), tr(vm, e.message), ' ', fixButtons(vm, e, `ev-${i}-${j}`))),
  );
}

export function eventListView(vm: ViewModel, idBase: string): VNode | null {
  if (vm.readonly) return null;
  const s = vm.s;
  const entries = vm.events;
  const choices = vm.good && !vm.stale ? isvcChoices(vm.good) : [];
  return h('section', { class: 'pg-evlist', 'aria-labelledby': `${idBase}-evlist-title`, 'data-file': EDITOR_FILES.scenario },
    h('h3', { id: `${idBase}-evlist-title`, tabindex: -1, 'data-key': 'ev-title' }, s.scenarioEvents),
    h('p', { class: 'pg-muted pg-evlist-note' }, entries.length ? s.scenarioEventsNote : s.noEvents),
    entries.length ? list('pg-evlist-items', entries.map((e) => row(vm, e, entries.length, choices)), { 'aria-labelledby': `${idBase}-evlist-title` }) : null);
}
