/** Mounts the statechart pane: drawn once from the machine, highlighted per step and release. */
import type { Evaluation } from './evaluate.ts';
import type { Strings } from './strings.ts';

type Good = Extract<Evaluation, { ok: true }>;

export function mountStatechart(container: Element | null, _strings: Strings) {
  return {
    update(_good: Good | null, _step: number): void {
      if (!container) return;
    },
  };
}
