/**
 * Reading defensively (issue 21, item 1): the real binary on a real file system with what a pull
 * request or a shell can put in a tree of manifests: a FIFO, a symlink to /dev/zero, a dangling
 * symlink, a symlink out of the tree, a socket, a directory too deep to walk, a file over the size
 * cap, an endless standard input. Nothing may hang, read without bound or fail the whole walk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRESET = join(ROOT, 'content/scenarios/kserve-4312.yaml');
/** Before the fix a FIFO or /dev/zero kept the CLI reading until this kill. */
const KILL_AFTER_MS = 20_000;

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** One release keeps each run short; the reading is the same for every release. */
function hpaLab(args: string[], stdin: 'ignore' | number = 'ignore'): Outcome {
  const started = Date.now();
  const result = spawnSync(process.execPath, ['bin/hpa-lab.mjs', ...args, '--versions', 'v0.14.1'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: [stdin, 'pipe', 'pipe'],
    timeout: KILL_AFTER_MS,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout ?? '', stderr: result.stderr ?? '', ms: Date.now() - started };
}

/** Finished by itself, well before the kill. */
function expectPrompt(outcome: Outcome): void {
  expect(outcome.signal, outcome.stderr).toBeNull();
  expect(outcome.ms).toBeLessThan(KILL_AFTER_MS / 2);
}

let dir: string;
let socket: Server | undefined;

/** A tree holding the preset and the given extras; returns its path. */
function tree(name: string, extras: (path: string) => void): string {
  const path = join(dir, name);
  mkdirSync(path);
  copyFileSync(PRESET, join(path, 'isvc.yaml'));
  extras(path);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hpa-lab-hostile-'));
  writeFileSync(join(dir, 'outside.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside\n');
});

afterAll(() => {
  socket?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('check walking a directory reads only regular files inside it', () => {
  it('a FIFO named *.yaml is a note, not a hang', () => {
    const path = tree('fifo', (p) => execFileSync('mkfifo', [join(p, 'f.yaml')]));
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status, outcome.stderr).toBe(1);
    expect(outcome.stdout).toContain(`Skipped paths that are not regular files inside the tree (1): ${path}/f.yaml (FIFO).`);
  });

  it('a *.yaml symlink to /dev/zero is a note, read not at all', () => {
    const path = tree('zero', (p) => symlinkSync('/dev/zero', join(p, 'zero.yaml')));
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status, outcome.stderr).toBe(1);
    expect(outcome.stdout).toContain(`${path}/zero.yaml (symlink to a device)`);
  });

  it('a dangling symlink is a note and the run goes on', () => {
    const path = tree('dangling', (p) => symlinkSync(join(p, 'gone.yaml'), join(p, 'dangling.yaml')));
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status, outcome.stderr).toBe(1);
    expect(outcome.stderr).toBe('');
    expect(outcome.stdout).toContain(`${path}/dangling.yaml (dangling symlink)`);
  });

  it('a symlink leaving the tree is a note; one inside it is read; named on the command line, the outside one is read too', () => {
    const path = tree('outside', (p) => {
      symlinkSync(join(dir, 'outside.yaml'), join(p, 'out.yaml'));
      mkdirSync(join(p, 'sub'));
      symlinkSync('../isvc.yaml', join(p, 'sub', 'again.yaml'));
    });
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status, outcome.stderr).toBe(1);
    expect(outcome.stdout).toContain(`Skipped paths that are not regular files inside the tree (1): ${path}/out.yaml (symlink leaving the tree).`);
    // The ConfigMap behind the link was never read.
    expect(outcome.stdout).not.toContain('ConfigMap');
    // The symlink inside the tree was read: its objects are the preset's again.
    expect(outcome.stdout).toContain(`${path}/sub/again.yaml:4`);
    const named = hpaLab(['check', join(path, 'isvc.yaml'), join(path, 'out.yaml')]);
    expectPrompt(named);
    expect(named.stdout).toContain(`${path}/out.yaml:1 (ConfigMap)`);
  });

  it('a socket, a directory past the walk depth and the rest: one note for all, in English and Chinese', async () => {
    const path = tree('mixed', (p) => {
      execFileSync('mkfifo', [join(p, 'f.yaml')]);
      symlinkSync('/dev/zero', join(p, 'zero.yaml'));
      symlinkSync(join(p, 'nowhere'), join(p, 'dangling.yml'));
      let deep = p;
      for (let level = 0; level < 34; level++) deep = join(deep, 'd');
      mkdirSync(deep, { recursive: true });
      copyFileSync(PRESET, join(deep, 'lost.yaml'));
    });
    socket = createServer();
    await new Promise<void>((done) => socket!.listen(join(path, 's.yaml'), done));
    const cut = `${path}/${Array.from({ length: 33 }, () => 'd').join('/')}`;
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status, outcome.stderr).toBe(1);
    const note = outcome.stdout.split('\n').filter((line) => line.startsWith('Skipped paths'));
    expect(note).toEqual([
      `Skipped paths that are not regular files inside the tree (5): ${cut} (directory more than 32 levels deep), ${path}/dangling.yml (dangling symlink), ${path}/f.yaml (FIFO), ${path}/s.yaml (socket), and ${path}/zero.yaml (symlink to a device).`,
    ]);
    const zh = hpaLab(['check', path, '--lang', 'zh-cn']);
    expectPrompt(zh);
    expect(zh.stdout).toContain(`跳过了 5 个不是目录树内普通文件的路径：${cut}（层级超过 32 层的目录）、`);
    expect(zh.stdout).toContain(`${path}/f.yaml（命名管道 FIFO）`);
    const json = hpaLab(['check', path, '--format', 'json']);
    expectPrompt(json);
    const report = JSON.parse(json.stdout) as { skippedPaths: { path: string; kind: string; symlink: boolean }[] };
    expect(report.skippedPaths).toEqual([
      { path: cut, kind: 'deep', symlink: false },
      { path: `${path}/dangling.yml`, kind: 'dangling', symlink: false },
      { path: `${path}/f.yaml`, kind: 'fifo', symlink: false },
      { path: `${path}/s.yaml`, kind: 'socket', symlink: false },
      { path: `${path}/zero.yaml`, kind: 'device', symlink: true },
    ]);
  });
});

