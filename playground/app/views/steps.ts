/**
 * The step bar (first/back/forward/last, where we are, the first disagreement), the event controls
 * and the timeline: a chip per step with a dot per release, coloured by what that release did.
 */
import { msg } from '../../../engine/i18n/message.ts';
import { EVENT_WORDS } from '../../../engine/machine/events.ts';
import { stepTone } from '../../../engine/report/run-view.ts';
import { loudestTone, type Tone } from '../../../engine/vocabulary.ts';
import { formatPosition } from '../../../engine/scenario/source.ts';
import { h, type Child, type VNode } from '../../dom/vnode.ts';
import { isvcChoices } from '../controls.ts';
import { EVENT_KEYS } from '../keys.ts';
import { button, fill, item, list, toneClass, tr, versionsOf, word, type ViewModel } from './common.ts';
import { fixButtons } from './events-list.ts';

const QUICK = ['pod-created', 'pod-deleted', 'resync'] as const;

/** Skip-to-start / skip-to-end, drawn (fonts often lack ⏮ and ⏭). */
function skipIcon(end: boolean): VNode {
  const bar = end ? 'M12 3v10' : 'M4 3v10';
  const arrow = end ? 'M3 3l7 5-7 5z' : 'M13 3L6 8l7 5z';
  return h('svg', { viewBox: '0 0 16 16', width: 14, height: 14, 'aria-hidden': 'true', focusable: 'false', class: 'pg-svg-icon' },
    h('path', { d: bar, stroke: 'currentColor', 'stroke-width': 2, fill: 'none' }), h('path', { d: arrow, fill: 'currentColor' }));
}

