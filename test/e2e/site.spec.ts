/**
 * Every built page, in both languages, in Chromium: no console or page errors, the right
 * <html lang>, its content in that language (not Starlight's fallback), a description, a canonical
 * URL from siteConfig (origin + base), an og:image that exists in dist/, the language switcher
 * offering the other language, and axe with zero violations in the light and the dark theme.
 * The page list comes from the sitemap, which must match the pages in dist/. One browser page is
 * reused for all of them; then, at 390 px, the page must be no wider than the screen. Then: pagefind
 * search in English and in Chinese.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { siteConfig } from '../../engine/link/site.ts';
import { axe, expect, expectOnScreen, horizontalOverflow, layoutContext, setTheme, test, violations } from './fixtures.ts';

// HPA_LAB_DIST: check a build written elsewhere (astro build --outDir …); the served site must be that build.
const DIST = process.env.HPA_LAB_DIST ?? join(process.cwd(), 'dist');
const BASE = siteConfig.base;
const SITE = `${siteConfig.origin}${BASE}`;
const built = existsSync(join(DIST, 'sitemap-index.xml'));

/** Page routes below the base ("", "guides/", "zh-cn/reference/cli/"), from the sitemap. */
function sitemapRoutes(): string[] {
  const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  return sitemaps.flatMap((loc) => {
    const file = join(DIST, loc.slice(SITE.length));
    const xml = readFileSync(file, 'utf8');
    return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!.slice(SITE.length));
  });
}

/** Page routes from dist/**\/index.html. */
function distRoutes(dir = DIST): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '_astro' || entry.name === 'pagefind' || entry.name === 'og' ? [] : distRoutes(path);
    if (entry.name !== 'index.html') return [];
    const rel = relative(DIST, dir).split('\\').join('/');
    return [rel === '' ? '' : `${rel}/`];
  });
}

const routes = built ? sitemapRoutes().sort() : [];
const isZh = (route: string) => route === 'zh-cn/' || route.startsWith('zh-cn/');
/** The same page in the other language. */
const counterpart = (route: string) => (isZh(route) ? route.slice('zh-cn/'.length) : `zh-cn/${route}`);

test.describe('site', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  test('sitemap lists every page in dist/, at canonical URLs under siteConfig origin + base', () => {
    const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
    for (const m of index.matchAll(/<loc>([^<]+)<\/loc>/g)) expect(m[1]!.startsWith(SITE), m[1]).toBe(true);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toEqual(distRoutes().sort());
    const missing = routes.filter((route) => !routes.includes(counterpart(route)));
    expect(missing, 'pages that exist in one language only').toEqual([]);
  });
});

test.describe('every page, both languages, both themes', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  test.beforeAll(async ({ browser }) => {
    const baseURL = test.info().project.use.baseURL;
    context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  });
  test.afterAll(async () => {
    await context?.close();
  });

  for (const route of routes) {
    const zh = isZh(route);
    const path = `${BASE}${route}`;
    test(`${path}`, async () => {
      errors.length = 0;
      const response = await page.goto(path, { waitUntil: 'load' });
      expect(response?.status(), 'HTTP status').toBe(200);
      // The playground enhances itself after load; scan it once it says it is ready.
      if (await page.locator('hpa-playground').count()) await expect(page.locator('hpa-playground').first()).toHaveAttribute('data-ready', '');
      // Expressive Code makes overflowing code blocks focusable from a ResizeObserver/idle callback.
      await page.waitForFunction(() => [...document.querySelectorAll('.expressive-code pre')]
        .every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')));

      const lang = zh ? 'zh-CN' : 'en';
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      expect.soft(await page.locator('main').getAttribute('lang'), 'page content language (a different one means Starlight fell back to the other language: the page is untranslated)').toBe(lang);

      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect.soft(description?.trim() ?? '', 'meta description').not.toBe('');

      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect.soft(canonical, 'canonical URL').toBe(`${SITE}${route}`);

      const image = (await page.locator('meta[property="og:image"]').getAttribute('content')) ?? '';
      expect.soft(image.startsWith(SITE), `og:image ${image} under ${SITE}`).toBe(true);
      expect.soft(image.endsWith('.png') && existsSync(join(DIST, image.slice(SITE.length))), `og:image ${image} exists in dist/`).toBe(true);

      const options = await page.locator('starlight-lang-select select').first().locator('option')
        .evaluateAll((els) => els.map((el) => ({ value: (el as HTMLOptionElement).value, text: el.textContent?.trim() ?? '' })));
      expect.soft(options, 'language switcher offers the other language').toContainEqual({
        value: `${BASE}${counterpart(route)}`,
        text: zh ? 'English' : '简体中文',
      });

      for (const theme of ['light', 'dark'] as const) {
        await setTheme(page, theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const { violations } = await axe(page);
        const report = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
        expect.soft(report, `axe violations in the ${theme} theme`).toEqual([]);
      }

      // A phone: nothing may make the page wider than the screen (wide tables scroll inside themselves).
      await page.setViewportSize({ width: 390, height: 844 });
      const [pageWidth, screenWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect.soft(pageWidth, `page width at ${screenWidth} px`).toBeLessThanOrEqual(screenWidth!);
      await page.setViewportSize({ width: 1280, height: 800 });

      expect(errors, 'console errors and page errors').toEqual([]);
    });
  }
});

test.describe('home page', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  for (const [route, first] of [['', 'Am I affected?'], ['zh-cn/', '我受影响吗？']] as const) {
    test(`${BASE}${route}: three entry points of one weight, "${first}" first`, async ({ page }) => {
      await page.goto(`${BASE}${route}`);
      const actions = page.locator('.hero .actions a');
      await expect(actions).toHaveCount(3);
      await expect(actions.first()).toHaveText(first);
      expect(await actions.first().evaluate((a) => new URL((a as HTMLAnchorElement).href).pathname)).toBe(`${BASE}${route}guides/am-i-affected/`);
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(page, theme);
        const looks = await actions.evaluateAll((els) => els.map((el) => {
          const cs = getComputedStyle(el);
          return [cs.backgroundColor, cs.color, cs.borderTopWidth, cs.borderTopColor, cs.fontSize, cs.fontWeight, Math.round(el.getBoundingClientRect().height)].join(' ');
        }));
        expect(new Set(looks).size, `${theme}: ${looks.join(' | ')}`).toBe(1);
      }
    });
  }
});