describe('a path named on the command line must be a regular file', () => {
  it('a FIFO named explicitly: exit 2 with file:1:1 at once, no waiting for a writer', () => {
    const fifo = join(dir, 'named.yaml');
    execFileSync('mkfifo', [fifo]);
    const outcome = hpaLab(['check', fifo]);
    expectPrompt(outcome);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.trim()).toBe(`${fifo}:1:1: not a regular file (FIFO); only regular files are read`);
    const run = hpaLab(['run', fifo, '--lang', 'zh-cn']);
    expectPrompt(run);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(`${fifo}:1:1: 不是普通文件（命名管道 FIFO），只读取普通文件`);
  });

  it('a symlink to /dev/zero named explicitly: exit 2 with file:1:1 at once', () => {
    const zero = join(dir, 'named-zero.yaml');
    symlinkSync('/dev/zero', zero);
    const outcome = hpaLab(['run', zero]);
    expectPrompt(outcome);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.trim()).toBe(`${zero}:1:1: not a regular file (symlink to a device); only regular files are read`);
  });
});

describe('reading stops at the 32 MiB cap', () => {
  it('a sparse 40 MiB file is refused before it is read', () => {
    const path = tree('big', (p) => execFileSync('truncate', ['-s', '40M', join(p, 'big.yaml')]));
    const outcome = hpaLab(['check', path]);
    expectPrompt(outcome);
    expect(outcome.status).toBe(2);
    expect(outcome.stderr.trim()).toBe(`${path}/big.yaml:1:1: the input passes the 32 MiB limit in this file; reading stopped there`);
  });

  it('standard input that never ends (/dev/zero) is read up to the cap, then refused', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const outcome = hpaLab(['check', '-'], zero);
      expectPrompt(outcome);
      expect(outcome.status).toBe(2);
      expect(outcome.stderr.trim()).toBe('-:1:1: the input passes the 32 MiB limit in this file; reading stopped there');
    } finally {
      closeSync(zero);
    }
  });
});
