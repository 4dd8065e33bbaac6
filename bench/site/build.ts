/** The work tree snapshotted into a temporary folder and built there, so the bench never touches the repository. */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { ROOT } from './common.ts';

export const work = mkdtempSync(join(tmpdir(), 'hpa-lab-bench-site-'));
export const project = join(work, 'project');
const SKIP_TOP = new Set(['node_modules', 'dist', '.astro', '.git', 'test-results', 'playwright-report', 'scratch']);
const SKIP_MODULES = new Set(['.astro', '.vite', '.vite-temp', '.vitest-cache', '.cache']);

export function snapshot(): void {
  cpSync(ROOT, project, {
    recursive: true,
    filter: (source) => {
      const rel = relative(ROOT, source);
      if (rel === '') return true;
      const parts = rel.split(sep);
      if (parts.length === 1 && SKIP_TOP.has(parts[0]!)) return false;
      return rel !== join('bench', 'results');
    },
  });
  // A real copy: Astro fails on symlinked packages resolving outside the root, and hard links
  // would share files with the repo's node_modules. Build caches start empty.
  // From its real place: in a git worktree, node_modules is a symlink to the shared install.
  const modules = realpathSync(join(ROOT, 'node_modules'));
  cpSync(modules, join(project, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => !SKIP_MODULES.has(relative(modules, source)),
  });
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<{ code: number | null; output: string; timedOut: boolean; ms: number }> {
  return new Promise((done) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, timedOut, ms: performance.now() - start });
    });
  });
}

export async function build(outDir: string, label: string): Promise<number> {
  const env = { ...process.env, HPA_LAB_BASE: '/', ASTRO_TELEMETRY_DISABLED: '1' };
  const result = await run(process.execPath, [join(project, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir], { cwd: project, env, timeoutMs: 30 * 60_000 });
  writeFileSync(join(work, `${label}.log`), result.output);
  if (result.code !== 0) {
    console.error(result.output.split('\n').slice(-40).join('\n'));
    throw new Error(`astro build (${label}) failed${result.timedOut ? ' (no end after 30 min)' : ` with exit code ${result.code}`}`);
  }
  return result.ms;
}
