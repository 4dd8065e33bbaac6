/**
 * Social preview images (1200×630 PNG) for the docs pages, rendered at build time with satori
 * (layout → SVG) and resvg (SVG → PNG). The text is set in Noto Sans SC from
 * @fontsource/noto-sans-sc, which covers Latin and Simplified Chinese; only the unicode-range
 * slices the text actually uses are loaded (satori reads WOFF, not WOFF2), so no system font is
 * needed and a CJK title renders the same on every machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import type { Locale } from '../../engine/i18n/render.ts';
import type { Tone } from '../../engine/vocabulary.ts';
import { TONE_ICON } from '../lib/tone.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;
const PAD_X = 72;
const INNER = OG_WIDTH - 2 * PAD_X;

/** One row of computed outcomes: a setup and what each release does to its HPA (engine words and tones). */
export interface OgOutcomeRow {
  label: string;
  items: { tag: string; word: string; tone: Tone }[];
}

export interface OgCard {
  title: string;
  description: string;
  locale: Locale;
  /** The site's name, shown above the title. */
  site: string;
  /** The footer line. */
  tagline: string;
  /** Outcomes to show under the description (pages that make release claims). */
  outcomes?: readonly OgOutcomeRow[];
}

/** The site's tone icons, except two Noto Sans SC draws no glyph for (✕, ⊘). */
const ICON: Readonly<Record<Tone, string>> = { ...TONE_ICON, loss: '×', refused: '∅' };

/** The engine's tones on the card's dark background. */
const TONE_COLOUR: Readonly<Record<Tone, { ink: string; bg: string; border: string }>> = {
  loss: { ink: '#ffb3b3', bg: '#4a1d24', border: '#ff6b81' },
  warn: { ink: '#ffd59e', bg: '#4a3515', border: '#f5a524' },
  safe: { ink: '#b8f5c4', bg: '#1d3d26', border: '#5fd37a' },
  refused: { ink: '#c8cbd8', bg: '#2a2d3a', border: '#7c8196' },
};

type Weight = 400 | 700;
const WEIGHTS: readonly Weight[] = [400, 700];
const FAMILY = 'Noto Sans SC';

// Resolve from the project root: the endpoint is bundled into the build output, so its own URL says little.
const require = createRequire(join(process.cwd(), 'package.json'));
const FONT_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/unicode.json'));

/** Subset name ("latin", "[57]") → the code-point ranges it covers. */
let subsets: { name: string; ranges: [number, number][] }[] | null = null;
function subsetTable() {
  if (subsets) return subsets;
  const raw = JSON.parse(readFileSync(join(FONT_DIR, 'unicode.json'), 'utf8')) as Record<string, string>;
  subsets = Object.entries(raw).map(([name, spec]) => ({
    name,
    ranges: spec.split(',').map((part): [number, number] => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      const start = Number.parseInt(from!, 16);
      return [start, to === undefined ? start : Number.parseInt(to, 16)];
    }),
  }));
  return subsets;
}

function fileFor(subset: string, weight: Weight): string {
  const slice = subset.startsWith('[') ? subset.slice(1, -1) : subset;
  return join(FONT_DIR, 'files', `noto-sans-sc-${slice}-${weight}-normal.woff`);
}

const fontCache = new Map<string, Buffer>();

/** The font slices (both weights) that cover every character of `text`, plus Latin. */
function fontsFor(text: string) {
  const table = subsetTable();
  const needed = new Set<string>(['latin']);
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x20) continue;
    const hit = table.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
    if (hit) needed.add(hit.name);
  }
  return [...needed].flatMap((name) =>
    WEIGHTS.map((weight) => {
      const file = fileFor(name, weight);
      let data = fontCache.get(file);
      if (!data) {
        data = readFileSync(file);
        fontCache.set(file, data);
      }
      // One family name per slice: satori keeps a single font per name, weight and style.
      return { name: `${FAMILY} ${name}`, data, weight, style: 'normal' as const };
    }),
  );
}

