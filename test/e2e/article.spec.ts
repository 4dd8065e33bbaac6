import { expect, test } from './fixtures.ts';

test.describe('the analysis article', () => {
  for (const [path, open] of [['/guides/analysis/', 'Open this step in the full playground'], ['/zh-cn/guides/analysis/', '在完整演练场中打开这一步']] as const) {
    test(`embedded step-through works without script and opens the full playground (${path})`, async ({ page }) => {
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
      await expect(pane.locator('.pg-column[data-tag="v0.14.1"] .pg-badge')).toHaveText(/Delete/);
      await expect(pane.locator('.pg-column[data-tag="v0.15.2"] .pg-badge')).toHaveText(/Update/);
      // The embeds add no script of their own: nothing from the playground is fetched.
      expect(scripts.filter((u) => /element|playground|monaco|yaml/i.test(u))).toEqual([]);
      await pane.getByRole('link', { name: open }).click();
      await expect(page).toHaveURL(/playground\/#1\./);
      await expect(page.locator('hpa-playground')).toHaveAttribute('data-ready', '');
      await expect(page.locator('.pg-step-count')).toContainText(/3/);
      await expect(page.locator('.pg-column[data-tag="v0.14.1"] .pg-badge')).toHaveText(/Delete/);
    });
  }
});
