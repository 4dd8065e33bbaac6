/**
 * Output that cannot become a command (issue 21): the whole hostile corpus (test/support/hostile-corpus.ts)
 * through every command and output format of `hpa-lab` and the GitHub Action, on real files in a
 * temporary directory. Each output is held to the rules of every sink it may reach:
 * - a terminal or a log: no control or bidi character (the tool's own colour codes aside);
 * - a workflow log: no line the runner reads as a command, other than the tool's own;
 * - GitHub Markdown: no mention, image, link (other than the tool's own) or HTML tag outside code,
 *   and no table row with more cells than its header;
 * - JSON: every line parses (ndjson) or the whole does, and the values still hold the input.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../../engine/cli/action.ts';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { nodeIo } from '../../engine/cli/node.ts';
import { HOSTILE, writeCorpus, type Corpus } from '../support/hostile-corpus.ts';

/** C0 (line feed aside), DEL, C1, and the bidirectional controls. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** The tool's own terminal codes: colours and the progress line's erase. */
const OWN_ESCAPES = /\u001b\[(?:\d+(?:;\d+)*)?m|\u001b\[2K\r/g;
/** What the runner obeys: a line that starts with `::` once trimmed (.NET trims U+0085 too). */
const COMMAND = /^[\s\u0085]*::/;
/** The tool's own annotations: `::error file=…,title=…::message`, always titled, properties escaped so `::` first closes them. */
const OWN_ANNOTATION = /^::(?:error|warning|notice) (?:[^:]*,)?title=[^:]*::/;
/** Links the tool writes itself: the playground and KServe's or the site's sources. */
const OWN_LINK = /^https:\/\/(?:kserve-hpa-lab\.github\.io\/|github\.com\/kserve\/kserve\/|github\.com\/kedacore\/keda\/)/;

type Sink = 'json' | 'ndjson' | 'markdown' | 'workflow';

/** Markdown with code removed: fenced blocks, code spans, backslash escapes (what GitHub reads literally). */
function outsideCode(markdown: string): string {
  return markdown
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1[ \t]*$/gm, '')
    .replace(/(?<!\\)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '')
    .replace(/\\[!-/:-@[-`{-~]/g, '');
}

/** HTML character references as GitHub's mention and autolink filters see them: decoded. */
const decoded = (text: string): string => text.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16))).replace(/&(lt|gt|amp|quot);/g, (_, e: string) => ({ lt: '‹', gt: '›', amp: '&', quot: '"' })[e]!);

function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const prose = outsideCode(markdown);
  // Mentions are found after entities are decoded, autolinks in the raw text (an entity or a backslash breaks them).
  const text = decoded(prose);
  for (const [, mention] of text.matchAll(/(?:^|[^\w`])(@[A-Za-z0-9][\w-]*)/g)) problems.push(`mention ${mention}`);
  if (/!\[/.test(prose)) problems.push('image');
  for (const [, url] of prose.matchAll(/\]\(\s*<?([^)\s>]*)/g)) if (!OWN_LINK.test(url!)) problems.push(`link ${url}`);
  for (const [url] of prose.matchAll(/(?:https?:\/\/|www\.)[^\s)|]*/gi)) if (!OWN_LINK.test(url)) problems.push(`bare link ${url}`);
  const tags = [...prose.matchAll(/<\/?([A-Za-z][\w-]*)[^>]*>/g)].map((m) => m[1]!.toLowerCase()).filter((tag) => !['details', 'summary', 'br', 'code'].includes(tag));
  for (const tag of tags) problems.push(`tag <${tag}>`);
  // GitHub splits a table row at every unescaped pipe, code spans included.
  const lines = markdown.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!/^\|(?:-{3,}\|)+$/.test(lines[i]!)) continue;
    const cells = (lines[i]!.match(/\|/g) ?? []).length;
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) {
      const row = (lines[j]!.match(/(?<!\\)\|/g) ?? []).length;
      if (row !== cells) problems.push(`row with ${row - 1} cells under ${cells - 1}: ${lines[j]!.slice(0, 80)}`);
    }
  }
  return problems;
}

