/** Lighthouse (mobile and desktop) with the system Chromium. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, work } from './build.ts';
import { CHROME_FLAGS, CHROMIUM, ROOT, round } from './common.ts';

export interface LighthouseRun {
  url: string;
  formFactor: 'mobile' | 'desktop';
  ok: boolean;
  error?: string;
  scores?: Record<'performance' | 'accessibility' | 'best-practices' | 'seo', number | null>;
  metrics?: Record<'FCP ms' | 'LCP ms' | 'TBT ms' | 'CLS' | 'SI ms', number | null>;
  warnings?: string[];
  seconds: number;
}

export async function lighthouse(origin: string, route: string, formFactor: 'mobile' | 'desktop'): Promise<LighthouseRun> {
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
