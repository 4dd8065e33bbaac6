/**
 * The browser's whole share of the statechart: the SVG arrives finished in the server's HTML
 * (laid out and rendered at build time), and on every step this marks the states that step passed
 * through. It toggles classes and rewrites one sentence of the <desc>; nothing is laid out or
 * re-rendered, and nothing here imports the model, the layout or the renderer.
 */

export const VISITED = 'sc-visited';
export const ACTIVE = 'sc-active';
export const EDGE_VISITED = 'sc-edge-visited';

/** Edge ids between consecutive states of a path (the model's edge ids are `source->target`). */
export function edgesAlong(ids: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 1; i < ids.length; i += 1) out.add(`${ids[i - 1]}->${ids[i]}`);
  return out;
}

/** Fills the <desc>'s path sentence (`{path}`, `{last}`) with state keys; no keys, no sentence. */
export function pathSentence(template: string, keys: readonly string[]): string {
  if (keys.length === 0) return '';
  return template.replace('{path}', () => keys.join(' → ')).replace('{last}', () => keys[keys.length - 1]!);
}

/**
 * Marks the states of `path` (keys or ids, in order) on an SVG rendered by renderStatechart:
 * `sc-visited` on each, `sc-active` on the last, `sc-edge-visited` on edges between consecutive
 * ones; clears the previous step's marks and updates the <desc>. A key that names several states
 * means the deepest (step paths name decision-graph states and results); unknown keys are skipped.
 */
export function highlightStatechart(svgElement: Element, path: readonly string[]): void {
  const states = Array.from(svgElement.querySelectorAll('[data-state]'));
  const ids: string[] = [];
  for (const entry of path) {
    const matches = states.filter((el) => el.getAttribute('data-id') === entry || el.getAttribute('data-state') === entry);
    const deepest = matches.sort((a, b) => Number(b.getAttribute('data-depth')) - Number(a.getAttribute('data-depth')))[0];
    const id = deepest?.getAttribute('data-id');
    if (id) ids.push(id);
  }
  const visited = new Set(ids);
  const active = ids[ids.length - 1];
  for (const el of states) {
    const id = el.getAttribute('data-id') ?? '';
    el.classList.toggle(VISITED, visited.has(id));
    el.classList.toggle(ACTIVE, id === active);
  }
  const keyById = new Map(states.map((el) => [el.getAttribute('data-id') ?? '', el.getAttribute('data-state') ?? '']));
  const keys = ids.map((id) => keyById.get(id) ?? id);
  const along = edgesAlong(ids);
  for (const el of Array.from(svgElement.querySelectorAll('[data-edge]'))) el.classList.toggle(EDGE_VISITED, along.has(el.getAttribute('data-edge') ?? ''));
  const desc = svgElement.querySelector('desc');
  if (desc) desc.textContent = (desc.getAttribute('data-base') ?? '') + pathSentence(desc.getAttribute('data-path') ?? '', keys);
}
