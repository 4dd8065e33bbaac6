/**
 * The playground's panes as pure functions of a view model, returning vnodes. The same
 * functions render the first results into the page at build time and every update in the
 * browser. Interactive elements carry data-action (what a click does) and data-key (so focus
 * survives a re-render).
 */
import { sourceUrl } from '../../engine/kserve/source-links.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import type { Lint } from '../../engine/lint.ts';
import type { Decision } from '../../engine/machine/controller.ts';
import { EVENT_WORDS } from '../../engine/machine/events.ts';
import type { StepResult, VersionResult } from '../../engine/run.ts';
import { hpaStateIn, type HpaState } from '../../engine/views.ts';
import type { InputError } from '../../engine/scenario/source.ts';
import { h, type Child, type VNode } from '../dom/vnode.ts';
import type { Message } from '../../engine/i18n/message.ts';
import { renderMessage, type Locale } from '../../engine/i18n/render.ts';
import { verdictSummary } from '../../engine/verdict.ts';
import type { Evaluation } from './evaluate.ts';
import type { Strings } from './strings.ts';

export interface ViewModel {
  strings: Strings;
  /** The last evaluation that parsed; shown while the current input has errors. */
  evaluation: Extract<Evaluation, { ok: true }> | null;
  errors: InputError[];
  step: number;
  versions: string[];
  apiServerDefaulting: boolean;
  defaultDeploymentMode: string;
  linkLength: number | null;
  /** Values of the event controls, kept across re-renders. */
  form: Readonly<Record<string, string>>;
  /** Embedded step-throughs: no editing controls, traces closed until asked for. */
  readonly?: boolean;
  /** The reader's language, for the engine's messages. */
  locale?: Locale;
}

/** The engine's message in the view's language. */
export function tr(vm: Pick<ViewModel, 'locale'>, message: Message): string {
  return renderMessage(message, vm.locale ?? 'en');
}

const RESULT_ICON: Record<string, string> = { Create: '+', Update: '✎', Delete: '✕', Existed: '=', Skipped: '–', NotCalled: '∅', Error: '!' };

export const SHORTCUTS: Record<string, string> = {
  'pod-created': 'p', 'pod-deleted': 'd', resync: 'r', 'controller-restarted': 'c', 'isvc-delete': 'x', 'hpa-scaled': 's',
};

function button(key: string, action: string, label: string, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: Child[]): VNode {
  return h('button', { type: 'button', 'data-action': action, 'data-key': key, ...attrs }, ...(children.length ? children : [label]));
}

export function toolbarView(vm: ViewModel): VNode {
  const s = vm.strings;
  const remaining = KNOWN_TAGS.filter((t) => !vm.versions.includes(t));
  return h('div', { class: 'pg-toolbar' },
    h('fieldset', { class: 'pg-releases' },
      h('legend', null, s.releases),
      h('ul', { class: 'pg-chips' }, vm.versions.map((tag) => h('li', null,
        h('span', { class: 'pg-chip' }, tag),
        // Two to five releases side by side: a comparison needs at least two.
        vm.versions.length > 2 ? button(`remove-release-${tag}`, 'remove-release', '×', { 'data-tag': tag, 'aria-label': `${s.remove} ${tag}`, class: 'pg-chip-remove' }) : null,
      ))),
      vm.versions.length < 5 ? h('label', { class: 'pg-inline' }, h('span', { class: 'sr-only' }, s.addRelease),
        h('select', { 'data-action': 'add-release', 'data-key': 'add-release' },
          h('option', { value: '' }, `${s.addRelease}…`),
          remaining.map((tag) => h('option', { value: tag }, tag)))) : null,
      vm.versions.length <= 3 && (!vm.versions.includes('v0.12.0') || !vm.versions.includes('v0.16.0'))
        ? button('add-bug-window', 'add-bug-window', s.addBugWindow) : null,
    ),
    h('fieldset', { class: 'pg-options' },
      h('legend', null, s.options),
      h('label', { class: 'pg-inline' },
        h('input', { type: 'checkbox', 'data-action': 'toggle-defaulting', 'data-key': 'defaulting', checked: vm.apiServerDefaulting }),
        ` ${s.defaulting}`),
      h('label', { class: 'pg-inline' }, `${s.defaultMode} `,
        h('select', { 'data-action': 'set-mode', 'data-key': 'mode' },
          ['Serverless', 'RawDeployment'].map((mode) => h('option', { value: mode, selected: mode === vm.defaultDeploymentMode }, mode)))),
    ),
  );
}

