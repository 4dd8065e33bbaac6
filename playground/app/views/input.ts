/**
 * The input pane's own views: the problems under the editors (input errors in the error colour,
 * the engine's lints in their severity's colour, each with its quick fix), and the one-line
 * summary shown when the pane is folded away.
 */
import type { Message } from '../../../engine/i18n/message.ts';
import { ANNOTATION } from '../../../engine/kserve/constants.ts';
import { groupLints, type LintGroup } from '../../../engine/lint-groups.ts';
import type { Lint } from '../../../engine/lint.ts';
import { formatPosition } from '../../../engine/scenario/source.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { lintKey } from '../actions.ts';
import { button, fill, item, list, tr, type ViewModel } from './common.ts';
import { fixButtons } from './events-list.ts';

export function problemsView(vm: ViewModel): VNode | null {
  const s = vm.s;
  const lints = vm.stale ? [] : vm.good?.lints ?? [];
  if (vm.errors.length === 0 && lints.length === 0) return null;
  return h('div', { class: 'pg-problems' },
    vm.errors.length ? h('div', { class: 'pg-errors' },
      h('h3', null, s.errors),
      list('pg-problem-list', vm.errors.slice(0, 20).map((e, i) => item({ class: 'pg-sev-error' },
        button(`goto-error-${i}`, 'goto', formatPosition(e), { 'data-file': e.file, 'data-line': e.line, 'data-column': e.column, class: 'pg-link-button' }),
        `: ${tr(vm, e.message)}`, ' ', fixButtons(vm, e, `error-${i}`))))) : null,
    lints.length ? h('div', { class: 'pg-lints' },
      h('h3', null, s.lints),
      list('pg-problem-list', groupLints(lints).map((group, i) => (group.lints.length > 1 ? lintGroupItem(vm, group) : lintItem(vm, group.lints[0]!, i))))) : null,
  );
}

const severity = (vm: ViewModel, lint: Pick<Lint, 'severity'>) => h('span', { class: 'pg-sev' }, `${vm.s[`severity_${lint.severity}` as const]}: `);
const fixButton = (vm: ViewModel, lint: Lint, key: string) => (lint.fix ? button(key, 'fix', `${vm.s.applyFix}: ${tr(vm, lint.fix.label)}`, { 'data-lint-key': lintKey(lint), class: 'pg-fix' }) : null);
const whyDetails = (vm: ViewModel, key: string, detail: Message) => h('details', { 'data-key': key }, h('summary', null, vm.s.whyLint), h('p', null, tr(vm, detail)));
const placeOf = (lint: Lint) => ({ 'data-file': lint.at.file, 'data-line': lint.at.line, 'data-column': lint.at.column });

/** A lint alone: its sentence leads to its place. */
function lintItem(vm: ViewModel, lint: Lint, i: number): VNode {
  return item({ class: `pg-lint pg-sev-${lint.severity}`, 'data-lint': lint.id },
    severity(vm, lint),
    button(`goto-lint-${i}`, 'goto', tr(vm, lint.message), { ...placeOf(lint), class: 'pg-link-button pg-lint-text' }), ' ',
    fixButton(vm, lint, `fix-${i}`),
    whyDetails(vm, `lint-why-${i}`, lint.detail));
}

/** Lints alike but for their object (the engine's group): one line with the count, opening to each object's place and fix. */
function lintGroupItem(vm: ViewModel, group: LintGroup): VNode {
  const k = group.key;
  return item({ class: `pg-lint pg-lint-group pg-sev-${group.severity}`, 'data-lint': group.id, 'data-count': group.lints.length },
    h('details', { 'data-key': `lint-group-${k}`, class: 'pg-lint-members' },
      h('summary', null, severity(vm, group), h('span', { class: 'pg-lint-text' }, tr(vm, group.message))),
      list('pg-lint-member-list', group.lints.map((lint, j) => item({ class: 'pg-lint-member' },
        button(`goto-lint-${k}-${j}`, 'goto', formatPosition(lint.at), { ...placeOf(lint), class: 'pg-link-button' }), ' ',
        h('code', null, lint.subject.name), ' ',
        fixButton(vm, lint, `fix-${k}-${j}`)))),
      whyDetails(vm, `lint-why-${k}`, group.detail)));
}

/** "InferenceService ml/my-isvc (external, RawDeployment) · HPA my-hpa · 1 warning". */
export function summaryView(vm: ViewModel): VNode {
  const s = vm.s;
  const objects = vm.good?.scenario.objects ?? [];
  const parts = objects.map((o) => {
    const name = `${o.object.metadata.namespace}/${o.object.metadata.name}`;
    if (o.object.kind !== 'InferenceService') return h('span', { class: 'pg-summary-item' }, 'HPA ', h('code', null, name));
    const notes = o.object.metadata.annotations ?? {};
    const extra = [notes[ANNOTATION.autoscalerClass], notes[ANNOTATION.deploymentMode]].filter(Boolean).join(', ');
    return h('span', { class: 'pg-summary-item' }, 'InferenceService ', h('code', null, name), extra ? ` (${extra})` : '');
  });
  const lints = vm.good?.lints.length ?? 0;
  const problems = vm.errors.length;
  return h('p', { class: 'pg-summary' },
    parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p])),
    problems ? h('span', { class: 'pg-sev-error' }, ` · ${fill(s.problemCount, { n: problems })}`) : lints ? h('span', { class: 'pg-muted' }, ` · ${fill(s.lintCount, { n: lints })}`) : null);
}
