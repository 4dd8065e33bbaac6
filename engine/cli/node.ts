/**
 * The CLI and the GitHub Action on Node: the real file system, streams and environment behind
 * `CliIo`. This is the bundle's entry (`npm run bundle` → bin/hpa-lab.bundle.mjs); the launchers
 * in bin/ pick the bundle or, in a checkout on Node 22.18+, these sources.
 */
import { appendFileSync, closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { runAction } from './action.ts';
import { main, type CliIo } from './main.ts';

function readFile(path: string): string {
  if (path === '-') return readFileSync(0, 'utf8');
  const fd = openSync(path, 'r');
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function listDirectory(path: string): { name: string; directory: boolean }[] | null {
  try {
    if (!statSync(path).isDirectory()) return null;
    return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
  } catch {
    return null;
  }
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
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(`${text}\n`);
    },
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
