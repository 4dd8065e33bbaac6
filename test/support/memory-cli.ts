/**
 * `hpa-lab` on in-memory files: each key is a path; a folder is every key under it (for `check`).
 * Returns the exit code and both streams as the terminal would show them.
 */
import { main, type CliIo } from '../../engine/cli/main.ts';

export async function memoryCli(argv: string[], files: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (path) => {
      if (!Object.hasOwn(files, path)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return files[path]!;
    },
    listDirectory: (path) => {
      const prefix = `${path.replace(/\/+$/, '')}/`;
      const names = Object.keys(files).filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length));
      return names.length === 0 ? null : names.map((name) => ({ name, directory: false }));
    },
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => err.push(`${text}\n`),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
