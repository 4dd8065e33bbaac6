/**
 * Wide content and the Chinese results, in Chromium:
 * - at 1440×900 (a laptop, table of contents open) every wide table (version matrix, advice and
 *   upgrade tables, release and check tables) shows all of its columns: nothing scrolls, and every
 *   header cell's box lies inside its table's visible box and the viewport;
 * - at 390 px the same tables (but the version matrix, which turns into cards: phone.spec.ts) scroll
 *   inside a labelled, focusable region that says so (hint shown), and the arrow keys scroll it;
 * - the Chinese matrix, advice, upgrade tables and gallery carry no English sentence in their results
 *   (object names, tags, event words, field names and code are fine: a sentence is three or more
 *   English words in a row outside <code>; quoted API error text, which the glossary keeps in English,
 *   and kubectl/npx/helm command lines are not sentences).
 */
import type { Page } from '@playwright/test';
import { siteConfig } from '../../engine/link/site.ts';
import { expect, test } from './fixtures.ts';

const BASE = siteConfig.base;
const WIDE_PAGES = ['guides/am-i-affected/', 'reference/releases/', 'reference/checks/'];

/** Per wide block on the page: its label, whether it overflows, and header cells outside the box or viewport. */
async function wideReport(page: Page) {
  return page.locator('.wide').evaluateAll((blocks) => blocks.map((block) => {
    const scroll = block.querySelector<HTMLElement>('.wide__scroll')!;
    const box = scroll.getBoundingClientRect();
    const cells = [...scroll.querySelectorAll('thead th')].map((th) => ({ text: (th.textContent ?? '').trim().slice(0, 20), r: th.getBoundingClientRect() }));
    const outside = cells.filter(({ r }) => r.left < box.left - 1 || r.right > box.right + 1 || r.left < 0 || r.right > window.innerWidth).map((c) => c.text);
    return {
      label: scroll.getAttribute('aria-label') ?? '',
      overflows: scroll.scrollWidth > scroll.clientWidth + 1,
      hint: getComputedStyle(block.querySelector('.wide__hint')!).display !== 'none',
      columns: cells.length,
      outside,
    };
  }));
}

test.describe('wide tables at 1440×900 show every column', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  for (const lang of ['', 'zh-cn/']) {
    for (const route of WIDE_PAGES) {
      test(`${BASE}${lang}${route}`, async ({ page, consoleErrors }) => {
        await page.goto(`${BASE}${lang}${route}`);
        const report = await wideReport(page);
        expect(report.length, 'wide blocks on the page').toBeGreaterThan(0);
        for (const block of report) {
          expect.soft(block.columns, `${block.label}: has header cells`).toBeGreaterThan(0);
          expect.soft(block.overflows, `${block.label}: scrolls sideways`).toBe(false);
          expect.soft(block.hint, `${block.label}: shows the scroll hint`).toBe(false);
          expect.soft(block.outside, `${block.label}: header cells outside the box or viewport`).toEqual([]);
        }
        expect(consoleErrors).toEqual([]);
      });
    }
  }
});

test.describe('wide tables on a phone scroll, visibly and by keyboard', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  // The version matrix is one card per setup there (phone.spec.ts); the advice table still scrolls.
  test(`${BASE}guides/am-i-affected/`, async ({ page }) => {
    await page.goto(`${BASE}guides/am-i-affected/`);
    const matrix = page.locator('.advice-table .wide').first();
    await expect(matrix).toHaveAttribute('data-overflow', 'start');
    await expect(matrix.locator('.wide__hint')).toBeVisible();
    const region = matrix.getByRole('region', { name: 'Advice by release' });
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expect(matrix).toHaveAttribute('data-overflow', /middle|end/);
    await expect(matrix.locator('.wide__frame')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});

test.describe('Chinese results are in Chinese', () => {
  // Three or more English words in a row (a word: letters, maybe with ' or ’ inside), not counting code.
  const SENTENCE = /\b[A-Za-z]+(?:['’][A-Za-z]+)?(?:[ \u00a0]+[A-Za-z]+(?:['’][A-Za-z]+)?){2,}\b/;
  // Verbatim text: quoted (error messages are kept in English) or a command line.
  const VERBATIM = /“[^”]*”|"[^"]*"|「[^」]*」|\b(?:kubectl|npx|helm)\b[^，。；：、（）]*/g;
  for (const { route, scope } of [
    { route: 'zh-cn/guides/am-i-affected/', scope: '.version-matrix, .advice-table, .upgrade-table, .upgrade-table__intro' },
    { route: 'zh-cn/gallery/', scope: '.gallery-preset' },
  ]) {
    test(`${BASE}${route}`, async ({ page }) => {
      await page.goto(`${BASE}${route}`);
      const english = await page.locator(scope).evaluateAll((roots, [sentence, verbatim]) => {
        const pattern = new RegExp(sentence!);
        const found: string[] = [];
        for (const root of roots) {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentElement?.closest('code, pre, kbd, script, style, .sr-only')) continue;
            const text = (node.textContent ?? '').replace(new RegExp(verbatim!, 'g'), ' ');
            const match = pattern.exec(text);
            if (match) found.push(`${match[0]}  ←  ${(node.textContent ?? '').trim().slice(0, 80)}`);
          }
        }
        return [...new Set(found)];
      }, [SENTENCE.source, VERBATIM.source]);
      expect(english).toEqual([]);
    });
  }
});
