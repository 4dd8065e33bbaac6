/**
 * A release's "Why": the checks behind each of its decisions at this step, each with its value,
 * its reason, its inputs and a link to the line of KServe's source at that tag. A check whose value
 * some other compared release did not share is marked ≠; see trace.ts for which checks show.
 */
import { sourceUrl } from '../../../engine/kserve/source-links.ts';
import { isWrite } from '../../../engine/kserve/decision.ts';
import type { Decision } from '../../../engine/machine/controller.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { differingChecks, shownChecks } from '../trace.ts';
import { button, fill, item, list, resultLabel, tr, type ViewModel } from './common.ts';

/** `others`: the same InferenceService's decisions in every other compared release at this step. */
export function whyView(vm: ViewModel, tag: string, decisions: readonly Decision[], others: readonly (readonly Decision[])[], key: string): VNode | null {
  const s = vm.s;
  if (!decisions.some((d) => d.trace.length > 0)) return null;
  const differs = differingChecks(decisions, others);
  let hidden = 0;
  let total = 0;
  let differing = 0;
  const lists = decisions.map((d, i) => {
    if (d.trace.length === 0) return null;
    total += d.trace.length;
    differing += differs[i]!.size;
    const shown = shownChecks(d, differs[i]!, vm.ui.allChecks);
    hidden += d.trace.length - shown.length;
    return h('div', { class: 'pg-why-decision' },
      decisions.length > 1 ? h('p', { class: 'pg-why-of' }, `${d.canary ?? d.component} → `, h('code', null, d.hpa), ': ', resultLabel(vm, d.result)) : null,
      list('pg-checks', shown.map((n) => {
        const t = d.trace[n]!;
        const link = t.anchor ? sourceUrl(tag, t.anchor) : null;
        const inputs = Object.entries(t.inputs).filter(([, v]) => v !== null);
        const differ = differs[i]!.has(t.check);
        // The number is the check's place in the trace, so a folded trace still reads in order.
        return item({ 'data-check': t.check, 'data-differs': differ ? 'true' : undefined, style: `counter-set: pg-check ${n}` },
          h('code', { class: 'pg-check' }, `${t.check} = ${t.value}`),
          differ ? h('span', { class: 'pg-differs', title: s.differsTitle }, h('span', { 'aria-hidden': 'true' }, ' ≠'), h('span', { class: 'sr-only' }, ` (${s.differsTitle})`)) : null,
          ' ', h('span', { class: 'pg-why-text' }, tr(vm, t.why)), ' ',
          link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'pg-source' }, s.source, h('span', { class: 'sr-only' }, ` ${t.check} ${tag}`)) : null,
          inputs.length ? list('pg-inputs', inputs.map(([k, v]) => item(null, h('span', { class: 'pg-input-key' }, `${k}:`), ` ${String(v)}`))) : null);
      })));
  });
  const open = !vm.readonly && !vm.compact && decisions.some((d) => isWrite(d.result) || d.result === 'Error');
  return h('details', { class: 'pg-why', 'data-key': key, open },
    h('summary', null, s.why, h('span', { class: 'pg-muted' }, ` · ${fill(s.checksDiffer, { n: differing, total })}`)),
    lists,
    hidden > 0 || vm.ui.allChecks ? button(`${key}-all`, 'toggle-checks', vm.ui.allChecks ? s.onlyDiffering : fill(s.showIdentical, { n: hidden }), { class: 'pg-link-button', 'aria-pressed': vm.ui.allChecks ? 'true' : 'false' }) : null,
  );
}
