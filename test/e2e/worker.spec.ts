/**
 * The playground evaluates in a Web Worker (issue 17) and bounds the work before it starts (issue
 * 21): a link paints only its own results, a big paste keeps the last results (marked updating)
 * until its own are in, and a link too big to compute here is refused with a message.
 */
import type { Page } from '@playwright/test';
import { encodeState } from '../../engine/link/codec.ts';
import { modelObjects } from '../support/generated-namespace.ts';
import { axe, cliLinkFragment, column, expect, LAYOUTS, pasteInto, playground, ready, test, violations } from './fixtures.ts';

/**
 * Installed before the page's scripts: at every animation frame from the very start, the text
 * of the results pane whenever it is visible (what a reader could see in that frame).
 */
const WATCH_RESULTS = `(() => {
  const seen = (window.__resultsSeen = []);
  const look = () => {
    const pane = document.querySelector('[data-pane="results"]');
    if (pane && pane.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      const text = pane.textContent.replace(/\\s+/g, ' ').trim();
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    }
    if (!document.querySelector('hpa-playground[data-ready]')) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

/**
 * Installed before the page's scripts: the worker's answers can be held back (`__hold = true`)
 * and let through later (`__letAnswersThrough()`), so the "updating" state is seen however fast
 * the engine is, instead of racing it.
 */
const HOLD_ANSWERS = `(() => {
  const Real = window.Worker;
  const held = [];
  window.__hold = false;
  window.__letAnswersThrough = () => { window.__hold = false; for (const deliver of held.splice(0)) deliver(); };
  window.Worker = class extends Real {
    set onmessage(listener) {
      super.onmessage = (event) => {
        if (window.__hold) held.push(() => listener.call(this, event));
        else listener.call(this, event);
      };
    }
    get onmessage() { return super.onmessage; }
  };
})();`;

const holdAnswers = (page: Page) => page.evaluate(() => { (window as unknown as { __hold: boolean }).__hold = true; });
const letAnswersThrough = (page: Page) => page.evaluate(() => (window as unknown as { __letAnswersThrough(): void }).__letAnswersThrough());

/** A namespace of `models` models in ml, the first three named as the namespace-dump preset's (its events aim at them); the preset holds its List in the HPA editor. */
function namespaceForDumpPreset(models: number): string {
  const names = ['fraud-detector', 'churn-model', 'recommender'];
  const items = Array.from({ length: models }, (_, i) => {
    const { isvc, hpa } = modelObjects(i);
    if (i < names.length) return [{ ...isvc, metadata: { ...(isvc.metadata as object), name: names[i] } }];
    return hpa ? [isvc, hpa] : [isvc];
  }).flat();
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

test.describe('evaluation off the main thread', () => {
  test('a link to another scenario never shows the default preset\'s results, only its own', async ({ browser }) => {
    const fragment = cliLinkFragment('content/scenarios/upgrade-from-v0.12.yaml');
    const context = await browser.newContext(LAYOUTS.laptop);
    const page = await context.newPage();
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    const preset = (await page.locator('[data-pane="results"]').textContent())!.replace(/\s+/g, ' ').trim();
    await page.close();

    const linked = await context.newPage();
    await linked.addInitScript({ content: WATCH_RESULTS });
    await linked.goto(`/playground/#${fragment}`);
    await ready(linked, { monaco: false });
    const own = (await linked.locator('[data-pane="results"]').textContent())!.replace(/\s+/g, ' ').trim();
    expect(own).not.toBe(preset);
    const seen = await linked.evaluate(() => (window as unknown as { __resultsSeen: string[] }).__resultsSeen);
    expect(seen.length, 'the results were seen at all').toBeGreaterThan(0);
    expect(seen.filter((text) => text === preset), 'frames that showed the preset\'s results').toEqual([]);
    expect(new Set(seen), 'everything seen is the link\'s own results').toEqual(new Set([own]));
    await context.close();
  });

  test('a link says it is opening, in place of the preset\'s results, until its own are drawn', async ({ page }) => {
    const fragment = cliLinkFragment('content/scenarios/upgrade-from-v0.12.yaml');
    // Hold the element's script back: what the page shows before it runs is the opening state.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route(/Playground\.astro.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`/playground/#${fragment}`, { waitUntil: 'commit' });
    await expect(page.getByRole('status').filter({ hasText: 'Opening the link…' })).toBeVisible();
    await expect(page.locator('[data-pane="results"]')).not.toBeVisible();
    expect(await page.locator('[data-pane="results"]').evaluate((el) => el.checkVisibility({ visibilityProperty: true }))).toBe(false);
    release();
    await ready(page, { monaco: false });
    await expect(page.getByText('Opening the link…')).not.toBeVisible();
    await expect(page.locator('[data-pane="results"]')).toBeVisible();
  });

  test('a large paste keeps the last results, marked updating, then shows its own', async ({ page }) => {
    test.setTimeout(120_000);
    await page.addInitScript({ content: HOLD_ANSWERS });
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.getByRole('combobox', { name: 'Preset' }).selectOption('namespace-dump');
    await expect(column(page, 'v0.14.1').locator('.pg-group').first()).toContainText('InferenceService ml/');
    const results = page.locator('[data-pane="results"]');
    const before = await results.innerText();
    const count = page.locator('.pg-step-count');
    const stepsBefore = await count.innerText();
    await holdAnswers(page);
    await pasteInto(page, 'hpas', namespaceForDumpPreset(160));
    // While the worker evaluates: the same results, dimmed, and a status line that says so.
    await expect(playground(page)).toHaveAttribute('data-updating', '', { timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Updating the results…' })).toBeVisible();
    expect(await results.innerText()).toBe(before);
    expect(await count.innerText()).toBe(stepsBefore);
    await letAnswersThrough(page);
    // Then its own results (every object of the paste is a step), and the marks are gone.
    await expect(playground(page)).not.toHaveAttribute('data-updating', '', { timeout: 90_000 });
    await expect(count).toHaveText(/ of 2\d\d$/);
    await expect(column(page, 'v0.14.1').locator('.pg-group').first()).toContainText('InferenceService ml/');
    await expect(page.getByText('Updating the results…')).toHaveCount(0);
    await expect(playground(page)).not.toHaveAttribute('data-stale', '');
  });

  test('a link holding a 700-model dump is refused with a message that says why and what to do', async ({ page }) => {
    test.setTimeout(120_000);
    const items = Array.from({ length: 700 }, (_, i) => {
      const { isvc, hpa } = modelObjects(i);
      return hpa ? [isvc, hpa] : [isvc];
    }).flat();
    const fragment = await encodeState({ isvc: JSON.stringify({ apiVersion: 'v1', kind: 'List', items }), hpas: '', scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\n', step: 0 });
    await page.goto(`/playground/#${fragment}`);
    await expect(playground(page)).toHaveAttribute('data-ready', '', { timeout: 90_000 });
    const banner = page.locator('.pg-stale-banner');
    await expect(banner).toContainText('too much to compute here');
    await expect(banner).toContainText('1167 objects');
    await expect(banner).toContainText('npx kserve-hpa-lab run');
    // Nothing of the default preset is shown in its place.
    await expect(page.locator('[data-pane="results"]')).not.toContainText('my-isvc');
  });

  test('axe: zero violations while updating and after a link opened', async ({ page }) => {
    test.setTimeout(120_000);
    await page.addInitScript({ content: HOLD_ANSWERS });
    await page.goto(`/playground/#${cliLinkFragment('content/scenarios/namespace-dump.yaml')}`);
    await ready(page, { monaco: false });
    expect(violations(await axe(page))).toEqual([]);
    await holdAnswers(page);
    await pasteInto(page, 'hpas', namespaceForDumpPreset(160));
    await expect(playground(page)).toHaveAttribute('data-updating', '', { timeout: 20_000 });
    expect(violations(await axe(page))).toEqual([]);
    await letAnswersThrough(page);
    await expect(playground(page)).not.toHaveAttribute('data-updating', '', { timeout: 90_000 });
  });
});