/** Cuts text to at most `max` characters at a word (or CJK character) boundary, adding "…". */
export function clip(text: string, max: number, { words = true } = {}): string {
  const chars = [...text.trim().replace(/\s+/g, ' ')];
  if (chars.length <= max) return chars.join('');
  let cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  if (words && space > max * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,.;:，。；：、]+$/u, '')}…`;
}

type Node = { type: string; props: { style?: Record<string, unknown>; children?: unknown; [key: string]: unknown } };
const h = (type: string, style: Record<string, unknown>, children?: unknown): Node => ({ type, props: { style, children } });

function outcomeRow(row: OgOutcomeRow): Node {
  return h('div', { display: 'flex', flexDirection: 'column', marginTop: 14 }, [
    h('div', { display: 'flex', fontSize: 20, color: '#9aa0b8', marginBottom: 6 }, row.label),
    h('div', { display: 'flex', flexWrap: 'wrap', width: INNER }, row.items.map((item) => {
      const colour = TONE_COLOUR[item.tone];
      return h('div', {
        display: 'flex', alignItems: 'center', marginRight: 10, marginBottom: 8, padding: '4px 12px', borderRadius: 8,
        backgroundColor: colour.bg, borderLeft: `6px solid ${colour.border}`, fontSize: 22, color: '#ffffff',
      }, [
        h('div', { display: 'flex', fontWeight: 700, color: colour.ink, marginRight: 8 }, ICON[item.tone]),
        h('div', { display: 'flex', fontWeight: 700, marginRight: 8 }, item.tag),
        h('div', { display: 'flex' }, item.word),
      ]);
    })),
  ]);
}

function layout(card: OgCard): Node {
  const zh = card.locale === 'zh-cn';
  const withOutcomes = (card.outcomes?.length ?? 0) > 0;
  const title = clip(card.title, zh ? 40 : 70, { words: !zh });
  const description = clip(card.description, withOutcomes ? (zh ? 50 : 90) : (zh ? 120 : 210), { words: !zh });
  return h('div', {
    width: OG_WIDTH, height: OG_HEIGHT, display: 'flex', flexDirection: 'column', justifyContent: 'space-between',
    padding: `${withOutcomes ? 40 : 56}px ${PAD_X}px`, boxSizing: 'border-box', backgroundColor: '#17181c', backgroundImage: 'linear-gradient(135deg, #17181c 0%, #1f2447 100%)',
    color: '#ffffff',
  }, [
    h('div', { display: 'flex', alignItems: 'center' }, [
      h('div', { width: 20, height: 44, marginRight: 18, borderRadius: 6, backgroundColor: '#8c9cff' }),
      h('div', { fontSize: 34, fontWeight: 700, color: '#c7cdff' }, card.site),
    ]),
    h('div', { display: 'flex', flexDirection: 'column', width: INNER }, [
      h('div', { display: 'flex', width: INNER, fontSize: withOutcomes ? 50 : title.length > 40 ? 56 : 66, fontWeight: 700, lineHeight: 1.15 }, title),
      h('div', { display: 'flex', width: INNER, marginTop: withOutcomes ? 14 : 28, fontSize: withOutcomes ? 26 : 30, lineHeight: 1.4, color: '#d4d7e4' }, description),
      ...(card.outcomes ?? []).map(outcomeRow),
    ]),
    h('div', { display: 'flex', width: INNER, fontSize: 24, color: '#9aa0b8', borderTop: '2px solid #3b4170', paddingTop: withOutcomes ? 14 : 20 }, card.tagline),
  ]);
}

/** Renders one card to PNG bytes. */
export async function renderOgPng(card: OgCard): Promise<Uint8Array> {
  const tree = layout(card);
  const fonts = fontsFor(JSON.stringify(tree));
  tree.props.style!.fontFamily = [...new Set(fonts.map((f) => `'${f.name}'`))].join(', ');
  const svg = await satori(tree as never, { width: OG_WIDTH, height: OG_HEIGHT, fonts });
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: OG_WIDTH } }).render().asPng();
  return new Uint8Array(png);
}
