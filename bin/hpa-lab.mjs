#!/usr/bin/env node
// `hpa-lab` and `kubectl hpa-lab` (npm links this file as both). An installed package runs the
// bundle; a checkout on Node 22.18+ runs the TypeScript sources, so contributors see their edits
// at once. Plain JavaScript, so that an older Node can still say what it needs.
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  process.stderr.write(`hpa-lab needs Node 20.19 or newer (this is ${process.version}).\n`);
  process.exit(2);
}

// Node 22.1+ keeps compiled code in its own cache directory: later starts skip parsing the bundle.
module.enableCompileCache?.();

const source = new URL('../engine/cli/node.ts', import.meta.url);
const fromSource = existsSync(source) && Boolean(process.features.typescript);
const { cli } = await import(fromSource ? source.href : './hpa-lab.bundle.mjs');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await cli(process.argv.slice(2), version);