export function eventsView(vm: ViewModel): VNode {
  const s = vm.strings;
  const hpas = vm.evaluation?.scenario.objects.flatMap((o) => (o.object.kind === 'HorizontalPodAutoscaler' ? [o.object] : [])) ?? [];
  const finalizerTargets = hpas.flatMap((hpa) => (hpa.metadata.finalizers ?? []).map((f) => `${hpa.metadata.name}/${f}`));
  const simple = EVENT_WORDS.filter((e) => e.argument === null);
  return h('div', { class: 'pg-events', role: 'group', 'aria-label': s.events },
    h('div', { class: 'pg-event-row' }, simple.map((e) => button(`event-${e.word}`, 'event', e.word, {
      'data-word': e.word, title: `${e.summary}${SHORTCUTS[e.word] ? ` (${SHORTCUTS[e.word]})` : ''}`,
      'aria-keyshortcuts': SHORTCUTS[e.word],
    }))),
    h('div', { class: 'pg-event-row' },
      h('label', { class: 'pg-inline' }, `${s.replicasInput} `, h('input', { type: 'number', min: 0, max: 100000, value: vm.form['scale-replicas'] ?? '3', 'data-key': 'scale-replicas', name: 'replicas', class: 'pg-num' })),
      button('event-hpa-scaled', 'scale', 'hpa-scaled', { title: `${EVENT_WORDS.find((e) => e.word === 'hpa-scaled')!.summary} (s)`, 'aria-keyshortcuts': 's' }),
    ),
    h('div', { class: 'pg-event-row' },
      h('label', { class: 'pg-inline' }, `${s.annotationKey} `, h('input', { type: 'text', value: vm.form['annotate-key'] ?? 'serving.kserve.io/autoscalerClass', 'data-key': 'annotate-key', name: 'annotate-key', list: 'pg-annotation-keys', spellcheck: false, size: 30 })),
      h('datalist', { id: 'pg-annotation-keys' }, ['serving.kserve.io/autoscalerClass', 'serving.kserve.io/deploymentMode', 'serving.kserve.io/stop'].map((k) => h('option', { value: k }))),
      h('label', { class: 'pg-inline' }, `${s.annotationValue} `, h('input', { type: 'text', value: vm.form['annotate-value'] ?? 'external', 'data-key': 'annotate-value', name: 'annotate-value', list: 'pg-annotation-values', spellcheck: false, size: 12 })),
      h('datalist', { id: 'pg-annotation-values' }, ['hpa', 'external', 'none', 'keda', 'RawDeployment', 'Standard', 'Serverless', 'true'].map((v) => h('option', { value: v }))),
      button('event-annotate', 'annotate', 'isvc-annotate'),
    ),
    hpas.length ? h('div', { class: 'pg-event-row' },
      h('label', { class: 'pg-inline' }, h('span', { class: 'sr-only' }, 'HPA'),
        h('select', { 'data-key': 'hpa-target', name: 'hpa-target' }, hpas.map((hpa) => h('option', { value: hpa.metadata.name, selected: vm.form['hpa-target'] === hpa.metadata.name }, hpa.metadata.name)))),
      button('event-hpa-delete', 'hpa-delete', 'hpa-delete'),
      button('event-reapply', 'reapply', 'apply', { title: 'Apply this HPA again, as in the editor' }),
    ) : null,
    finalizerTargets.length ? h('div', { class: 'pg-event-row' },
      h('label', { class: 'pg-inline' }, h('span', { class: 'sr-only' }, s.finalizers),
        h('select', { 'data-key': 'finalizer-target', name: 'finalizer-target' }, finalizerTargets.map((t) => h('option', { value: t, selected: vm.form['finalizer-target'] === t }, t)))),
      button('event-remove-finalizer', 'remove-finalizer', 'hpa-remove-finalizer'),
    ) : null,
  );
}

