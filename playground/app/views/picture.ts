/**
 * Each HPA over time: one table, a column per step (the current one marked, each header a button
 * to go there), for every HPA a row per release, then every Deployment's replicas per release with
 * the steps where KServe set them back (a fought scale is visible as a ⟲, a rollout's drop to 1 as a ↓).
 */
import { msg } from '../../../engine/i18n/message.ts';
import { hpaStateIn, type HpaState } from '../../../engine/views.ts';
import { HPA_STATE_TONE, HPA_STATE_WORD } from '../../../engine/vocabulary.ts';
import { h, type VNode } from '../../dom/vnode.ts';
import { button, fill, toneClass, tr, versionsOf, type ViewModel } from './common.ts';

const SYMBOL: Record<HpaState, string> = { present: '●', owned: '◆', terminating: '◌', 'owned-terminating': '◇', gone: '·' };
const STATES = Object.keys(SYMBOL) as HpaState[];

export function pictureView(vm: ViewModel): VNode | null {
  const s = vm.s;
  const versions = versionsOf(vm);
  if (!vm.good || versions.length === 0) return null;
  const steps = versions[0]!.steps;
  const all = versions.flatMap((v) => v.steps.flatMap((st) => st.hpas));
  const namespaces = new Set(all.map((x) => x.namespace));
  const key = (x: { namespace: string; name: string }) => (namespaces.size > 1 ? `${x.namespace}/${x.name}` : x.name);
  const hpas = [...new Set(all.map(key))];
  const deployments = [...new Set(versions.flatMap((v) => v.steps.flatMap((st) => st.deployments.map(key))))];
  const now = (index: number) => (index === vm.step ? ' pg-now' : '');
  const label = (state: HpaState) => tr(vm, msg(HPA_STATE_WORD[state]));
  const releaseCell = (tag: string) => h('th', { scope: 'row', class: 'pg-grid-tag' }, tag);
  return h('div', { class: 'pg-picture' },
    h('p', { class: 'pg-legend' }, `${s.legend}: `, STATES.map((state) => h('span', { class: toneClass(HPA_STATE_TONE[state]) }, `${SYMBOL[state]} ${label(state)}`)),
      h('span', { class: toneClass('warn') }, `⟲ ${s.pinned}`), ' ', h('span', { class: toneClass('warn') }, `↓ ${s.rolloutReset}`)),
    h('div', { class: 'pg-grid-scroll', tabindex: '0', role: 'region', 'aria-label': s.picture },
      h('table', { class: 'pg-grid' },
        h('caption', { class: 'sr-only' }, s.picture),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, s.object), h('th', { scope: 'col' }, s.release),
          steps.map((st) => h('th', { scope: 'col', class: now(st.index).trim() || undefined, 'data-col': st.index },
            vm.readonly ? String(st.index) : button(`grid-step-${st.index}`, 'step', String(st.index), { 'data-step': st.index, title: st.event, 'aria-label': fill(s.goToStep, { step: st.index }), class: 'pg-grid-step' }))))),
        h('tbody', null,
          hpas.flatMap((name) => versions.map((v, i) => h('tr', { class: i === 0 ? 'pg-grid-first' : undefined },
            i === 0 ? h('th', { scope: 'rowgroup', rowspan: versions.length }, h('code', null, name)) : null,
            releaseCell(v.tag),
            v.steps.map((st) => {
              const state = hpaStateIn(st.hpas, name);
              return h('td', { class: `${toneClass(HPA_STATE_TONE[state])}${now(st.index)}`, 'data-col': st.index, title: `${name} · ${v.tag} · ${fill(s.stepOf, { step: st.index, total: steps.length })}: ${label(state)}` },
                h('span', { 'aria-hidden': 'true' }, SYMBOL[state]), h('span', { class: 'sr-only' }, label(state)));
            })))),
          deployments.flatMap((name) => versions.map((v, i) => h('tr', { class: i === 0 ? 'pg-grid-first' : undefined },
            i === 0 ? h('th', { scope: 'rowgroup', rowspan: versions.length }, `${s.deployment} `, h('code', null, name)) : null,
            releaseCell(v.tag),
            v.steps.map((st) => {
              const d = st.deployments.find((x) => key(x) === name);
              const pin = st.deploymentWrites.find((w) => w.kind === 'pinned' && key(w) === name);
              const reset = st.deploymentWrites.find((w) => w.reset && key(w) === name);
              const title = pin ? (pin.undid ? fill(s.pinnedUndid, { hpa: pin.undid }) : s.pinned) : reset ? s.rolloutReset : undefined;
              const mark = pin ? '⟲' : reset ? '↓' : null;
              return h('td', { class: `pg-replicas${mark ? ` ${toneClass('warn')}` : ''}${now(st.index)}`, 'data-col': st.index, title },
                d ? String(d.replicas) : '–', mark ? h('span', { 'aria-hidden': 'true' }, mark) : null, mark ? h('span', { class: 'sr-only' }, ` (${title})`) : null);
            })))),
        ),
      ),
    ),
  );
}
