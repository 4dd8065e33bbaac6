/**
 * The CLI's own words: help, usage and the frames main.ts puts around problems. English reads as it
 * always has (lines written out by hand here, not re-rendered); with --lang zh-cn, wherever it is in
 * argv, the same texts are Chinese, and the option columns still line up in a terminal.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../engine/cli/commands.ts';
import { main } from '../../engine/cli/main.ts';
import { displayWidth, pad } from '../../engine/cli/text-report.ts';
import { msg } from '../../engine/i18n/message.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { CJK, untranslated } from '../support/untranslated.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the CLI with no files (help needs none, and a missing file reads as ENOENT). */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    readFile: () => {
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => err.push(`${text}\n`),
    version: '9.9.9',
  });
  return { code, out: out.join(''), err: err.join('') };
}

const lines = (text: string): string[] => text.split('\n');

describe('English help reads as before', () => {
  const KEY_LINES: Record<string, string[]> = {
    run: [
      'Usage: hpa-lab run <files…> [--events e1,e2,…] [--versions …] [--start-release <tag>] [--trace] [--json | --format ndjson | --markdown]',
      'Run a scenario: what each release decides at each step, and what happens to your HPAs.',
      '      --events <e1,e2,…>         replace the scenario\'s events',
      '      --json                     JSON with stable field names (sentences rendered, message ids beside them)',
      '      --format text|json|ndjson  text (default); json, as --json (every step with all HPAs, Deployments and InferenceServices); ndjson: one JSON line per step with its decisions per release and only the objects that changed',
      '  -h, --help                     show this help',
      '`kubectl get -o yaml` prints them (kind: List too), and optionally one hpa-lab/v1 Scenario document with the events and settings.',
      'Events about one InferenceService take @<name> or @<namespace>/<name> when there are several.',
    ],
    link: [
      'Usage: hpa-lab link <files…> [--events …] [--versions …] [--start-release <tag>]',
      'Print a playground link that opens the scenario at the first step where the releases disagree.',
      '      --no-defaulting        no autoscaling/v2 defaulting by the API server (as KServe\'s unit tests)',
      '      --lang en|zh-cn        language of the results (default en)',
    ],
    check: [
      'For CI: can any release bring a user HPA to harm? Exit 0 safe, 1 harm or refusal, 2 input errors.',
      '      --depth <n>                              events to search after the objects (default 6, at most 12)',
      '      --default-mode RawDeployment|Serverless  the cluster\'s default deployment mode (inferenceservice-config, key deploy); default Serverless, as KServe ships it',
      '  -h, --help                                   show this help',
      'overwritten, two HPAs on one Deployment, scaling undone. The search covers what the cluster does by',
      '--format github prints workflow annotations (::error file=…,line=…,col=…::…) at the HPA at risk, one per',
      'InferenceService; --format sarif prints SARIF 2.1.0 for GitHub code scanning.',
    ],
    explore: [
      'Usage: hpa-lab explore <files…> [--versions …] [--depth N] [--include-edits] [--json]',
      'The shortest way to harm each user HPA in each release, and the fewest edits that prevent it.',
      '      --include-edits        also explore your own class switches',
      '      --json                 JSON output',
    ],
    redact: [
      'Print the scenario with only the fields the model reads, verified to decide exactly the same.',
      '      --markdown         print an issue-ready comment for the redacted scenario instead',
      'verdict differs, nothing is printed and the command exits 1 with the first differing step.',
    ],
    releases: [
      'Usage: hpa-lab releases',
      'Every modelled KServe tag, its commit and its behaviour.',
      '      --lang en|zh-cn  language of the results (default en)',
      '  -h, --help           show this help',
    ],
  };

  it('has a hand-written expectation for every command', () => {
    expect(Object.keys(KEY_LINES).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  it.each(Object.entries(KEY_LINES))('%s --help', async (name, expected) => {
    const { code, out } = await cli([name, '--help']);
    expect(code).toBe(0);
    expect(lines(out)).toEqual(expect.arrayContaining(expected));
    expect(lines(out).slice(3, 5)).toEqual(['', 'Options:']);
    expect(out).not.toMatch(CJK);
  });

  it('the overview', async () => {
    const { out } = await cli(['--help']);
    expect(lines(out).slice(0, 6)).toEqual([
      'hpa-lab 9.9.9 — what each KServe release does to your HorizontalPodAutoscalers',
      '',
      'Usage: hpa-lab <command> [options]',
      '',
      'Commands:',
      '  run       Run a scenario: what each release decides at each step, and what happens to your HPAs.',
    ]);
    expect(lines(out)).toContain('  releases  Every modelled KServe tag, its commit and its behaviour.');
    expect(lines(out).slice(-3)).toEqual([
      'hpa-lab <command> --help shows a command\'s options. hpa-lab --version prints the version.',
      'Exit codes: 0 success, 1 check found a possible harm or a webhook refusal (or redaction changed a decision), 2 input error.',
      '',
    ]);
  });

  it('the frames: unknown command, unknown option, progress, a refused redaction', async () => {
    expect((await cli(['frobnicate'])).err).toMatch(/^hpa-lab: unknown command "frobnicate"\n\nhpa-lab 9\.9\.9 — /);
    expect((await cli(['run', '--frob'])).err).toMatch(/^hpa-lab: Unknown option '--frob'\. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "--frob"\n\nUsage: hpa-lab run /);
    expect((await cli(['check', '--depth'])).err).toMatch(/^hpa-lab: Option '--depth <value>' argument missing\n/);
    expect((await cli(['check', '--no-fixes=1'])).err).toMatch(/^hpa-lab: Option '--no-fixes' does not take an argument\n/);
    expect(renderMessage(msg('cli.progress', { done: 1, total: 2 }))).toBe('checking 1/2 InferenceServices…');
    expect(renderMessage(msg('cli.redactionRefused', { release: 'v0.14.1', step: 3, detail: msg('redact.verdictDiffers') })))
      .toBe('redaction refused: v0.14.1, step 3: the redacted scenario ends with different verdicts; nothing printed');
  });
});

describe('--lang zh-cn: help and frames in Chinese', () => {
  /** Help without its synopsis line: a synopsis is syntax (`<files or directories…>` included), the same in every language. */
  const prose = (out: string, synopsis: string): string => out.replace(synopsis, '');

  it.each(COMMANDS.map((c) => [c.name, c] as const))('%s --help --lang zh-cn', async (_name, spec) => {
    const { code, out, err } = await cli([spec.name, '--help', '--lang', 'zh-cn']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(lines(out)[0]).toBe(`用法：${spec.synopsis}`);
    expect(lines(out)).toContain('选项：');
    for (const line of lines(prose(out, spec.synopsis)).filter((l) => /[A-Za-z]/.test(l))) expect(untranslated(line), line).toBeNull();
    // Every option is there, under its own flag, with a Chinese explanation.
    for (const [flag, option] of Object.entries(spec.options)) {
      const line = lines(out).find((l) => l.includes(`--${flag}`) && l.includes(renderMessage(msg(option.help), 'zh-cn')));
      expect(line, flag).toBeDefined();
      expect(line, flag).toMatch(CJK);
    }
  });

  it('the overview, with or without a command', async () => {
    const help = await cli(['--lang', 'zh-cn', '--help']);
    expect(help.code).toBe(0);
    expect(lines(help.out)[0]).toBe('hpa-lab 9.9.9 — 各个 KServe 版本会对你的 HorizontalPodAutoscaler 做什么');
    expect(lines(help.out)).toContain('用法：hpa-lab <command> [options]');
    expect(lines(help.out)).toContain('命令：');
    for (const line of lines(help.out).filter((l) => /[A-Za-z]/.test(l))) expect(untranslated(line), line).toBeNull();
    // No command at all: the same overview, exit 2.
    expect(await cli(['--lang', 'zh-cn'])).toEqual({ code: 2, out: help.out, err: '' });
    expect(await cli(['--help', '--lang=zh-cn'])).toEqual({ code: 0, out: help.out, err: '' });
  });

  it('--lang before or after --help, before the command, as --lang=, and after `help`: the same text', async () => {
    const reference = await cli(['check', '--help', '--lang', 'zh-cn']);
    for (const argv of [
      ['check', '--lang', 'zh-cn', '--help'],
      ['check', '-h', '--lang=zh-cn'],
      ['--lang', 'zh-cn', 'check', '--help'],
      ['--lang=zh-cn', 'check', '-h'],
      ['help', 'check', '--lang', 'zh-cn'],
      ['help', '--lang', 'zh-cn', 'check'],
      ['--lang', 'ZH-CN', 'help', 'check'],
    ]) expect(await cli(argv), argv.join(' ')).toEqual(reference);
  });

  it('option columns line up in a terminal: every explanation starts at the same display column', async () => {
    for (const spec of COMMANDS) {
      const { out } = await cli([spec.name, '--help', '--lang', 'zh-cn']);
      const starts = Object.values(spec.options).map((option) => {
        const text = renderMessage(msg(option.help), 'zh-cn');
        const line = lines(out).find((l) => l.endsWith(`  ${text}`))!;
        return displayWidth(line.slice(0, line.length - text.length));
      });
      expect(new Set(starts).size, spec.name).toBe(1);
    }
    // The padding counts a Chinese character as two columns, so a Chinese left column would line up too.
    expect(pad('选项', 6)).toBe('选项  ');
    expect(displayWidth(pad('用法：', 8))).toBe(8);
  });

  it('the frames: unknown command, unknown option, missing value', async () => {
    const unknown = await cli(['--lang', 'zh-cn', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^hpa-lab: 未知命令 "frobnicate"\n\nhpa-lab 9\.9\.9 — 各个 KServe 版本/);
    const option = await cli(['run', '--frob', '--lang', 'zh-cn']);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/^hpa-lab: 未知选项 '--frob'。.*-- "--frob"\n\n用法：hpa-lab run /);
    expect((await cli(['check', '--depth', '--lang', 'zh-cn'])).err).toMatch(/^hpa-lab: 选项 '--depth' 的参数值有歧义：/);
    expect((await cli(['--lang', 'zh-cn', 'check', '--depth'])).err).toMatch(/^hpa-lab: 选项 '--depth <value>' 缺少参数值\n\n用法：/);
    expect(renderMessage(msg('cli.progress', { done: 1, total: 2 }), 'zh-cn')).toBe('正在检查 InferenceService：1/2…');
  });

  it('a --lang before the command is the command\'s own: input errors in Chinese', async () => {
    const { code, err } = await cli(['--lang', 'zh-cn', 'link', 'missing.yaml']);
    expect(code).toBe(2);
    expect(err.trim()).toBe('missing.yaml:1:1: 无法读取这个文件（ENOENT）');
  });

  it('an unknown --lang keeps English and says so', async () => {
    const help = await cli(['run', '--help', '--lang', 'fr']);
    expect(help.code).toBe(0);
    expect(help.out).toBe((await cli(['run', '--help'])).out);
    expect(help.err.trim()).toBe('--lang:1:1: --lang takes en or zh-cn, got "fr"');
    const run = await cli(['--lang', 'fr', 'releases']);
    expect(run).toMatchObject({ code: 2, out: '' });
    expect(run.err.trim()).toBe('--lang:1:1: --lang takes en or zh-cn, got "fr"');
  });

  it('releases: every row\'s date starts in the same column, the unreleased master row too', async () => {
    const { code, out } = await cli(['releases']);
    expect(code).toBe(0);
    const rows = out.split('\n').filter((line) => /^\S/.test(line));
    expect(rows.some((row) => row.startsWith('master@'))).toBe(true);
    const dateColumns = new Set(rows.map((row) => row.search(/ \d{4}-\d\d-\d\d /)));
    expect(dateColumns.size).toBe(1);
    expect([...dateColumns][0]).toBeGreaterThan(0);
  });

  it('the real binary: check --help --lang zh-cn', () => {
    const result = spawnSync(process.execPath, ['bin/hpa-lab.mjs', 'check', '--help', '--lang', 'zh-cn'], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^用法：hpa-lab check /);
    expect(result.stdout).toContain('  -h, --help                                   显示本帮助\n');
  });
});
