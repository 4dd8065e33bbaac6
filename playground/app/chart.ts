/**
 * The statechart pane. The chart itself is laid out and rendered at build time (Playground.astro
 * puts the finished SVG in the pane); here the browser only adds the release picker and, on every
 * step, highlights the states that step passed through in the chosen release. No layout, no model,
 * no re-render: see ../statechart/highlight.ts.
 */
import { h, render } from '../dom/vnode.ts';
import { highlightStatechart } from '../statechart/highlight.ts';
import type { Evaluation } from './evaluate.ts';
import type { Strings } from './strings.ts';

type Good = Extract<Evaluation, { ok: true }>;

export function mountStatechart(container: Element | null, strings: Strings) {
  const svg = container?.querySelector('svg.statechart') ?? null;
  if (!container || !svg) return { update(): void {} };
  const doc = container.ownerDocument;
  let chosen: string | null = null;
  let last: { good: Good | null; step: number } = { good: null, step: 0 };
  const picker = doc.createElement('div');
  container.prepend(picker);
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
    highlightStatechart(svg!, path);
  }

  return {
    update(good: Good | null, step: number): void {
      last = { good, step };
      paint();
    },
  };
}
