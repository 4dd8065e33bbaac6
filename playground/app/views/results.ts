/**
 * The results pane: for every compared release (oldest first), its decision at the current step,
 * the HPAs and Deployments after it, and why; one row per InferenceService when the scenario has
 * several. Why it decided so is the trace view (trace.ts).
 */
import type { Decision } from '../../../engine/machine/controller.ts';
import { callNews } from '../../../engine/report/cells.ts';
import { runViewOf, type CellView, type HpaEntry, type IsvcGroup, type RunView, type StepOrder } from '../../../engine/report/run-view.ts';
import type { VersionResult } from '../../../engine/run.ts';
import { capacityDropMessage, verdictLosses, verdictSummary } from '../../../engine/verdict.ts';
import { metricsMessage, sameMetrics } from '../../../engine/k8s/metrics.ts';
import type { HpaView } from '../../../engine/views.ts';
import { FATE_TONE, HPA_STATE_TONE, HPA_STATE_WORD, RESULT_TONE } from '../../../engine/vocabulary.ts';
import { msg } from '../../../engine/i18n/message.ts';
import { BEHAVIOUR_SHORT_LABEL, getRelease, unreleasedNote } from '../../../engine/kserve/releases.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { whyView } from './trace.ts';
import { MIN_RELEASES } from '../actions.ts';
import { button, fill, item, list, resultLabel, toneClass, tr, versionsOf, type ViewModel } from './common.ts';

const RESULT_ICON: Record<string, string> = { Create: '+', Update: '✎', Delete: '✕', Existed: '=', Skipped: '–', NotCalled: '∅', Error: '!' };


function releaseHead(vm: ViewModel, version: VersionResult, count: number): VNode {
  const s = vm.s;
  const short = tr(vm, msg(BEHAVIOUR_SHORT_LABEL[version.behaviour]));
  const unreleased = unreleasedNote(getRelease(version.tag));
  return h('header', { class: 'pg-rel', 'data-unreleased': unreleased ? 'true' : undefined },
    h('div', { class: 'pg-rel-title' },
      h('h3', null, version.tag, h('span', { class: 'pg-short' }, ` · ${unreleased ? tr(vm, msg('release.unreleasedShort')) : short}`)),
      !vm.readonly && count > MIN_RELEASES ? button(`remove-release-${version.tag}`, 'remove-release', h('span', { 'aria-hidden': 'true' }, '×'), { 'data-tag': version.tag, 'aria-label': `${s.remove} ${version.tag}`, title: `${s.remove} ${version.tag}`, class: 'pg-icon' }) : null),
    h('p', { class: 'pg-behaviour' }, tr(vm, version.behaviourLabel)),
    unreleased ? h('p', { class: 'pg-unreleased-note' }, tr(vm, unreleased)) : null,
    version.startRelease !== version.tag ? h('p', { class: 'pg-upgrade-note' }, fill(s.upgradeStory, { from: version.startRelease, to: version.tag })) : null,
  );
}

function decisionHead(vm: ViewModel, d: Decision, components: number): VNode {
  const news = d.call ? callNews(d.call) : null;
  // elementtiming: the browser reports when each decision's badge is painted (bench/site.ts reads it).
  return h('p', { class: `pg-decision ${toneClass(RESULT_TONE[d.result])}`, 'data-result': d.result },
    h('span', { class: 'pg-badge', 'data-result': d.result, elementtiming: 'decision' }, h('span', { 'aria-hidden': 'true' }, `${RESULT_ICON[d.result] ?? ''} `), resultLabel(vm, d.result)),
    ' ',
    components > 1 || d.canary ? h('span', { class: 'pg-component' }, `${d.canary ?? d.component} → `) : null,
    h('code', { class: 'pg-hpa-name' }, d.hpa),
    news ? h('span', { class: 'pg-call' }, ` ${tr(vm, news)}`) : null);
}

/** The HPA's metrics, as "memory 70% → cpu 80%" when this step changed them. */
function metricsSpan(vm: ViewModel, hpa: HpaView, was: HpaView | undefined): VNode {
  const now = tr(vm, metricsMessage(hpa.metrics));
  const changed = was !== undefined && !sameMetrics(was.metrics, hpa.metrics);
  return h('span', { class: `pg-metrics${changed ? ` ${toneClass('warn')}` : ''}`, 'data-changed': changed ? 'true' : undefined },
    ' · ', changed ? [h('del', null, tr(vm, metricsMessage(was.metrics))), ' → '] : null, now);
}

