#!/usr/bin/env node
// Entry point for `npx hpa-lab`: Node >= 22.18 runs the TypeScript engine directly.
import { readFileSync } from 'node:fs';
import { main } from '../engine/cli/main.ts';

const io = {
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

main(process.argv.slice(2), io).then(
  (code) => { process.exitCode = code; },
  (error) => {
    process.stderr.write(`hpa-lab: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
