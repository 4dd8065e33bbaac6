/**
 * The CLI and the GitHub Action on Node: the real file system, streams and environment behind
 * `CliIo`. This is the bundle's entry (`npm run bundle` → bin/hpa-lab.bundle.mjs); the launchers
 * in bin/ pick the bundle or, in a checkout on Node 22.18+, these sources.
 */
import { appendFileSync, closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import { join, sep } from 'node:path';
import { LIMITS } from '../scenario/source.ts';
import { runAction } from './action.ts';
import { helmTemplate, kustomize } from './renderers.ts';
import { ReadRefused, type DirectoryEntry, type PathKind } from './load.ts';
import { main, type CliIo } from './main.ts';

function kindOf(entry: Stats | Dirent): PathKind {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

const CHUNK = 64 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Reads to the end in chunks, refusing as soon as there is more than `limit` (a device or a stream may never end). */
function readCapped(fd: number, limit: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  for (;;) {
    let read: number;
    try {
      // One byte past the limit is enough to know it is passed.
      read = readSync(fd, buffer, 0, Math.min(CHUNK, limit + 1 - total), null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking standard input with nothing yet: wait a little (a sleep, not a spin) and ask again.
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    // Copied out, so a short read does not keep a whole chunk alive.
    chunks.push(Buffer.from(buffer.subarray(0, read)));
    total += read;
    if (total > limit) throw new ReadRefused('too-large');
  }
  return decode(Buffer.concat(chunks, total));
}

/** UTF-8, or UTF-16 when the file starts with its byte-order mark (Windows editors write it). */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}

function readFile(path: string, limit: number = LIMITS.repositoryBytes): string {
  if (path === '-') return readCapped(0, limit);
  // A device, FIFO or socket is refused before it is opened: opening a FIFO waits for a writer, and
  // opening a device can do things. A dangling symlink throws ENOENT here, as before.
  const found = statSync(path);
  if (!found.isFile()) throw new ReadRefused(kindOf(found), lstatSync(path).isSymbolicLink());
  if (found.size > limit) throw new ReadRefused('too-large');
  // Non-blocking, so that if a FIFO took the file's place since the stat, opening it still returns; fstat then refuses it.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new ReadRefused(kindOf(opened));
    return readCapped(fd, limit);
  } finally {
    closeSync(fd);
  }
}

const realTrees = new Map<string, string | null>();

function realTree(tree: string): string | null {
  if (!realTrees.has(tree)) {
    let real: string | null = null;
    try {
      real = realpathSync(tree);
    } catch {
      real = null;
    }
    realTrees.set(tree, real);
  }
  return realTrees.get(tree)!;
}

const inside = (path: string, tree: string): boolean => path === tree || path.startsWith(tree.endsWith(sep) ? tree : tree + sep);

/** What one directory entry is; a symlink is a file only when it leads to a regular file inside the tree. */
function classify(path: string, entry: Dirent, tree: string | null): DirectoryEntry {
  const name = entry.name;
  if (entry.isDirectory()) return { name, directory: true, kind: 'directory' };
  if (entry.isFile()) return { name, directory: false, kind: 'file' };
  if (!entry.isSymbolicLink()) return { name, directory: false, kind: 'other', reason: kindOf(entry) };
  let target: Stats;
  let real: string;
  try {
    target = statSync(path);
    real = realpathSync(path);
  } catch {
    return { name, directory: false, kind: 'other', reason: 'dangling' };
  }
  // A symlink to a directory is not followed (no loops, no leaving the tree by that road either).
  if (!target.isFile()) return { name, directory: false, kind: 'other', reason: kindOf(target), symlink: true };
  if (tree === null || !inside(real, tree)) return { name, directory: false, kind: 'other', reason: 'outside' };
  return { name, directory: false, kind: 'symlink-file' };
}

function listDirectory(path: string, tree: string = path): DirectoryEntry[] | null {
  let entries: Dirent[];
  try {
    if (!statSync(path).isDirectory()) return null;
    entries = readdirSync(path, { withFileTypes: true });
  } catch {
    return null;
  }
  const real = realTree(tree);
  return entries.map((entry) => classify(join(path, entry.name), entry, real));
}

export function nodeIo(version: string): CliIo {
  // When the reader of the output goes away (`hpa-lab releases | head -1`), stop writing and say
  // nothing; the command still finishes with its own code, so a pipeline's status stays meaningful.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  return {
    readFile,
    listDirectory,
    kustomize: (directory) => kustomize(directory),
    helmTemplate: (directory, release, values) => helmTemplate(directory, release, values),
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(`${text}\n`);
    },
    drain: () => (stdoutClosed || !process.stdout.writableNeedDrain ? undefined : new Promise<void>((resolve) => {
      const done = (): void => {
        for (const event of ['drain', 'close', 'error']) process.stdout.off(event, done);
        resolve();
      };
      for (const event of ['drain', 'close', 'error']) process.stdout.once(event, done);
    })),
    stderr: (text) => process.stderr.write(text.endsWith('\n') || text.startsWith('\u001b[2K') ? text : `${text}\n`),
    isTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    version,
  };
}

const internalError = (error: unknown): number => {
  process.stderr.write(`hpa-lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 70;
};

/** `hpa-lab …` and `kubectl hpa-lab …`. */
export async function cli(argv: string[], version: string): Promise<void> {
  process.exitCode = await main(argv, nodeIo(version)).catch(internalError);
}

/** The GitHub Action's entry: inputs and files from the runner's environment. */
export async function action(version: string): Promise<void> {
  const files = {
    appendFile: (path: string, text: string) => appendFileSync(path, text, 'utf8'),
    writeFile: (path: string, text: string) => writeFileSync(path, text, 'utf8'),
  };
  process.exitCode = await runAction({ ...nodeIo(version), isTTY: false }, files).catch(internalError);
}
