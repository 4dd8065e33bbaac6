/**
 * The layering the README's table promises: `engine/` outside `engine/cli/` runs unchanged in Node,
 * the browser and a Worker, so it reaches neither Node's modules nor the CLI, the playground or the
 * site; the playground and the site reach the engine but never its CLI. A new import that breaks
 * this would still typecheck (the tsconfig has both DOM and Node types), so it is checked here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /\.(ts|mjs|astro)$/;
// Static `from '…'`, side-effect `import '…'` and dynamic `import('…')`, type-only imports included.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Each import of a file as [specifier, repository path it resolves to, or null for a package]. */
function importsOf(file: string): [string, string | null][] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(SPECIFIER)].map(([, spec]) => [spec!, spec!.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec!)) : null]);
}

function offending(files: string[], refused: (spec: string, path: string | null) => boolean): string[] {
  return files.flatMap((file) => importsOf(file).filter(([spec, path]) => refused(spec, path)).map(([spec]) => `${file} imports ${spec}`));
}

const inside = (path: string | null, dir: string): boolean => path !== null && (path === dir || path.startsWith(`${dir}/`));

describe('layers', () => {
  const shared = sources('engine').filter((file) => !inside(file, 'engine/cli'));
  const front = [...sources('playground'), ...sources('site')];

  it('finds the files it checks, and their imports', () => {
    expect(shared).toContain('engine/report/run-view.ts');
    expect(front).toContain('playground/app/element.ts');
    expect(importsOf('engine/cli/node.ts').some(([spec]) => spec.startsWith('node:'))).toBe(true);
  });

  it('the shared engine reaches no Node module, no CLI, no playground and no site', () => {
    expect(offending(shared, (spec, path) => spec.startsWith('node:') || ['engine/cli', 'playground', 'site', 'bin', 'test', 'bench'].some((dir) => inside(path, dir)))).toEqual([]);
  });

  it('the playground and the site never reach the CLI', () => {
    expect(offending(front, (_, path) => inside(path, 'engine/cli') || inside(path, 'bin'))).toEqual([]);
  });

  it('the playground reaches no Node module (it runs in the browser and its Worker)', () => {
    expect(offending(sources('playground'), (spec) => spec.startsWith('node:'))).toEqual([]);
  });
});
