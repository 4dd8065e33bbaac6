/**
 * The renderers `check` runs on a repository, on Node: `kubectl kustomize` (or `kustomize build`)
 * and `helm template`. Each runs without a shell, with a time limit and an output cap; a program
 * that is not on PATH is `missing`, never an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LIMITS } from '../scenario/source.ts';
import type { RenderResult } from './repository.ts';

const TIMEOUT_MS = 60_000;

type Run = { ok: true; text: string } | { ok: false; missing: true } | { ok: false; missing: false; detail: string };

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Run {
  try {
    const text = execFileSync(program, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: LIMITS.repositoryBytes, stdio: ['ignore', 'pipe', 'pipe'], env, windowsHide: true });
    return { ok: true, text };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string; signal?: string };
    if (failure.code === 'ENOENT') return { ok: false, missing: true };
    const detail = failure.code === 'ENOBUFS' ? `more than ${LIMITS.repositoryBytes / 1024 / 1024} MiB of output`
      : failure.signal === 'SIGTERM' ? `no answer within ${TIMEOUT_MS / 1000} s` : String(failure.stderr ?? failure.message);
    return { ok: false, missing: false, detail };
  }
}

/**
 * Renders a kustomization through a temporary one that includes it and asks for origin
 * annotations (`buildMetadata: [originAnnotations]`; kubectl kustomize has no flag for them), so
 * the user's tree is never written to. Origin paths are relative to the temporary root.
 */
export function kustomize(directory: string, env: NodeJS.ProcessEnv = process.env): RenderResult {
  const root = mkdtempSync(join(tmpdir(), 'hpa-lab-kustomize-'));
  try {
    const target = relative(root, resolve(directory));
    writeFileSync(join(root, 'kustomization.yaml'), `resources:\n- ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    let result = run('kubectl', ['kustomize', root], env);
    if (!result.ok && result.missing) result = run('kustomize', ['build', root], env);
    if (!result.ok) return result;
    const origin = (path: string): string | null => {
      if (isAbsolute(path)) return null;
      return relative(process.cwd(), resolve(root, path));
    };
    return { ok: true, text: result.text, origin };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function helmTemplate(directory: string, release: string, values: readonly string[], env: NodeJS.ProcessEnv = process.env): RenderResult {
  return run('helm', ['template', release, directory, ...values.flatMap((file) => ['--values', file])], env);
}
