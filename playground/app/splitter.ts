/**
 * A splitter between two panes: drag it, or focus it and use the arrow keys (Home/End for the
 * limits, Enter to fold the pane away and back). It only reports sizes; the caller applies them
 * (a CSS variable) and remembers them.
 */
export interface SplitterOptions {
  /** 'x': a vertical bar that moves sideways; 'y': a horizontal bar that moves up and down. */
  axis: 'x' | 'y';
  /** +1 when moving the pointer right (or down) grows the pane, -1 when it shrinks it. */
  sign: 1 | -1;
  size: () => number;
  limits: () => { min: number; max: number };
  apply: (px: number) => void;
  /** After a drag or a key: remember the size. */
  commit: (px: number) => void;
  /** Enter: fold the pane away or bring it back. */
  toggle?: () => void;
}

const STEP = 24;

export function attachSplitter(bar: HTMLElement, options: SplitterOptions): () => void {
  const clamp = (px: number) => {
    const { min, max } = options.limits();
    return Math.round(Math.max(min, Math.min(max, px)));
  };
  const describe = (px: number) => {
    const { min, max } = options.limits();
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
    bar.setAttribute('aria-valuenow', String(max > min ? Math.round(((px - min) / (max - min)) * 100) : 0));
  };
  const set = (px: number, commit: boolean) => {
    const value = clamp(px);
    options.apply(value);
    describe(value);
    if (commit) options.commit(value);
  };
  describe(options.size());

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const start = options.axis === 'x' ? event.clientX : event.clientY;
    const from = options.size();
    bar.setPointerCapture(event.pointerId);
    bar.dataset.dragging = '';
    const move = (e: PointerEvent) => set(from + options.sign * ((options.axis === 'x' ? e.clientX : e.clientY) - start), false);
    const up = (e: PointerEvent) => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
      bar.removeEventListener('pointercancel', up);
      delete bar.dataset.dragging;
      set(from + options.sign * ((options.axis === 'x' ? e.clientX : e.clientY) - start), true);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
    bar.addEventListener('pointercancel', up);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const grow: Record<string, number> = options.axis === 'x' ? { ArrowRight: 1, ArrowLeft: -1 } : { ArrowDown: 1, ArrowUp: -1 };
    const delta = grow[event.key];
    if (delta !== undefined) set(options.size() + options.sign * delta * STEP, true);
    else if (event.key === 'Home') set(options.limits().min, true);
    else if (event.key === 'End') set(options.limits().max, true);
    else if (event.key === 'Enter' && options.toggle) options.toggle();
    else return;
    event.preventDefault();
  };

  bar.addEventListener('pointerdown', onPointerDown);
  bar.addEventListener('keydown', onKeyDown);
  return () => {
    bar.removeEventListener('pointerdown', onPointerDown);
    bar.removeEventListener('keydown', onKeyDown);
  };
}
