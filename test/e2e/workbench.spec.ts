/**
 * The workbench promise, in every layout (1440×900, 1920×1080, a 390×844 phone), both languages
 * and both themes: a reproduction link made by the CLI opens at the first step where the releases
 * disagree, showing v0.14.1 delete and v0.15.2 overwrite the same HPA; stepping on (keys on a
 * laptop, the Forward button on a phone) shows v0.15.2 delete it; after every step, every release's
 * decision is on screen (inside the viewport, not covered) together with the step controls; the
 * page never scrolls sideways; axe finds nothing. One page per layout, shared by all its checks.
 */
import type { Page } from '@playwright/test';
import { axe, cliLinkFragment, column, expect, expectOnScreen, horizontalOverflow, layoutContext, LAYOUTS, playgroundPath, ready, test, violations } from './fixtures.ts';

const WORDS = {
  en: { step: (n: number, total: number) => `Step ${n} of ${total}`, forward: 'Forward' },
  'zh-cn': { step: (n: number, total: number) => `第 ${n} 步，共 ${total} 步`, forward: '下一步' },
} as const;

let fragment = '';
test.beforeAll(() => {
  fragment = cliLinkFragment();
});

/** Every release's decision (or what stands in for one) and, on a laptop, the HPAs after it, with the step controls. */
async function expectStepOnScreen(page: Page, phone: boolean, step: number): Promise<void> {
  await expectOnScreen(page.locator('[data-key="step-forward"], [data-key="step-back"]').first(), `step ${step}: the step controls`);
  for (const release of await page.locator('.pg-release').all()) {
    const tag = await release.getAttribute('data-tag');
    const cell = release.locator('.pg-cell').first();
    const head = cell.locator(':scope > :is(.pg-decision, .pg-quiet, .pg-refused, .pg-muted)').first();
    await expectOnScreen(head, `step ${step}: ${tag}'s decision`);
    if (!phone && step > 0) await expectOnScreen(cell.locator('.pg-after h4'), `step ${step}: ${tag}'s HPAs after the step`);
  }
}

for (const layout of Object.keys(LAYOUTS) as (keyof typeof LAYOUTS)[]) {
  for (const locale of ['en', 'zh-cn'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`${layout} ${locale} ${theme}: a CLI link opens at the first disagreement, and every step shows every release's decision`, async ({ browser }) => {
        const phone = layout === 'phone';
        const context = await layoutContext(browser, layout, theme);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${playgroundPath(locale)}#${fragment}`);
        await ready(page, { monaco: false });
        const words = WORDS[locale];

        // The reproduction: at step 3 v0.14.1 deletes the HPA and v0.15.2 overwrites it, both on screen at once.
        await expect(page.locator('.pg-step-count')).toHaveText(words.step(3, 5));
        await expect(column(page, 'v0.14.1').locator('.pg-decision .pg-badge')).toHaveText(/Delete/);
        await expect(column(page, 'v0.15.2').locator('.pg-decision .pg-badge')).toHaveText(/Update/);
        await expectOnScreen(column(page, 'v0.14.1').locator('.pg-decision').first(), 'v0.14.1 Delete');
        await expectOnScreen(column(page, 'v0.15.2').locator('.pg-decision').first(), 'v0.15.2 Update');
        await expect(page.locator('.pg-first-flag')).toBeVisible();
        expect(await horizontalOverflow(page), 'no sideways scrolling').toBeLessThanOrEqual(0);
        expect(violations(await axe(page))).toEqual([]);

        // One step on (a key on a laptop, the button on a phone): v0.15.2 deletes it.
        if (phone) await page.getByRole('button', { name: words.forward, exact: true }).tap();
        else await page.keyboard.press('ArrowRight');
        await expect(page.locator('.pg-step-count')).toHaveText(words.step(4, 5));
        await expect(column(page, 'v0.15.2').locator('.pg-decision .pg-badge')).toHaveText(/Delete/);
        await expectStepOnScreen(page, phone, 4);

        // Every step, from the first: the decisions stay on screen with the controls.
        if (phone) await page.locator('[data-key="step-first"]').tap();
        else await page.keyboard.press('Home');
        await expectStepOnScreen(page, phone, 0);
        for (let step = 1; step <= 5; step += 1) {
          if (phone) await page.getByRole('button', { name: words.forward, exact: true }).tap();
          else await page.keyboard.press(step % 2 ? 'j' : 'ArrowRight');
          await expect(page.locator('.pg-step-count')).toHaveText(words.step(step, 5));
          await expectStepOnScreen(page, phone, step);
          expect(await horizontalOverflow(page), `step ${step}: no sideways scrolling`).toBeLessThanOrEqual(0);
        }
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
}

/** Text broken a letter or two per line: a text node (longer than 6) with two or more visual lines of ≤ 2 characters (one short last line is ordinary wrapping). */
async function letterWraps(page: Page, scope: string): Promise<string[]> {
  return page.locator(scope).evaluateAll((roots) => {
    const found: string[] = [];
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        if (text.trim().length <= 6 || !(node.parentElement?.offsetParent)) continue;
        const lines = new Map<number, number>();
        const range = document.createRange();
        for (let i = 0; i < text.length; i += 1) {
          if (/\s/.test(text[i]!)) continue;
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          lines.set(top, (lines.get(top) ?? 0) + 1);
        }
        if ([...lines.values()].filter((n) => n <= 2).length >= 2) found.push(text.trim().slice(0, 40));
      }
    }
    return found;
  });
}

test('five releases at 1440×900: every column fits, no text breaks a letter or two per line, the panes fold and resize', async ({ browser }) => {
  const context = await layoutContext(browser, 'laptop');
  const page = await context.newPage();
  await page.goto(`/playground/#${fragment}`);
  await ready(page, { monaco: false });
  const add = page.getByRole('combobox', { name: 'Compare' });
  await add.selectOption('v0.20.0');
  await expect(page.locator('.pg-release')).toHaveCount(5);
  for (const step of [3, 4]) {
    await page.locator(`[data-key="goto-${step}"]`).click();
    for (const release of await page.locator('.pg-release').all()) await expectOnScreen(release.locator('.pg-cell > :is(.pg-decision, .pg-quiet)').first(), `step ${step}: a decision`);
    // Open every explanation: the traces are the longest text in a narrow column.
    await page.locator('.pg-results details').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
    // Every check, the identical ones too (the choice holds for the next step).
    if (step === 3) await page.getByRole('button', { name: /Show \d+ identical checks/ }).first().click();
    expect(await letterWraps(page, '.pg-results')).toEqual([]);
  }
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

  // Fold the editors: the output takes the whole width, a summary of the objects stays.
  const output = page.locator('.pg-output');
  const narrow = (await output.boundingBox())!.width;
  await page.getByRole('button', { name: 'Fold the editors' }).click();
  await expect(page.locator('.pg-summary')).toContainText('InferenceService ml-serving/my-isvc');
  expect((await output.boundingBox())!.width).toBeGreaterThan(narrow + 200);
  await page.getByRole('button', { name: 'Edit the objects' }).click();
  // The splitter moves with the keyboard, and the page still does not scroll.
  const input = page.locator('.pg-input');
  const before = (await input.boundingBox())!.width;
  await page.getByRole('separator', { name: 'Resize the editors and the results' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await input.boundingBox())!.width).toBeGreaterThan(before + 30);
  expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight)).toBeLessThanOrEqual(0);
  await context.close();
});
