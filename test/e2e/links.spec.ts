/**
 * Link check over the built site (dist/), without a browser: every internal href/src (and any
 * absolute URL under siteConfig.origin + base, e.g. canonical, og:url, og:image) must name a file
 * that exists, and every #fragment must name an id on the target page, except playground
 * scenario fragments (#1.…), which must decode with the link codec instead. Broken links are
 * reported all at once, each with the page it is on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { renderMessage } from '../../engine/i18n/render.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { siteConfig } from '../../engine/link/site.ts';

// HPA_LAB_DIST: check a build written elsewhere (astro build --outDir …); the served site must be that build.
const DIST = process.env.HPA_LAB_DIST ?? join(process.cwd(), 'dist');
const BASE = siteConfig.base; // "/" or "/sub/"
const ORIGIN = siteConfig.origin;
/** Any origin: relative links are resolved against it, then only the path matters. */
const LOCAL = 'http://dist.invalid';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** The URL path a dist file is served at, e.g. dist/guides/index.html → `${BASE}guides/`. */
function servedPath(file: string): string {
  const rel = relative(DIST, file).split('\\').join('/');
  return BASE + (rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
}

/** The dist file a URL path names, or null (trailingSlash is 'always', so pages end in "/"). */
function fileFor(pathname: string): string | null {
  if (!pathname.startsWith(BASE)) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(BASE.length));
  } catch {
    return null;
  }
  const candidate = join(DIST, rest);
  if (!candidate.startsWith(DIST)) return null;
  if (rest === '' || rest.endsWith('/')) {
    const index = join(candidate, 'index.html');
    return existsSync(index) ? index : null;
  }
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : null;
}

const decodeEntities = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Markup only: script and style bodies and comments removed (their text is not markup). */
const markupOf = (html: string): string =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>')
    .replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/gi, '$1</style>');

const ATTR = /\s([a-zA-Z][\w:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
const TAG = /<[a-zA-Z][^>]*>/g;
const LINK_ATTRS = new Set(['href', 'src', 'poster', 'action']);

interface Ref {
  page: string;
  attr: string;
  url: string;
}

/** Every reference in a page that points inside the site. */
function refsOf(page: string, html: string): Ref[] {
  const refs: Ref[] = [];
  for (const tag of markupOf(html).match(TAG) ?? []) {
    for (const match of tag.matchAll(ATTR)) {
      const name = match[1]!.toLowerCase();
      const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '').trim();
      if (value === '') continue;
      const urls: string[] = [];
      if (LINK_ATTRS.has(name) || /^data-(?:[\w-]+-)?href$/.test(name)) urls.push(value);
      else if (name === 'srcset') urls.push(...value.split(',').map((part) => part.trim().split(/\s+/)[0]!).filter(Boolean));
      else if (name === 'content' && value.startsWith(`${ORIGIN}${BASE}`)) urls.push(value);
      for (const url of urls) {
        if (url.startsWith(`${ORIGIN}/`) || url === ORIGIN) refs.push({ page, attr: name, url: url.slice(ORIGIN.length) || '/' });
        else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) continue; // another site, mailto:, data:…
        else refs.push({ page, attr: name, url });
      }
    }
  }
  return refs;
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idCache.get(file);
  if (!ids) {
    ids = new Set<string>();
    for (const tag of markupOf(readFileSync(file, 'utf8')).match(TAG) ?? []) {
      for (const match of tag.matchAll(ATTR)) {
        const name = match[1]!.toLowerCase();
        if (name === 'id' || (name === 'name' && /^<a\s/i.test(tag))) ids.add(decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
      }
    }
    idCache.set(file, ids);
  }
  return ids;
}

const PLAYGROUND = new RegExp(`^${BASE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:zh-cn/)?playground/$`);

test.describe('links in dist/', () => {
  test.skip(!existsSync(join(DIST, 'index.html')), 'dist/ is not built: run `npx astro build` first');

  test('every internal href/src resolves, #fragments name an id, playground fragments decode', async () => {
    const pages = htmlFiles(DIST);
    expect(pages.length).toBeGreaterThan(20);
    const broken: string[] = [];
    let checked = 0;
    let scenarios = 0;
    let anchors = 0;
    const decoded = new Map<string, Promise<string | null>>();

    for (const file of pages) {
      const page = servedPath(file);
      for (const ref of refsOf(page, readFileSync(file, 'utf8'))) {
        checked++;
        const url = new URL(ref.url, LOCAL + page);
        const where = `${page}: ${ref.attr}="${ref.url.length > 120 ? `${ref.url.slice(0, 117)}…` : ref.url}"`;
        if (!url.pathname.startsWith(BASE)) {
          broken.push(`${where} is outside the base path ${BASE}`);
          continue;
        }
        const target = fileFor(url.pathname);
        if (!target) {
          const hint = !url.pathname.endsWith('/') && fileFor(`${url.pathname}/`) ? ' (missing trailing slash)' : '';
          broken.push(`${where} → ${url.pathname} does not exist in dist/${hint}`);
          continue;
        }
        const fragment = url.hash.slice(1);
        if (fragment === '' || fragment === 'top') continue;
        if (PLAYGROUND.test(url.pathname) && /^\d{1,4}\./.test(fragment)) {
          scenarios++;
          let result = decoded.get(fragment);
          if (!result) {
            result = decodeFragment(fragment).then((r) => (r.ok ? null : renderMessage(r.message)));
            decoded.set(fragment, result);
          }
          const message = await result;
          if (message) broken.push(`${where}: scenario fragment does not decode: ${message}`);
          continue;
        }
        anchors++;
        let id: string;
        try {
          id = decodeURIComponent(fragment);
        } catch {
          id = fragment;
        }
        if (!idsOf(target).has(id)) broken.push(`${where} → no element with id "${id}" on ${url.pathname}`);
      }
    }

    test.info().annotations.push({
      type: 'links',
      description: `${pages.length} pages, ${checked} references, ${anchors} anchors, ${scenarios} playground fragments (${decoded.size} distinct)`,
    });
    expect(broken, `broken links:\n${broken.join('\n')}`).toEqual([]);
    expect(scenarios, 'the site links presets into the playground').toBeGreaterThan(0);
  });
});
