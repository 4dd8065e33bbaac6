/**
 * `npm run bench` (start-up): how long `hpa-lab releases` takes from an installed tarball, side
 * by side with a bare `node -e 0` on the same Node in the same run (target: within 2×), and the
 * in-repo sources on the pinned Node for reference (what the package ran before it was bundled).
 * Median wall time of interleaved runs. Writes bench/results/startup.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 21;
const work = mkdtempSync(join(tmpdir(), 'hpa-lab-startup-'));
const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
const tarball = join(work, JSON.parse(pack.stdout)[0].filename);
writeFileSync(join(work, 'package.json'), '{"name":"bench","private":true}\n');
spawnSync('npm', ['install', '--offline', '--cache', join(work, 'cache'), '--no-audit', '--no-fund', tarball], { cwd: work, encoding: 'utf8' });
const installed = join(work, 'node_modules', 'kserve-hpa-lab', 'bin', 'hpa-lab.mjs');

const wall = (command: string, args: string[]): number => {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: work });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.stderr}`);
  return performance.now() - start;
};
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const nodes = [['pinned', process.execPath], ['system', '/usr/bin/node']].filter(([, path]) => existsSync(path!)) as [string, string][];
const results: Record<string, number> = {};
const rows: string[] = [];
for (const [name, node] of nodes) {
  const bare: number[] = [];
  const cli: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    bare.push(wall(node, ['-e', '0']));
    cli.push(wall(node, [installed, 'releases']));
    if (name === 'pinned') source.push(wall(node, [join(ROOT, 'bin/hpa-lab.mjs'), 'releases']));
  }
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  results[`${name}.bareMs`] = median(bare);
  results[`${name}.installedMs`] = median(cli);
  results[`${name}.ratio`] = median(cli) / median(bare);
  rows.push(`| ${version} | node -e 0 | ${median(bare).toFixed(0)} ms | 1.0× |`);
  rows.push(`| ${version} | installed hpa-lab releases (bundle) | ${median(cli).toFixed(0)} ms | ${(median(cli) / median(bare)).toFixed(2)}× (target ≤ 2×) |`);
  if (source.length > 0) {
    results[`${name}.sourceMs`] = median(source);
    rows.push(`| ${version} | in-repo sources (type stripping) | ${median(source).toFixed(0)} ms | ${(median(source) / median(bare)).toFixed(2)}× |`);
  }
}
rmSync(work, { recursive: true, force: true });

console.log(`\nStart-up, median of ${RUNS} interleaved runs\n\n| node | what | wall | vs bare node |\n|---|---|---|---|\n${rows.join('\n')}`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/startup.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
