/**
 * The statechart's colours, as CSS custom properties with a light and a dark value. Starlight
 * sets `data-theme="dark" | "light"` on <html>; without it the system preference decides.
 * Highlighting never relies on colour alone: visited states get a thicker outline and a check
 * mark, the current state a dashed ring, visited edges a thicker line.
 */

export interface Palette {
  /** Page background behind the chart. */
  bg: string;
  /** Compound state fills, by depth (1, 2 and deeper). */
  panel1: string;
  panel2: string;
  /** Atomic state and result fills. */
  box: string;
  result: string;
  /** State labels and compound titles. */
  text: string;
  /** Edge labels. */
  muted: string;
  /** Outlines and edges (graphics: 3:1 against their background). */
  stroke: string;
  line: string;
  /** Highlight: outline, fill and text of visited states and edges. */
  accent: string;
  accentBg: string;
  accentText: string;
  /** The check mark drawn on the accent colour. */
  onAccent: string;
}

export const PALETTE: { light: Palette; dark: Palette } = {
  light: {
    bg: '#ffffff',
    panel1: '#f6f8fa',
    panel2: '#eef1f5',
    box: '#ffffff',
    result: '#f3f0ff',
    text: '#1f2328',
    muted: '#505862',
    stroke: '#6e7781',
    line: '#7d8590',
    accent: '#0550ae',
    accentBg: '#ddf4ff',
    accentText: '#0a3069',
    onAccent: '#ffffff',
  },
  dark: {
    bg: '#17181c',
    panel1: '#1c1e24',
    panel2: '#22252c',
    box: '#2a2e36',
    result: '#2e2a3d',
    text: '#e6edf3',
    muted: '#b1bac4',
    stroke: '#8b949e',
    line: '#8b949e',
    accent: '#6cb6ff',
    accentBg: '#143d79',
    accentText: '#cae8ff',
    onAccent: '#0d1117',
  },
};

const vars = (p: Palette): string => Object.entries(p).map(([name, value]) => `--sc-${kebab(name)}: ${value};`).join(' ');

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export const STATECHART_CSS = `
.statechart { ${vars(PALETTE.light)} }
:root[data-theme='dark'] .statechart { ${vars(PALETTE.dark)} }
@media (prefers-color-scheme: dark) { :root:not([data-theme]) .statechart { ${vars(PALETTE.dark)} } }
.statechart { display: block; max-width: 100%; height: auto; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace; }
.statechart text { font-family: inherit; }
.statechart .sc-box { fill: var(--sc-box); stroke: var(--sc-stroke); stroke-width: 1.25; }
.statechart .sc-compound > .sc-box { fill: var(--sc-panel1); stroke-width: 1; }
.statechart .sc-compound[data-depth='0'] > .sc-box { fill: var(--sc-bg); }
.statechart .sc-compound[data-depth='2'] > .sc-box, .statechart .sc-compound[data-depth='3'] > .sc-box { fill: var(--sc-panel2); }
.statechart .sc-result > .sc-box { fill: var(--sc-result); }
.statechart .sc-label { fill: var(--sc-text); font-size: 12px; }
.statechart .sc-title { fill: var(--sc-text); font-size: 12px; font-weight: 700; }
.statechart .sc-edge-line { fill: none; stroke: var(--sc-line); stroke-width: 1.25; stroke-linejoin: round; }
.statechart .sc-arrowhead { fill: var(--sc-line); }
.statechart .sc-edge-label { fill: var(--sc-muted); font-size: 11px; paint-order: stroke; stroke: var(--sc-panel2); stroke-width: 3px; stroke-linejoin: round; }
.statechart .sc-edge-label[data-on='0'] { stroke: var(--sc-bg); }
.statechart .sc-edge-label[data-on='1'] { stroke: var(--sc-panel1); }
.statechart .sc-initial { fill: var(--sc-text); stroke: var(--sc-text); stroke-width: 1.25; }
.statechart .sc-mark, .statechart .sc-ring { display: none; }
.statechart .sc-visited > .sc-box { stroke: var(--sc-accent); stroke-width: 2.75; fill: var(--sc-accent-bg); }
.statechart .sc-visited > .sc-label { fill: var(--sc-accent-text); font-weight: 700; }
.statechart .sc-visited > .sc-mark { display: inline; }
.statechart .sc-mark circle { fill: var(--sc-accent); stroke: var(--sc-bg); stroke-width: 1.5; }
.statechart .sc-mark path { fill: none; stroke: var(--sc-on-accent); stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; }
.statechart .sc-active > .sc-ring { display: inline; fill: none; stroke: var(--sc-accent); stroke-width: 1.5; stroke-dasharray: 4 3; }
.statechart .sc-edge-visited .sc-edge-line { stroke: var(--sc-accent); stroke-width: 2.75; }
.statechart .sc-edge-visited .sc-arrowhead { fill: var(--sc-accent); }
.statechart .sc-edge-visited .sc-edge-label { fill: var(--sc-accent-text); font-weight: 700; }
@media (forced-colors: active) {
  .statechart .sc-box, .statechart .sc-edge-line { stroke: CanvasText; }
  .statechart .sc-label, .statechart .sc-title, .statechart .sc-edge-label, .statechart .sc-arrowhead, .statechart .sc-initial { fill: CanvasText; }
  .statechart .sc-visited > .sc-box, .statechart .sc-edge-visited .sc-edge-line, .statechart .sc-active > .sc-ring { stroke: Highlight; }
  .statechart .sc-edge-visited .sc-arrowhead, .statechart .sc-mark circle { fill: Highlight; }
}
`.trim();

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
