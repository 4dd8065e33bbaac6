/**
 * The workbench's own movements: the two splitters (sizes remembered), bringing the decisions back
 * into view after a step, and keeping the current timeline chip in its scroll box; and the one
 * stylesheet change that keeps a step's redraw cheap.
 */
import { attachSplitter } from './splitter.ts';
import { readLayout, writeLayout } from './storage.ts';

/** Wires the input|output and results|panel splitters; returns the cleanups. */
export function wireSplitters(root: HTMLElement, fold: (what: 'inputCollapsed' | 'dockOpen') => void): (() => void)[] {
  const saved = readLayout();
  const part = (selector: string) => root.querySelector<HTMLElement>(selector);
  const [main, output, input, dock] = ['.pg-main', '.pg-output', '.pg-input', '.pg-dock'].map(part);
  if (saved.input) root.style.setProperty('--pg-input-w', `${saved.input}px`);
  if (saved.dock) root.style.setProperty('--pg-dock-h', `${saved.dock}px`);
  const cleanups: (() => void)[] = [];
  const inputBar = part('[data-split="input"]');
  if (inputBar && main && input) {
    cleanups.push(attachSplitter(inputBar, {
      axis: 'x', sign: 1,
      size: () => input.getBoundingClientRect().width,
      limits: () => ({ min: 240, max: Math.max(260, main.getBoundingClientRect().width * 0.6) }),
      apply: (px) => root.style.setProperty('--pg-input-w', `${px}px`),
      commit: (px) => writeLayout({ ...saved, input: (saved.input = px) }),
      toggle: () => fold('inputCollapsed'),
    }));
  }
  const dockBar = part('[data-split="dock"]');
  if (dockBar && output && dock) {
    cleanups.push(attachSplitter(dockBar, {
      axis: 'y', sign: -1,
      size: () => dock.getBoundingClientRect().height,
      limits: () => ({ min: 120, max: Math.max(140, output.getBoundingClientRect().height * 0.7) }),
      apply: (px) => root.style.setProperty('--pg-dock-h', `${px}px`),
      commit: (px) => writeLayout({ ...saved, dock: (saved.dock = px) }),
      toggle: () => fold('dockOpen'),
    }));
  }
  return cleanups;
}

/**
 * After a step, the decisions come back into view: on a phone (stacked) the page scrolls them under
 * the sticky step bar; in the workbench the results pane scrolls back to its top when the reader had
 * scrolled down into the explanations.
 */
export function keepDecisionsInView(root: HTMLElement, stacked: boolean): void {
  const cell = root.querySelector<HTMLElement>('.pg-cell');
  if (!cell) return;
  if (!stacked) {
    const pane = root.querySelector<HTMLElement>('.pg-results');
    if (pane && pane.scrollTop > 0) pane.scrollTo({ top: 0, behavior: 'auto' });
    return;
  }
  const behavior = matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
  const bar = root.querySelector<HTMLElement>('.pg-stepper')?.getBoundingClientRect();
  const box = cell.getBoundingClientRect();
  if (bar && (box.top < bar.bottom || box.top > innerHeight * 0.6)) scrollBy({ top: box.top - bar.bottom - 8, behavior });
}

/** The timeline scrolls sideways: keep the current step's chip in it, without moving the page. */
export function showCurrentStep(root: HTMLElement): void {
  const list = root.querySelector<HTMLElement>('.pg-timeline');
  const chip = list?.querySelector<HTMLElement>('.pg-current');
  if (!list || !chip) return;
  const left = chip.offsetLeft; // the list is positioned: offsets are relative to it
  if (left < list.scrollLeft) list.scrollLeft = Math.max(0, left - 8);
  else if (left + chip.offsetWidth > list.scrollLeft + list.clientWidth) list.scrollLeft = left + chip.offsetWidth - list.clientWidth + 8;
}

/**
 * Starlight's Markdown styles have `:has()` rules for prose (`.sl-markdown-content :is(ol, ul):has(> li > …)`,
 * the heading wrappers). Their arguments match almost any element, so while they are in the page every
 * node a step inserts makes Chrome re-style the whole document: about 1,000 elements and 7–9 ms of a
 * 24 ms step, measured with a trace (UpdateLayoutTree). The workbench page has no prose for them to
 * style (the playground is `not-content`), so they are dropped from it. Returns how many were dropped.
 */
export function dropProseHasRules(doc: Document): number {
  let dropped = 0;
  const walk = (group: CSSStyleSheet | CSSGroupingRule): void => {
    for (let i = group.cssRules.length - 1; i >= 0; i -= 1) {
      const rule = group.cssRules[i]!;
      if (rule instanceof CSSStyleRule) {
        if (rule.selectorText.startsWith('.sl-markdown-content') && rule.selectorText.includes(':has(')) {
          group.deleteRule(i);
          dropped += 1;
        }
      } else if ('cssRules' in rule) {
        walk(rule as CSSGroupingRule);
      }
    }
  };
  for (const sheet of Array.from(doc.styleSheets)) {
    try {
      walk(sheet);
    } catch {
      // A stylesheet from another origin cannot be read; ours and Starlight's are same-origin.
    }
  }
  return dropped;
}
