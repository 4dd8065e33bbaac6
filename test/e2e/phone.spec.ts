/**
 * A phone (390×844), issue 18: the "Am I affected?" matrix shows every release's verdict for a
 * reader's setup without sideways scrolling (one card per setup), in English and Chinese, light and
 * dark, axe clean; at 1440 px the table is shown as before. The playground's timeline chips show
 * their whole event (nothing clipped, nothing past the screen's edge), on a phone and a laptop.
 */
import type { Locator, Page } from '@playwright/test';
import { siteConfig } from '../../engine/link/site.ts';
import { axe, expect, horizontalOverflow, layoutContext, playgroundPath, ready, test, violations } from './fixtures.ts';

const BASE = siteConfig.base;
const MATRIX = (lang: string) => `${BASE}${lang}guides/am-i-affected/`;

/** Boxes that stick out of the viewport sideways, or whose text is cut inside them. */
function cutOrOutside(locator: Locator) {
  return locator.evaluateAll((els) => els.flatMap((el) => {
    const r = el.getBoundingClientRect();
    const problems: string[] = [];
    if (r.left < 0 || r.right > window.innerWidth + 0.5) problems.push('outside the viewport');
    if (el.scrollWidth > el.clientWidth + 1) problems.push('text clipped');
    return problems.map((p) => `${(el.textContent ?? '').trim().slice(0, 40)}: ${p}`);
  }));
}

async function firstMatrix(page: Page) {
  return page.locator('.version-matrix').first();
}

for (const lang of ['', 'zh-cn/']) {
  for (const theme of ['light', 'dark'] as const) {
    test(`${MATRIX(lang)} on a phone, ${theme}: every release of a setup on screen, no sideways scrolling`, async ({ browser }) => {
      const context = await layoutContext(browser, 'phone', theme);
      const page = await context.newPage();
      await page.goto(MATRIX(lang));
      const matrix = await firstMatrix(page);
      await expect(matrix.locator('table')).toBeHidden();
      const cards = matrix.locator('.version-matrix__card');
      await expect(cards).toHaveCount(10);
      // The reported case's card: each representative release, v0.15.0 included, labelled and inside the screen.
      const card = matrix.locator('.version-matrix__card[data-setup="external-same-name"]');
      for (const tag of ['v0.12.0', 'v0.13.1', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0']) {
        const release = card.locator(`.version-matrix__release[data-tag="${tag}"]`);
        await release.scrollIntoViewIfNeeded();
        await expect(release.locator('dt')).toContainText(tag);
        await expect(release.getByRole('link')).toBeInViewport({ ratio: 1 });
      }
      await expect(card.locator('.version-matrix__release[data-tag="v0.15.0"]')).toHaveAttribute('data-outcome', 'deleted');
      expect(await cutOrOutside(matrix.locator('.version-matrix__release'))).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(violations(await axe(page))).toEqual([]);
      await context.close();
    });
  }
  test(`${MATRIX(lang)} at 1440×900 keeps the table`, async ({ browser }) => {
    const context = await layoutContext(browser, 'laptop');
    const page = await context.newPage();
    await page.goto(MATRIX(lang));
    const matrix = await firstMatrix(page);
    await expect(matrix.locator('table')).toBeVisible();
    await expect(matrix.locator('.version-matrix__phone')).toBeHidden();
    await context.close();
  });
}

for (const layout of ['phone', 'laptop'] as const) {
  for (const locale of ['en', 'zh-cn'] as const) {
    test(`timeline chips show their whole event (${layout}, ${locale})`, async ({ browser }) => {
      const context = await layoutContext(browser, layout);
      const page = await context.newPage();
      await page.goto(playgroundPath(locale));
      await ready(page, { monaco: false });
      const events = page.locator('.pg-timeline .pg-tl-event');
      await expect(events.first()).toBeVisible();
      expect(await events.count()).toBeGreaterThan(2);
      // The default preset's long chip, "apply hpa/my-isvc-predictor", is there in full.
      await expect(page.locator('.pg-timeline')).toContainText('apply hpa/my-isvc-predictor');
      if (layout === 'phone') {
        // Stacked: the chips wrap into rows, so each one lies inside the screen.
        expect(await cutOrOutside(page.locator('.pg-timeline .pg-tl > button:first-child'))).toEqual([]);
      }
      expect(await events.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent))).toEqual([]);
      if (layout === 'phone') expect(violations(await axe(page))).toEqual([]);
      await context.close();
    });
  }
}