test.describe('a phone page without a sidebar has the language and theme switches', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  for (const route of ['', 'playground/', 'zh-cn/', 'zh-cn/playground/']) {
    test(`${BASE}${route} at 390×844`, async ({ browser }) => {
      const context = await layoutContext(browser, 'phone');
      const page = await context.newPage();
      await page.goto(`${BASE}${route}`);
      const zh = isZh(route);
      const language = page.getByRole('combobox', { name: zh ? '选择语言' : 'Select language' });
      const theme = page.getByRole('combobox', { name: zh ? '选择主题' : 'Select theme' });
      await expectOnScreen(language, 'the language switch');
      await expectOnScreen(theme, 'the theme switch');
      expect(await horizontalOverflow(page), 'the page is no wider than the phone').toBeLessThanOrEqual(0);
      if (await page.locator('hpa-playground').count()) await expect(page.locator('hpa-playground')).toHaveAttribute('data-ready', '');
      expect(violations(await axe(page))).toEqual([]);
      await theme.selectOption('dark');
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await language.selectOption(`${BASE}${counterpart(route)}`);
      await expect(page).toHaveURL(new RegExp(`${BASE}${counterpart(route)}$`));
      await context.close();
    });
  }
});

test.describe('search', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  const cases = [
    { route: '', term: 'shouldDeleteHPA', expectPage: 'guides/analysis/' },
    { route: 'zh-cn/', term: '终结器', expectPage: 'zh-cn/' },
    // A KEDA user's one search lands on the KEDA guide first (issue 16).
    { route: '', term: 'KEDA', expectPage: 'guides/keda/', first: true },
    { route: 'zh-cn/', term: 'KEDA', expectPage: 'zh-cn/guides/keda/', first: true },
  ];
  for (const { route, term, expectPage, first } of cases) {
    test(`pagefind finds "${term}" from ${BASE}${route}`, async ({ page, consoleErrors }) => {
      await page.goto(`${BASE}${route}`);
      await page.locator('button[data-open-modal]').click();
      const input = page.locator('#starlight__search input[type="text"], #starlight__search input[type="search"]').first();
      await expect(input).toBeVisible();
      await input.fill(term);
      const results = page.locator('#starlight__search .pagefind-ui__result-link');
      await expect(results.first()).toBeVisible({ timeout: 15_000 });
      const hrefs = await results.evaluateAll((els) => els.map((el) => el.getAttribute('href') ?? ''));
      // Results stay in the reader's language and include the page that discusses the term.
      expect(hrefs.some((href) => href.startsWith(`${BASE}${expectPage}`)), hrefs.join('\n')).toBe(true);
      if (first) expect(hrefs[0]!.startsWith(`${BASE}${expectPage}`), hrefs.join('\n')).toBe(true);
      for (const href of hrefs) expect(isZh(href.slice(BASE.length)), href).toBe(isZh(route));
      expect(consoleErrors).toEqual([]);
    });
  }
});

test.describe('gallery', () => {
  test.skip(!built, 'dist/ is not built: run `npx astro build` first');

  const presets = readdirSync(join(process.cwd(), 'content/scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  for (const route of ['gallery/', 'zh-cn/gallery/']) {
    test(`${BASE}${route} lists every preset with per-release outcomes, a playground link in its language and the CLI command`, async ({ page, consoleErrors }) => {
      await page.goto(`${BASE}${route}`);
      const sections = page.locator('section.gallery-preset');
      await expect(sections).toHaveCount(presets.length);
      expect(await sections.evaluateAll((els) => els.map((el) => el.getAttribute('data-preset')).sort())).toEqual(presets);
      const playground = `${BASE}${isZh(route) ? 'zh-cn/' : ''}playground/#`;
      for (const id of presets) {
        const section = page.locator(`section.gallery-preset[data-preset="${id}"]`);
        await expect(section.locator('h2')).not.toBeEmpty();
        const compared = (await section.locator('.gallery-preset__releases').innerText()).match(/v\d+\.\d+\.\d+(?:-[\w.]+)?|master@[0-9a-f]{7,40}/g) ?? []; // master@<commit> is compared too
        const lines = await section.locator('.gallery-preset__outcome').evaluateAll((els) => els.map((el) => el.getAttribute('data-tag')));
        expect(compared.length, `${id}: releases compared`).toBeGreaterThan(0);
        expect(lines, `${id}: one outcome line per release compared`).toEqual(compared);
        const href = await section.getByRole('link', { name: isZh(route) ? /在演练场中打开/ : /Open in the playground/ }).getAttribute('href');
        expect(href?.startsWith(playground) && /#\d+\.[\w-]+$/.test(href), `${id}: ${href}`).toBe(true);
        await expect(section.locator('code').last()).toHaveText(`npx hpa-lab run content/scenarios/${id}.yaml`);
      }
      expect(consoleErrors).toEqual([]);
    });
  }
});