/**
 * Every way the output breaks a sink's rule, each as a short line (empty: clean). `pauses` are the
 * `::stop-commands::` tokens the Action handed out: its own pause and resume lines.
 */
function problems(output: string, sinks: readonly Sink[], pauses: readonly string[] = []): string[] {
  const found: string[] = [];
  const plain = output.replace(OWN_ESCAPES, '');
  const control = CONTROL.exec(plain);
  if (control) found.push(`control U+${control[0].codePointAt(0)!.toString(16).padStart(4, '0')} near ${JSON.stringify(plain.slice(Math.max(0, control.index - 30), control.index + 10))}`);
  // The runner splits lines at CR as well as LF.
  for (const line of output.split(/\r\n|\r|\n/)) {
    if (!COMMAND.test(line)) continue;
    const own = (sinks.includes('workflow') && OWN_ANNOTATION.test(line)) || pauses.some((token) => line === `::stop-commands::${token}` || line === `::${token}::`);
    if (!own) found.push(`command ${JSON.stringify(line.slice(0, 80))}`);
  }
  if (sinks.includes('markdown')) found.push(...markdownProblems(output));
  if (sinks.includes('json')) {
    try {
      JSON.parse(output);
    } catch (error) {
      found.push(`JSON ${(error as Error).message.slice(0, 80)}`);
    }
  }
  if (sinks.includes('ndjson')) {
    for (const line of output.split('\n').filter(Boolean)) {
      try {
        JSON.parse(line);
      } catch {
        found.push(`ndjson line ${line.slice(0, 60)}`);
      }
    }
  }
  return found;
}

/** The real file system, once (nodeIo listens on process.stdout). */
const { readFile, listDirectory } = nodeIo('0.0.0-test');