export function timelineView(vm: ViewModel): VNode | null {
  const s = vm.strings;
  const evaluation = vm.evaluation;
  if (!evaluation) return null;
  const steps = evaluation.run.versions[0]?.steps ?? [];
  const total = evaluation.totalSteps;
  return h('div', { class: 'pg-timeline-wrap' },
    h('div', { class: 'pg-stepper', role: 'group', 'aria-label': s.timeline },
      button('step-first', 'step', s.reset, { 'data-step': 0, disabled: vm.step === 0, 'aria-keyshortcuts': 'Home' }),
      button('step-back', 'step', s.back, { 'data-step': vm.step - 1, disabled: vm.step === 0, 'aria-keyshortcuts': 'ArrowLeft' }),
      h('span', { class: 'pg-step-count' }, vm.step === 0 ? s.before : `${s.step} ${vm.step} ${s.of} ${total}`),
      button('step-forward', 'step', s.forward, { 'data-step': vm.step + 1, disabled: vm.step >= total, 'aria-keyshortcuts': 'ArrowRight' }),
      button('step-last', 'step', s.last, { 'data-step': total, disabled: vm.step >= total, 'aria-keyshortcuts': 'End' }),
      evaluation.scenario.events.length && !vm.readonly ? button('clear-events', 'clear-events', s.clearEvents) : null,
    ),
    h('ol', { class: 'pg-timeline' }, steps.map((step, i) => {
      const isEvent = i >= evaluation.eventOffset;
      const first = evaluation.run.firstDisagreement === step.index;
      return h('li', { class: `pg-tl-item${step.index === vm.step ? ' pg-current' : ''}${first ? ' pg-first-diff' : ''}` },
        button(`goto-${step.index}`, 'step', '', { 'data-step': step.index, 'aria-current': step.index === vm.step ? 'step' : undefined },
          h('span', { class: 'pg-tl-n' }, String(step.index)), ' ', h('code', null, step.event), first ? h('span', { class: 'pg-flag', title: s.firstDisagreement }, ' ⚑') : null),
        isEvent && !vm.readonly ? button(`remove-event-${i}`, 'remove-event', '×', { 'data-index': i - evaluation.eventOffset, 'aria-label': `${s.removeEvent}: ${step.event}`, class: 'pg-tl-remove' }) : null,
      );
    })),
  );
}

function decisionView(vm: ViewModel, tag: string, d: Decision, key: string): VNode {
  const s = vm.strings;
  return h('div', { class: `pg-decision pg-r-${d.result}` },
    h('p', { class: 'pg-decision-head' },
      h('span', { class: 'pg-badge', 'data-result': d.result }, h('span', { 'aria-hidden': 'true' }, `${RESULT_ICON[d.result] ?? ''} `), d.result),
      ` ${d.component} → HPA `, h('code', null, d.hpa),
      d.call ? h('span', { class: 'pg-call' }, ` (${d.call.verb}: ${d.call.outcome})`) : null),
    // Writes and errors open their trace; quiet results keep it one click away.
    h('details', { class: 'pg-trace', 'data-key': key, open: !vm.readonly && ['Create', 'Update', 'Delete', 'Error'].includes(d.result) },
      h('summary', null, s.trace),
      h('ol', null, d.trace.map((t) => {
        const link = t.anchor ? sourceUrl(tag, t.anchor) : null;
        const inputs = Object.entries(t.inputs).filter(([, v]) => v !== null);
        return h('li', { 'data-check': t.check },
          h('code', { class: 'pg-check' }, `${t.check} = ${t.value}`), ' ', h('span', null, tr(vm, t.why)), ' ',
          link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'pg-source' }, s.source, h('span', { class: 'sr-only' }, ` ${t.check} ${tag}`)) : null,
          inputs.length ? h('dl', { class: 'pg-inputs' }, inputs.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, String(v))])) : null);
      })),
    ),
  );
}

