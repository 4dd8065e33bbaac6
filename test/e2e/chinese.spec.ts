/**
 * The Chinese playground speaks Chinese in its results (issue 9): every engine word goes through
 * the message catalog, every UI word through the UI catalog. Names, tags, event words, field names
 * and code stay as they are. Stepped through every step, with every explanation opened, the
 * explorer's answers shown and the event controls' tooltips read; and a broken paste's input error.
 */
import { englishSentences, expect, ISSUE_4312_ISVC, pasteInto, ready, test } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });

test('the Chinese playground: no English sentence in results, explanations, explorer answers or tooltips', async ({ page }) => {
  await page.goto('/zh-cn/playground/');
  await ready(page, { monaco: false });
  const english: string[] = [];
  const scan = async () => {
    await page.locator('.pg-output details, .pg-input details').evaluateAll((all) => all.forEach((d) => { (d as HTMLDetailsElement).open = true; }));
    english.push(...await englishSentences(page, '.pg-output, .pg-problems-pane, .pg-toolbar'));
  };
  await page.keyboard.press('Home');
  for (let step = 0; step <= 5; step += 1) {
    await scan();
    await page.keyboard.press('ArrowRight');
  }
  await page.getByRole('tab', { name: '探索' }).click();
  await page.getByRole('button', { name: '找出丢失 HPA 的最短路径' }).click();
  await expect(page.locator('.pg-explore-list')).toBeVisible();
  await scan();
  await page.getByRole('button', { name: '怎样才能保住它？' }).click();
  await expect(page.locator('.pg-keep-list')).toBeVisible();
  await scan();
  // A preset with an upgrade, a fought scale and several InferenceServices brings their words too.
  for (const preset of ['upgrade-from-v0.12', 'scaling-fought-v0150', 'namespace-dump']) {
    await page.getByRole('combobox', { name: '预设场景' }).selectOption(preset);
    await page.keyboard.press('End');
    await scan();
  }
  expect([...new Set(english)]).toEqual([]);
});

test('the Chinese playground: a broken InferenceService is reported in Chinese, at its line and column', async ({ page }) => {
  await page.goto('/zh-cn/playground/');
  await ready(page);
  // minReplicas on line 11; its value starts at column 18.
  const broken = ISSUE_4312_ISVC.replace('minReplicas: 1', 'minReplicas: two');
  expect(broken).not.toBe(ISSUE_4312_ISVC);
  await pasteInto(page, 'isvc', broken);
  const problems = page.locator('.pg-errors');
  await expect(problems).toContainText('inferenceservice.yaml:11:18');
  await expect(problems).toContainText('minReplicas 必须是整数');
  await expect(page.locator('.pg-stale-banner')).toContainText('minReplicas 必须是整数');
  expect(await englishSentences(page, '.pg-errors, .pg-stale-banner')).toEqual([]);
});