let corpus: Corpus;
beforeAll(() => {
  corpus = writeCorpus();
});
afterAll(() => rmSync(corpus.root, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real file system (nodeIo) with the streams captured; `tty` as a terminal would be, colour and progress on. */
async function cli(argv: readonly string[], tty = false): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { readFile, listDirectory, stdout: (text) => out.push(`${text}\n`), stderr: (text) => err.push(text.endsWith('\n') ? text : `${text}\n`), isTTY: tty, env: {}, version: '0.0.0-test' };
  const code = await main([...argv], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const VERSIONS = ['--versions', 'v0.14.1,v0.15.2'];

/** Command, options, what stdout is besides text; `files` picks the input. */
interface Case {
  args: readonly string[];
  sinks?: readonly Sink[];
  files?: 'good' | 'bad' | 'dir' | 'bad-dir';
  tty?: boolean;
}

const CASES: readonly Case[] = [
  { args: ['run'] },
  { args: ['run'], tty: true },
  { args: ['run', '--trace'] },
  { args: ['run', '--json'], sinks: ['json'] },
  { args: ['run', '--format', 'json'], sinks: ['json'] },
  { args: ['run', '--format', 'ndjson'], sinks: ['ndjson'] },
  { args: ['run', '--markdown'], sinks: ['markdown'] },
  { args: ['link'] },
  { args: ['check'], files: 'dir' },
  { args: ['check'], files: 'dir', tty: true },
  { args: ['check', '--format', 'json'], files: 'dir', sinks: ['json'] },
  { args: ['check', '--format', 'github'], files: 'dir', sinks: ['workflow'] },
  { args: ['check', '--format', 'sarif'], files: 'dir', sinks: ['json'] },
  { args: ['explore', '--depth', '2', '--versions', 'v0.14.1'] },
  { args: ['explore', '--depth', '2', '--versions', 'v0.14.1', '--json'], sinks: ['json'] },
  { args: ['redact'] },
  { args: ['redact', '--rename'] },
  { args: ['redact', '--link'] },
  { args: ['redact', '--markdown'], sinks: ['markdown'] },
  // Refused input: every error quotes hostile names, namespaces, kinds, events, keys and file names.
  { args: ['run'], files: 'bad' },
  { args: ['run'], files: 'bad', tty: true },
  { args: ['run', '--json'], files: 'bad', sinks: ['json'] },
  { args: ['run', '--format', 'ndjson'], files: 'bad', sinks: ['ndjson'] },
  { args: ['run', '--markdown'], files: 'bad' },
  { args: ['link'], files: 'bad' },
  { args: ['check'], files: 'bad-dir' },
  { args: ['check', '--format', 'json'], files: 'bad-dir', sinks: ['json'] },
  { args: ['check', '--format', 'github'], files: 'bad-dir', sinks: ['workflow'] },
  { args: ['check', '--format', 'sarif'], files: 'bad-dir' },
  { args: ['explore'], files: 'bad' },
  { args: ['explore', '--json'], files: 'bad', sinks: ['json'] },
  { args: ['redact'], files: 'bad' },
  { args: ['redact', '--markdown'], files: 'bad' },
];

function inputs(files: Case['files'] = 'good'): string[] {
  if (files === 'dir') return [join(corpus.root, 'good'), corpus.scenario];
  if (files === 'bad-dir') return [join(corpus.root, 'bad')];
  return files === 'bad' ? corpus.bad : [...corpus.good, corpus.scenario];
}

const label = (c: Case): string => `${c.args.join(' ')}${c.files?.startsWith('bad') ? ' (refused input)' : ''}${c.tty ? ' (terminal)' : ''}`;

describe('the hostile corpus through every command and format', () => {
  it('the corpus is hostile to every sink', () => {
    const all = HOSTILE.join('\n');
    expect(all).toMatch(CONTROL);
    expect(all.split(/\r\n|\r|\n/).some((line) => COMMAND.test(line))).toBe(true);
    expect(markdownProblems(all).length).toBeGreaterThan(5);
  });

  for (const c of CASES) {
    it(label(c), async () => {
      const [command, ...options] = c.args;
      const outcome = await cli([command!, ...inputs(c.files), ...options, ...(options.includes('--versions') ? [] : VERSIONS)], c.tty);
      expect(outcome.code, outcome.stderr.slice(0, 400)).toBeLessThan(c.files?.startsWith('bad') ? 3 : 2);
      if (c.files?.startsWith('bad')) expect(outcome.code).toBe(2);
      // Every case prints something that came from the corpus (else it proves nothing).
      expect(`${outcome.stdout}${outcome.stderr}`).toMatch(/octocat|add-mask|stop-comm|javascript|%3A%3A|\\u202e|[A-Za-z0-9_-]{200}/);
      expect.soft(problems(outcome.stdout, c.sinks ?? [])).toEqual([]);
      // Escaped for the terminal, JSON still holds the very values: `run` reports the events it ran.
      if (command === 'run' && !c.files && c.sinks?.some((sink) => sink === 'json' || sink === 'ndjson')) {
        const values = outcome.stdout.split('\n').filter(Boolean).map((line) => (c.sinks!.includes('ndjson') ? JSON.parse(line) : line));
        const text = c.sinks.includes('ndjson') ? JSON.stringify(values) : JSON.stringify(JSON.parse(outcome.stdout));
        expect(text).toContain(JSON.stringify(HOSTILE[8]).slice(1, -1));
      }
      // Errors and notes go to stderr: text, or annotations with --format github.
      expect.soft(problems(outcome.stderr, c.args.includes('github') ? ['workflow'] : [])).toEqual([]);
    });
  }

  it('options, commands and file names on the command line', async () => {
    const hostile = HOSTILE.join(' ');
    const runs = [
      ['run', corpus.scenario, '--versions', hostile],
      ['run', corpus.scenario, '--events', hostile],
      ['run', corpus.scenario, '--events', `isvc-annotate:${hostile}`],
      ['run', corpus.scenario, '--lang', hostile],
      ['check', corpus.scenario, '--format', hostile],
      ['check', corpus.scenario, '--default-mode', hostile, '--format', 'github'],
      ['check', corpus.scenario, '--depth', hostile, '--format', 'json'],
      ['run', join(corpus.root, hostile.replace(/\//g, '_'))],
      ['check', join(corpus.root, hostile.replace(/\//g, '_')), '--format', 'github'],
      [hostile],
      ['run', `--${hostile}`],
      ['help', hostile],
    ];
    for (const argv of runs) {
      const outcome = await cli(argv);
      expect(outcome.code, argv.join(' ').slice(0, 40)).toBe(argv[0] === 'help' ? 0 : 2);
      expect.soft(problems(outcome.stdout, argv.includes('json') ? ['json'] : []), argv[0]).toEqual([]);
      expect.soft(problems(outcome.stderr, argv.includes('github') ? ['workflow'] : []), `${argv[0]} ${argv[argv.length - 2]}`.slice(0, 60)).toEqual([]);
    }
  });
});

describe('the hostile corpus through the GitHub Action', () => {
  async function action(inputsEnv: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; files: Record<string, string>; pauses: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const files: Record<string, string> = {};
    const pauses: string[] = [];
    const env: Record<string, string> = { GITHUB_STEP_SUMMARY: 'summary.md', GITHUB_OUTPUT: 'output.txt' };
    for (const [name, value] of Object.entries(inputsEnv)) env[`INPUT_${name.toUpperCase()}`] = value;
    const io: CliIo = { readFile, listDirectory, stdout: (text) => out.push(`${text}\n`), stderr: (text) => err.push(`${text}\n`), isTTY: false, env, version: '0.0.0-test' };
    const code = await runAction(io, {
      appendFile: (path, text) => {
        files[path] = (files[path] ?? '') + text;
      },
      writeFile: (path, text) => {
        files[path] = text;
      },
      token: () => {
        pauses.push(`t${pauses.length}a0b1c2d3e4f5a6b7c8`);
        return pauses[pauses.length - 1]!;
      },
    });
    return { code, stdout: out.join(''), stderr: err.join(''), files, pauses };
  }

  it('annotations, the log, the job summary and the SARIF file of a checkout full of it', async () => {
    const run = await action({ paths: `${join(corpus.root, 'good')}\n${corpus.scenario}`, versions: 'v0.14.1,v0.15.2', 'sarif-file': join(corpus.root, 'out.sarif') });
    expect(run.code, run.stdout.slice(0, 400)).toBeLessThan(2);
    expect(run.stdout).toMatch(/^::error /m);
    expect.soft(problems(run.stdout, ['workflow'], run.pauses)).toEqual([]);
    expect(run.stderr).toBe('');
    const summary = run.files['summary.md'] ?? '';
    expect(summary).toContain('ml/m0');
    expect.soft(problems(summary, ['markdown'])).toEqual([]);
    expect.soft(problems(run.files[join(corpus.root, 'out.sarif')] ?? '', ['json'])).toEqual([]);
  });

  it('refused input, and hostile input values', async () => {
    const hostile = HOSTILE.join(' ');
    const runs: Record<string, string>[] = [{ paths: join(corpus.root, 'bad') }, { paths: corpus.scenario, versions: hostile }, { paths: corpus.scenario, lang: hostile, 'fail-on': hostile }, { paths: hostile }, { paths: corpus.scenario, [hostile.replace(/[^\w-]/g, '_')]: 'x' }];
    for (const inputsEnv of runs) {
      const run = await action(inputsEnv);
      expect(run.code).toBe(2);
      expect(run.stdout).toMatch(/^::error /m);
      expect.soft(problems(run.stdout, ['workflow'], run.pauses)).toEqual([]);
    }
  });
});
