/** The bare page: the analysis article's rendered text as plain Markdown, the reference the article's JS is compared with. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { project } from './build.ts';
import { ARTICLE, BARE, DESKTOP } from './common.ts';

/** Runs in the page: the article body as plain Markdown (headings, paragraphs, lists, tables, code). */
export function articleAsMarkdown(): { markdown: string; title: string; description: string } {
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

/** The article's text (en, zh-cn) as plain Markdown pages in the snapshot, for the second build. */
export async function writeBarePages(browser: Browser, origin: string): Promise<Record<string, { bareRoute: string; articleRoute: string }>> {
  const barePages: Record<string, { bareRoute: string; articleRoute: string }> = {};
  for (const locale of ['en', 'zh-cn'] as const) {
    const prefix = locale === 'en' ? '' : 'zh-cn/';
    const articleRoute = `/${prefix}${ARTICLE}/`;
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(origin + articleRoute, { waitUntil: 'load', timeout: 120_000 });
    const article = await page.evaluate(articleAsMarkdown);
    await context.close();
    const file = join(project, 'content', 'docs', `${prefix}${BARE}.md`);
    const front = ['---', `title: ${JSON.stringify(article.title)}`, `description: ${JSON.stringify(article.description)}`, 'sidebar:', '  order: 999', '---', ''];
    writeFileSync(file, `${front.join('\n')}${article.markdown}\n`);
    barePages[locale] = { bareRoute: `/${prefix}${BARE}/`, articleRoute };
  }
  return barePages;
}
