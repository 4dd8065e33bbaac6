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
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { encodeState } from '../engine/link/codec.ts';
import { BENCH_VERSIONS, namespaceList } from '../test/support/generated-namespace.ts';

const started = performance.now();
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTICLE = 'guides/analysis';
const BARE = 'guides/zz-bench-bare';
const IDLE_MS = 2000;
const IDLE_CAP_MS = 30_000;
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const PHONE: BrowserContextOptions = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const EDITOR_KEY = 'kserve-hpa-lab:editor';
const MONACO_CHUNK = /\/monaco-host[.-][^/]*\.js(\?|$)/;
const EDITS = 20;
const CLICKS = 20;
const FIRST_RESULT_RUNS = 5;

const errors: string[] = [];
const notes: string[] = [];
const log = (line: string): void => console.log(line);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const kB = (bytes: number): string => (bytes / 1000).toFixed(1);
const ms = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : value.toFixed(1));
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
const gzipSize = (buffer: Buffer | string): number => gzipSync(buffer).length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function table(head: string[], rows: (string | number)[][], right: boolean[] = head.map((_, i) => i > 0)): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Snapshot and build

const work = mkdtempSync(join(tmpdir(), 'hpa-lab-bench-site-'));
const project = join(work, 'project');
const SKIP_TOP = new Set(['node_modules', 'dist', '.astro', '.git', 'test-results', 'playwright-report', 'scratch']);
const SKIP_MODULES = new Set(['.astro', '.vite', '.vite-temp', '.vitest-cache', '.cache']);

function snapshot(): void {
  cpSync(ROOT, project, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source);
      if (rel === '') return true;
      const parts = rel.split(sep);
      if (parts.length === 1 && SKIP_TOP.has(parts[0]!)) return false;
      return rel !== join('bench', 'results');
    },
  });
  // A real copy: Astro fails on symlinked packages resolving outside the root, and hard links
  // would share files with the repo's node_modules. Build caches start empty.
  // From its real place: in a git worktree, node_modules is a symlink to the shared install.
  const modules = realpathSync(join(ROOT, 'node_modules'));
  cpSync(modules, join(project, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !SKIP_MODULES.has(relative(modules, source)),
  });
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; output: string; timedOut: boolean; ms: number }> {
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, timedOut, ms: performance.now() - start });
    });
  });
}

async function build(outDir: string, label: string): Promise<number> {
  const env = { ...process.env, HPA_LAB_BASE: '/', ASTRO_TELEMETRY_DISABLED: '1' };
  const result = await run(process.execPath, [join(project, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir], { cwd: project, env, timeoutMs: 30 * 60_000 });
  writeFileSync(join(work, `${label}.log`), result.output);
  if (result.code !== 0) {
    console.error(result.output.split('\n').slice(-40).join('\n'));
    throw new Error(`astro build (${label}) failed${result.timedOut ? ' (no end after 30 min)' : ` with exit code ${result.code}`}`);
  }
  return result.ms;
}

// ---------------------------------------------------------------------------------------------
// Static server

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|manifest)|image\/svg|font\/ttf)/;

function serve(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = resolve(root, `.${path}`);
    if (path.includes('\0') || (file !== root && !file.startsWith(root + sep))) {
      res.writeHead(403).end();
      return;
    }
    let status = 200;
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${path}/` }).end();
        return;
      }
      file = join(file, 'index.html');
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      status = 404;
      file = join(root, '404.html');
      if (!existsSync(file)) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    let body: Buffer = readFileSync(file);
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'max-age=600' };
    if (COMPRESSIBLE.test(type)) {
      headers.Vary = 'Accept-Encoding';
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        let zipped = gzipped.get(file);
        if (!zipped) gzipped.set(file, (zipped = gzipSync(body)));
        body = zipped;
        headers['Content-Encoding'] = 'gzip';
      }
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      ready({
        origin: `http://127.0.0.1:${address.port}`,
        close: () => new Promise((closed) => { server.closeAllConnections(); server.close(() => closed()); }),
      });
    });
  });
}

