/**
 * The results pane: for every compared release (oldest first), its decision at the current step,
 * the HPAs and Deployments after it, and why; one row per InferenceService when the scenario has
 * several. Checks that differ from a neighbouring release are marked; identical ones fold away.
 */
import { sourceUrl } from '../../../engine/kserve/source-links.ts';
import type { Decision } from '../../../engine/machine/controller.ts';
import { callNews } from '../../../engine/report/cells.ts';
import type { StepResult, VersionResult } from '../../../engine/run.ts';
import { capacityDropMessage, verdictLosses, verdictSummary } from '../../../engine/verdict.ts';
import { metricsMessage, sameMetrics } from '../../../engine/k8s/metrics.ts';
import type { HpaView } from '../../../engine/views.ts';
import { FATE_TONE, HPA_STATE_TONE, HPA_STATE_WORD, RESULT_TONE } from '../../../engine/vocabulary.ts';
import { msg } from '../../../engine/i18n/message.ts';
import { BEHAVIOUR_SHORT_LABEL, getRelease, unreleasedNote } from '../../../engine/kserve/releases.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { capacityDropsOf, changedAt, deploymentsOf, differingChecks, groupsOf, hpasOf, strayHpas, verdictsOf, type Group } from '../compare.ts';
import { MIN_RELEASES } from '../actions.ts';
import { button, fill, item, list, resultLabel, toneClass, tr, versionsOf, type ViewModel } from './common.ts';

const RESULT_ICON: Record<string, string> = { Create: '+', Update: '✎', Delete: '✕', Existed: '=', Skipped: '–', NotCalled: '∅', Error: '!' };
const WRITES = new Set(['Create', 'Update', 'Delete', 'Error']);

function stateOf(hpa: HpaView) {
  if (hpa.terminating) return hpa.ownedByInferenceService ? 'owned-terminating' as const : 'terminating' as const;
  return hpa.ownedByInferenceService ? 'owned' as const : 'present' as const;
}

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
function afterView(vm: ViewModel, step: StepResult, group: Group | null, hpas: HpaView[], qualified: boolean, previous: readonly HpaView[] = []): VNode {
  const s = vm.s;
  const pinned = step.deploymentWrites.filter((w) => w.kind === 'pinned');
  const resets = step.deploymentWrites.filter((w) => w.reset);
  return h('div', { class: 'pg-after' },
    h('h4', null, s.hpasAfter),
    hpas.length === 0 ? h('p', { class: 'pg-muted' }, s.noHpas) : list('pg-hpa-list', hpas.map((hpa) => {
      const state = stateOf(hpa);
      return item({ 'data-hpa': hpa.name, 'data-state': state },
        h('code', null, qualified ? `${hpa.namespace}/${hpa.name}` : hpa.name), ' ',
        h('span', { class: `pg-state ${toneClass(HPA_STATE_TONE[state])}` }, tr(vm, msg(HPA_STATE_WORD[state]))),
        h('span', { class: 'pg-minmax' }, ` · ${fill(s.minMax, { min: hpa.minReplicas ?? '—', max: hpa.maxReplicas })}`),
        metricsSpan(vm, hpa, previous.find((p) => p.namespace === hpa.namespace && p.name === hpa.name)),
        hpa.finalizers.length ? h('span', { class: 'pg-finalizers' }, ` · ${s.finalizers}: `, h('code', null, hpa.finalizers.join(', '))) : null);
    })),
    deploymentsOf(step, group).map((d, _i, all) => {
      const pin = pinned.find((w) => w.name === d.name && w.namespace === d.namespace);
      const reset = resets.find((w) => w.name === d.name && w.namespace === d.namespace);
      return h('p', { class: `pg-deployment${pin || reset ? ` ${toneClass('warn')}` : ''}`, 'data-deployment': d.name, title: `${s.deployment} ${d.name}` },
        s.deployment, all.length > 1 ? [' ', h('code', null, d.name)] : null, ` · ${fill(s.replicasCount, { n: d.replicas })}`,
        pin ? h('span', { class: 'pg-pinned' }, ` ⟲ ${pin.undid ? fill(s.pinnedUndid, { hpa: pin.undid }) : s.pinned}`) : null,
        reset ? h('span', { class: 'pg-reset', 'data-reset': '' }, ` ↓ ${s.rolloutReset} (${reset.was} → ${reset.replicas})`) : null);
    }),
  );
}

