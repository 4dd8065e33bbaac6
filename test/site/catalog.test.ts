/**
 * The site's UI words (site/i18n/<locale>/site.ts): both languages have the same keys, every Chinese
 * string is filled in and keeps the English one's parameters, and every key is used by a component
 * (a key nobody reads is a word list drifting away from the pages).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UI_CATALOGS } from '../../site/i18n/index.ts';

const en = UI_CATALOGS.en.site as Record<string, string>;
const zh = UI_CATALOGS['zh-cn'].site as Record<string, string>;
const params = (text: string) => [...text.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true }).map((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? '' : sources(path);
    return /\.(ts|astro)$/.test(entry.name) ? readFileSync(path, 'utf8') : '';
  }).join('\n');
}

describe('site UI catalog', () => {
  it('has the same keys in both languages, every Chinese string filled in with the same parameters', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(zh[key]!.trim(), key).not.toBe('');
      expect(params(zh[key]!), key).toEqual(params(en[key]!));
    }
  });

  it('has no key that no component reads', () => {
    const code = sources(new URL('../../site/', import.meta.url).pathname) + sources(new URL('../../pages/', import.meta.url).pathname);
    // Keys built from an engine id: `era.${behaviour}`, `tone.${tone}`, `anchor.${anchor}`.
    const dynamic = [...code.matchAll(/`([a-z]+)\.\$\{/g)].map((m) => `${m[1]}.`);
    const unused = Object.keys(en).filter((key) => !code.includes(`'${key}'`) && !dynamic.some((prefix) => key.startsWith(prefix)));
    expect(unused).toEqual([]);
  });
});
