/**
 * `npm run bench` (second part): speed of the explorer. For every gallery preset and the releases
 * v0.14.1, v0.15.2 and v0.16.0 at depth 6: the shortest-loss search alone, and the whole
 * `hpa-lab explore` work (search + safe changes, single edits and pairs), cold (first call in
 * this process) and best of several. Then states visited per second on searches that exhaust
 * their space. Prints a table and writes bench/results/explore.json. Not a test.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { findSafeChanges, findShortestLoss, type ShortestLoss } from '../engine/explore/index.ts';
import { formatEvent } from '../engine/machine/events.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import type { Scenario } from '../engine/scenario/scenario.ts';

const DEPTH = 6;
const TAGS = ['v0.14.1', 'v0.15.2', 'v0.16.0'];
const TARGET_MS = 1000;

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

function best<T>(runs: number, fn: () => T): { ms: number; value: T } {
  let result = time(fn);
  for (let i = 1; i < runs; i += 1) {
    const next = time(fn);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

const dir = new URL('../content/scenarios/', import.meta.url);
const presets: { id: string; scenario: Scenario }[] = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((file) => {
  const parsed = parseScenario([{ name: file, text: readFileSync(new URL(file, dir), 'utf8') }]);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return { id: file.replace(/\.yaml$/, ''), scenario: parsed.scenario };
});

const summary = (r: ShortestLoss): string => (r.found ? `${r.loss.hpa} ${r.loss.kind} ${r.events.length > 0 ? `after ${r.events.map(formatEvent).join(', ')}` : 'while applying the objects'}` : `none within ${r.depth}`);

interface Row {
  preset: string;
  tag: string;
  shortestLoss: string;
  statesVisited: number;
  searchColdMs: number;
  searchBestMs: number;
  exploreColdMs: number;
  exploreBestMs: number;
  safeChanges: number;
}

const rows: Row[] = [];
for (const { id, scenario } of presets) {
  for (const tag of TAGS) {
    const explore = () => {
      const loss = findShortestLoss(scenario, tag, { depth: DEPTH });
      const changes = loss.found || loss.refused !== undefined ? findSafeChanges(scenario, tag, { depth: DEPTH, maxChanges: 2 }) : [];
      return { loss, changes };
    };
    const exploreCold = time(explore);
    const searchCold = time(() => findShortestLoss(scenario, tag, { depth: DEPTH }));
    const search = best(5, () => findShortestLoss(scenario, tag, { depth: DEPTH }));
    const exploreBest = best(3, explore);
    rows.push({
      preset: id, tag,
      shortestLoss: summary(search.value),
      statesVisited: search.value.statesVisited,
      searchColdMs: Number(searchCold.ms.toFixed(2)),
      searchBestMs: Number(search.ms.toFixed(2)),
      exploreColdMs: Number(exploreCold.ms.toFixed(1)),
      exploreBestMs: Number(exploreBest.ms.toFixed(1)),
      safeChanges: exploreBest.value.changes.length,
    });
  }
}

// Throughput on searches that find nothing, so they walk their whole space to the depth; the
// user's own removals are switched on to make the spaces larger.
let states = 0;
let ms = 0;
for (const { scenario } of presets) {
  for (const tag of TAGS) {
    const run = best(3, () => findShortestLoss(scenario, tag, { depth: 8, userRemovals: true }));
    if (run.value.found) continue;
    states += run.value.statesVisited;
    ms += run.ms;
  }
}
const statesPerSecond = Math.round(states / (ms / 1000));

const header = ['preset', 'release', 'states', 'search ms (cold/best)', 'explore ms (cold/best)', 'safe', 'shortest loss'];
const table = rows.map((r) => [r.preset, r.tag, String(r.statesVisited), `${r.searchColdMs} / ${r.searchBestMs}`, `${r.exploreColdMs} / ${r.exploreBestMs}`, String(r.safeChanges), r.shortestLoss]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
console.log(`explorer, depth ${DEPTH}`);
console.log(line(header));
for (const row of table) console.log(line(row));
const slowest = Math.max(...rows.map((r) => r.exploreColdMs));
console.log('');
console.log(`states visited per second (exhaustive searches, depth 8, with user removals): ${statesPerSecond.toLocaleString('en-US')} (${states} states in ${ms.toFixed(1)} ms)`);
console.log(`slowest explore (cold): ${slowest} ms — target under ${TARGET_MS} ms: ${slowest < TARGET_MS ? 'met' : 'MISSED'}`);

mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/explore.json', import.meta.url), `${JSON.stringify({
  date: new Date().toISOString(),
  node: process.version,
  depth: DEPTH,
  statesPerSecond,
  slowestExploreColdMs: slowest,
  targetMs: TARGET_MS,
  rows,
}, null, 2)}\n`);
