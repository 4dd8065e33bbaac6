/** Shared Playwright helpers: role-first locators, clipboard paste into an editor, axe. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';

export const ISSUE_4312_ISVC = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: fraud-model
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: external
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 4
    model:
      modelFormat: {name: sklearn}
      storageUri: gs://example/model
status:
  deploymentMode: RawDeployment
`;

export const ISSUE_4312_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: fraud-model-predictor
  namespace: ml
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: fraud-model-predictor}
  minReplicas: 2
  maxReplicas: 8
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
});
export { expect };

export const playground = (page: Page) => page.locator('hpa-playground');

/** Waits until the element is enhanced (and, unless plain, Monaco has replaced both textareas). */
export async function ready(page: Page, { monaco = true } = {}): Promise<void> {
  await expect(playground(page)).toHaveAttribute('data-ready', '');
  if (!monaco) return;
  // Monaco loads per editor when a reader reaches for it (pointer or focus), as a user would.
  for (const box of await page.locator('.pg-editor').all()) {
    await box.hover();
    await expect(box.locator('.monaco-editor')).toHaveCount(1, { timeout: 20_000 });
  }
}

/** Pastes text into one editor (Monaco or textarea) the way a user does: select all, paste. */
export async function pasteInto(page: Page, editor: 'isvc' | 'hpas', text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  const box = page.locator('.pg-editor').nth(editor === 'isvc' ? 0 : 1);
  const monaco = box.locator('.monaco-editor');
  if (await monaco.count()) await box.locator('.view-lines').click();
  else await box.locator('textarea').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

export function column(page: Page, tag: string) {
  return page.locator(`.pg-column[data-tag="${tag}"]`);
}

/** axe with WCAG 2.1 A/AA; Starlight's own search button trips label-content-name-mismatch upstream. */
export async function axe(page: Page) {
  return new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .disableRules(['label-content-name-mismatch'])
    .analyze();
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}
