/** Big namespaces in the playground (a paste, a link holding a dump): time, long tasks and the renderer's memory. */
import { spawnSync } from 'node:child_process';
import type { Browser } from '@playwright/test';
import { encodeState } from '../../engine/link/codec.ts';
import { BENCH_VERSIONS, namespaceList } from '../../test/support/generated-namespace.ts';
import { DESKTOP, errors, median, round } from './common.ts';
import { openPlainPlayground } from './probes.ts';

export interface BigInput { toResultsMs: number | null; longestTaskMs: number; blockingMs: number; tasks: number; error: string | null }

/**
 * Runs in the page: opens `isvc` as new texts (what a paste or an opened file gives, through the
 * element's own action), then clicks the event button `click` (if any) `repeat` times; for each, the
 * time until the results pane changed and the page is no longer updating, and the main thread's long
 * tasks (over 50 ms) meanwhile.
 */
export async function timeBigInput(options: { isvc: string; scenario: string; click: string | null; repeat: number }): Promise<BigInput[]> {
  type El = HTMLElement & { dispatch(a: unknown): void; state: { pending?: unknown; good: unknown } };
  const el = document.querySelector('hpa-playground') as El;
  const pane = document.querySelector('[data-pane="results"]')!;
  const tasks: { start: number; duration: number }[] = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: false });
  const settle = (t0: number, timeout: number): Promise<number | null> => new Promise((done) => {
    let changed = false;
    const observer = new MutationObserver(() => { changed = true; });
    observer.observe(pane, { childList: true, subtree: true, characterData: true });
    const poll = (): void => {
      if (changed && !el.state.pending) { observer.disconnect(); requestAnimationFrame(() => done(performance.now())); return; }
      if (performance.now() - t0 > timeout) { observer.disconnect(); done(null); return; }
      setTimeout(poll, 5);
    };
    poll();
  });
  const measure = async (act: () => void): Promise<BigInput> => {
    await new Promise((r) => setTimeout(r, 300));
    const from = tasks.length;
    const t0 = performance.now();
    act();
    const t1 = await settle(t0, 180_000);
    await new Promise((r) => setTimeout(r, 100));
    const mine = tasks.slice(from).filter((t) => t.start >= t0 - 1);
    return {
      toResultsMs: t1 === null ? null : t1 - t0,
      longestTaskMs: Math.max(0, ...mine.map((t) => t.duration)),
      blockingMs: mine.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
      tasks: mine.length,
      error: t1 === null ? 'the results did not change within 180 s' : null,
    };
  };
  const out: BigInput[] = [await measure(() => el.dispatch({ type: 'load', link: { isvc: options.isvc, hpas: '', scenario: options.scenario, step: 0 }, at: 'first-difference' }))];
  for (let i = 0; i < options.repeat && options.click; i++) {
    const button = document.querySelector<HTMLButtonElement>(`[data-key="${options.click}"]`);
    if (!button) return [...out, { toResultsMs: null, longestTaskMs: 0, blockingMs: 0, tasks: 0, error: `no button ${options.click}` }];
    out.push(await measure(() => button.click()));
  }
  return out;
}

/** The largest resident set of a Chromium renderer process, sampled until `stop` (the page and its workers live there). */
export function sampleRendererRss(): { stop: () => number } {
  let peak = 0;
  const sample = (): void => {
    const ps = spawnSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
    for (const line of ps.stdout.split('\n')) {
      if (!line.includes('--type=renderer')) continue;
      const kb = Number(line.trim().split(/\s+/, 1)[0]);
      if (kb > peak) peak = kb;
    }
  };
  const timer = setInterval(sample, 200);
  sample();
  return { stop: () => { clearInterval(timer); sample(); return peak / 1024; } };
}

/**
 * Issue 17's playground rows and issue 21 item 3: the generated namespace of bench/namespace.ts
 * opened at 30 and 200 models (and events added to the 30), and a link holding a 700-model dump.
 */
export async function measureBigInput(browser: Browser, origin: string): Promise<Record<string, unknown>> {
  const scenario = `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${BENCH_VERSIONS.join(', ')}]\nevents: [resync]\n`;
  const big: Record<string, unknown> = {};
  for (const models of [30, 200]) {
    const { page, pageErrors, close } = await openPlainPlayground(browser, origin);
    const rows = await page.evaluate(timeBigInput, { isvc: namespaceList(models), scenario, click: models === 30 ? 'event-resync' : null, repeat: models === 30 ? 5 : 0 });
    for (const row of rows) if (row.error) errors.push(`/playground/ ${models} models: ${row.error}`);
    for (const e of pageErrors) errors.push(`/playground/ (${models} models): uncaught: ${e}`);
    await close();
    const clicks = rows.slice(1);
    big[`models${models}`] = {
      open: rows[0],
      ...(clicks.length ? { addEvent: { count: clicks.length, toResultsMs: round(median(clicks.map((r) => r.toResultsMs ?? NaN))), longestTaskMs: round(Math.max(...clicks.map((r) => r.longestTaskMs))) } } : {}),
    };
  }
  // Opened or refused, how soon, and the renderer's peak memory.
  const fragment = await encodeState({ isvc: namespaceList(700), hpas: '', scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\n', step: 0 });
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const rss = sampleRendererRss();
  const t0 = performance.now();
  await page.goto(`${origin}/playground/#${fragment}`, { waitUntil: 'load', timeout: 120_000 });
  const outcome = await page.waitForSelector('hpa-playground[data-ready]', { timeout: 300_000 }).then(async () => ((await page.locator('[data-pane="link-error"]:not([hidden])').count()) > 0 || (await page.locator('.pg-stale-banner').count()) > 0 ? 'refused' : 'opened'), () => 'not ready within 300 s');
  const seconds = (performance.now() - t0) / 1000;
  big.link700 = { fragmentChars: fragment.length, outcome, seconds: round(seconds, 2), peakRendererRssMB: round(rss.stop()) };
  await context.close();
  return big;
}