/** `previous`: the HPAs before this step, so a change of metrics shows as before → after. */
function afterView(vm: ViewModel, cell: CellView, hpas: readonly HpaEntry[], qualified: boolean, previous: readonly HpaView[] = []): VNode {
  const s = vm.s;
  const pinned = cell.step.deploymentWrites.filter((w) => w.kind === 'pinned');
  const resets = cell.step.deploymentWrites.filter((w) => w.reset);
  return h('div', { class: 'pg-after' },
    h('h4', null, s.hpasAfter),
    hpas.length === 0 ? h('p', { class: 'pg-muted' }, s.noHpas) : list('pg-hpa-list', hpas.map(({ hpa, state }) => {
      return item({ 'data-hpa': hpa.name, 'data-state': state },
        h('code', null, qualified ? `${hpa.namespace}/${hpa.name}` : hpa.name), ' ',
        h('span', { class: `pg-state ${toneClass(HPA_STATE_TONE[state])}` }, tr(vm, msg(HPA_STATE_WORD[state]))),
        h('span', { class: 'pg-minmax' }, ` · ${fill(s.minMax, { min: hpa.minReplicas ?? '—', max: hpa.maxReplicas })}`),
        metricsSpan(vm, hpa, previous.find((p) => p.namespace === hpa.namespace && p.name === hpa.name)),
        hpa.finalizers.length ? h('span', { class: 'pg-finalizers' }, ` · ${s.finalizers}: `, h('code', null, hpa.finalizers.join(', '))) : null);
    })),
    cell.deployments.map((d, _i, all) => {
      const pin = pinned.find((w) => w.name === d.name && w.namespace === d.namespace);
      const reset = resets.find((w) => w.name === d.name && w.namespace === d.namespace);
      return h('p', { class: `pg-deployment${pin || reset ? ` ${toneClass('warn')}` : ''}`, 'data-deployment': d.name, title: `${s.deployment} ${d.name}` },
        s.deployment, all.length > 1 ? [' ', h('code', null, d.name)] : null, ` · ${fill(s.replicasCount, { n: d.replicas })}`,
        pin ? h('span', { class: 'pg-pinned' }, ` ⟲ ${pin.undid ? fill(s.pinnedUndid, { hpa: pin.undid }) : s.pinned}`) : null,
        reset ? h('span', { class: 'pg-reset', 'data-reset': '' }, ` ↓ ${s.rolloutReset} (${reset.was} → ${reset.replicas})`) : null);
    }),
  );
}

function cellView(vm: ViewModel, view: RunView, index: number, group: IsvcGroup | null): VNode {
  const s = vm.s;
  const versions = view.run.versions;
  const version = versions[index]!;
  const several = view.several;
  const label = group && several ? `${version.tag}, ${group.isvc}` : version.tag;
  const attrs = { class: 'pg-cell', 'data-tag': version.tag, 'data-isvc': group?.isvc, 'aria-label': label };
  const qualified = view.qualified;
  const heading = group && several ? h('h4', { class: 'pg-group' }, group.isvc ? fill(s.isvcHeading, { isvc: group.isvc }) : s.otherHpas) : null;
  if (vm.step <= 0) return h('section', attrs, heading, h('p', { class: 'pg-muted' }, s.before), verdictList(vm, view, index, group));
  const cell = view.cell(index, vm.step, group);
  const step = cell.step;
  const decisions = cell.decisions;
  // "Differs" is against every other compared release, not only the neighbours.
  const others = versions.flatMap((_, i) => (i === index ? [] : [view.cell(i, vm.step, group).decisions]));
  const changed = cell.changed;
  const refused = cell.refusal;
  const components = new Set(decisions.map((d) => d.component)).size;
  const hpas = group?.isvc === '' ? view.strayHpas(index, vm.step) : cell.hpas;
  const key = `${version.tag}-${group?.isvc ?? ''}-${step.index}`;
  // Several InferenceServices: one this step left alone folds to a line, so the ones it moved stay in view.
  if (several && cell.quiet) {
    return h('section', { ...attrs, 'data-quiet': 'true' }, heading,
      h('p', { class: 'pg-muted pg-quiet' }, cell.reconciled ? s.reconciledNothing : s.noReconcile),
      h('details', { class: 'pg-quiet-more', 'data-key': `quiet-${key}` }, h('summary', null, s.hpasAfter),
        afterView(vm, cell, hpas, qualified), verdictList(vm, view, index, group)));
  }
  return h('section', { ...attrs, 'data-changed': changed ? 'true' : undefined, 'data-flash': changed && vm.flash !== false ? (vm.flash % 2 ? 'odd' : 'even') : undefined },
    heading,
    step.release !== version.tag ? h('p', { class: 'pg-ran' }, fill(s.ranOn, { release: step.release })) : null,
    refused ? h('p', { class: `pg-refused ${toneClass('refused')}`, role: 'note' }, `${s.refused}: ${tr(vm, refused.message)}`) : null,
    decisions.map((d) => decisionHead(vm, d, components)),
    decisions.length === 0 && !refused ? h('p', { class: 'pg-muted pg-quiet' }, cell.reconciled ? s.reconciledNothing : s.noReconcile) : null,
    changed ? h('p', { class: 'pg-changed' }, h('span', { 'aria-hidden': 'true' }, '● '), s.changedHere) : null,
    afterView(vm, cell, hpas, qualified, version.steps[vm.step - 2]?.hpas ?? []),
    whyView(vm, version.tag, decisions, others, `why-${key}`),
    step.notes.length && (group === null || !several) ? h('details', { class: 'pg-notes', 'data-key': `notes-${key}` }, h('summary', null, s.notes), list('pg-note-list', step.notes.map((n) => item(null, tr(vm, n))))) : null,
    verdictList(vm, view, index, group),
  );
}