function hpaTable(vm: ViewModel, step: StepResult): VNode {
  const s = vm.strings;
  if (step.hpas.length === 0) return h('p', { class: 'pg-muted' }, s.noHpas);
  // tabindex: the table scrolls sideways when it is wider than its column (keyboard access, axe scrollable-region-focusable).
  return h('table', { class: 'pg-hpas', tabindex: '0' },
    h('caption', null, s.hpasAfter),
    h('thead', null, h('tr', null, ['HPA', s.owner, s.finalizers, 'min/max'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, step.hpas.map((hpa) => h('tr', { class: hpa.terminating ? 'pg-terminating' : undefined },
      h('th', { scope: 'row' }, h('code', null, hpa.name), hpa.terminating ? h('span', { class: 'pg-tag' }, ` ${s.terminating}`) : null),
      h('td', null, hpa.ownedByInferenceService ? s.ownerIsvc : s.ownerNone),
      h('td', null, hpa.finalizers.length ? hpa.finalizers.join(', ') : '—'),
      h('td', null, `${hpa.minReplicas ?? '—'}/${hpa.maxReplicas}`)))),
  );
}

function verdictList(vm: ViewModel, version: VersionResult): VNode {
  const s = vm.strings;
  return h('div', { class: 'pg-verdicts' },
    h('h4', null, s.verdicts),
    version.verdicts.length === 0 ? h('p', { class: 'pg-muted' }, s.noUserHpa)
      : h('ul', null, version.verdicts.map((v) => h('li', { 'data-fate': v.fate }, h('code', null, v.hpa), `: ${tr(vm, verdictSummary(v))}`))));
}

export function resultsView(vm: ViewModel): VNode | null {
  const s = vm.strings;
  const evaluation = vm.evaluation;
  if (!evaluation) return null;
  const first = evaluation.run.firstDisagreement;
  return h('div', { class: 'pg-results' },
    vm.step > 0 && first === vm.step ? h('p', { class: 'pg-first-banner' }, h('span', { 'aria-hidden': 'true' }, '⚑ '), s.firstDisagreement) : null,
    h('div', { class: 'pg-columns', style: `--pg-cols: ${evaluation.run.versions.length}` }, evaluation.run.versions.map((version) => {
      const step = vm.step > 0 ? version.steps[vm.step - 1] : undefined;
      return h('section', { class: 'pg-column', 'aria-label': version.tag, 'data-tag': version.tag },
        h('h3', null, version.tag),
        h('p', { class: 'pg-behaviour' }, tr(vm, version.behaviourLabel)),
        !step ? h('p', { class: 'pg-muted' }, s.before) : h('div', { class: 'pg-step' },
          h('p', { class: 'pg-step-event' }, `${s.step} ${step.index}: `, h('code', null, step.event)),
          step.admission && !step.admission.allowed ? h('p', { class: 'pg-refused', role: 'note' }, `${s.refused}: ${step.admission.message}`) : null,
          step.decisions.length === 0 && !(step.admission && !step.admission.allowed) ? h('p', { class: 'pg-muted' }, step.reconciled ? '' : s.noReconcile) : null,
          step.decisions.map((d, i) => decisionView(vm, version.tag, d, `trace-${version.tag}-${step.index}-${i}`)),
          step.notes.length ? h('details', { class: 'pg-notes' }, h('summary', null, s.notes), h('ul', null, step.notes.map((n) => h('li', null, tr(vm, n))))) : null,
          hpaTable(vm, step),
          step.deployments.length ? h('p', { class: 'pg-muted' }, step.deployments.map((d) => `${d.name}: ${d.replicas} ${s.replicas}`).join(' · ')) : null,
        ),
        verdictList(vm, version),
      );
    })),
  );
}

const CELL_SYMBOL: Record<HpaState, string> = { present: '●', owned: '◆', terminating: '◌', 'owned-terminating': '◇', gone: '·' };

export function pictureView(vm: ViewModel): VNode | null {
  const s = vm.strings;
  const evaluation = vm.evaluation;
  if (!evaluation) return null;
  const label: Record<HpaState, string> = { present: s.present, owned: s.owned, terminating: s.terminatingState, 'owned-terminating': s.ownedTerminating, gone: s.gone };
  const names = [...new Set(evaluation.run.versions.flatMap((v) => v.steps.flatMap((st) => st.hpas.map((x) => x.name))))];
  return h('div', { class: 'pg-picture' },
    h('p', { class: 'pg-legend' }, `${s.legend}: `, (Object.keys(CELL_SYMBOL) as HpaState[]).map((k) => h('span', { class: `pg-cell-${k}` }, `${CELL_SYMBOL[k]} ${label[k]} `))),
    evaluation.run.versions.map((version) => h('table', { class: 'pg-grid' },
      h('caption', null, version.tag),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'HPA'), version.steps.map((st) => h('th', { scope: 'col', class: st.index === vm.step ? 'pg-now' : undefined }, String(st.index))))),
      h('tbody', null,
        names.map((name) => h('tr', null, h('th', { scope: 'row' }, h('code', null, name)), version.steps.map((st) => {
          const state = hpaStateIn(st.hpas, name);
          return h('td', { class: `pg-cell-${state}${st.index === vm.step ? ' pg-now' : ''}`, title: `${name}, ${s.step} ${st.index}: ${label[state]}` },
            h('span', { 'aria-hidden': 'true' }, CELL_SYMBOL[state]), h('span', { class: 'sr-only' }, label[state]));
        }))),
        h('tr', null, h('th', { scope: 'row' }, s.deployment), version.steps.map((st) => h('td', { class: st.index === vm.step ? 'pg-now' : undefined }, st.deployments[0] ? String(st.deployments[0].replicas) : '–'))),
      ),
    )),
  );
}

