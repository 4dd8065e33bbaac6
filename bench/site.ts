/**
 * `npm run bench:site`: what the built site costs a reader. Not a test: it prints numbers and
 * writes bench/results/site.json; it exits non-zero only on real errors (the build fails, a page
 * or script answers 4xx/5xx, a page throws, the playground never enhances), never on slowness.
 *
 * 1. Snapshots the work tree into a temporary folder (node_modules copied, nothing of the repo is
 *    touched), builds it there (build 1 = the site), and serves the output on a loopback port with
 *    a small static server (gzip, Cache-Control max-age=600, like GitHub Pages).
 * 2. JS each built page loads before any interaction, in Chromium via the network.
 * 3. A bare Starlight page with the analysis article's text as plain Markdown (en and zh-cn), built
 *    into the same snapshot (build 2), compared with the article.
 * 4. Playground: eager JS vs Monaco's lazy chunk, first results, edit and step timings.
 * 5. Lighthouse (mobile and desktop) for the article and the playground, with the system Chromium.
 * See bench/README.md for what each number means. BENCH_SITE_KEEP=1 keeps the temporary folder.
 * This file runs the probes in order and prints their tables; each probe is a file in bench/site/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { writeBarePages } from './site/bare-page.ts';
import { measureBigInput, type BigInput } from './site/big-input.ts';
import { build, snapshot, work } from './site/build.ts';
import { ARTICLE, CHROME_FLAGS, CHROMIUM, errors, kB, log, ms, notes, ROOT, round, table } from './site/common.ts';
import { measureFirstDecision, measureFirstResults } from './site/first-paint.ts';
import { measureInteraction } from './site/interaction.ts';
import { lighthouse, type LighthouseRun } from './site/lighthouse.ts';
import { pageJs, short, stem, type PageJs } from './site/network.ts';
import { playgroundJs } from './site/playground-js.ts';
import { routes, serve } from './site/serve.ts';

const started = performance.now();
// ---------------------------------------------------------------------------------------------
// Main

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, chromium: CHROMIUM };
let browser: Browser | null = null;
const servers: { close: () => Promise<void> }[] = [];
let exitCode = 0;

try {
  log(`bench:site — snapshot of ${ROOT} in ${work}`);
  const snapStart = performance.now();
  snapshot();
  const snapMs = performance.now() - snapStart;
  const siteDist = join(work, 'dist-site');
  const bareDist = join(work, 'dist-bare');
  const build1 = await build(siteDist, 'build-site');
  log(`build 1 (site) ${(build1 / 1000).toFixed(1)} s (snapshot ${(snapMs / 1000).toFixed(1)} s)`);

  const site = await serve(siteDist);
  servers.push(site);
  const chrome = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS });
  browser = chrome;
  results.browser = chrome.version();

  const barePages = await writeBarePages(chrome, site.origin);
  const build2 = await build(bareDist, 'build-bare');
  log(`build 2 (site + bare pages) ${(build2 / 1000).toFixed(1)} s`);
  const bare = await serve(bareDist);
  servers.push(bare);
  results.build = { snapshotSeconds: round(snapMs / 1000), siteSeconds: round(build1 / 1000), bareSeconds: round(build2 / 1000) };

  // 1. JS per page.
  log('\nmeasuring JS per page (desktop 1280×800, load + 2 s network idle, no interaction)…');
  const pages: PageJs[] = [];
  for (const route of routes(siteDist)) pages.push(await pageJs(browser, site.origin, route));
  const bareJs: Record<string, PageJs> = {};
  for (const [locale, { bareRoute }] of Object.entries(barePages)) bareJs[locale] = await pageJs(browser, bare.origin, bareRoute);

  const scriptsOf = (p: PageJs): string => p.scripts.map((s) => stem(s.path)).join(' ');
  log(`\n## JS loaded before any interaction (${pages.length} pages; kB = 1000 bytes; gzip at zlib level 6)\n`);
  log(table(
    ['page', 'files', 'raw kB', 'gzip kB', 'inline raw B', 'inline gzip B', 'scripts'],
    pages.map((p) => [p.route + (p.idle ? '' : ' (not idle)'), p.scripts.length, kB(p.raw), kB(p.gzip), p.inlineRaw, p.inlineGzip, scriptsOf(p)]),
    [false, true, true, true, true, true, false],
  ));

  const comparison: Record<string, unknown> = {};
  const comparisonRows: (string | number)[][] = [];
  for (const [locale, { articleRoute, bareRoute }] of Object.entries(barePages)) {
    const a = pages.find((p) => p.route === articleRoute);
    const b = bareJs[locale]!;
    if (!a) {
      errors.push(`${articleRoute} was not built`);
      continue;
    }
    const aSet = new Set(a.scripts.map((s) => s.path));
    const bSet = new Set(b.scripts.map((s) => s.path));
    const onlyArticle = [...aSet].filter((s) => !bSet.has(s)).map(short);
    const onlyBare = [...bSet].filter((s) => !aSet.has(s)).map(short);
    const ratio = (x: number, y: number): number | null => (y > 0 ? round(x / y, 2) : x === 0 ? 1 : null);
    const fixed = (value: number | null): string => (value === null ? 'n/a' : value.toFixed(2));
    comparison[locale] = {
      article: { route: articleRoute, raw: a.raw, gzip: a.gzip, inlineRaw: a.inlineRaw, textLength: a.textLength, scripts: a.scripts.map((s) => s.path) },
      bare: { route: bareRoute, raw: b.raw, gzip: b.gzip, inlineRaw: b.inlineRaw, textLength: b.textLength, scripts: b.scripts.map((s) => s.path) },
      ratioRaw: ratio(a.raw, b.raw), ratioGzip: ratio(a.gzip, b.gzip), ratioInline: ratio(a.inlineRaw, b.inlineRaw),
      onlyInArticle: onlyArticle, onlyInBare: onlyBare,
    };
    comparisonRows.push([
      locale, `${kB(a.raw)} / ${kB(a.gzip)}`, `${kB(b.raw)} / ${kB(b.gzip)}`,
      fixed(ratio(a.raw, b.raw)), fixed(ratio(a.gzip, b.gzip)), `${a.inlineRaw} / ${b.inlineRaw}`,
      `${a.textLength ?? '?'} / ${b.textLength ?? '?'}`, onlyArticle.join(' ') || '—', onlyBare.join(' ') || '—',
    ]);
  }
  log(`\n## The analysis article vs a bare Starlight page with the same text (plain Markdown, no components; target ratio 1.00)\n`);
  log(table(
    ['locale', 'article raw/gzip kB', 'bare raw/gzip kB', 'ratio raw', 'ratio gzip', 'inline B art/bare', 'text chars art/bare', 'only in article', 'only in bare'],
    comparisonRows, [false, true, true, true, true, true, true, false, false],
  ));
  results.pages = pages;
  results.articleVsBare = comparison;

  // 3. Playground.
  log('\nmeasuring the playground…');
  const playground: Record<string, unknown> = {};
  Object.assign(playground, await playgroundJs(chrome, site.origin, siteDist, bareJs));
  playground.firstResults = await measureFirstResults(chrome, site.origin);
  playground.firstDecision = await measureFirstDecision(chrome, site.origin);
  Object.assign(playground, await measureInteraction(chrome, site.origin));
  playground.big = await measureBigInput(chrome, site.origin);
  results.playground = playground;

  const pg = playground as {
    jsBeforeMonaco: { files: string[]; raw: number; gzip: number };
    jsWithoutMonaco: { files: string[]; raw: number; gzip: number };
    monaco: { requestedAtLoad: boolean; requestedAfterMs: number | null; js: { files: string[]; raw: number; gzip: number }; css: { files: string[]; raw: number; gzip: number }; fonts: { files: string[]; raw: number; gzip: number }; workers: { files: string[]; raw: number; gzip: number }; builtWorkers: { file: string; raw: number; gzip: number; fetched: boolean }[] };
    phoneJs: { files: string[]; raw: number; gzip: number; monacoRequested: boolean };
    firstResults: { viewport: string; runs: number; fcpMs: number | null; resultsPaintMs: number | null; resultsInDomMs: number | null; readyMs: number | null; domContentLoadedMs: number | null; loadMs: number | null; withoutScripts: { fcpMs: number | null; resultsPaintMs: number | null } };
    firstDecision: { viewport: string; runs: number; coldMs: number | null; coldReadyMs: number | null; linkMs: number | null; linkRedrawnAtMs: number | null; linkReadyMs: number | null };
    jsBeforeMonacoSplit: { own: { files: string[]; raw: number; gzip: number }; starlight: { files: string[]; raw: number; gzip: number } };
    edits: { count: number; inputToResults: { median: number; p95: number } | null; evaluateAndRender: { median: number; p95: number } | null; inputToNextFrame: { median: number; p95: number } | null };
    steps: { count: number; steps: number; clickHandler: { median: number; p95: number } | null; clickToNextFrame: { median: number; p95: number } | null };
    big: {
      models30: { open: BigInput; addEvent: { count: number; toResultsMs: number; longestTaskMs: number } };
      models200: { open: BigInput };
      link700: { fragmentChars: number; outcome: string; seconds: number; peakRendererRssMB: number };
    };
  };
  const mp = (s: { median: number; p95: number } | null): string => (s ? `${ms(s.median)} / ${ms(s.p95)}` : 'n/a');
  log('\n## Playground (/playground/, en; no CPU or network throttling)\n');
  log(table(['number', 'value', 'how'], [
    ['JS before Monaco is requested, raw / gzip kB', `${kB(pg.jsBeforeMonaco.raw)} / ${kB(pg.jsBeforeMonaco.gzip)}`, `desktop 1280×800: ${pg.jsBeforeMonaco.files.map(short).join(' ')}`],
    ['… of which the playground\'s own, raw / gzip kB', `${kB(pg.jsBeforeMonacoSplit.own.raw)} / ${kB(pg.jsBeforeMonacoSplit.own.gzip)}`, pg.jsBeforeMonacoSplit.own.files.map(short).join(' ')],
    ['… of which Starlight\'s (a bare page loads them too), raw / gzip kB', `${kB(pg.jsBeforeMonacoSplit.starlight.raw)} / ${kB(pg.jsBeforeMonacoSplit.starlight.gzip)}`, pg.jsBeforeMonacoSplit.starlight.files.map(short).join(' ')],
    ['JS with the plain editor (no Monaco), raw / gzip kB', `${kB(pg.jsWithoutMonaco.raw)} / ${kB(pg.jsWithoutMonaco.gzip)}`, `load + idle + editors scrolled into view: ${pg.jsWithoutMonaco.files.map(short).join(' ')}`],
    ['Monaco requested before any interaction (1280×800)?', pg.monaco.requestedAtLoad ? 'yes' : 'no', pg.monaco.requestedAfterMs === null ? 'not requested' : `first Monaco chunk requested ${ms(pg.monaco.requestedAfterMs)} ms after navigation start`],
    ['Monaco lazy JS, raw / gzip kB', `${kB(pg.monaco.js.raw)} / ${kB(pg.monaco.js.gzip)}`, pg.monaco.js.files.map(short).join(' ') || '—'],
    ['Monaco lazy CSS files, raw / gzip kB', `${kB(pg.monaco.css.raw)} / ${kB(pg.monaco.css.gzip)}`, pg.monaco.css.files.map(short).join(' ') || 'none: the CSS rides in the JS chunk'],
    ['Monaco fonts, raw / gzip kB', `${kB(pg.monaco.fonts.raw)} / ${kB(pg.monaco.fonts.gzip)}`, pg.monaco.fonts.files.map(short).join(' ') || '—'],
    ['Monaco workers fetched, raw / gzip kB', `${kB(pg.monaco.workers.raw)} / ${kB(pg.monaco.workers.gzip)}`, pg.monaco.workers.files.map(short).join(' ') || '—'],
    ['Worker files in the build, raw / gzip kB', pg.monaco.builtWorkers.map((w) => `${kB(w.raw)} / ${kB(w.gzip)}`).join(', ') || '—', pg.monaco.builtWorkers.map((w) => `${w.file}${w.fetched ? '' : ' (not fetched)'}`).join(' ')],
    ['Phone (412×915, touch): JS at load, raw / gzip kB', `${kB(pg.phoneJs.raw)} / ${kB(pg.phoneJs.gzip)}`, `Monaco requested: ${pg.phoneJs.monacoRequested ? 'yes' : 'no'}`],
    [`Navigation → first decision painted inside 1440×900, cold, ms (median of ${pg.firstDecision.runs})`, ms(pg.firstDecision.coldMs), `the preset, server-rendered; element ready at ${ms(pg.firstDecision.coldReadyMs)} ms`],
    ['Navigation → first decision painted from an `hpa-lab link` link, ms', ms(pg.firstDecision.linkMs), `upgrade-from-v0.12's decisions, drawn over the preset (results redrawn at ${ms(pg.firstDecision.linkRedrawnAtMs)} ms, ready at ${ms(pg.firstDecision.linkReadyMs)} ms)`],
    [`First contentful paint, ms (median of ${pg.firstResults.runs})`, ms(pg.firstResults.fcpMs), `viewport ${pg.firstResults.viewport}, results pane on screen`],
    ['Results pane painted (Element Timing), ms', ms(pg.firstResults.resultsPaintMs), `server-rendered; in the DOM at ${ms(pg.firstResults.resultsInDomMs)} ms`],
    ['… the same with every script blocked: FCP / results painted, ms', `${ms(pg.firstResults.withoutScripts.fcpMs)} / ${ms(pg.firstResults.withoutScripts.resultsPaintMs)}`, 'what the HTML and CSS alone give'],
    ['Element enhanced (hpa-playground[data-ready]), ms', ms(pg.firstResults.readyMs), `DOMContentLoaded ${ms(pg.firstResults.domContentLoadedMs)} ms, load ${ms(pg.firstResults.loadMs)} ms`],
    [`Edit: input → results updated, median / p95 ms (${pg.edits.count})`, mp(pg.edits.inputToResults), 'plain editor; includes the 200 ms debounce'],
    ['Edit: re-evaluate + render after the debounce, median / p95 ms', mp(pg.edits.evaluateAndRender), 'debounce timer fires → results pane replaced'],
    ['Edit: input → next frame, median / p95 ms', mp(pg.edits.inputToNextFrame), 'rAF after the update, then a message'],
    [`Step click: handler (evaluate + render), median / p95 ms (${pg.steps.count})`, mp(pg.steps.clickHandler), `timeline buttons, ${pg.steps.steps} steps`],
    ['Step click → next frame, median / p95 ms', mp(pg.steps.clickToNextFrame), ''],
    [`Add an event (resync) to a 30-model namespace: click → results, median ms (${pg.big.models30.addEvent.count})`, ms(pg.big.models30.addEvent.toResultsMs), `longest main-thread task ${ms(pg.big.models30.addEvent.longestTaskMs)} ms; 5 releases`],
    ['Open a 200-model namespace (paste / file): → results, ms', ms(pg.big.models200.open.toResultsMs), `longest main-thread task ${ms(pg.big.models200.open.longestTaskMs)} ms, blocking ${ms(pg.big.models200.open.blockingMs)} ms over ${pg.big.models200.open.tasks} long tasks`],
    ['A link holding a 700-model dump: outcome, s', `${pg.big.link700.outcome}, ${pg.big.link700.seconds.toFixed(1)}`, `${pg.big.link700.fragmentChars} characters; peak renderer RSS ${pg.big.link700.peakRendererRssMB.toFixed(0)} MB`],
  ], [false, true, false]));

  // 2. Lighthouse.
  log('\nrunning Lighthouse (4 runs)…');
  const lighthouseRuns: LighthouseRun[] = [];
  for (const route of [`/${ARTICLE}/`, '/playground/']) {
    for (const formFactor of ['mobile', 'desktop'] as const) lighthouseRuns.push(await lighthouse(site.origin, route, formFactor));
  }
  results.lighthouse = lighthouseRuns;
  log(`\n## Lighthouse 13.5.0 (${CHROMIUM}, headless=new; mobile = default simulated throttling, desktop = --preset=desktop)\n`);
  log(table(
    ['page', 'form', 'perf', 'a11y', 'best pr.', 'SEO', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'SI ms', 'run s'],
    lighthouseRuns.map((r) => (r.ok && r.scores && r.metrics
      ? [r.url, r.formFactor, r.scores.performance ?? '?', r.scores.accessibility ?? '?', r.scores['best-practices'] ?? '?', r.scores.seo ?? '?', r.metrics['FCP ms'] ?? '?', r.metrics['LCP ms'] ?? '?', r.metrics['TBT ms'] ?? '?', r.metrics.CLS ?? '?', r.metrics['SI ms'] ?? '?', r.seconds]
      : [r.url, r.formFactor, 'could not run', '', '', '', '', '', '', '', '', r.seconds])),
    [false, false, true, true, true, true, true, true, true, true, true, true],
  ));
  for (const r of lighthouseRuns) {
    if (!r.ok) log(`Lighthouse could not run for ${r.url} (${r.formFactor}): ${r.error}`);
    for (const w of r.warnings ?? []) log(`Lighthouse warning, ${r.url} (${r.formFactor}): ${w}`);
  }
} catch (error) {
  errors.push(error instanceof Error ? error.message : String(error));
} finally {
  await browser?.close().catch(() => undefined);
  for (const s of servers) await s.close().catch(() => undefined);
  if (process.env.BENCH_SITE_KEEP === '1') notes.push(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

results.notes = notes;
results.errors = errors;
results.seconds = round((performance.now() - started) / 1000);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/site.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
for (const n of notes) log(`note: ${n}`);
for (const e of errors) console.error(`ERROR: ${e}`);
if (errors.length > 0) exitCode = 1;
log(`\nwrote bench/results/site.json; bench:site took ${results.seconds} s${errors.length ? ` — ${errors.length} error(s)` : ''}`);
process.exitCode = exitCode;
