// The GitHub Action's entry (action.yml `runs.main`): always the committed bundle, since the
// runner has the repository at the action's ref but none of its node_modules.
import { readFileSync } from 'node:fs';
import { action } from './hpa-lab.bundle.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await action(version);