export function problemsView(vm: ViewModel, lints: readonly Lint[]): VNode | null {
  const s = vm.strings;
  if (vm.errors.length === 0 && lints.length === 0) return null;
  return h('div', { class: 'pg-problems' },
    vm.errors.length ? h('div', { class: 'pg-errors' },
      h('h3', null, s.errors),
      vm.evaluation ? h('p', { class: 'pg-muted' }, s.lastGood) : null,
      h('ul', null, vm.errors.slice(0, 20).map((e, i) => h('li', null,
        button(`goto-error-${i}`, 'goto', '', { 'data-file': e.file, 'data-line': e.line, 'data-column': e.column, class: 'pg-link-button' }, `${e.file}:${e.line}:${e.column}`),
        `: ${e.message}`)))) : null,
    lints.length ? h('div', { class: 'pg-lints' },
      h('h3', null, s.lints),
      h('ul', null, lints.map((lint, i) => h('li', { class: `pg-lint pg-${lint.severity}`, 'data-lint': lint.id },
        h('strong', null, `${lint.severity}: `), tr(vm, lint.message), ' ',
        h('details', null, h('summary', null, 'why'), h('p', null, tr(vm, lint.detail))),
        lint.fix ? button(`fix-${i}`, 'fix', `${s.applyFix}: ${lint.fix.label}`, { 'data-index': i }) : null,
      )))) : null,
  );
}

export function shareView(vm: ViewModel): VNode {
  const s = vm.strings;
  return h('div', { class: 'pg-share', role: 'group', 'aria-label': s.share },
    button('copy-link', 'copy-link', s.copyLink),
    vm.linkLength !== null ? h('span', { class: 'pg-muted pg-link-length' }, `${vm.linkLength} ${s.linkLength}`) : null,
    button('copy-markdown', 'copy-markdown', s.copyMarkdown),
    button('download', 'download', s.download),
    h('label', { class: 'pg-file' }, s.openFile, h('input', { type: 'file', accept: '.yaml,.yml,.json,text/yaml', 'data-action': 'open-file', 'data-key': 'open-file' })),
  );
}
