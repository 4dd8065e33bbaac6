/**
 * Pasting a namespace never dead-ends (issue 18). A `kind: List` of 30 InferenceServices pasted
 * over the default preset leaves the preset's three untargeted pod events invalid; the reader, with
 * clicks only: follows the problem's scenario.yaml position to the event it names (focused in the
 * events list), removes an event while the input still has problems, and aims every pod event at
 * the one model at risk (the only one with an HPA of its own named like its predictor) in one
 * click. Then v0.14.1 deletes that HPA and v0.15.2 overwrites it, and the deleting column shows its
 * trace. The model acted on is the first card of every column, the others fold into one line, and
 * "only what is at risk" keeps just it. In English and Chinese; axe finds nothing on the way.
 */
import type { Page } from '@playwright/test';
import { axe, column, expect, expectOnScreen, pageState, pasteInto, playgroundPath, ready, test, violations } from './fixtures.ts';

test.use({ viewport: { width: 1440, height: 900 } });
// 30 models in four columns make a big page: axe alone takes a while over it on a shared machine.
test.setTimeout(240_000);

const AT_RISK = 17;
const name = (i: number) => `model-${String(i).padStart(2, '0')}`;

/** 30 RawDeployment models in ml-prod; model-17 says autoscalerClass external and has the user's HPA model-17-predictor. */
function namespaceList(): string {
  const items: unknown[] = [];
  for (let i = 0; i < 30; i += 1) {
    const annotations: Record<string, string> = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };
    if (i === AT_RISK) annotations['serving.kserve.io/autoscalerClass'] = 'external';
    items.push({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: name(i), namespace: 'ml-prod', annotations }, spec: { predictor: { model: { modelFormat: { name: 'sklearn' } } } } });
  }
  items.push({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: `${name(AT_RISK)}-predictor`, namespace: 'ml-prod' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${name(AT_RISK)}-predictor` }, minReplicas: 1, maxReplicas: 5 },
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
}

// 32 objects are applied before the events: the 30 models, model-17's HPA and the preset's own HPA (left in its editor).
const WORDS = {
  en: {
    remove: 'Remove this event: pod-created', aimPods: 'Fix: Aim all 2 pod events at ml-prod/model-17', problem: /say which/,
    everyUpdate: '30 InferenceServices: v0.16.0 will refuse every update of each of them.', applies: 'apply 32 objects',
  },
  'zh-cn': {
    remove: '删除此事件: pod-created', aimPods: '修复: 把全部 2 个 Pod 事件改为指向 ml-prod/model-17', problem: /请指明是哪一个/,
    everyUpdate: '30 个 InferenceService：v0.16.0 会拒绝对其中每一个的任何更新。', applies: 'apply 32 个对象',
  },
} as const;

/** The caret's line in the InferenceService editor, from Monaco's gutter or the plain textarea it starts as. */
function caretLine(page: Page): Promise<number | null> {
  return page.locator('.pg-editor').first().evaluate((box) => {
    const active = box.querySelector('.active-line-number');
    if (active) return Number(active.textContent);
    const area = box.querySelector('textarea');
    return area ? area.value.slice(0, area.selectionStart).split('\n').length : null;
  });
}

for (const locale of ['en', 'zh-cn'] as const) {
  test(`${locale}: a pasted 30-model List over the default preset reaches the at-risk model's decision by clicks only`, async ({ page, consoleErrors }) => {
    const words = WORDS[locale];
    await page.goto(playgroundPath(locale));
    await ready(page);
    await pasteInto(page, 'isvc', namespaceList());

    // The preset's untargeted events no longer say which model: a problem at scenario.yaml, shown where the events are.
    const stale = page.locator('.pg-stale-banner');
    await expect(stale).toContainText(words.problem);
    const events = page.locator('[data-pane="eventlist"] .pg-ev');
    await expect(events).toHaveCount(3);
    await expect(events.first().locator('.pg-ev-problem')).toContainText(words.problem);

    // Its position in the problem list focuses the event it names.
    const position = page.locator('.pg-errors [data-action="goto"]').first();
    await expect(position).toHaveText(/^scenario\.yaml:\d+:\d+$/);
    const line = Number((await position.innerText()).split(':')[1]);
    await position.click();
    await expect(page.locator(`[data-pane="eventlist"] .pg-ev[data-line="${line}"]`)).toBeFocused();
    expect(violations(await axe(page))).toEqual([]);

    // Removing an event works while the input has problems.
    await events.nth(2).getByRole('button', { name: words.remove, exact: true }).click();
    await expect(events).toHaveCount(2);
    await expect(stale).toBeVisible();

    // One click aims both pod events at the model at risk; the input is whole again.
    await page.locator('.pg-errors').getByRole('button', { name: words.aimPods, exact: true }).first().click();
    await expect(page.locator('.pg-stale-banner')).toHaveCount(0);
    await expect(events.locator('code')).toHaveText(['pod-created@ml-prod/model-17', 'pod-deleted@ml-prod/model-17']);


    // Where the releases first disagree: v0.14.1 deletes the user's HPA, v0.15.2 overwrites it.
    const cell = (tag: string) => column(page, tag).locator('.pg-cell[data-isvc="ml-prod/model-17"]');
    await expect(cell('v0.14.1').locator('.pg-decision .pg-badge')).toHaveText(/Delete/);
    await expect(cell('v0.15.2').locator('.pg-decision .pg-badge')).toHaveText(/Update/);

    // A namespace reads like a report: in every column the model acted on is the first card, on screen,
    // and the 29 left alone fold into one line.
    for (const tag of ['v0.14.1', 'v0.15.2']) {
      await expect(column(page, tag).locator('.pg-cell').first()).toHaveAttribute('data-isvc', 'ml-prod/model-17');
      await expect(column(page, tag).locator('.pg-others')).toHaveAttribute('data-others', '29');
    }
    await expect(cell('v0.14.1').locator('.pg-decision .pg-badge')).toBeInViewport();

    // "Only what is at risk" leaves model-17 alone and says how many it hides; KServe's own HPAs of the
    // other 29 (class hpa) put none of them at risk.
    const filter = page.locator('[data-action="toggle-at-risk"]');
    await filter.click();
    await expect(filter).toHaveAttribute('aria-pressed', 'true');
    await expect(column(page, 'v0.14.1').locator('.pg-others')).toHaveCount(0);
    await expect(page.locator('.pg-filter')).toContainText('29');
    await expect(column(page, 'v0.14.1').locator('.pg-cell[data-isvc^="ml-prod/"]')).toHaveCount(1);
    await filter.click();
    await expect(column(page, 'v0.14.1').locator('.pg-others')).toHaveAttribute('data-others', '29');

    // The deleting column's trace is open and shows the check that decided, with nothing left folded.
    const why = cell('v0.14.1').locator('.pg-why');
    await expect(why).toHaveAttribute('open', '');
    await expect(why.locator('[data-check="shouldDeleteHPA"]')).toBeVisible();
    await expect(why.locator('[data-action="toggle-checks"]')).toHaveCount(0);

    // Repeated lints are one row. Every model says deploymentMode RawDeployment and the preset compares
    // v0.16.0, so each gets "v0.16.0 will refuse every update"; the HPA at risk's own lint stands alone, first, on screen.
    const lintRows = page.locator('.pg-lints .pg-problem-list > [role="listitem"]');
    await expect(lintRows).toHaveCount(2);
    await expect(lintRows.first()).toHaveAttribute('data-lint', 'hpa-named-like-component');
    await expect(lintRows.first()).toContainText('model-17-predictor');
    await expectOnScreen(lintRows.first().locator('[data-action="goto"]'), 'the at-risk HPA\'s lint');
    const group = lintRows.nth(1);
    await expect(group).toHaveAttribute('data-count', '30');
    const summary = group.locator('summary').first();
    await expect(summary).toContainText(words.everyUpdate);
    const members = group.locator('.pg-lint-member');
    await expect(members.first()).toBeHidden();
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(members).toHaveCount(30);
    await expect(members.nth(17)).toContainText('ml-prod/model-17');
    // model-00's annotation value in the pasted JSON: line 12, after 10 spaces of indent and `"serving.kserve.io/deploymentMode": ` (36).
    const place = members.first().locator('[data-action="goto"]');
    await expect(place).toHaveText('inferenceservice.yaml:12:47');
    await place.click();
    await expect.poll(() => caretLine(page)).toBe(12);
    expect(await page.locator('.pg-editor').first().evaluate((box) => box.contains(document.activeElement))).toBe(true);
    // Closed again by keyboard, so the list is one row per kind of lint once more.
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect(members.first()).toBeHidden();

    // The 32 apply steps are one folded item before the two events; stepping through them by keyboard names
    // each on the folded item, and opening it (Enter) shows the same step's own chip. Step numbers do not move.
    const fold = page.locator('.pg-timeline .pg-tl-fold');
    const toggle = fold.locator('[data-action="toggle-applies"]');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(toggle).toContainText(words.applies);
    await expect(page.locator('.pg-timeline .pg-tl:visible')).toHaveCount(2);
    await expect(page.locator('.pg-timeline .pg-tl:visible').first()).toHaveAttribute('data-step', '33');
    await toggle.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('j');
    await expect.poll(async () => (await pageState(page)).step).toBe(5);
    await expect(toggle).toHaveAttribute('aria-current', 'step');
    await expect(toggle).toContainText('5 apply isvc/model-04');
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toBeFocused();
    await expect(page.locator('.pg-timeline .pg-tl:visible')).toHaveCount(34);
    await expect(fold.locator('.pg-tl[data-step="5"] [data-action="step"]')).toHaveAttribute('aria-current', 'step');
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('End');
    await expect.poll(async () => (await pageState(page)).step).toBe(34);
    await expect(toggle).not.toHaveAttribute('aria-current', 'step');
    await expect(page.locator('.pg-timeline .pg-tl[data-step="34"] [data-action="step"]')).toHaveAttribute('aria-current', 'step');
    // Both open for the last look by axe.
    await toggle.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await summary.press('Enter');
    await expect(members.first()).toBeVisible();
    expect(violations(await axe(page))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
}
