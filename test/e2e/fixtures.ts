/** Shared Playwright helpers: role-first locators, clipboard paste into an editor, what is on screen, axe. */
import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

export { ISSUE_4312_HPA, ISSUE_4312_ISVC } from '../support/issue-4312.ts';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(errors);
  },
});
export { expect };

export const LAYOUTS = {
  laptop: { viewport: { width: 1440, height: 900 } },
  desktop: { viewport: { width: 1920, height: 1080 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const satisfies Record<string, BrowserContextOptions>;

export const playground = (page: Page) => page.locator('hpa-playground');
export const playgroundPath = (locale: 'en' | 'zh-cn') => (locale === 'zh-cn' ? '/zh-cn/playground/' : '/playground/');

/** A fresh context in a layout, language-independent, with the site's theme chosen before the page loads. */
export async function layoutContext(browser: Browser, layout: keyof typeof LAYOUTS, theme: 'light' | 'dark' = 'light') {
  const context = await browser.newContext({ ...LAYOUTS[layout], colorScheme: theme });
  await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  return context;
}

/** Waits until the element is enhanced (and, unless plain, Monaco has replaced both textareas). */
export async function ready(page: Page, { monaco = true } = {}): Promise<void> {
  await expect(playground(page)).toHaveAttribute('data-ready', '');
  if (!monaco) return;
  // Monaco loads when a reader reaches for an editor (pointer or focus), as a user would, and replaces both.
  await page.locator('.pg-editor').first().hover();
  await expect(page.locator('.pg-editor .monaco-editor')).toHaveCount(2, { timeout: 20_000 });
}

/** Pastes text into one editor (Monaco or textarea) the way a user does: click, select all, paste. */
export async function pasteInto(page: Page, editor: 'isvc' | 'hpas', text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  // Click the editor's box, not what is inside it: Monaco may swap in for the textarea at any moment.
  await page.locator('.pg-editor').nth(editor === 'isvc' ? 0 : 1).click({ position: { x: 80, y: 24 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** A release's column (its header and its cells at the current step). */
export function column(page: Page, tag: string) {
  return page.locator(`.pg-release[data-tag="${tag}"]`);
}

/** The playground's state as the element holds it (link texts, step, last good run). */
export function pageState(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('hpa-playground') as unknown as { state: { link: { isvc: string; hpas: string; scenario: string; step: number } } };
    return el.state.link;
  });
}

/**
 * True when the element is really on screen: its box lies inside the viewport and the point at its
 * centre (and its top-left corner) hits it, not something covering it (a sticky bar, a menu).
 */
export async function onScreen(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5) return false;
    const hits = (x: number, y: number) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === el || el.contains(hit));
    };
    return hits(r.left + r.width / 2, r.top + r.height / 2) && hits(r.left + Math.min(4, r.width / 2), r.top + Math.min(4, r.height / 2));
  });
}

export async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  await expect.poll(() => onScreen(locator), { message: `${what} is on screen`, timeout: 3000 }).toBe(true);
}

export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The CLI's reproduction link for a scenario file: the fragment after "#". */
export function cliLinkFragment(file = 'content/scenarios/kserve-4312.yaml'): string {
  const url = execFileSync(process.execPath, ['bin/hpa-lab.mjs', 'link', file], { encoding: 'utf8' }).trim();
  const hash = url.slice(url.indexOf('#') + 1);
  if (!/^\d+\.[\w-]+$/.test(hash)) throw new Error(`hpa-lab link printed no playground link: ${url}`);
  return hash;
}

/** axe with WCAG 2.1 A/AA; Starlight's own search button trips label-content-name-mismatch upstream. */
export async function axe(page: Page) {
  return new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .disableRules(['label-content-name-mismatch'])
    .analyze();
}

export function violations(results: Awaited<ReturnType<typeof axe>>): string[] {
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}

/**
 * English sentences (three or more English words in a row) in the text and the tooltips under
 * `scope`, outside code: object names, tags, event words, field names and code are fine. Quoted
 * text (KServe's own admission errors, kept in English by the glossary) and command lines are not sentences.
 */
export async function englishSentences(page: Page, scope: string): Promise<string[]> {
  return page.locator(scope).evaluateAll((roots) => {
    const sentence = /\b[A-Za-z]+(?:['’][A-Za-z]+)?(?:[ \u00a0]+[A-Za-z]+(?:['’][A-Za-z]+)?){2,}\b/;
    const verbatim = /“[^”]*”|"[^"]*"|「[^」]*」|\b(?:kubectl|npx|helm)\b[^，。；：、（）()]*/g;
    const found: string[] = [];
    const check = (text: string, where: string) => {
      const match = sentence.exec(text.replace(verbatim, ' '));
      if (match) found.push(`${match[0]}  ←  ${where}: ${text.trim().slice(0, 90)}`);
    };
    for (const root of roots) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('code, pre, kbd, script, style, textarea, .monaco-editor, svg')) continue;
        check(node.textContent ?? '', 'text');
      }
      for (const el of [root, ...root.querySelectorAll('[title], [aria-label]')]) {
        for (const attr of ['title', 'aria-label']) {
          const value = el.getAttribute(attr);
          if (value) check(value, attr);
        }
      }
    }
    return [...new Set(found)];
  });
}
