/** What a page fetches in Chromium, and the JS each built page loads before any interaction. */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DESKTOP, errors, gzipSize, IDLE_CAP_MS, IDLE_MS, notes, sleep } from './common.ts';

export interface Fetched {
  url: string;
  path: string;
  type: string;
  status: number;
  raw: number;
  gzip: number;
  /** ms after the collector started (page.goto), in request order. */
  at: number;
}

export interface Collector {
  fetched: Fetched[];
  /** URLs in the order they were requested, filled at once (fetched waits for the bodies). */
  requested: string[];
  workers: Set<string>;
  pageErrors: string[];
  /** Settles once nothing has been in flight for `IDLE_MS`; false if `IDLE_CAP_MS` passed first. */
  idle: () => Promise<boolean>;
  done: () => Promise<void>;
}

export function collect(context: BrowserContext, page: Page, origin: string): Collector {
  const start = performance.now();
  const fetched: Fetched[] = [];
  const requested: string[] = [];
  const pending: Promise<void>[] = [];
  const workers = new Set<string>();
  const pageErrors: string[] = [];
  let inflight = 0;
  let last = performance.now();
  context.on('request', (request) => {
    inflight += 1;
    last = performance.now();
    requested.push(request.url());
    const at = performance.now() - start;
    const entry = (async (): Promise<void> => {
      const response = await request.response().catch(() => null);
      const body = response && response.status() < 300 ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      const url = request.url();
      fetched.push({ url, path: url.startsWith(origin) ? url.slice(origin.length) : url, type: request.resourceType(), status: response?.status() ?? 0, raw: body.length, gzip: body.length ? gzipSize(body) : 0, at });
    })();
    pending.push(entry);
  });
  const settle = (): void => { inflight = Math.max(0, inflight - 1); last = performance.now(); };
  context.on('requestfinished', settle);
  context.on('requestfailed', (request) => {
    settle();
    if (!/favicon/.test(request.url())) pageErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('worker', (worker) => workers.add(worker.url()));
  page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
  return {
    fetched,
    requested,
    workers,
    pageErrors,
    idle: async () => {
      const since = performance.now();
      while (performance.now() - since < IDLE_CAP_MS) {
        if (inflight === 0 && performance.now() - last >= IDLE_MS) return true;
        await sleep(50);
      }
      return false;
    },
    /** Call before closing the context: bodies are read from the live browser. */
    done: async () => {
      const all = Promise.all(pending).then(() => true);
      if (!(await Promise.race([all, sleep(30_000).then(() => false)]))) pageErrors.push('some response bodies could not be read within 30 s');
      fetched.sort((a, b) => a.at - b.at);
    },
  };
}

export const isJs = (f: Fetched): boolean => f.type === 'script' || /\.m?js(\?|$)/.test(f.url);
export const isCss = (f: Fetched): boolean => f.type === 'stylesheet' || /\.css(\?|$)/.test(f.url);
export const isFont = (f: Fetched): boolean => f.type === 'font' || /\.(woff2?|ttf|otf)(\?|$)/.test(f.url);
export const sum = (list: Fetched[]): { files: number; raw: number; gzip: number } => ({ files: list.length, raw: list.reduce((s, f) => s + f.raw, 0), gzip: list.reduce((s, f) => s + f.gzip, 0) });
export const short = (path: string): string => path.replace(/^\/_astro\//, '').replace(/\.astro_astro_type_script_index_0_lang/, '');
/** "Search.astro_astro_type_script_index_0_lang.D6kdV2AE.js" → "Search". */
export const stem = (path: string): string => short(path).replace(/[.-][\w-]{5,12}\.m?js$/, '');

export interface PageJs {
  route: string;
  scripts: { path: string; raw: number; gzip: number }[];
  raw: number;
  gzip: number;
  inlineRaw: number;
  inlineGzip: number;
  idle: boolean;
  textLength: number | null;
}

/** Inline (not JSON) script text on the page, and the length of the main text, whitespace collapsed. */
function inspectPage(): { inline: string; textLength: number | null } {
  const inline = [...document.querySelectorAll('script:not([src])')]
    .filter((s) => ['', 'module', 'text/javascript', 'application/javascript'].includes((s.getAttribute('type') ?? '').toLowerCase()))
    .map((s) => s.textContent ?? '').join('\n');
  const main = document.querySelector('.sl-markdown-content');
  return { inline, textLength: main ? (main.textContent ?? '').replace(/\s+/g, ' ').trim().length : null };
}

export async function pageJs(browser: Browser, origin: string, route: string): Promise<PageJs> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  const collector = collect(context, page, origin);
  const response = await page.goto(origin + route, { waitUntil: 'load', timeout: 120_000 });
  if (!response || response.status() >= 400) errors.push(`${route}: HTTP ${response?.status() ?? 'no response'}`);
  const idle = await collector.idle();
  const { inline, textLength } = await page.evaluate(inspectPage);
  await collector.done();
  await context.close();
  for (const f of collector.fetched) if (f.status >= 400) errors.push(`${route}: ${f.path} answered ${f.status}`);
  for (const e of collector.pageErrors) errors.push(`${route}: ${e}`);
  if (!idle) notes.push(`${route}: the network was not idle ${IDLE_MS / 1000} s after load within ${IDLE_CAP_MS / 1000} s; counted what had loaded`);
  const js = collector.fetched.filter(isJs);
  const total = sum(js);
  const inlineBytes = Buffer.byteLength(inline);
  return {
    route, idle, textLength,
    scripts: js.map((f) => ({ path: f.path, raw: f.raw, gzip: f.gzip })),
    raw: total.raw, gzip: total.gzip,
    inlineRaw: inlineBytes, inlineGzip: inlineBytes ? gzipSize(inline) : 0,
  };
}