/** Every built page, from the output's index.html files: "/", "/guides/", … */
function routes(dist: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== '_astro' && entry.name !== 'pagefind') walk(join(dir, entry.name));
      } else if (entry.name === 'index.html') {
        const rel = relative(dist, dir).split(sep).join('/');
        found.push(rel === '' ? '/' : `/${rel}/`);
      }
    }
  };
  walk(dist);
  return found.sort((a, b) => (a.startsWith('/zh-cn/') === b.startsWith('/zh-cn/') ? a.localeCompare(b) : a.startsWith('/zh-cn/') ? 1 : -1));
}

// ---------------------------------------------------------------------------------------------
// Network collection in Chromium

interface Fetched {
  url: string;
  path: string;
  type: string;
  status: number;
  raw: number;
  gzip: number;
  /** ms after the collector started (page.goto), in request order. */
  at: number;
}

interface Collector {
  fetched: Fetched[];
  /** URLs in the order they were requested, filled at once (fetched waits for the bodies). */
  requested: string[];
  workers: Set<string>;
  pageErrors: string[];
  /** Settles once nothing has been in flight for `IDLE_MS`; false if `IDLE_CAP_MS` passed first. */
  idle: () => Promise<boolean>;
  done: () => Promise<void>;
}

function collect(context: BrowserContext, page: Page, origin: string): Collector {
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

const isJs = (f: Fetched): boolean => f.type === 'script' || /\.m?js(\?|$)/.test(f.url);
const isCss = (f: Fetched): boolean => f.type === 'stylesheet' || /\.css(\?|$)/.test(f.url);
const isFont = (f: Fetched): boolean => f.type === 'font' || /\.(woff2?|ttf|otf)(\?|$)/.test(f.url);
const sum = (list: Fetched[]): { files: number; raw: number; gzip: number } => ({ files: list.length, raw: list.reduce((s, f) => s + f.raw, 0), gzip: list.reduce((s, f) => s + f.gzip, 0) });
const short = (path: string): string => path.replace(/^\/_astro\//, '').replace(/\.astro_astro_type_script_index_0_lang/, '');
/** "Search.astro_astro_type_script_index_0_lang.D6kdV2AE.js" → "Search". */
const stem = (path: string): string => short(path).replace(/[.-][\w-]{5,12}\.m?js$/, '');

interface PageJs {
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

async function pageJs(browser: Browser, origin: string, route: string): Promise<PageJs> {
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

// ---------------------------------------------------------------------------------------------
// The bare page: the article's rendered text as plain Markdown

/** Runs in the page: the article body as plain Markdown (headings, paragraphs, lists, tables, code). */
function articleAsMarkdown(): { markdown: string; title: string; description: string } {
  const root = document.querySelector('.sl-markdown-content');
  if (!root) throw new Error('no .sl-markdown-content');
  const flat = (node: Element): string => (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  const esc = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
  const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,ul,ol,pre,table,blockquote,figure,div.expressive-code,div.sl-heading-wrapper,aside,details,hr';
  const out: string[] = [];
  const block = (el: Element): void => {
    const tag = el.tagName.toLowerCase();
    if (/^h[1-6]$/.test(tag)) {
      // Markdown headings sit in Starlight's anchor wrapper; headings inside components stay text,
      // or the bare page would gain anchor links and table-of-contents entries the article lacks.
      out.push(el.parentElement?.classList.contains('sl-heading-wrapper') ? `${'#'.repeat(Number(tag[1]))} ${esc(flat(el))}` : esc(flat(el)));
    } else if (el.classList.contains('sl-heading-wrapper')) {
      const heading = el.querySelector('h1,h2,h3,h4,h5,h6');
      if (heading) block(heading);
    } else if (tag === 'ul' || tag === 'ol') {
      out.push([...el.children].filter((li) => li.tagName === 'LI').map((li, i) => `${tag === 'ol' ? `${i + 1}.` : '-'} ${esc(flat(li))}`).join('\n'));
    } else if (tag === 'pre' || el.classList.contains('expressive-code')) {
      const pre = tag === 'pre' ? el : el.querySelector('pre');
      if (!pre) return;
      const lines = [...pre.querySelectorAll('.ec-line')];
      const code = lines.length ? lines.map((l) => l.textContent ?? '').join('\n') : pre.textContent ?? '';
      const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      out.push(`${fence}${pre.getAttribute('data-language') ?? ''}\n${code}\n${fence}`);
    } else if (tag === 'table') {
      const rows = [...el.querySelectorAll('tr')].map((tr) => [...tr.children].map((cell) => esc(flat(cell))));
      const width = Math.max(...rows.map((r) => r.length));
      if (rows.length === 0 || width === 0) return;
      const line = (cells: string[]): string => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      out.push([line(rows[0]!), line(Array.from({ length: width }, () => '---')), ...rows.slice(1).map(line)].join('\n'));
    } else if (tag === 'hr') {
      out.push('---');
    } else if (tag === 'blockquote') {
      out.push(`> ${esc(flat(el))}`);
    } else if (tag !== 'p' && tag !== 'aside' && el.querySelector(BLOCKS)) {
      for (const child of el.children) block(child);
    } else if (flat(el)) {
      out.push(esc(flat(el)));
    }
  };
  for (const child of root.children) block(child);
  return {
    markdown: out.join('\n\n'),
    title: document.querySelector('h1')?.textContent?.trim() ?? 'Bare page',
    description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

interface LighthouseRun {
  url: string;
  formFactor: 'mobile' | 'desktop';
  ok: boolean;
  error?: string;
  scores?: Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number | null>;
  metrics?: Record<'FCP ms' | 'LCP ms' | 'TBT ms' | 'CLS' | 'SI ms', number | null>;
  warnings?: string[];
  seconds: number;
}

async function lighthouse(origin: string, route: string, formFactor: 'mobile' | 'desktop'): Promise<LighthouseRun> {
  const cli = join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const base = { url: route, formFactor, ok: false, seconds: 0 };
  if (!existsSync(cli)) return { ...base, error: 'lighthouse is not installed (npm i: it is a devDependency)' };
  if (!existsSync(CHROMIUM)) return { ...base, error: `no Chromium at ${CHROMIUM} (set CHROME_PATH)` };
  const output = join(work, `lighthouse-${formFactor}-${route.replace(/\W+/g, '_')}.json`);
  const args = [
    cli, origin + route, '--output=json', `--output-path=${output}`,
    '--only-categories=performance,accessibility,best-practices,seo', '--disable-full-page-screenshot',
    `--chrome-flags=--headless=new ${CHROME_FLAGS.join(' ')}`,
    ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
  ];
  const result = await run(process.execPath, args, { cwd: work, env: { ...process.env, CHROME_PATH: CHROMIUM }, timeoutMs: 300_000 });
  const seconds = round(result.ms / 1000);
  if (result.timedOut) return { ...base, seconds, error: 'Lighthouse did not finish within 300 s' };
  if (result.code !== 0 || !existsSync(output)) {
    const tail = result.output.trim().split('\n').slice(-3).join(' | ') || `exit code ${result.code}`;
    return { ...base, seconds, error: `Lighthouse exited with ${result.code}: ${tail}` };
  }
  const report = JSON.parse(readFileSync(output, 'utf8')) as {
    runtimeError?: { message?: string };
    runWarnings?: string[];
    categories: Record<string, { score: number | null } | undefined>;
    audits: Record<string, { numericValue?: number } | undefined>;
  };
  if (report.runtimeError?.message) return { ...base, seconds, error: `Lighthouse runtime error: ${report.runtimeError.message}` };
  const score = (id: string): number | null => {
    const s = report.categories[id]?.score;
    return s === null || s === undefined ? null : Math.round(s * 100);
  };
  const metric = (id: string, digits = 0): number | null => {
    const v = report.audits[id]?.numericValue;
    return v === undefined ? null : round(v, digits);
  };
  return {
    ...base, ok: true, seconds,
    scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices'), seo: score('seo') },
    metrics: {
      'FCP ms': metric('first-contentful-paint'), 'LCP ms': metric('largest-contentful-paint'), 'TBT ms': metric('total-blocking-time'),
      CLS: metric('cumulative-layout-shift', 3), 'SI ms': metric('speed-index'),
    },
    warnings: report.runWarnings ?? [],
  };
}

// ---------------------------------------------------------------------------------------------
// Playground

/**
 * Browser code shared by the probes below: when the element says it is ready, and the frame after
 * (decisions patched in place emit no new Element Timing entry, so that frame shows what it drew).
 */
const RECORD_READY = `if (bench.ready === null && r.target.localName === 'hpa-playground' && r.target.hasAttribute('data-ready')) {
          bench.ready = performance.now();
          requestAnimationFrame(() => { bench.readyFrame = performance.now(); });
        }`;

/** Init script: when <hpa-playground> gets data-ready, and paint times of the results pane. */
const FIRST_RESULTS_PROBE = `
(() => {
  const bench = (window.__bench = { ready: null, results: null, resultsInDom: null });
  const tag = (node) => {
    if (node.nodeType !== 1) return;
    if (!node.closest('[data-pane="results"]')) return;
    if (bench.resultsInDom === null) bench.resultsInDom = performance.now();
    for (const el of [node, ...node.querySelectorAll('*')]) if (!el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', 'results');
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        ${RECORD_READY}
      } else for (const n of r.addedNodes) tag(n);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.identifier !== 'results') continue;
      const t = e.renderTime || e.loadTime;
      if (bench.results === null || t < bench.results) bench.results = t;
    }
  }).observe({ type: 'element', buffered: true });
})();`;

/** Init script for the edit and step timings: the plain editor, and when the 200 ms edit debounce fires. */
const PLAIN_EDITOR_PROBE = `
(() => {
  try { localStorage.setItem(${JSON.stringify(EDITOR_KEY)}, 'plain'); } catch {}
  const bench = (window.__bench = { debounceFired: null });
  const original = window.setTimeout;
  window.setTimeout = function (fn, delay, ...rest) {
    if (delay === 200 && typeof fn === 'function') {
      const wrapped = (...args) => { bench.debounceFired = performance.now(); return fn(...args); };
      return original.call(this, wrapped, delay, ...rest);
    }
    return original.call(this, fn, delay, ...rest);
  };
})();`;

/**
 * Init script: when the first decision (elementtiming="decision", set by the view) is painted inside
 * the viewport, and, for a link, the first one painted after the element redrew the results for it.
 */
const DECISION_PROBE = `
(() => {
  const bench = (window.__decisions = { first: null, redrawnAt: null, afterRedraw: null, ready: null, readyFrame: null });
  let parsed = false;
  document.addEventListener('DOMContentLoaded', () => { parsed = true; });
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        ${RECORD_READY}
      } else if (parsed && bench.redrawnAt === null) {
        const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (el && el.closest && el.closest('[data-pane="results"]')) bench.redrawnAt = performance.now();
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-ready'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.identifier !== 'decision' || e.intersectionRect.height === 0) continue;
      const t = e.renderTime || e.loadTime;
      if (bench.first === null || t < bench.first) bench.first = t;
      if (bench.redrawnAt !== null && t >= bench.redrawnAt && (bench.afterRedraw === null || t < bench.afterRedraw)) bench.afterRedraw = t;
    }
  }).observe({ type: 'element', buffered: true });
})();`;

interface DecisionPaint { first: number | null; redrawnAt: number | null; afterRedraw: number | null; ready: number | null; readyFrame: number | null }

/** One fresh load at 1440×900: the preset (cold) or a link; when a decision is first painted on screen. */
async function decisionPaint(browser: Browser, url: string): Promise<DecisionPaint> {
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
function cliLinkFragment(): string | null {
  const out = spawnSync(process.execPath, [join(ROOT, 'bin', 'hpa-lab.mjs'), 'link', join(ROOT, 'content', 'scenarios', 'upgrade-from-v0.12.yaml')], { encoding: 'utf8' });
  const url = out.stdout.trim();
  return url.includes('#') ? url.slice(url.indexOf('#') + 1) : null;
}

interface FirstResults { fcp: number | null; results: number | null; resultsInDom: number | null; ready: number | null; domContentLoaded: number | null; load: number | null }

/** One fresh load of the playground; `noScripts` aborts every .js request (the HTML and CSS alone). */
async function firstResults(browser: Browser, origin: string, height: number, noScripts = false): Promise<FirstResults> {
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

interface Timing { total: number; work: number | null; frame: number }

/** Runs in the page: edits the HPA text `count` (+ warm-up) times through the textarea's input event. */
async function timeEdits(options: { count: number; warmup: number }): Promise<{ timings: Timing[]; error: string | null }> {
  const bench = (window as unknown as { __bench: { debounceFired: number | null } }).__bench;
  const textarea = document.querySelector<HTMLTextAreaElement>('textarea[data-editor="hpas"]');
  const pane = document.querySelector('[data-pane="results"]');
  if (!textarea || !pane) return { timings: [], error: 'no HPA textarea or results pane' };
  const original = textarea.value;
  // Renaming the user's HPA away from the predictor's name changes the outcome in every release.
  let edited = original.replace(/^(\s{2}name:\s*)my-isvc-predictor\s*$/m, '$1my-isvc-custom-hpa');
  if (edited === original) edited = `${original}\n# edited`;
  const frame = (): Promise<number> => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  }));
  const wait = (t: number): Promise<void> => new Promise((done) => setTimeout(done, t));
  const timings: Timing[] = [];
  for (let i = 0; i < options.warmup + options.count; i++) {
    let observer: MutationObserver | undefined;
    const updated = new Promise<number | null>((done) => {
      observer = new MutationObserver(() => done(performance.now()));
      observer.observe(pane, { childList: true, subtree: true, characterData: true });
      setTimeout(() => done(null), 10_000);
    });
    bench.debounceFired = null;
    const t0 = performance.now();
    textarea.value = i % 2 === 0 ? edited : original;
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = await updated;
    observer?.disconnect();
    if (t1 === null) return { timings, error: `edit ${i + 1}: the results pane did not change within 10 s` };
    const fired = bench.debounceFired;
    const t2 = await frame();
    if (i >= options.warmup) timings.push({ total: t1 - t0, work: fired === null ? null : t1 - fired, frame: t2 - t0 });
    await wait(400); // past the 250 ms share-link update
  }
  textarea.value = original;
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  await wait(500);
  return { timings, error: null };
}

/** Runs in the page: clicks timeline step buttons `count` (+ warm-up) times. */
async function timeSteps(options: { count: number; warmup: number }): Promise<{ timings: Timing[]; steps: number; error: string | null }> {
  const last = document.querySelector<HTMLElement>('[data-action="step"][data-key="step-last"]');
  const steps = Number(last?.dataset.step ?? 0);
  const pane = document.querySelector('[data-pane="results"]');
  if (!pane || !(steps >= 2)) return { timings: [], steps, error: `need ≥ 2 steps and a results pane (steps: ${steps})` };
  const frame = (): Promise<number> => new Promise((done) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done(performance.now());
    channel.port2.postMessage(0);
  }));
  const wait = (t: number): Promise<void> => new Promise((done) => setTimeout(done, t));
  const timings: Timing[] = [];
  for (let i = 0; i < options.warmup + options.count; i++) {
    const target = 1 + (i % steps);
    const button = document.querySelector<HTMLButtonElement>(`[data-action="step"][data-key="goto-${target}"]`);
    if (!button) return { timings, steps, error: `no button for step ${target}` };
    let changed = false;
    const observer = new MutationObserver(() => { changed = true; });
    observer.observe(pane, { childList: true, subtree: true, characterData: true });
    const t0 = performance.now();
    button.click();
    const t1 = performance.now();
    if (observer.takeRecords().length > 0) changed = true;
    await Promise.resolve();
    observer.disconnect();
    if (!changed) return { timings, steps, error: `click on step ${target}: the results pane did not change` };
    const t2 = await frame();
    if (i >= options.warmup) timings.push({ total: t1 - t0, work: null, frame: t2 - t0 });
    await wait(350);
  }
  return { timings, steps, error: null };
}

interface BigInput { toResultsMs: number | null; longestTaskMs: number; blockingMs: number; tasks: number; error: string | null }

/**
 * Runs in the page: opens `isvc` as new texts (what a paste or an opened file gives, through the
 * element's own action), then clicks the event button `click` (if any) `repeat` times; for each, the
 * time until the results pane changed and the page is no longer updating, and the main thread's long
 * tasks (over 50 ms) meanwhile.
 */
async function timeBigInput(options: { isvc: string; scenario: string; click: string | null; repeat: number }): Promise<BigInput[]> {
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
function sampleRendererRss(): { stop: () => number } {
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

  // The bare pages: the article's text (en, zh-cn) as plain Markdown, built into the snapshot.
  const barePages: Record<string, { bareRoute: string; articleRoute: string }> = {};
  for (const locale of ['en', 'zh-cn'] as const) {
    const prefix = locale === 'en' ? '' : 'zh-cn/';
    const articleRoute = `/${prefix}${ARTICLE}/`;
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(site.origin + articleRoute, { waitUntil: 'load', timeout: 120_000 });
    const article = await page.evaluate(articleAsMarkdown);
    await context.close();
    const file = join(project, 'content', 'docs', `${prefix}${BARE}.md`);
    const front = ['---', `title: ${JSON.stringify(article.title)}`, `description: ${JSON.stringify(article.description)}`, 'sidebar:', '  order: 999', '---', ''];
    writeFileSync(file, `${front.join('\n')}${article.markdown}\n`);
    barePages[locale] = { bareRoute: `/${prefix}${BARE}/`, articleRoute };
  }
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
  {
    // The same page three ways: plain editor (desktop), Monaco (desktop, fine pointer), phone (touch).
    // Desktop visits scroll each editor into view after load + idle, then wait for idle again.
    const visit = async (options: BrowserContextOptions, plain: boolean, scroll: boolean, label: string) => {
      const context = await chrome.newContext(options);
      if (plain) await context.addInitScript({ content: `try { localStorage.setItem(${JSON.stringify(EDITOR_KEY)}, 'plain'); } catch {}` });
      const page = await context.newPage();
      const collector = collect(context, page, site.origin);
      await page.goto(`${site.origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
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
    playground.jsBeforeMonaco = { ...sum(before.filter(isJs)), files: files(before.filter(isJs)) };
    // Whose JS: what a bare Starlight page loads too is Starlight's; the rest is the playground's own.
    const starlightFiles = new Set(Object.values(bareJs).flatMap((p) => p.scripts.map((x) => x.path)));
    const own = before.filter((f) => isJs(f) && !starlightFiles.has(f.path));
    const theirs = before.filter((f) => isJs(f) && starlightFiles.has(f.path));
    playground.jsBeforeMonacoSplit = { own: { ...sum(own), files: files(own) }, starlight: { ...sum(theirs), files: files(theirs) } };
    playground.jsWithoutMonaco = { ...sum(plain.fetched.filter(isJs)), files: files(plain.fetched.filter(isJs)) };
    playground.monaco = {
      requestedAtLoad: rich.monacoAtLoad, requestedAfterMs: monacoAt < 0 ? null : round(rich.fetched[monacoAt]!.at), requestsAtLoad: rich.requestsAtLoad,
      js: { ...sum(lazyJs), files: files(lazyJs) }, css: { ...sum(lazy.filter(isCss)), files: files(lazy.filter(isCss)) },
      fonts: { ...sum(lazy.filter(isFont)), files: files(lazy.filter(isFont)) }, workers: { ...sum(workerFiles), files: files(workerFiles) }, builtWorkers,
      note: 'Monaco CSS travels inside the JS chunk (playground/editor/vite-plugin.ts), so CSS files are usually 0',
    };
    const phoneJs = phone.fetched.filter(isJs);
    playground.phoneJs = { ...sum(phoneJs), monacoRequested: phoneJs.some((f) => MONACO_CHUNK.test(f.url)), files: files(phoneJs) };
  }
  {
    // First results: the results pane must be on screen without scrolling, so size the viewport to it.
    const context = await browser.newContext(DESKTOP);
    await context.addInitScript({ content: PLAIN_EDITOR_PROBE });
    const page = await context.newPage();
    await page.goto(`${site.origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
    const top = await page.evaluate(() => document.querySelector('[data-pane="results"]')?.getBoundingClientRect().top ?? 0);
    await context.close();
    const height = Math.min(4000, Math.max(800, Math.ceil(top + 300)));
    const runs: FirstResults[] = [];
    const bare: FirstResults[] = [];
    for (let i = 0; i < FIRST_RESULT_RUNS; i++) {
      runs.push(await firstResults(chrome, site.origin, height));
      bare.push(await firstResults(chrome, site.origin, height, true));
    }
    const pick = (key: keyof FirstResults, list = runs): number | null => {
      const values = list.map((r) => r[key]).filter((v): v is number => typeof v === 'number' && v > 0);
      return values.length ? round(median(values)) : null;
    };
    if (pick('results') === null) notes.push('/playground/: no Element Timing entry for the results pane; see the page FCP instead');
    playground.firstResults = {
      viewport: `1280×${height}`, runs: runs.length,
      fcpMs: pick('fcp'), resultsPaintMs: pick('results'), resultsInDomMs: pick('resultsInDom'), readyMs: pick('ready'),
      domContentLoadedMs: pick('domContentLoaded'), loadMs: pick('load'), all: runs,
      withoutScripts: { fcpMs: pick('fcp', bare), resultsPaintMs: pick('results', bare), all: bare },
    };
  }
  {
    // The workbench promise: navigation → first decision painted inside a 1440×900 viewport.
    const fragment = cliLinkFragment();
    if (!fragment) errors.push('hpa-lab link printed no link');
    const cold: DecisionPaint[] = [];
    const linked: DecisionPaint[] = [];
    for (let i = 0; i < FIRST_RESULT_RUNS; i++) {
      cold.push(await decisionPaint(chrome, `${site.origin}/playground/`));
      if (fragment) linked.push(await decisionPaint(chrome, `${site.origin}/playground/#${fragment}`));
    }
    const med = (values: (number | null)[]): number | null => {
      const list = values.filter((v): v is number => typeof v === 'number');
      return list.length ? round(median(list)) : null;
    };
    playground.firstDecision = {
      viewport: '1440×900', runs: cold.length,
      coldMs: med(cold.map((r) => r.first)), coldReadyMs: med(cold.map((r) => r.ready)),
      linkMs: med(linked.map((r) => r.afterRedraw ?? r.readyFrame)), linkRedrawnAtMs: med(linked.map((r) => r.redrawnAt)), linkReadyMs: med(linked.map((r) => r.ready)),
      all: { cold, linked },
    };
  }
  {
    // Edits and steps with the plain editor.
    const context = await browser.newContext(DESKTOP);
    await context.addInitScript({ content: PLAIN_EDITOR_PROBE });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${site.origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 });
    const monacoPresent = await page.evaluate(() => document.querySelectorAll('.editor-host-monaco').length);
    if (monacoPresent) notes.push('/playground/: Monaco loaded although the plain editor was chosen');
    const edits = await page.evaluate(timeEdits, { count: EDITS, warmup: 2 });
    if (edits.error) errors.push(`/playground/ edits: ${edits.error}`);
    const steps = await page.evaluate(timeSteps, { count: CLICKS, warmup: 2 });
    if (steps.error) errors.push(`/playground/ steps: ${steps.error}`);
    await context.close();
    for (const e of pageErrors) errors.push(`/playground/ (plain editor): uncaught: ${e}`);
    const stat = (list: Timing[], key: 'total' | 'work' | 'frame'): { median: number; p95: number } | null => {
      const values = list.map((t) => t[key]).filter((v): v is number => typeof v === 'number');
      return values.length ? { median: round(median(values)), p95: round(percentile(values, 95)) } : null;
    };
    playground.edits = { count: edits.timings.length, inputToResults: stat(edits.timings, 'total'), evaluateAndRender: stat(edits.timings, 'work'), inputToNextFrame: stat(edits.timings, 'frame'), debounceMs: 200 };
    playground.steps = { count: steps.timings.length, steps: steps.steps, clickHandler: stat(steps.timings, 'total'), clickToNextFrame: stat(steps.timings, 'frame') };
  }
  {
    // Big namespaces (issue 17's playground rows, issue 21 item 3), the generated namespace of bench/namespace.ts.
    const scenario = `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${BENCH_VERSIONS.join(', ')}]\nevents: [resync]\n`;
    const big: Record<string, unknown> = {};
    for (const models of [30, 200]) {
      const context = await browser.newContext(DESKTOP);
      await context.addInitScript({ content: PLAIN_EDITOR_PROBE });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${site.origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
      await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 });
      const rows = await page.evaluate(timeBigInput, { isvc: namespaceList(models), scenario, click: models === 30 ? 'event-resync' : null, repeat: models === 30 ? 5 : 0 });
      for (const row of rows) if (row.error) errors.push(`/playground/ ${models} models: ${row.error}`);
      for (const e of pageErrors) errors.push(`/playground/ (${models} models): uncaught: ${e}`);
      await context.close();
      const clicks = rows.slice(1);
      big[`models${models}`] = {
        open: rows[0],
        ...(clicks.length ? { addEvent: { count: clicks.length, toResultsMs: round(median(clicks.map((r) => r.toResultsMs ?? NaN))), longestTaskMs: round(Math.max(...clicks.map((r) => r.longestTaskMs))) } } : {}),
      };
    }
    // A link holding a 700-model dump: opened or refused, how soon, and the renderer's peak memory.
    const fragment = await encodeState({ isvc: namespaceList(700), hpas: '', scenario: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v0.15.2]\n', step: 0 });
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const rss = sampleRendererRss();
    const t0 = performance.now();
    await page.goto(`${site.origin}/playground/#${fragment}`, { waitUntil: 'load', timeout: 120_000 });
    const outcome = await page.waitForSelector('hpa-playground[data-ready]', { timeout: 300_000 }).then(async () => ((await page.locator('[data-pane="link-error"]:not([hidden])').count()) > 0 || (await page.locator('.pg-stale-banner').count()) > 0 ? 'refused' : 'opened'), () => 'not ready within 300 s');
    const seconds = (performance.now() - t0) / 1000;
    big.link700 = { fragmentChars: fragment.length, outcome, seconds: round(seconds, 2), peakRendererRssMB: round(rss.stop()) };
    await context.close();
    playground.big = big;
  }
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
