/**
 * `npm run bench` (output part): how big `hpa-lab run`'s output gets, and how long it takes, as a
 * namespace doubles (100, 200, 400 models) under the same 1,000 events (pod churn and HPA scaling
 * aimed at single models, a namespace-wide resync every 100) over five releases. Each format is
 * one `hpa-lab run` through the CLI's main with a standard output that only counts bytes, so the
 * output is never held in memory here. The "× base" columns divide by the 100-model row: output
 * that follows the events stays near 1×, output that follows steps × objects doubles per row.
 * Prints a table and writes bench/results/output.json. Not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../engine/cli/main.ts';
import { namespaceList, namespaceScenario } from '../test/support/generated-namespace.ts';

const SIZES = [100, 200, 400];
const EVENTS = 1000;
const FORMATS: [string, string[]][] = [['text', []], ['--json', ['--json']], ['--format ndjson', ['--format', 'ndjson']]];

interface Row { models: number; format: string; bytes: number | null; ms: number; outcome: string }

async function measure(models: number, extra: string[]): Promise<Omit<Row, 'models' | 'format'>> {
  const files: Record<string, string> = { 'dump.json': namespaceList(models), 'scenario.yaml': namespaceScenario(models, EVENTS, 100) };
  let bytes = 0;
  let errors = '';
  const io: CliIo = {
    readFile: (path) => files[path] ?? '',
    stdout: (text) => {
      bytes += Buffer.byteLength(text) + 1;
    },
    stderr: (text) => {
      errors += text;
    },
  };
  const start = performance.now();
  try {
    const code = await main(['run', 'dump.json', 'scenario.yaml', ...extra], io);
    const ms = performance.now() - start;
    return code === 0 ? { bytes, ms, outcome: 'ok' } : { bytes: null, ms, outcome: `exit ${code}: ${errors.split('\n')[0]!.slice(0, 60)}` };
  } catch (error) {
    return { bytes: null, ms: performance.now() - start, outcome: `crashed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const rows: Row[] = [];
for (const [format, extra] of FORMATS) {
  for (const models of SIZES) rows.push({ models, format, ...(await measure(models, extra)) });
}

const mb = (bytes: number | null) => (bytes === null ? '—' : (bytes / 1e6).toFixed(2));
const ratio = (value: number | null, base: number | null | undefined) => (value === null || !base ? '—' : `${(value / base).toFixed(2)}×`);
console.log(`run output, ${EVENTS.toLocaleString('en-US')} events (a resync every 100) × 5 releases`);
console.log(['format'.padEnd(16), 'models', 'MB'.padStart(9), '× base', 'ms'.padStart(8), '× base', ' outcome'].join('  '));
for (const row of rows) {
  const base = rows.find((r) => r.format === row.format && r.models === SIZES[0]);
  console.log([row.format.padEnd(16), String(row.models).padStart(6), mb(row.bytes).padStart(9), ratio(row.bytes, base?.bytes).padStart(6), row.ms.toFixed(0).padStart(8), ratio(row.ms, base?.ms).padStart(6), ` ${row.outcome}`].join('  '));
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/output.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, events: EVENTS, rows }, null, 2)}\n`);
