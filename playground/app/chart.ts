/**
 * The statechart pane: drawn once from the controller machine's definition, then on every step
 * the states that step passed through (in the chosen release) are highlighted in place.
 */
import { h } from '../dom/vnode.ts';
import { render } from '../dom/vnode.ts';
import { layoutStatechart } from '../statechart/layout.ts';
import { statechartModel } from '../statechart/model.ts';
import { highlightStatechart, renderStatechart } from '../statechart/render.ts';
import { STATECHART_CSS } from '../statechart/styles.ts';
import type { Evaluation } from './evaluate.ts';
import type { Strings } from './strings.ts';

type Good = Extract<Evaluation, { ok: true }>;

export function mountStatechart(container: Element | null, strings: Strings) {
  if (!container) return { update(): void {} };
  const doc = container.ownerDocument;
  if (!doc.getElementById('pg-statechart-css')) {
    const style = doc.createElement('style');
    style.id = 'pg-statechart-css';
    style.textContent = STATECHART_CSS;
    doc.head.append(style);
  }
  const model = statechartModel();
  const layout = layoutStatechart(model);
  let chosen: string | null = null;
  let last: { good: Good | null; step: number } = { good: null, step: 0 };
  const picker = doc.createElement('div');
  const figure = doc.createElement('div');
  figure.className = 'pg-chart';
  render(figure, renderStatechart(model, layout, { title: strings.statechart, idPrefix: 'pg-chart' }));
  container.replaceChildren(picker, figure);
  picker.addEventListener('change', (event) => {
    chosen = (event.target as HTMLSelectElement).value;
    paint();
  });

  function paint(): void {
    const { good, step } = last;
    const versions = good?.run.versions ?? [];
    const tag = versions.some((v) => v.tag === chosen) ? chosen! : versions[0]?.tag ?? '';
    // Re-render the picker only when the releases change, so it keeps focus while in use.
    const signature = `${versions.map((v) => v.tag).join(',')}|${tag}`;
    if (picker.dataset.signature !== signature) {
      picker.dataset.signature = signature;
      render(picker, h('label', { class: 'pg-inline' }, `${strings.chartRelease} `,
        h('select', { 'data-key': 'chart-release' }, versions.map((v) => h('option', { value: v.tag, selected: v.tag === tag }, v.tag)))));
    }
    const path = step > 0 ? versions.find((v) => v.tag === tag)?.steps[step - 1]?.path ?? [] : [];
    const svg = figure.querySelector('svg');
    if (svg) highlightStatechart(svg, path);
  }

  return {
    update(good: Good | null, step: number): void {
      last = { good, step };
      paint();
    },
  };
}
