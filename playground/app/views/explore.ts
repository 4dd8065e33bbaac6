/**
 * The explorer tab: ask for the shortest way to lose an HPA, or how to keep it. Answers come in
 * plain words first ("… after the class is switched to hpa, then a pod is created"), the event
 * syntax second, right under the buttons; the same fix needed by several releases is listed once.
 */
import { lossMessage, safeChangeMessage } from '../../../engine/explore/report.ts';
import { msg } from '../../../engine/i18n/message.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { EXPLORE_DEPTH } from '../explore-result.ts';
import { button, fill, item, list, tr, type ViewModel } from './common.ts';

export function exploreView(vm: ViewModel): VNode {
  const s = vm.s;
  const result = vm.explore;
  const busy = vm.stale || !vm.good;
  return h('div', { class: 'pg-explore' },
    h('div', { class: 'pg-event-row' },
      button('find-loss', 'find-loss', s.explore, { 'aria-disabled': busy ? 'true' : undefined, title: busy ? s.fixFirst : undefined }),
      button('find-keep', 'find-keep', s.keep, { 'aria-disabled': busy ? 'true' : undefined, title: busy ? s.fixFirst : undefined }),
      h('label', { class: 'pg-inline pg-check-label' },
        h('input', { type: 'checkbox', 'data-action': 'toggle-explore-edits', 'data-key': 'explore-edits', checked: vm.ui.exploreEdits }),
        ` ${s.exploreEdits}`)),
    h('p', { class: 'pg-muted' }, fill(s.exploreScope, { n: EXPLORE_DEPTH })),
    result?.kind === 'loss' ? list('pg-explore-list', result.results.map((r, i) => item({ 'data-tag': r.tag },
      h('strong', null, `${r.tag}: `),
      r.found
        ? [h('span', { class: 'pg-answer' }, tr(vm, lossMessage(r))), ' ',
          button(`load-loss-${r.tag}`, 'load-loss', s.loadLoss, { 'data-index': i })]
        : r.refused ? tr(vm, msg('explore.refused', { reason: r.refused })) : tr(vm, msg('explore.safe', { depth: r.depth, states: r.statesVisited })),
    )), { 'data-kind': 'loss' }) : null,
    result?.kind === 'keep' ? h('div', { class: 'pg-explore-list', 'data-kind': 'keep' },
      result.safe.length ? h('p', null, fill(s.alreadySafeIn, { releases: result.safe.join(', '), n: EXPLORE_DEPTH })) : null,
      result.groups.length ? list('pg-keep-list', result.groups.map((g, i) => item({ 'data-releases': g.tags.join(' ') },
        h('span', { class: 'pg-answer' }, tr(vm, safeChangeMessage(g.safe))), ' ',
        h('span', { class: 'pg-keeps' }, fill(s.keepsIn, { releases: g.tags.join(', ') })), ' ',
        button(`apply-${i}`, 'apply-change', s.apply, { 'data-index': i }),
        g.safe.changes.some((c) => c.kind === 'edit') ? h('details', { 'data-key': `diff-${i}` }, h('summary', null, s.diff),
          h('pre', { class: 'pg-diff' }, g.safe.changes.flatMap((c) => (c.kind === 'edit' ? [c.diff] : [])).join('\n'))) : null,
      ))) : null,
      result.stuck.length ? h('p', null, fill(s.noFixIn, { releases: result.stuck.join(', ') })) : null,
    ) : null,
  );
}
