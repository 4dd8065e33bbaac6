/** Init scripts the playground probes add to a page, and one way to open the playground with the plain editor. */
import type { Browser, Page } from '@playwright/test';
import { DESKTOP, EDITOR_KEY } from './common.ts';

/**
 * Browser code shared by the probes below: when the element says it is ready, and the frame after
 * (decisions patched in place emit no new Element Timing entry, so that frame shows what it drew).
 */
const RECORD_READY = `if (bench.ready === null && r.target.localName === 'hpa-playground' && r.target.hasAttribute('data-ready')) {
          bench.ready = performance.now();
          requestAnimationFrame(() => { bench.readyFrame = performance.now(); });
        }`;

/** Init script: when <hpa-playground> gets data-ready, and paint times of the results pane. */
export const FIRST_RESULTS_PROBE = `
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
export const PLAIN_EDITOR_PROBE = `
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
export const DECISION_PROBE = `
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


/**
 * A fresh 1280×800 context on the playground with the plain editor (and the edit-debounce probe),
 * once the element is ready; uncaught page errors are collected for the caller to report.
 */
export async function openPlainPlayground(browser: Browser, origin: string): Promise<{ page: Page; pageErrors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext(DESKTOP);
  await context.addInitScript({ content: PLAIN_EDITOR_PROBE });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${origin}/playground/`, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForSelector('hpa-playground[data-ready]', { timeout: 60_000 });
  return { page, pageErrors, close: () => context.close() };
}
