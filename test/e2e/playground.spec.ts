import { axe, column, expect, ISSUE_4312_HPA, ISSUE_4312_ISVC, pasteInto, playground, ready, setTheme, test } from './fixtures.ts';

test.describe('playground', () => {
  test('paste the #4312 scenario, step through pod events: v0.14.1 deletes, v0.15.2 overwrites then deletes', async ({ page, consoleErrors }) => {
    await page.goto('/playground/');
    await ready(page);
    await pasteInto(page, 'isvc', ISSUE_4312_ISVC);
    await pasteInto(page, 'hpas', ISSUE_4312_HPA);
    await page.getByRole('button', { name: 'Clear events' }).click();
    await expect(page.locator('.pg-timeline li')).toHaveCount(2);

    await page.getByRole('button', { name: 'pod-created', exact: true }).click();
    await expect(page.locator('.pg-step-count')).toHaveText('Step 3 of 3');
    await expect(column(page, 'v0.14.1').locator('.pg-badge')).toHaveText(/Delete/);
    await expect(column(page, 'v0.15.2').locator('.pg-badge')).toHaveText(/Update/);
    await expect(column(page, 'v0.14.1').locator('.pg-verdicts')).toContainText('fraud-model-predictor: deleted at step 3');

    await page.getByRole('button', { name: 'pod-deleted', exact: true }).click();
    await expect(column(page, 'v0.15.2').locator('.pg-badge')).toHaveText(/Delete/);
    await expect(column(page, 'v0.15.2').locator('.pg-verdicts')).toContainText('overwritten at step 3, deleted at step 4');
    await expect(column(page, 'v0.12.0').locator('.pg-verdicts')).toContainText('kept');

    // The trace shows the check that decided, with a link to the exact upstream lines at that tag.
    const check = column(page, 'v0.14.1').locator('[data-check="shouldDeleteHPA"]');
    await page.getByRole('button', { name: /Back/ }).click();
    await expect(check).toContainText('shouldDeleteHPA = true');
    await expect(check.getByRole('link', { name: /source/ })).toHaveAttribute('href', /^https:\/\/github\.com\/kserve\/kserve\/blob\/[0-9a-f]{40}\/pkg\/controller\/v1beta1\/inferenceservice\/reconcilers\/hpa\/hpa_reconciler\.go#L\d+-L\d+$/);
    // The first step where the releases part ways is marked.
    await expect(page.locator('.pg-first-banner')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a copied link reopens exactly the same scenario and step in a fresh page', async ({ page, context, browser }) => {
    await page.goto('/playground/');
    await ready(page);
    await page.getByRole('button', { name: 'resync', exact: true }).click();
    await page.getByRole('button', { name: 'Back' }).click();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(url).toMatch(/\/playground\/#1\.[A-Za-z0-9_-]+$/);
    await expect(page.locator('.pg-link-length')).toHaveText(`${url.length} characters`);
    const before = await page.locator('.pg-results').innerText();
    const stepBefore = await page.locator('.pg-step-count').innerText();

    const fresh = await (await browser.newContext()).newPage();
    await fresh.goto(url);
    await ready(fresh, { monaco: false });
    await expect(fresh.locator('.pg-step-count')).toHaveText(stepBefore);
    expect(await fresh.locator('.pg-results').innerText()).toBe(before);
    await expect(fresh.locator('.pg-timeline li').last()).toContainText('resync');
  });

  test('Copy as Markdown gives an issue-ready report', async ({ page, context }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy as Markdown' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('| # | event |');
    const md = await page.evaluate(() => navigator.clipboard.readText());
    expect(md).toContain('**v0.14.1**');
    expect(md).toContain('`my-isvc-predictor` deleted at step 3');
    expect(md).toMatch(/\[Open this scenario in the playground\]\(http:\/\/127\.0\.0\.1:\d+\/playground\/#1\.[A-Za-z0-9_-]+\)/);
    expect(md).toContain('```yaml\napiVersion: serving.kserve.io/v1beta1');
    expect(md).toContain('kind: Scenario');
  });

  test('keyboard only: shortcuts add events, arrows move through steps, focus stays visible', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    const timelineCount = await page.locator('.pg-timeline li').count();
    await page.getByRole('button', { name: 'resync', exact: true }).focus();
    await page.keyboard.press('p');
    await expect(page.locator('.pg-timeline li')).toHaveCount(timelineCount + 1);
    await expect(page.locator('.pg-timeline li').last()).toContainText('pod-created');
    // Focus survived the re-render and is visibly outlined.
    const focused = page.locator(':focus');
    await expect(focused).toHaveAttribute('data-key', 'event-resync');
    expect(await focused.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    // Tab to the current step in the timeline, then walk it with the arrow keys.
    await page.locator('.pg-timeline [aria-current="step"]').focus();
    const count = await page.locator('.pg-step-count').innerText();
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator('.pg-step-count')).not.toHaveText(count);
    await page.keyboard.press('End');
    await expect(page.locator('.pg-step-count')).toHaveText(count);
    // Each step is announced in the live region.
    await expect(page.locator('[data-pane="announce"]')).toContainText('v0.14.1');
  });

  test('a quick fix renames the HPA and every release keeps it', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.getByRole('button', { name: 'Fix: Rename to my-isvc-predictor-hpa' }).click();
    for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0']) {
      await expect(column(page, tag).locator('.pg-verdicts')).toContainText('my-isvc-predictor-hpa: kept');
    }
  });

  test('releases: add v0.12 and v0.16 in one action, remove one, choose another', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.getByRole('button', { name: 'Remove v0.12.0' }).click();
    await page.getByRole('button', { name: 'Remove v0.16.0' }).click();
    await expect(page.locator('.pg-column')).toHaveCount(2);
    // A comparison keeps at least two releases.
    await expect(page.getByRole('button', { name: /^Remove v/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Add v0.12.0 and v0.16.0' }).click();
    await expect(page.locator('.pg-column')).toHaveCount(4);
    await page.getByRole('combobox', { name: 'Add a release' }).selectOption('v0.20.0');
    await expect(column(page, 'v0.20.0')).toBeVisible();
  });
});

test.describe('playground without a fine pointer or without JavaScript', () => {
  test('phone viewport: plain textarea editors, results readable, no horizontal page scroll', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.waitForTimeout(1500);
    await expect(page.locator('.monaco-editor')).toHaveCount(0);
    await expect(page.locator('textarea[data-editor="isvc"]')).toBeVisible();
    await page.getByRole('button', { name: 'pod-created', exact: true }).tap();
    await expect(page.locator('.pg-step-count')).toContainText('Step');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await context.close();
  });

  test('without JavaScript the first results are already in the page', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/playground/');
    await expect(page.locator('textarea[data-editor="isvc"]')).toContainText('autoscalerClass: external');
    await expect(column(page, 'v0.14.1').locator('.pg-verdicts')).toContainText('my-isvc-predictor: deleted at step 3');
    await expect(column(page, 'v0.15.2').locator('.pg-verdicts')).toContainText('overwritten at step 3, deleted at step 4');
    await context.close();
  });
});

test.describe('bad input never breaks the page', () => {
  test('invalid YAML: a message with line and column, the last good results kept', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page);
    const before = await column(page, 'v0.14.1').locator('.pg-verdicts').innerText();
    await pasteInto(page, 'hpas', 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: "unclosed\n');
    await expect(page.locator('.pg-errors')).toContainText(/hpas\.yaml:\d+:\d+/);
    await expect(page.locator('.pg-errors')).toContainText('Showing the last good scenario.');
    expect(await column(page, 'v0.14.1').locator('.pg-verdicts').innerText()).toBe(before);
  });

  for (const [name, hash, message] of [
    ['garbage', '#not-a-link', 'not a kserve-hpa-lab scenario link'],
    ['truncated', '#1.FcoxDoAgEATAr1y2xk', 'damaged'],
    ['future format', '#7.abc', 'newer kserve-hpa-lab'],
    ['oversized', `#1.${'A'.repeat(300_000)}`, 'too long'],
  ] as const) {
    test(`hostile link (${name}): a message, the preset kept`, async ({ page }) => {
      await page.goto(`/playground/${hash}`);
      await ready(page, { monaco: false });
      await expect(page.getByRole('alert').filter({ hasText: 'This link could not be opened' })).toContainText(message);
      await expect(column(page, 'v0.14.1').locator('.pg-verdicts')).toContainText('deleted at step 3');
    });
  }

  test('markup and script in names and annotations are shown as text, never run', async ({ page }) => {
    let dialog = false;
    page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
    await page.goto('/playground/');
    await ready(page);
    await pasteInto(page, 'isvc', ISSUE_4312_ISVC.replace('serving.kserve.io/autoscalerClass: external', 'serving.kserve.io/autoscalerClass: external\n    note: "<img src=x onerror=alert(1)>"'));
    await pasteInto(page, 'hpas', ISSUE_4312_HPA);
    await expect(page.locator('.pg-errors')).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Annotation key' }).fill('x/evil');
    await page.getByRole('combobox', { name: 'Value (empty removes it)' }).fill('<script>alert(2)</script>');
    await page.getByRole('button', { name: 'isvc-annotate' }).click();
    await expect(page.locator('.pg-timeline li').last()).toContainText('<script>alert(2)</script>');
    expect(await page.locator('hpa-playground img, hpa-playground script:not([type="application/json"])').count()).toBe(0);
    expect(dialog).toBe(false);
  });

  test('a 2 MiB paste is refused with a message and the page stays responsive', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.locator('textarea[data-editor="hpas"]').evaluate((el: HTMLTextAreaElement) => {
      el.value = `# ${'x'.repeat(2 * 1024 * 1024)}\n`;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect(page.locator('.pg-errors')).toContainText('the limit is 1.0 MiB', { timeout: 5000 });
    await page.getByRole('button', { name: 'First' }).click();
    await expect(page.locator('.pg-step-count')).toHaveText('Before the first step');
  });
});

test.describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: zero violations with Monaco loaded (${theme})`, async ({ page }) => {
      await page.goto('/playground/');
      await setTheme(page, theme);
      await ready(page);
      await page.locator('.pg-chart-box summary').click();
      const results = await axe(page);
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});

test('the statechart is drawn from the machine and follows the step', async ({ page, request }) => {
  // Laid out and rendered at build time: the server's HTML already holds the finished SVG, in each language.
  const served = await (await request.get('/playground/')).text();
  expect(served).toMatch(/<div data-pane="chart"><div class="pg-chart"><svg [^>]*class="statechart"/);
  expect(served).toMatch(/<desc [^>]*>Drawn from the machine definition: \d+ states/);
  const zh = await (await request.get('/zh-cn/playground/')).text();
  expect(zh).toMatch(/<desc [^>]*>由状态机定义生成：\d+ 个状态/);

  await page.goto('/playground/');
  await ready(page, { monaco: false });
  await page.locator('.pg-chart-box summary').click();
  const chart = page.locator('[data-pane="chart"] svg.statechart');
  await expect(chart).toBeVisible();
  await expect(chart).toHaveCount(1);
  await expect(chart.locator('[data-state="shouldDeleteHPA"], [data-state="deleteAfterEquality"]').first()).toBeAttached();

  // The page opens where the releases part ways: v0.14.1 deletes the HPA, and its path ends in Delete.
  await page.getByRole('combobox', { name: 'Highlight the path of' }).selectOption('v0.14.1');
  await expect(column(page, 'v0.14.1').locator('.pg-badge')).toHaveText(/Delete/);
  await expect(chart.locator('.sc-active')).toHaveCount(1);
  await expect(chart.locator('.sc-active')).toHaveAttribute('data-state', 'Delete');
  await expect(chart.locator('.sc-edge-visited').first()).toBeAttached();
  await expect(chart.locator('desc')).toContainText(/→ Delete/);
  const visited = await chart.locator('.sc-visited').count();
  expect(visited).toBeGreaterThan(2);

  // Before the first step nothing is highlighted; stepping on highlights again, in place.
  await page.getByRole('button', { name: 'First', exact: true }).click();
  await expect(chart.locator('.sc-visited')).toHaveCount(0);
  await expect(chart.locator('.sc-edge-visited')).toHaveCount(0);
  await expect(chart.locator('desc')).not.toContainText('→');
  await page.getByRole('button', { name: 'Last', exact: true }).click();
  await expect(chart.locator('.sc-visited').first()).toBeAttached();
  await expect(chart.locator('.sc-active')).toHaveCount(1);
  await expect(page.locator('[data-pane="chart"] svg')).toHaveCount(1);
  await expect(playground(page)).toBeVisible();
});

test.describe('explorer', () => {
  test('finds the shortest way to lose the HPA and loads it into the timeline', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.getByRole('button', { name: 'Clear events' }).click();
    await page.getByRole('button', { name: 'Find the shortest way to lose this HPA' }).click();
    const v014 = page.locator('.pg-explore-list > li[data-tag="v0.14.1"]');
    await expect(v014).toContainText('my-isvc-predictor deleted after pod-created');
    await v014.getByRole('button', { name: 'Load into the timeline' }).click();
    await expect(page.locator('.pg-timeline li').last()).toContainText('pod-created');
    await expect(column(page, 'v0.14.1').locator('.pg-badge')).toHaveText(/Delete/);
  });

  test('"How do I keep it?" applies a rename and every release keeps the HPA', async ({ page }) => {
    await page.goto('/playground/');
    await ready(page, { monaco: false });
    await page.getByRole('button', { name: 'How do I keep it?' }).click();
    const v014 = page.locator('.pg-explore-list > li[data-tag="v0.14.1"]');
    await expect(v014).toContainText('Rename HPA my-isvc-predictor to my-isvc-predictor-hpa');
    await v014.getByRole('button', { name: 'Apply' }).first().click();
    for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.2', 'v0.16.0']) {
      await expect(column(page, tag).locator('.pg-verdicts')).toContainText('my-isvc-predictor-hpa: kept');
    }
  });
});

test('the editor choice: switch to the plain editor, keep it across a reload, switch back', async ({ page }) => {
  await page.goto('/playground/');
  await ready(page);
  await page.getByRole('button', { name: 'Use the plain editor' }).click();
  await expect(page.locator('.pg-editor .monaco-editor')).toHaveCount(0);
  await expect(page.locator('textarea[data-editor="isvc"]')).toBeVisible();
  await page.reload();
  await ready(page, { monaco: false });
  await page.locator('.pg-editor').first().hover();
  await page.waitForTimeout(1000);
  await expect(page.locator('.pg-editor .monaco-editor')).toHaveCount(0);
  await page.getByRole('button', { name: 'Use the rich editor' }).click();
  await expect(page.locator('.pg-editor .monaco-editor')).toHaveCount(2, { timeout: 20_000 });
  // The text survived both switches: the results still describe the preset.
  await expect(column(page, 'v0.14.1').locator('.pg-verdicts')).toContainText('my-isvc-predictor: deleted at step 3');
});
