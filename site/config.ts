/**
 * The one place that says where the site lives. Links the CLI prints, canonical URLs and the
 * sitemap all derive from it. Override with HPA_LAB_SITE (origin) and HPA_LAB_BASE (path) at build time.
 */
const env = typeof process !== 'undefined' ? process.env : {};

export const siteConfig = {
  origin: env.HPA_LAB_SITE ?? 'https://kserve-hpa-lab.github.io',
  base: env.HPA_LAB_BASE ?? '/',
} as const;
