/**
 * Issue 21, items 9 and 10: an edit survives a reload at once after typing (it is kept when the page
 * hides, before the address bar catches up), and a scenario too big for a link is never written as
 * one: the address bar lets it go, the edit stays in this browser, and the page says how to share it.
 */
import { expect, test, pageState, pasteInto, playground, playgroundPath, ready } from './fixtures.ts';

/** A valid HPA whose annotation holds `size` characters that deflate barely compresses. */
function highEntropyHpa(size: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let seed = 21;
  let blob = '';
  while (blob.length < size) {
    // xorshift32: an LCG's low bits repeat, and deflate would find the repeats.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    blob += alphabet[seed % alphabet.length];
  }
  return `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: big-predictor\n  annotations:\n    blob: "${blob}"\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: big-predictor}\n  maxReplicas: 3\n`;
}

test('an edit followed at once by a reload is still there', async ({ page, consoleErrors }) => {
  await page.goto(playgroundPath('en'));
  await ready(page);
  await page.locator('.pg-editor').first().click({ position: { x: 80, y: 24 } });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n# kept across a reload 42');
  // No wait: the reload comes before the edit's batching and the address bar's update.
  await page.reload();
  await ready(page, { monaco: false });
  expect((await pageState(page)).isvc).toContain('# kept across a reload 42');
  expect(consoleErrors).toEqual([]);
});

test('a scenario too big for a link: no refused fragment, the edit kept, a download and the CLI offered', async ({ page, consoleErrors }) => {
  const hpa = highEntropyHpa(310 * 1024);
  await page.goto(playgroundPath('en'));
  await ready(page);
  await pasteInto(page, 'hpas', hpa);
  const kept = playground(page).locator('.pg-link-kept');
  await expect(kept).toBeVisible({ timeout: 20_000 });
  await expect(kept).toContainText('too big for a link');
  await expect(kept).toContainText('kept in this browser');
  await expect(kept.locator('code')).toHaveText('npx kserve-hpa-lab run scenario.yaml');
  // Said to screen readers too, through the live region.
  await expect(playground(page).locator('[data-pane="announce"]')).toContainText('too big for a link');
  // The address bar holds no fragment at all rather than one the page would refuse.
  expect(new URL(page.url()).hash).toBe('');
  const [download] = await Promise.all([page.waitForEvent('download'), kept.getByRole('button', { name: 'Download scenario' }).click()]);
  expect(download.suggestedFilename()).toBe('scenario.yaml');

  await page.reload();
  await ready(page, { monaco: false });
  expect((await pageState(page)).hpas).toBe(hpa);
  await expect(playground(page).locator('[data-pane="link-error"]')).toBeHidden();
  await expect(kept).toBeVisible({ timeout: 20_000 });
  expect(new URL(page.url()).hash).toBe('');
  expect(consoleErrors).toEqual([]);
});
