/** What every probe of `npm run bench:site` shares: where things are, the viewports, the errors and notes it reports, number formats. */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContextOptions } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const ARTICLE = 'guides/analysis';
export const BARE = 'guides/zz-bench-bare';
export const IDLE_MS = 2000;
export const IDLE_CAP_MS = 30_000;
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
export const PHONE: BrowserContextOptions = { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const EDITOR_KEY = 'kserve-hpa-lab:editor';
export const MONACO_CHUNK = /\/monaco-host[.-][^/]*\.js(\?|$)/;
export const EDITS = 20;
export const CLICKS = 20;
export const FIRST_RESULT_RUNS = 5;

/** Real failures (the run exits 1) and things worth saying (the run goes on). */
export const errors: string[] = [];
export const notes: string[] = [];
export const log = (line: string): void => console.log(line);
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const kB = (bytes: number): string => (bytes / 1000).toFixed(1);
export const ms = (value: number | null | undefined): string => (value === null || value === undefined ? 'n/a' : value.toFixed(1));
export const round = (value: number, digits = 1): number => Number(value.toFixed(digits));
export const gzipSize = (buffer: Buffer | string): number => gzipSync(buffer).length;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(head: string[], rows: (string | number)[][], right: boolean[] = head.map((_, i) => i > 0)): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
