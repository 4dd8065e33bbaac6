/** The playground's JS three ways (plain editor, Monaco, phone): what loads before Monaco, Monaco's lazy part, what a phone gets. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions } from '@playwright/test';
import { DESKTOP, EDITOR_KEY, errors, gzipSize, MONACO_CHUNK, notes, PHONE, round, sleep } from './common.ts';
import { collect, isCss, isFont, isJs, sum, type Fetched, type PageJs } from './network.ts';

/** `bareJs`: what a bare Starlight page loads, so the playground's own JS can be told from Starlight's. */
export async function playgroundJs(browser: Browser, origin: string, siteDist: string, bareJs: Record<string, PageJs>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // The same page three ways: plain editor (desktop), Monaco (desktop, fine pointer), phone (touch).
  // Desktop visits scroll each editor into view after load + idle, then wait for idle again.
  const visit = async (options: BrowserContextOptions, plain: boolean, scroll: boolean, label: string) => {
    const context = await browser.newContext(options);
    if (plain) await context.addInitScript({ content: `try { localStorage.setItem(${JSON.stringify(EDITOR_KEY)}, 'plain'); } catch {}` });
    const page = await context.newPage();
    const collector = collect(context, page, origin);
    await page.goto(`${origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
    if (!(await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 }).then(() => true, () => false))) errors.push(`/playground/ (${label}): never got data-ready`);
    await collector.idle();
    const requestsAtLoad = collector.requested.length;
    const monacoAtLoad = collector.requested.some((url) => MONACO_CHUNK.test(url));
    if (scroll) {
      // Monaco loads when a reader reaches for an editor (pointer or focus), so bring the pointer there.
      for (const i of [0, 1]) {
        await page.locator('.pg-editor').nth(i).hover();
        await sleep(300);
      }
      if (!plain) await page.waitForFunction(() => document.querySelectorAll('.editor-host-monaco').length >= 2, null, { timeout: 60_000 }).catch(() => notes.push('/playground/: Monaco did not replace both editors within 60 s of hovering them'));
      await collector.idle();
    }
    const monacoEditors = await page.evaluate(() => document.querySelectorAll('.editor-host-monaco').length);
    await collector.done();
    await context.close();
    for (const e of collector.pageErrors) errors.push(`/playground/ (${label}): ${e}`);
    for (const f of collector.fetched) if (f.status >= 400) errors.push(`/playground/ (${label}): ${f.path} answered ${f.status}`);
    return { fetched: collector.fetched, workers: collector.workers, requestsAtLoad, monacoAtLoad, monacoEditors };
  };
  const plain = await visit(DESKTOP, true, true, 'plain editor');
  const rich = await visit(DESKTOP, false, true, 'Monaco');
  const phone = await visit(PHONE, false, false, 'phone');
  if (plain.monacoEditors > 0 || plain.fetched.some((f) => MONACO_CHUNK.test(f.url))) notes.push('/playground/: Monaco loaded although the plain editor was chosen');

  const monacoAt = rich.fetched.findIndex((f) => MONACO_CHUNK.test(f.url));
  if (monacoAt < 0) notes.push('/playground/: no monaco-host chunk was requested, so the Monaco numbers are empty');
  const before = monacoAt < 0 ? rich.fetched : rich.fetched.slice(0, monacoAt);
  // What the page fetches anyway (Pagefind's UI on idle, say) is not Monaco's.
  const withoutMonaco = new Set(plain.fetched.map((f) => f.path));
  const lazy = monacoAt < 0 ? [] : rich.fetched.slice(monacoAt).filter((f) => !withoutMonaco.has(f.path));
  const isWorker = (f: Fetched): boolean => rich.workers.has(f.url);
  const lazyJs = lazy.filter((f) => isJs(f) && !isWorker(f));
  const workerFiles = lazy.filter(isWorker);
  const builtWorkers = readdirSync(join(siteDist, '_astro')).filter((f) => /worker.*\.m?js$/.test(f)).map((f) => {
    const body = readFileSync(join(siteDist, '_astro', f));
    return { file: f, raw: body.length, gzip: gzipSize(body), fetched: workerFiles.some((w) => w.path.endsWith(`/${f}`)) };
  });
  const files = (list: Fetched[]): string[] => list.map((f) => f.path);
  out.jsBeforeMonaco = { ...sum(before.filter(isJs)), files: files(before.filter(isJs)) };
  // Whose JS: what a bare Starlight page loads too is Starlight's; the rest is the playground's own.
  const starlightFiles = new Set(Object.values(bareJs).flatMap((p) => p.scripts.map((x) => x.path)));
  const own = before.filter((f) => isJs(f) && !starlightFiles.has(f.path));
  const theirs = before.filter((f) => isJs(f) && starlightFiles.has(f.path));
  out.jsBeforeMonacoSplit = { own: { ...sum(own), files: files(own) }, starlight: { ...sum(theirs), files: files(theirs) } };
  out.jsWithoutMonaco = { ...sum(plain.fetched.filter(isJs)), files: files(plain.fetched.filter(isJs)) };
  out.monaco = {
    requestedAtLoad: rich.monacoAtLoad, requestedAfterMs: monacoAt < 0 ? null : round(rich.fetched[monacoAt]!.at), requestsAtLoad: rich.requestsAtLoad,
    js: { ...sum(lazyJs), files: files(lazyJs) }, css: { ...sum(lazy.filter(isCss)), files: files(lazy.filter(isCss)) },
    fonts: { ...sum(lazy.filter(isFont)), files: files(lazy.filter(isFont)) }, workers: { ...sum(workerFiles), files: files(workerFiles) }, builtWorkers,
    note: 'Monaco CSS travels inside the JS chunk (playground/editor/vite-plugin.ts), so CSS files are usually 0',
  };
  const phoneJs = phone.fetched.filter(isJs);
  out.phoneJs = { ...sum(phoneJs), monacoRequested: phoneJs.some((f) => MONACO_CHUNK.test(f.url)), files: files(phoneJs) };
  return out;
}