function whyView(vm: ViewModel, tag: string, decisions: readonly Decision[], differs: Set<string>[], key: string): VNode | null {
  const s = vm.s;
  const withTrace = decisions.filter((d) => d.trace.length > 0);
  if (withTrace.length === 0) return null;
  let hidden = 0;
  let total = 0;
  const lists = decisions.map((d, i) => {
    if (d.trace.length === 0) return null;
    total += d.trace.length;
    const shown = d.trace.filter((t) => vm.ui.allChecks || differs[i]!.has(t.check));
    hidden += d.trace.length - shown.length;
    return h('div', { class: 'pg-why-decision' },
      decisions.length > 1 ? h('p', { class: 'pg-why-of' }, `${d.canary ?? d.component} → `, h('code', null, d.hpa), ': ', resultLabel(vm, d.result)) : null,
      shown.length === 0 ? null : list('pg-checks', shown.map((t) => {
        const link = t.anchor ? sourceUrl(tag, t.anchor) : null;
        const inputs = Object.entries(t.inputs).filter(([, v]) => v !== null);
        const differ = differs[i]!.has(t.check);
        return item({ 'data-check': t.check, 'data-differs': differ ? 'true' : undefined },
          h('code', { class: 'pg-check' }, `${t.check} = ${t.value}`),
          differ ? h('span', { class: 'pg-differs', title: s.differsTitle }, h('span', { 'aria-hidden': 'true' }, ' ≠'), h('span', { class: 'sr-only' }, ` (${s.differsTitle})`)) : null,
          ' ', h('span', { class: 'pg-why-text' }, tr(vm, t.why)), ' ',
          link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'pg-source' }, s.source, h('span', { class: 'sr-only' }, ` ${t.check} ${tag}`)) : null,
          inputs.length ? list('pg-inputs', inputs.map(([k, v]) => item(null, h('span', { class: 'pg-input-key' }, `${k}:`), ` ${String(v)}`))) : null);
      })));
  });
  const open = !vm.readonly && !vm.compact && decisions.some((d) => WRITES.has(d.result)) && (vm.ui.allChecks || hidden < total);
  return h('details', { class: 'pg-why', 'data-key': key, open },
    h('summary', null, s.why, hidden > 0 ? h('span', { class: 'pg-muted' }, ` · ${fill(s.checksDiffer, { n: total - hidden, total })}`) : null),
    lists,
    hidden > 0 || vm.ui.allChecks ? button(`${key}-all`, 'toggle-checks', vm.ui.allChecks ? s.onlyDiffering : fill(s.showIdentical, { n: hidden }), { class: 'pg-link-button', 'aria-pressed': vm.ui.allChecks ? 'true' : 'false' }) : null,
  );
}

