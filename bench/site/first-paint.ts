/** First paint of the playground: its results pane, and the first decision on screen, cold and from a link. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { DESKTOP, EDITOR_KEY, errors, FIRST_RESULT_RUNS, median, notes, ROOT, round, sleep } from './common.ts';
import { DECISION_PROBE, FIRST_RESULTS_PROBE, openPlainPlayground } from './probes.ts';

export interface DecisionPaint { first: number | null; redrawnAt: number | null; afterRedraw: number | null; ready: number | null; readyFrame: number | null }

/** One fresh load at 1440×900: the preset (cold) or a link; when a decision is first painted on screen. */
export async function decisionPaint(browser: Browser, url: string): Promise<DecisionPaint> {
  const context = await browser.newContext({ ...DESKTOP, viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: DECISION_PROBE });
  await context.addInitScript({ content: `try { localStorage.setItem(${JSON.stringify(EDITOR_KEY)}, 'plain'); } catch {}` });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 });
  await sleep(500);
  const values = await page.evaluate(() => (window as unknown as { __decisions: DecisionPaint }).__decisions);
  await context.close();
  for (const e of pageErrors) errors.push(`${url}: uncaught: ${e}`);
  return values;
}

/**
 * The reproduction link `hpa-lab link` prints for a preset other than the page's own (the upgrade
 * from v0.12), so what is painted from the link differs from what the server rendered.
 */
export function cliLinkFragment(): string | null {
  const out = spawnSync(process.execPath, [join(ROOT, 'bin', 'hpa-lab.mjs'), 'link', join(ROOT, 'content', 'scenarios', 'upgrade-from-v0.12.yaml')], { encoding: 'utf8' });
  const url = out.stdout.trim();
  return url.includes('#') ? url.slice(url.indexOf('#') + 1) : null;
}

export interface FirstResults { fcp: number | null; results: number | null; resultsInDom: number | null; ready: number | null; domContentLoaded: number | null; load: number | null }

/** One fresh load of the playground; `noScripts` aborts every .js request (the HTML and CSS alone). */
export async function firstResults(browser: Browser, origin: string, height: number, noScripts = false): Promise<FirstResults> {
  const context = await browser.newContext({ ...DESKTOP, viewport: { width: 1280, height } });
  await context.addInitScript({ content: FIRST_RESULTS_PROBE });
  if (noScripts) await context.route(/\.m?js(\?|$)/, (route) => route.abort());
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
  if (noScripts) await sleep(1500);
  else await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 });
  await sleep(500);
  const values = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { ready: number | null; results: number | null; resultsInDom: number | null } }).__bench;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    return { fcp, results: bench.results, resultsInDom: bench.resultsInDom, ready: bench.ready, domContentLoaded: nav?.domContentLoadedEventEnd ?? null, load: nav?.loadEventEnd ?? null };
  });
  await context.close();
  for (const e of pageErrors) errors.push(`/playground/: uncaught: ${e}`);
  return values;
}


/** First results: the results pane must be on screen without scrolling, so the viewport is sized to it. */
export async function measureFirstResults(browser: Browser, origin: string): Promise<Record<string, unknown>> {
  const probe = await openPlainPlayground(browser, origin);
  const top = await probe.page.evaluate(() => document.querySelector('[data-pane="results"]')?.getBoundingClientRect().top ?? 0);
  await probe.close();
  const height = Math.min(4000, Math.max(800, Math.ceil(top + 300)));
  const runs: FirstResults[] = [];
  const bare: FirstResults[] = [];
  for (let i = 0; i < FIRST_RESULT_RUNS; i++) {
    runs.push(await firstResults(browser, origin, height));
    bare.push(await firstResults(browser, origin, height, true));
  }
  const pick = (key: keyof FirstResults, list = runs): number | null => {
    const values = list.map((r) => r[key]).filter((v): v is number => typeof v === 'number' && v > 0);
    return values.length ? round(median(values)) : null;
  };
  if (pick('results') === null) notes.push('/playground/: no Element Timing entry for the results pane; see the page FCP instead');
  return {
    viewport: `1280×${height}`, runs: runs.length,
    fcpMs: pick('fcp'), resultsPaintMs: pick('results'), resultsInDomMs: pick('resultsInDom'), readyMs: pick('ready'),
    domContentLoadedMs: pick('domContentLoaded'), loadMs: pick('load'), all: runs,
    withoutScripts: { fcpMs: pick('fcp', bare), resultsPaintMs: pick('results', bare), all: bare },
  };
}

/** The workbench promise: navigation → first decision painted inside a 1440×900 viewport, cold and from a link. */
export async function measureFirstDecision(browser: Browser, origin: string): Promise<Record<string, unknown>> {
  const fragment = cliLinkFragment();
  if (!fragment) errors.push('hpa-lab link printed no link');
  const cold: DecisionPaint[] = [];
  const linked: DecisionPaint[] = [];
  for (let i = 0; i < FIRST_RESULT_RUNS; i++) {
    cold.push(await decisionPaint(browser, `${origin}/playground/`));
    if (fragment) linked.push(await decisionPaint(browser, `${origin}/playground/#${fragment}`));
  }
  const med = (values: (number | null)[]): number | null => {
    const list = values.filter((v): v is number => typeof v === 'number');
    return list.length ? round(median(list)) : null;
  };
  return {
    viewport: '1440×900', runs: cold.length,
    coldMs: med(cold.map((r) => r.first)), coldReadyMs: med(cold.map((r) => r.ready)),
    linkMs: med(linked.map((r) => r.afterRedraw ?? r.readyFrame)), linkRedrawnAtMs: med(linked.map((r) => r.redrawnAt)), linkReadyMs: med(linked.map((r) => r.ready)),
    all: { cold, linked },
  };
}
