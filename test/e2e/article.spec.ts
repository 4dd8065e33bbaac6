/**
 * The analysis article's embedded step-throughs: no script of their own, every release's column on
 * screen at 1440×900, keyboard-selectable steps, a link to the full playground at that step, and in
 * Chinese, results in Chinese.
 */
import { englishSentences, expect, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

test.describe('the analysis article', () => {
  for (const [path, open] of [['/guides/analysis/', 'Open this step in the full playground'], ['/zh-cn/guides/analysis/', '在完整演练场中打开这一步']] as const) {
    test(`embedded step-through works without script, shows every release, opens the full playground (${path})`, async ({ page }) => {
      const scripts: string[] = [];
      page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(r.url()); });
      await page.goto(path);
      const mini = page.locator('.pg-mini').first();
      await expect(mini.locator('.pg-mini-pane:visible')).toHaveCount(1);
      // Choose step 3 (the first pod event) with the keyboard: radios move with the arrow keys.
      await mini.getByRole('radio').nth(1).focus();
      await page.keyboard.press('ArrowRight');
      const pane = mini.locator('.pg-mini-pane:visible');
      await expect(pane).toHaveAttribute('data-step', '3');
      await expect(pane.locator('.pg-release[data-tag="v0.14.1"] .pg-badge')).toHaveText(/Delete/);
      await expect(pane.locator('.pg-release[data-tag="v0.15.2"] .pg-badge')).toHaveText(/Update/);
      // Every release's column fits on a laptop: nothing cut, nothing hidden to the right.
      const columns = await pane.locator('.pg-release').evaluateAll((els) => els.map((el) => {
        const r = el.getBoundingClientRect();
        return { tag: el.getAttribute('data-tag'), inside: r.left >= 0 && r.right <= window.innerWidth, width: Math.round(r.width) };
      }));
      expect(columns.length).toBeGreaterThanOrEqual(4);
      for (const column of columns) expect(column, `${column.tag} inside the viewport`).toMatchObject({ inside: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      // The embeds add no script of their own: nothing from the playground is fetched.
      expect(scripts.filter((u) => /element|playground|monaco|yaml/i.test(u))).toEqual([]);
      await pane.getByRole('link', { name: open }).click();
      await expect(page).toHaveURL(/playground\/#1\./);
      await expect(page.locator('hpa-playground')).toHaveAttribute('data-ready', '');
      await expect(page.locator('.pg-step-count')).toContainText(/3/);
      await expect(page.locator('.pg-release[data-tag="v0.14.1"] .pg-badge')).toHaveText(/Delete/);
    });
  }

  test('the Chinese step-throughs carry no English sentence in their results, at any step', async ({ page }) => {
    await page.goto('/zh-cn/guides/analysis/');
    const english: string[] = [];
    for (const mini of await page.locator('.pg-mini').all()) {
      await mini.locator('.pg-mini-picture > summary').click();
      // Every pane, shown or not: all steps are in the page; open their details so nothing is skipped.
      await mini.locator('details').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
      english.push(...await englishSentences(page, '.pg-mini .pg-mini-pane, .pg-mini .pg-mini-picture'));
    }
    expect([...new Set(english)]).toEqual([]);
  });
});