/** What the verdict's overwrites took (metrics, behavior), one line each; nothing when they took none. */
function lossList(vm: ViewModel, verdict: Parameters<typeof verdictLosses>[0]): VNode | null {
  const losses = verdictLosses(verdict);
  return losses.length === 0 ? null : list('pg-losses', losses.map((loss) => item(null, tr(vm, loss))));
}

function verdictList(vm: ViewModel, view: RunView, index: number, group: IsvcGroup | null): VNode {
  const s = vm.s;
  const qualified = view.qualified;
  const verdicts = view.verdicts(index, group);
  const title = group && group.isvc ? fill(s.verdictsOf, { isvc: group.isvc }) : s.verdicts;
  const body = verdicts.length === 0 ? h('p', { class: 'pg-muted' }, s.noUserHpa)
    : list('pg-verdict-list', verdicts.map((v) => item({ 'data-fate': v.fate, class: toneClass(FATE_TONE[v.fate]) },
      h('code', null, qualified ? `${v.namespace}/${v.hpa}` : v.hpa), `: ${tr(vm, verdictSummary(v))}`,
      lossList(vm, v))));
  const drops = view.capacityDrops(index, group);
  return h('div', { class: 'pg-verdicts' }, h('h4', null, title), body,
    drops.length === 0 ? null : h('div', { class: 'pg-capacity' }, h('h4', null, s.capacity),
      list('pg-capacity-list', drops.map((d) => item({ class: toneClass('warn'), 'data-step': d.step }, tr(vm, capacityDropMessage(d)))))));
}

/** The InferenceServices calm at this step in every release, folded into one line per column that opens to their cards. */
function othersView(vm: ViewModel, view: RunView, index: number, order: StepOrder): VNode {
  const s = vm.s;
  const tag = view.run.versions[index]!.tag;
  const n = order.calm.length;
  return h('section', { class: 'pg-cell pg-others', 'data-tag': tag, 'data-others': n },
    h('details', { class: 'pg-others-more', 'data-key': `others-${tag}` },
      h('summary', { class: 'pg-muted' }, fill(order.calmReconciled ? s.othersNothingChanged : s.othersNoReconcile, { n })),
      order.calm.map((group) => cellView(vm, view, index, group))));
}

/** "Only what is at risk", and how many it hides. */
function filterView(vm: ViewModel, view: RunView, order: StepOrder): VNode {
  const s = vm.s;
  const on = vm.ui.atRiskOnly;
  return h('p', { class: 'pg-filter' },
    button('toggle-at-risk', 'toggle-at-risk', s.atRiskOnly, { class: 'pg-toggle', 'aria-pressed': on ? 'true' : 'false', disabled: !on && !view.groups.some((g) => view.atRisk(g)) }),
    on && order.hidden > 0 ? h('span', { class: 'pg-muted' }, ` ${fill(s.hiddenNotAtRisk, { n: order.hidden })}`) : null);
}

export function resultsView(vm: ViewModel): VNode | null {
  const versions = versionsOf(vm);
  if (!vm.good || versions.length === 0) return null;
  const view = runViewOf(vm.good.run);
  // With several InferenceServices, those harmed or acted on at this step come first; calm ones fold into one line.
  const order = view.several ? view.order(vm.step, vm.ui.atRiskOnly) : null;
  const rows: (IsvcGroup | null)[] = order ? [...order.shown] : [null];
  const stray = view.several && vm.step > 0 && view.strayHpas(0, vm.step).length > 0;
  if (stray) rows.push({ isvc: '', namespace: '', deployments: new Set(), lookups: new Set() });
  const folded = order !== null && order.calm.length > 0;
  const cards = h('div', { class: 'pg-cards', style: `--pg-n:${versions.length};--pg-rows:${rows.length + (folded ? 1 : 0) + 1}`, 'data-count': versions.length },
    versions.map((v, i) => h('article', { class: 'pg-release', 'data-tag': v.tag, 'aria-label': v.tag },
      releaseHead(vm, v, versions.length),
      rows.map((group) => cellView(vm, view, i, group)),
      folded ? othersView(vm, view, i, order) : null)),
  );
  return order ? h('div', { class: 'pg-namespace' }, filterView(vm, view, order), cards) : cards;
}
