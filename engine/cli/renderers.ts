/**
 * The renderers `check` runs on a repository, on Node: `kubectl kustomize` (or `kustomize build`)
 * and `helm template`. Each runs without a shell, with a time limit and an output cap; a program
 * that is not on PATH is `missing`, never an error. Neither may reach the network: a pull request
 * can name a remote base (a git URL, an https resource), and judging it must not fetch it. HTTP(S)
 * goes to a proxy on a closed local port, git may use only local files and no ssh, so a remote
 * base fails at once and is reported as needing the network.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { LIMITS } from '../scenario/source.ts';
import type { RenderFailure, RenderResult } from './repository.ts';

const TIMEOUT_MS = 60_000;
/** A port nothing listens on: every proxied request is refused at once. */
const CLOSED_PROXY = 'http://127.0.0.1:9';

type Run = { ok: true; text: string } | { ok: false; missing: true } | { ok: false; missing: false; failure: RenderFailure };

/** The caller's environment with every way out to the network closed. */
export function offlineEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    HTTP_PROXY: CLOSED_PROXY, HTTPS_PROXY: CLOSED_PROXY, http_proxy: CLOSED_PROXY, https_proxy: CLOSED_PROXY,
    NO_PROXY: '', no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'file', GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: 'false',
  };
}

/** Words a renderer says when it tried to fetch: through the closed proxy, a refused git transport, or ssh. */
const NETWORK_WORDS = /127\.0\.0\.1:9\b|proxyconnect|transport '[a-z+]+' not allowed|GIT_ALLOW_PROTOCOL|Could not read from remote repository|git cmd|fetching remote|failed to run '\S*git/i;

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Run {
  try {
    const text = execFileSync(program, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: LIMITS.repositoryBytes, stdio: ['ignore', 'pipe', 'pipe'], env: offlineEnv(env), windowsHide: true });
    return { ok: true, text };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string; signal?: string };
    if (failure.code === 'ENOENT') return { ok: false, missing: true };
    if (failure.code === 'ENOBUFS') return { ok: false, missing: false, failure: { kind: 'tooMuchOutput', mebibytes: LIMITS.repositoryBytes / 1024 / 1024 } };
    if (failure.signal === 'SIGTERM') return { ok: false, missing: false, failure: { kind: 'timeout', seconds: TIMEOUT_MS / 1000 } };
    const text = String(failure.stderr ?? failure.message);
    return { ok: false, missing: false, failure: NETWORK_WORDS.test(text) ? { kind: 'network', text } : { kind: 'said', text } };
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
