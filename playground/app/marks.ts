/**
 * Step moves that need no redraw: the current column of the HPAs-over-time table and the current
 * chip of the timeline are marked in place (the views mark them the same way when they draw), so a
 * step costs a class toggle there instead of rebuilding a table.
 */
export function markColumn(root: Element, step: number): void {
  for (const cell of root.querySelectorAll<HTMLElement>('[data-col]')) cell.classList.toggle('pg-now', cell.dataset.col === String(step));
}

export function markTimeline(root: Element, step: number): void {
  for (const item of root.querySelectorAll<HTMLElement>('.pg-tl[data-step]')) {
    const current = item.dataset.step === String(step);
    item.classList.toggle('pg-current', current);
    const button = item.querySelector('button[data-action="step"]');
    if (current) button?.setAttribute('aria-current', 'step');
    else button?.removeAttribute('aria-current');
  }
}
