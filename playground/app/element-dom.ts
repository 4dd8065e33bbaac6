/**
 * The <hpa-playground> element's small DOM chores, each on the element's root: reading its JSON
 * islands, the menus and the help popover, the live region, the output's tab keys and focus
 * after a redraw. Nothing here knows the state; the element decides when to call them.
 */
import type { DockTab } from './state.ts';

export function readJson<T>(root: Element, selector: string): T | null {
  const node = root.querySelector(selector);
  if (!node?.textContent) return null;
  try {
    return JSON.parse(node.textContent) as T;
  } catch {
    return null;
  }
}

export function openShareMenu(root: Element): void {
  const menu = root.querySelector<HTMLDetailsElement>('details[data-key="share-menu"]');
  if (menu) menu.open = true;
}

export function showHelp(root: Element): void {
  const help = root.querySelector<HTMLDialogElement>('dialog.pg-help');
  if (!help || help.open) return;
  help.showModal();
  // Focus lands on Close, the last row; where the list scrolls (a phone), the reader starts at its title.
  help.scrollTop = 0;
}

/** True while a modal dialog (the shortcuts) is open: the page behind it takes no shortcuts. */
export function modalOpen(root: Element): boolean {
  return root.querySelector('dialog.pg-help[open]') !== null;
}

/** A click outside an open menu closes it, as menus do; `details` remembers it closed. */
export function closeMenus(root: Element, target: Node, details: Map<string, boolean>): void {
  for (const menu of root.querySelectorAll<HTMLDetailsElement>('details.pg-menu[open]')) {
    if (!menu.contains(target)) {
      menu.open = false;
      details.set(menu.dataset.key ?? '', false);
    }
  }
}

/** Arrow keys inside the output's tab strip move between tabs; `select` opens the chosen one. */
export function moveTab(root: Element, event: KeyboardEvent, select: (tab: DockTab) => void): void {
  const tab = (event.target as Element | null)?.closest?.('[role="tab"]');
  if (!tab || !/^(ArrowLeft|ArrowRight|Home|End)$/.test(event.key)) return;
  const tabs = [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
  const index = tabs.indexOf(tab as HTMLElement);
  const next = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : (index + (event.key === 'ArrowRight' ? 1 : -1) + tabs.length) % tabs.length;
  event.preventDefault();
  const chosen = tabs[next]!;
  select(chosen.dataset.tab as DockTab);
  root.querySelector<HTMLElement>(`[role="tab"][data-tab="${chosen.dataset.tab}"]`)?.focus();
}

/** Focus survives a redraw; a step button that became disabled hands it to its neighbour. */
export function restoreFocus(root: Element, key: string): void {
  const fallbacks: Record<string, string[]> = { 'step-forward': ['step-back'], 'step-last': ['step-back'], 'step-back': ['step-forward'], 'step-first': ['step-forward'] };
  for (const candidate of [key, ...(fallbacks[key] ?? [])]) {
    const el = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(candidate)}"]`);
    if (el && !(el as HTMLButtonElement).disabled) {
      el.focus({ preventScroll: true });
      return;
    }
  }
}

export function announce(root: Element, text: string): void {
  const region = root.querySelector('[data-pane="announce"]');
  if (region) region.textContent = text;
}

/** The events list's row a scenario.yaml line lies in (else the list's title), scrolled to and focused. */
export function revealEvent(root: Element, line: number): void {
  const rows = [...root.querySelectorAll<HTMLElement>('[data-pane="eventlist"] [data-line]')];
  const row = rows.find((r) => line >= Number(r.dataset.line) && line <= Math.max(Number(r.dataset.line), Number(r.dataset.endLine)));
  const target = row ?? root.querySelector<HTMLElement>('[data-pane="eventlist"] h3');
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}
