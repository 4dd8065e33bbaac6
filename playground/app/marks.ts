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
  // A folded run of apply steps names the step inside it (the view draws it the same way).
  for (const fold of root.querySelectorAll<HTMLElement>('.pg-tl-fold')) {
    const toggle = fold.querySelector('button[aria-expanded]');
    const inside = toggle?.getAttribute('aria-expanded') === 'false' && step >= Number(fold.dataset.from) && step <= Number(fold.dataset.to);
    fold.classList.toggle('pg-current', inside);
    if (inside) toggle?.setAttribute('aria-current', 'step');
    else toggle?.removeAttribute('aria-current');
    const now = fold.querySelector('.pg-tl-fold-now');
    const chip = inside ? fold.querySelector(`.pg-tl[data-step="${step}"]`) : null;
    if (now) now.textContent = chip ? ` · ${step} ${chip.querySelector('.pg-tl-event')?.textContent ?? ''}` : '';
  }
}
