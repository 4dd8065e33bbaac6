#!/usr/bin/env node
// Entry point for `npx hpa-lab`. The engine is TypeScript that Node runs directly from 22.18 on;
// this file stays plain JavaScript so an older Node can still say what it needs.
import { readFileSync, readdirSync, statSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`hpa-lab needs Node 22.18 or newer (this is ${process.version}); run it as \`npx hpa-lab\` inside the project, which uses the pinned Node 22.\n`);
  process.exit(2);
}

const { main } = await import('../engine/cli/main.ts');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// When the reader of the output goes away (`hpa-lab releases | head -1`), stop writing and say nothing;
// the command still finishes and exits with its own code, so a pipeline's status stays meaningful.
let stdoutClosed = false;
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

const io = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  listDirectory: (path) => {
    try {
      if (!statSync(path).isDirectory()) return null;
      return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, directory: entry.isDirectory() }));
    } catch {
      return null;
    }
  },
  stdout: (text) => { if (!stdoutClosed) process.stdout.write(`${text}\n`); },
  stderr: (text) => process.stderr.write(text.endsWith('\n') || text.startsWith('\u001b[2K') ? text : `${text}\n`),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  version,
};

main(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`hpa-lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