function cellView(vm: ViewModel, versions: readonly VersionResult[], index: number, group: Group | null, groups: readonly Group[]): VNode {
  const s = vm.s;
  const version = versions[index]!;
  const step = vm.step > 0 ? version.steps[vm.step - 1] : undefined;
  const label = group && groups.length > 1 ? `${version.tag}, ${group.isvc}` : version.tag;
  const attrs = { class: 'pg-cell', 'data-tag': version.tag, 'data-isvc': group?.isvc, 'aria-label': label };
  const qualified = groups.length > 1 && new Set(groups.map((g) => g.namespace)).size > 1;
  const heading = group && groups.length > 1 ? h('h4', { class: 'pg-group' }, group.isvc ? fill(s.isvcHeading, { isvc: group.isvc }) : s.otherHpas) : null;
  if (!step) return h('section', attrs, heading, h('p', { class: 'pg-muted' }, s.before), verdictList(vm, version, group, qualified));
  const pick = (st: StepResult | undefined) => (st ? (group ? st.decisions.filter((d) => d.isvc === group.isvc) : st.decisions) : []);
  const decisions = pick(step);
  const neighbours = [versions[index - 1], versions[index + 1]].filter((v): v is VersionResult => v !== undefined).map((v) => pick(v.steps[vm.step - 1]));
  const changed = changedAt(version.steps, vm.step - 1, group);
  const refused = step.admission && !step.admission.allowed ? step.admission : null;
  const reconciled = group ? step.reconciledIsvcs.includes(group.isvc) : step.reconciled;
  const components = new Set(decisions.map((d) => d.component)).size;
  const hpas = group === null ? step.hpas : group.isvc === '' ? strayHpas(step, groups) : hpasOf(step, group);
  const key = `${version.tag}-${group?.isvc ?? ''}-${step.index}`;
  // Several InferenceServices: one this step left alone folds to a line, so the ones it moved stay in view.
  if (groups.length > 1 && decisions.length === 0 && !changed && !refused) {
    return h('section', { ...attrs, 'data-quiet': 'true' }, heading,
      h('p', { class: 'pg-muted pg-quiet' }, reconciled ? s.reconciledNothing : s.noReconcile),
      h('details', { class: 'pg-quiet-more', 'data-key': `quiet-${key}` }, h('summary', null, s.hpasAfter),
        afterView(vm, step, group, hpas, qualified), verdictList(vm, version, group, qualified)));
  }
  return h('section', { ...attrs, 'data-changed': changed ? 'true' : undefined, 'data-flash': changed && vm.flash !== false ? (vm.flash % 2 ? 'odd' : 'even') : undefined },
    heading,
    step.release !== version.tag ? h('p', { class: 'pg-ran' }, fill(s.ranOn, { release: step.release })) : null,
    refused && 'message' in refused ? h('p', { class: `pg-refused ${toneClass('refused')}`, role: 'note' }, `${s.refused}: ${tr(vm, refused.message)}`) : null,
    decisions.map((d) => decisionHead(vm, d, components)),
    decisions.length === 0 && !refused ? h('p', { class: 'pg-muted pg-quiet' }, reconciled ? s.reconciledNothing : s.noReconcile) : null,
    changed ? h('p', { class: 'pg-changed' }, h('span', { 'aria-hidden': 'true' }, '● '), s.changedHere) : null,
    afterView(vm, step, group, hpas, qualified, version.steps[vm.step - 2]?.hpas ?? []),
    whyView(vm, version.tag, decisions, differingChecks(decisions, neighbours), `why-${key}`),
    step.notes.length && (group === null || groups.length <= 1) ? h('details', { class: 'pg-notes', 'data-key': `notes-${key}` }, h('summary', null, s.notes), list('pg-note-list', step.notes.map((n) => item(null, tr(vm, n))))) : null,
    verdictList(vm, version, group, qualified),
  );
}

/** What the verdict's overwrites took (metrics, behavior), one line each; nothing when they took none. */
function lossList(vm: ViewModel, verdict: Parameters<typeof verdictLosses>[0]): VNode | null {
  const losses = verdictLosses(verdict);
  return losses.length === 0 ? null : list('pg-losses', losses.map((loss) => item(null, tr(vm, loss))));
}

function verdictList(vm: ViewModel, version: VersionResult, group: Group | null, qualified: boolean): VNode {
  const s = vm.s;
  const verdicts = verdictsOf(version, group);
  const title = group && group.isvc ? fill(s.verdictsOf, { isvc: group.isvc }) : s.verdicts;
  const body = verdicts.length === 0 ? h('p', { class: 'pg-muted' }, s.noUserHpa)
    : list('pg-verdict-list', verdicts.map((v) => item({ 'data-fate': v.fate, class: toneClass(FATE_TONE[v.fate]) },
      h('code', null, qualified ? `${v.namespace}/${v.hpa}` : v.hpa), `: ${tr(vm, verdictSummary(v))}`,
      lossList(vm, v))));
  const drops = capacityDropsOf(version, group);
  return h('div', { class: 'pg-verdicts' }, h('h4', null, title), body,
    drops.length === 0 ? null : h('div', { class: 'pg-capacity' }, h('h4', null, s.capacity),
      list('pg-capacity-list', drops.map((d) => item({ class: toneClass('warn'), 'data-step': d.step }, tr(vm, capacityDropMessage(d)))))));
}

export function resultsView(vm: ViewModel): VNode | null {
  const s = vm.s;
  const versions = versionsOf(vm);
  if (!vm.good || versions.length === 0) return null;
  const groups = groupsOf(versions);
  const multi = groups.length > 1;
  const rows: (Group | null)[] = multi ? [...groups] : [null];
  const first = versions[0]!;
  const strayStep = vm.step > 0 ? first.steps[vm.step - 1] : undefined;
  if (multi && (strayStep ? strayHpas(strayStep, groups).length > 0 : false)) rows.push({ isvc: '', namespace: '', deployments: new Set(), lookups: new Set() });
  return h('div', { class: 'pg-cards', style: `--pg-n:${versions.length};--pg-rows:${rows.length + 1}`, 'data-count': versions.length },
    versions.map((v, i) => h('article', { class: 'pg-release', 'data-tag': v.tag, 'aria-label': v.tag },
      releaseHead(vm, v, versions.length),
      rows.map((group) => cellView(vm, versions, i, group, groups)))),
  );
}
