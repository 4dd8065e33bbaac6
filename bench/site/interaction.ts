/** Edits and step clicks in the playground, timed inside the page. */
import type { Browser } from '@playwright/test';
import { CLICKS, EDITS, errors, median, notes, percentile, round } from './common.ts';
import { openPlainPlayground } from './probes.ts';

export interface Timing { total: number; work: number | null; frame: number }

/** Runs in the page: edits the HPA text `count` (+ warm-up) times through the textarea's input event. */
export async function timeEdits(options: { count: number; warmup: number }): Promise<{ timings: Timing[]; error: string | null }> {
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
export async function timeSteps(options: { count: number; warmup: number }): Promise<{ timings: Timing[]; steps: number; error: string | null }> {
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


/** Edits and steps with the plain editor: input → results, the work after the debounce, click → next frame. */
export async function measureInteraction(browser: Browser, origin: string): Promise<{ edits: unknown; steps: unknown }> {
  const { page, pageErrors, close } = await openPlainPlayground(browser, origin);
  const monacoPresent = await page.evaluate(() => document.querySelectorAll('.editor-host-monaco').length);
  if (monacoPresent) notes.push('/playground/: Monaco loaded although the plain editor was chosen');
  const edits = await page.evaluate(timeEdits, { count: EDITS, warmup: 2 });
  if (edits.error) errors.push(`/playground/ edits: ${edits.error}`);
  const steps = await page.evaluate(timeSteps, { count: CLICKS, warmup: 2 });
  if (steps.error) errors.push(`/playground/ steps: ${steps.error}`);
  await close();
  for (const e of pageErrors) errors.push(`/playground/ (plain editor): uncaught: ${e}`);
  const stat = (list: Timing[], key: 'total' | 'work' | 'frame'): { median: number; p95: number } | null => {
    const values = list.map((t) => t[key]).filter((v): v is number => typeof v === 'number');
    return values.length ? { median: round(median(values)), p95: round(percentile(values, 95)) } : null;
  };
  return {
    edits: { count: edits.timings.length, inputToResults: stat(edits.timings, 'total'), evaluateAndRender: stat(edits.timings, 'work'), inputToNextFrame: stat(edits.timings, 'frame'), debounceMs: 200 },
    steps: { count: steps.timings.length, steps: steps.steps, clickHandler: stat(steps.timings, 'total'), clickToNextFrame: stat(steps.timings, 'frame') },
  };
}
