/**
 * The package as a user gets it: `npm pack`, installed offline into an empty project, run with
 * the machine's own Node and with the pinned Node 22, prints byte for byte what the in-repo CLI
 * prints. Also: the committed bundle is the one the sources build, and it needs no dependency.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, BUNDLE } from '../../bin/bundle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PINNED = process.execPath;
/** The machine's own Node, outside node_modules (Node 20 on this project's machines); null when there is none. */
const SYSTEM = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim() !== process.version) ?? null;
const SYSTEM_PATH = '/usr/local/bin:/usr/bin:/bin';

let work = '';
let tarball = '';
let installed = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'hpa-lab-package-'));
  // --ignore-scripts: pack the committed bundle as it is (prepack would rebuild it and hide a stale one).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(work, JSON.parse(pack.stdout)[0].filename);
  const project = join(work, 'project');
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), '{"name":"empty","private":true}\n');
  // An empty cache and --offline: the install succeeds only if nothing has to be fetched.
  const install = spawnSync('npm', ['install', '--offline', '--cache', join(work, 'cache'), '--no-audit', '--no-fund', tarball], { cwd: project, encoding: 'utf8', env: { ...process.env, PATH: SYSTEM ? SYSTEM_PATH : process.env.PATH } });
  expect(install.status, install.stderr).toBe(0);
  installed = join(project, 'node_modules', 'kserve-hpa-lab');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the published package', () => {
  it('ships only the launchers, the bundle, the action, README and LICENSE, under 300 kB, with no dependencies', () => {
    const list = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    expect(list).toEqual(['package/LICENSE', 'package/README.md', 'package/action.yml', 'package/bin/action.mjs', 'package/bin/hpa-lab.bundle.mjs', 'package/bin/hpa-lab.mjs', 'package/package.json']);
    expect(readFileSync(tarball).length).toBeLessThan(300 * 1024);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bin).toEqual({ 'hpa-lab': 'bin/hpa-lab.mjs', 'kubectl-hpa_lab': 'bin/hpa-lab.mjs' });
    expect(manifest.engines.node).toBe('>=20.19');
    expect(existsSync(join(installed, '..', '.bin', 'kubectl-hpa_lab'))).toBe(true);
  });

  it('the committed bundle is what the sources build (run npm run bundle after changing engine/)', async () => {
    expect(readFileSync(join(ROOT, BUNDLE), 'utf8') === (await bundle()).text, `${BUNDLE} is stale: run npm run bundle and commit it`).toBe(true);
  });

  it('the bundle imports nothing but Node built-ins', async () => {
    const { imports } = await bundle();
    expect(imports.length).toBeGreaterThan(0);
    const builtins = new Set(builtinModules);
    expect(imports.filter((s: string) => !s.startsWith('node:') && !builtins.has(s))).toEqual([]);
  });
});

const preset = (id: string) => `content/scenarios/${id}.yaml`;
const CASES: readonly (readonly string[])[] = [
  ['--version'],
  ['releases'],
  ['run', preset('kserve-4312')],
  ['run', preset('kserve-4312'), '--json'],
  ['run', preset('namespace-dump'), '--markdown'],
  ['run', preset('upgrade-from-v0.12'), '--trace', '--lang', 'zh-cn'],
  ['link', preset('kserve-4312')],
  ['check', preset('kserve-4312'), '--versions', 'v0.14.1,v0.15.0,v0.15.2', '--format', 'text'],
  ['check', preset('namespace-dump'), '--versions', 'v0.14.1,v0.15.2', '--format', 'json'],
  ['check', preset('kserve-4312'), '--versions', 'v0.14.1,v0.15.2', '--format', 'github'],
  ['check', preset('scaling-fought-v0150'), '--versions', 'v0.15.0,v0.15.2', '--format', 'sarif'],
  ['check', "content/scenarios/no-such-*.yaml"],
  ['redact', preset('kserve-4312'), '--rename'],
  ['run', 'content/scenarios/README.md'],
];

const runWith = (node: string, bin: string, args: readonly string[]) => spawnSync(node, [bin, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe.each([
  ['the pinned Node 22', () => PINNED],
  ['the machine\'s own Node', () => SYSTEM],
])('installed, on %s', (_name, node) => {
  it.each(CASES.map((args) => [args.join(' '), args] as const))('hpa-lab %s prints what the in-repo CLI prints', (_words, args) => {
    const binary = node();
    if (binary === null) return;
    const expected = runWith(PINNED, join(ROOT, 'bin/hpa-lab.mjs'), args);
    const actual = runWith(binary, join(installed, 'bin/hpa-lab.mjs'), args);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stdout).toBe(expected.stdout);
    expect(actual.status).toBe(expected.status);
    expect(actual.stdout.length + actual.stderr.length).toBeGreaterThan(0);
  });
});

describe('as a kubectl plugin', () => {
  it('kubectl hpa-lab releases runs the installed kubectl-hpa_lab (when kubectl is installed)', () => {
    const kubectl = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find(existsSync);
    if (!kubectl) return;
    const bin = join(installed, '..', '.bin');
    const result = spawnSync(kubectl, ['hpa-lab', 'releases'], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${SYSTEM ? SYSTEM_PATH : process.env.PATH}` } });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(runWith(PINNED, join(ROOT, 'bin/hpa-lab.mjs'), ['releases']).stdout);
  });
});