/** "apply InferenceService/my-isvc" is long for a chip: the kind is shortened, the title keeps it whole. */
export function shortEvent(event: string): string {
  return event.replace(/^apply InferenceService\//, 'apply isvc/').replace(/^apply HorizontalPodAutoscaler\//, 'apply hpa/');
}
const MORE = ['controller-restarted', 'controller-upgraded', 'gitops-sync', 'isvc-delete'] as const;

export function stepperView(vm: ViewModel): VNode | null {
  const s = vm.s;
  const good = vm.good;
  if (!good) return null;
  const total = good.totalSteps;
  const step = Math.min(vm.step, total);
  const first = good.run.firstDisagreement;
  const event = step > 0 ? versionsOf(vm)[0]?.steps[step - 1]?.event : null;
  return h('div', { class: 'pg-stepper', role: 'group', 'aria-label': s.stepControls },
    h('div', { class: 'pg-step-buttons' },
    button('step-first', 'step', skipIcon(false), { 'data-step': 0, disabled: step === 0, 'aria-label': s.first, title: `${s.first} (Home)`, 'aria-keyshortcuts': 'Home', class: 'pg-icon' }),
    button('step-back', 'step', [h('span', { 'aria-hidden': 'true' }, '◀ '), s.back], { 'data-step': step - 1, disabled: step === 0, title: `${s.back} (← k)`, 'aria-keyshortcuts': 'ArrowLeft k' }),
    button('step-forward', 'step', [s.forward, h('span', { 'aria-hidden': 'true' }, ' ▶')], { 'data-step': step + 1, disabled: step >= total, title: `${s.forward} (→ j)`, 'aria-keyshortcuts': 'ArrowRight j', class: 'pg-primary' }),
    button('step-last', 'step', skipIcon(true), { 'data-step': total, disabled: step >= total, 'aria-label': s.last, title: `${s.last} (End)`, 'aria-keyshortcuts': 'End', class: 'pg-icon' })),
    h('p', { class: 'pg-where' },
      h('span', { class: 'pg-step-count' }, step === 0 ? s.before : fill(s.stepOf, { step, total })),
      event ? [h('span', { 'aria-hidden': 'true' }, ' · '), h('code', { class: 'pg-step-event' }, event)] : null,
      first !== null && first === step ? h('strong', { class: 'pg-first-flag' }, h('span', { 'aria-hidden': 'true' }, ' ⚑ '), s.firstDisagreement) : null),
    first !== null && first !== step ? button('goto-first-diff', 'step', [h('span', { 'aria-hidden': 'true' }, '⚑ '), fill(s.firstDiffAt, { step: first })], { 'data-step': first, class: 'pg-link-button pg-first-link' }) : null,
  );
}

function eventButton(vm: ViewModel, wordName: string, stale: boolean, label: Child = wordName): VNode {
  const entry = EVENT_WORDS.find((e) => e.word === wordName)!;
  const key = EVENT_KEYS[wordName];
  const summary = tr(vm, msg(entry.summary));
  return button(`event-${wordName}`, 'event', label, {
    'data-word': wordName,
    title: stale ? vm.s.fixFirst : `${summary}${key ? ` (${key})` : ''}`,
    'aria-keyshortcuts': key,
    'aria-disabled': stale ? 'true' : undefined,
    'aria-describedby': stale ? 'pg-events-why' : undefined,
  });
}

function select(key: string, label: string, options: readonly string[], chosen: string | undefined, hidden = true): VNode {
  return h('label', { class: 'pg-inline' }, h('span', { class: hidden ? 'sr-only' : undefined }, label),
    h('select', { 'data-key': key, name: key }, options.map((o) => h('option', { value: o, selected: o === chosen }, o))));
}

export function eventsView(vm: ViewModel): VNode | null {
  const s = vm.s;
  const good = vm.good;
  if (!good || vm.readonly) return null;
  const stale = vm.stale;
  const hpas = good.scenario.objects.flatMap((o) => (o.object.kind === 'HorizontalPodAutoscaler' ? [o.object] : []));
  const namespaces = new Set(hpas.map((x) => x.metadata.namespace));
  const hpaName = (x: (typeof hpas)[number]) => (namespaces.size > 1 ? `${x.metadata.namespace}/${x.metadata.name}` : x.metadata.name);
  const finalizers = hpas.flatMap((x) => (x.metadata.finalizers ?? []).map((f) => `${hpaName(x)}/${f}`));
  const isvcs = isvcChoices(good);
  const upgrading = good.scenario.settings.startRelease !== null;
  const scaled = EVENT_WORDS.find((e) => e.word === 'hpa-scaled')!;
  return h('div', { class: 'pg-events', role: 'group', 'aria-label': s.addEvent },
    isvcs.length > 1 ? select('event-isvc', s.eventFor, isvcs, vm.form['event-isvc'], false) : null,
    QUICK.map((w) => eventButton(vm, w, stale, [h('span', { 'aria-hidden': 'true' }, '+ '), w])),
    upgrading ? eventButton(vm, 'controller-upgraded', stale, [h('span', { 'aria-hidden': 'true' }, '+ '), 'controller-upgraded']) : null,
    h('details', { class: 'pg-menu', 'data-key': 'more-events' },
      h('summary', null, s.moreEvents),
      h('div', { class: 'pg-menu-body' },
        h('div', { class: 'pg-event-row' }, MORE.filter((w) => !(upgrading && w === 'controller-upgraded')).map((w) => eventButton(vm, w, stale))),
        h('div', { class: 'pg-event-row' },
          h('label', { class: 'pg-inline' }, s.replicasInput, h('input', { type: 'number', min: 0, max: 100000, value: vm.form['scale-replicas'] ?? '3', 'data-key': 'scale-replicas', name: 'scale-replicas', class: 'pg-num' })),
          button('event-hpa-scaled', 'scale', 'hpa-scaled', { title: stale ? s.fixFirst : `${tr(vm, msg(scaled.summary))} (s)`, 'aria-keyshortcuts': 's', 'aria-disabled': stale ? 'true' : undefined })),
        h('div', { class: 'pg-event-row' },
          h('label', { class: 'pg-inline' }, s.annotationKey, h('input', { type: 'text', value: vm.form['annotate-key'] ?? '', 'data-key': 'annotate-key', name: 'annotate-key', list: 'pg-annotation-keys', spellcheck: false, size: 24 })),
          h('datalist', { id: 'pg-annotation-keys' }, ['serving.kserve.io/autoscalerClass', 'serving.kserve.io/deploymentMode', 'serving.kserve.io/stop'].map((k) => h('option', { value: k }))),
          h('label', { class: 'pg-inline' }, s.annotationValue, h('input', { type: 'text', value: vm.form['annotate-value'] ?? '', 'data-key': 'annotate-value', name: 'annotate-value', list: 'pg-annotation-values', spellcheck: false, size: 10 })),
          h('datalist', { id: 'pg-annotation-values' }, ['hpa', 'external', 'none', 'keda', 'RawDeployment', 'Standard', 'Serverless', 'true'].map((v) => h('option', { value: v }))),
          button('event-annotate', 'annotate', 'isvc-annotate', { 'aria-disabled': stale ? 'true' : undefined, title: stale ? s.fixFirst : tr(vm, msg('event.isvcAnnotate')) })),
        hpas.length ? h('div', { class: 'pg-event-row' },
          select('hpa-target', 'HPA', hpas.map(hpaName), vm.form['hpa-target']),
          button('event-hpa-delete', 'hpa-delete', 'hpa-delete', { 'aria-disabled': stale ? 'true' : undefined, title: stale ? s.fixFirst : tr(vm, msg('event.hpaDelete')) }),
          button('event-reapply', 'reapply', 'apply', { 'aria-disabled': stale ? 'true' : undefined, title: stale ? s.fixFirst : s.reapplyTitle })) : null,
        finalizers.length ? h('div', { class: 'pg-event-row' },
          select('finalizer-target', s.finalizers, finalizers, vm.form['finalizer-target']),
          button('event-remove-finalizer', 'remove-finalizer', 'hpa-remove-finalizer', { 'aria-disabled': stale ? 'true' : undefined, title: stale ? s.fixFirst : tr(vm, msg('event.hpaRemoveFinalizer')) })) : null,
        good.scenario.events.length ? h('div', { class: 'pg-event-row' }, button('clear-events', 'clear-events', s.clearEvents)) : null,
      )),
    stale ? h('p', { class: 'pg-events-why', id: 'pg-events-why' }, s.eventsWait) : null,
  );
}

export function noticeView(vm: ViewModel): VNode | null {
  if (!vm.notice) return null;
  const text = word(vm, vm.notice.key);
  return h('p', { class: `pg-notice pg-notice-${vm.notice.kind}`, role: vm.notice.kind === 'error' ? 'alert' : 'status' },
    // A name is code; the engine's message is a sentence in the page's language.
    text, vm.notice.detail ? [': ', typeof vm.notice.detail === 'string' ? h('code', null, vm.notice.detail) : tr(vm, vm.notice.detail)] : null);
}

/** From this many objects (a namespace dump) their apply steps fold into one timeline item, so the events stay in sight. */
export const FOLD_APPLIES_FROM = 6;

export function timelineView(vm: ViewModel, idBase = 'pg'): VNode | null {
  const s = vm.s;
  const good = vm.good;
  if (!good) return null;
  const versions = versionsOf(vm);
  const steps = versions[0]?.steps ?? [];
  const chips = steps.map((step, i) => {
    const isEvent = i >= good.eventOffset;
    const first = good.run.firstDisagreement === step.index;
    const current = step.index === vm.step;
    // The accessible name is the visible text (WCAG 2.5.3), with the flag spelled out for screen readers.
    return item({ class: `pg-tl${current ? ' pg-current' : ''}${first ? ' pg-first-diff' : ''}`, 'data-step': step.index },
      button(`goto-${step.index}`, 'step', [
        h('span', { class: 'pg-tl-n' }, String(step.index)), ' ',
        h('code', { class: 'pg-tl-event' }, shortEvent(step.event)),
        first ? [h('span', { class: 'pg-flag', 'aria-hidden': 'true' }, ' ⚑'), h('span', { class: 'sr-only' }, ` (${s.firstDisagreement})`)] : null,
        h('span', { class: 'pg-dots', 'aria-hidden': 'true' }, versions.map((v) => h('span', { class: `pg-dot ${toneClass(stepTone(v.steps[i]))}`, title: v.tag }))),
      ], { 'data-step': step.index, 'aria-current': current ? 'step' : undefined, title: step.event }),
      isEvent && !vm.readonly ? button(`remove-event-${i}`, 'remove-event', h('span', { 'aria-hidden': 'true' }, '×'), { 'data-index': i - good.eventOffset, 'aria-label': `${s.removeEvent}: ${step.event}`, title: s.removeEvent, class: 'pg-tl-remove pg-icon' }) : null,
    );
  });
  const folded = Math.min(good.eventOffset, chips.length);
  const items = folded >= FOLD_APPLIES_FROM ? [appliesFold(vm, chips.slice(0, folded), idBase), ...chips.slice(folded)] : chips;
  return list('pg-timeline', items, { 'aria-label': s.timeline });
}

/**
 * Steps 1…n, one per object of the input, as one item that opens to their chips. Folding changes no
 * step number: the chips stay in the page (hidden), so the step keys, the step bar and links still
 * reach every step, and a step inside the fold is named on the folded item (markTimeline keeps it so).
 */
function appliesFold(vm: ViewModel, members: VNode[], idBase: string): VNode {
  const s = vm.s;
  const open = vm.ui.appliesOpen;
  const n = members.length;
  const versions = versionsOf(vm);
  const here = !open && vm.step >= 1 && vm.step <= n ? versions[0]?.steps[vm.step - 1] ?? null : null;
  const firstDiff = vm.good?.run.firstDisagreement ?? null;
  const first = firstDiff !== null && firstDiff >= 1 && firstDiff <= n;
  const id = `${idBase}-applies`;
  // One dot per release: the loudest of what that release did in the folded steps.
  const tone = (v: (typeof versions)[number]) => loudestTone(v.steps.slice(0, n).map((st) => stepTone(st)).filter((t): t is Tone => t !== 'quiet')) ?? 'quiet';
  return item({ class: `pg-tl-fold${here ? ' pg-current' : ''}${first ? ' pg-first-diff' : ''}`, 'data-from': 1, 'data-to': n },
    button('toggle-applies', 'toggle-applies', [
      h('span', { class: 'pg-tl-fold-mark', 'aria-hidden': 'true' }, open ? '▾' : '▸'), ' ',
      h('span', { class: 'pg-tl-n' }, `1–${n}`), ' ',
      h('code', { class: 'pg-tl-event' }, 'apply'), ' ', fill(s.appliedObjects, { n }),
      h('span', { class: 'pg-tl-fold-now' }, here ? ` · ${here.index} ${shortEvent(here.event)}` : ''),
      first ? [h('span', { class: 'pg-flag', 'aria-hidden': 'true' }, ' ⚑'), h('span', { class: 'sr-only' }, ` (${s.firstDisagreement})`)] : null,
      h('span', { class: 'pg-dots', 'aria-hidden': 'true' }, versions.map((v) => h('span', { class: `pg-dot ${toneClass(tone(v))}`, title: v.tag }))),
    ], { 'aria-expanded': open ? 'true' : 'false', 'aria-controls': id, 'aria-current': here ? 'step' : undefined, title: fill(s.appliesTitle, { n }) }),
    list('pg-tl-members', members, { id, hidden: !open }));
}

export function staleView(vm: ViewModel): VNode | null {
  const s = vm.s;
  if (!vm.stale) return null;
  const first = vm.errors[0];
  return h('div', { class: 'pg-stale-banner', role: 'status' },
    h('strong', null, vm.good ? s.showingLastValid : s.noValidInput),
    first ? [' ', button('goto-stale', 'goto', formatPosition(first), { 'data-file': first.file, 'data-line': first.line, 'data-column': first.column, class: 'pg-link-button' }), `: ${tr(vm, first.message)}`, ' ', fixButtons(vm, first, 'stale')] : null,
    vm.errors.length > 1 ? h('span', { class: 'pg-muted' }, ` ${fill(s.moreProblems, { n: vm.errors.length - 1 })}`) : null);
}
