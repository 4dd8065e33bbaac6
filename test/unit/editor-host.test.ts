/**
 * The DOM-free parts of the editor host: caret arithmetic, the plain-editor preference, problem
 * text, and the Vite plugin's list of Monaco entry points (kept in step with monaco-env.ts).
 * The DOM behaviour is checked in a browser (see playground/editor/README.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../playground/editor/aria.ts';
import { EDITOR_CHOICE_KEY, offsetAt, positionAt, prefersPlainEditor } from '../../playground/editor/host.ts';
import { MONACO_ENTRIES } from '../../playground/editor/vite-plugin.ts';

const TEXT = 'a: 1\nbb: 22\n\nccc: 333';

describe('caret positions', () => {
  it('round-trips every offset through line/column', () => {
    for (let offset = 0; offset <= TEXT.length; offset++) {
      const { line, column } = positionAt(TEXT, offset);
      expect(offsetAt(TEXT, line, column)).toBe(offset);
    }
  });

  it('clamps lines and columns to the text', () => {
    expect(offsetAt(TEXT, 0)).toBe(0);
    expect(offsetAt(TEXT, 2, 99)).toBe('a: 1\nbb: 22'.length);
    expect(offsetAt(TEXT, 99, 1)).toBe(TEXT.lastIndexOf('\n') + 1);
  });
});

describe('prefersPlainEditor', () => {
  const media = (coarse: boolean, fine: boolean) => ({
    matchMedia: (query: string) => ({ matches: query.includes('coarse') ? coarse : fine }) as MediaQueryList,
  });
  const storage = (value: string | null) => ({ getItem: (key: string) => (key === EDITOR_CHOICE_KEY ? value : null) });

  it('follows the pointer when the user chose nothing', () => {
    expect(prefersPlainEditor(null, media(false, true))).toBe(false);
    expect(prefersPlainEditor(null, media(true, false))).toBe(true);
    expect(prefersPlainEditor(storage(null), media(false, false))).toBe(true);
  });

  it('lets a stored choice win either way', () => {
    expect(prefersPlainEditor(storage('plain'), media(false, true))).toBe(true);
    expect(prefersPlainEditor(storage('rich'), media(true, false))).toBe(false);
  });

  it('treats unreadable storage as no choice', () => {
    const throwing = { getItem: () => { throw new DOMException('denied', 'SecurityError'); } };
    expect(prefersPlainEditor(throwing, media(false, true))).toBe(false);
  });
});

describe('problemText', () => {
  it('describes the first error before any warning, and counts the rest', () => {
    expect(problemText([])).toBe('');
    expect(problemText([
      { line: 1, column: 1, message: 'style', severity: 'warning' },
      { line: 3, column: 5, message: 'bad class', severity: 'error' },
    ])).toBe('Line 3, column 5: bad class (and 1 more problem)');
    expect(problemText([{ line: 2, column: 1, message: 'w', severity: 'warning' }])).toBe('Warning: Line 2, column 1: w');
  });
});

describe('vite plugin', () => {
  it('pre-bundles exactly the monaco-editor entry points monaco-env.ts imports', () => {
    const source = readFileSync(new URL('../../playground/editor/monaco-env.ts', import.meta.url), 'utf8');
    const imported = [...source.matchAll(/^import\s+(?:[\w*{}\s,]+\s+from\s+)?'(monaco-editor\/[^'?]+)(?:\?worker)?'/gm)].map((m) => m[1]);
    expect(new Set(imported)).toEqual(new Set(MONACO_ENTRIES));
  });
});
