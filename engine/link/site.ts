/**
 * The one setting that says where the site lives. Playground links printed by the CLI, canonical
 * URLs and the sitemap all derive from it. Override at build or run time with HPA_LAB_SITE
 * (origin) and HPA_LAB_BASE (path, starting and ending with "/").
 */
import type { Locale } from '../i18n/render.ts';

const env: Record<string, string | undefined> = typeof process !== 'undefined' && process.env ? process.env : {};

function normaliseBase(base: string): string {
  const withLead = base.startsWith('/') ? base : `/${base}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

export const siteConfig = {
  origin: (env.HPA_LAB_SITE ?? 'https://kserve-hpa-lab.github.io').replace(/\/+$/, ''),
  base: normaliseBase(env.HPA_LAB_BASE ?? '/'),
} as const;

/** The playground page, absolute, for a given link fragment (without the leading "#"), in a language. */
export function playgroundUrl(fragment: string, config: { origin: string; base: string } = siteConfig, locale: Locale = 'en'): string {
  return `${config.origin}${config.base}${locale === 'en' ? '' : `${locale}/`}playground/#${fragment}`;
}
