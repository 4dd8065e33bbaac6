/**
 * The commands of `hpa-lab` as data: name, synopsis, what it does, and its options. `main` parses
 * argv against this table, and every `--help` text is written from it. Prose is a message id,
 * rendered in the `--lang` language; synopses, flags and value placeholders are syntax and stay here.
 */
import { msg, type MessageId, type MessageParam } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { displayWidth, pad } from './text-report.ts';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Given more than once, every value counts. */
  multiple?: boolean;
  /** Shown after the flag in help, e.g. "<tags>". */
  value?: string;
  help: MessageId;
}

export interface CommandSpec {
  name: string;
  synopsis: string;
  summary: MessageId;
  /** Paragraphs after the option list. */
  details?: readonly MessageId[];
  options: Readonly<Record<string, OptionSpec>>;
}

const common = {
  versions: { type: 'string', value: '<tags>', help: 'cli.option.versions' },
  'start-release': { type: 'string', value: '<tag>', help: 'cli.option.startRelease' },
  'no-defaulting': { type: 'boolean', help: 'cli.option.noDefaulting' },
  lang: { type: 'string', value: 'en|zh-cn', help: 'cli.option.lang' },
} as const satisfies Record<string, OptionSpec>;

const help = { type: 'boolean', short: 'h', help: 'cli.option.help' } as const satisfies OptionSpec;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    synopsis: 'hpa-lab run <files…> [--events e1,e2,…] [--versions …] [--start-release <tag>] [--trace] [--json | --format ndjson | --markdown]',
    summary: 'cli.run.summary',
    details: ['cli.run.details', 'cli.eventWords'],
    options: {
      events: { type: 'string', value: '<e1,e2,…>', help: 'cli.option.events' },
      ...common,
      trace: { type: 'boolean', help: 'cli.option.trace' },
      json: { type: 'boolean', help: 'cli.option.runJson' },
      format: { type: 'string', value: 'text|json|ndjson', help: 'cli.option.runFormat' },
      markdown: { type: 'boolean', help: 'cli.option.runMarkdown' },
      help,
    },
  },
  {
    name: 'link',
    synopsis: 'hpa-lab link <files…> [--events …] [--versions …] [--start-release <tag>]',
    summary: 'cli.link.summary',
    options: { events: { type: 'string', value: '<e1,e2,…>', help: 'cli.option.events' }, versions: common.versions, 'start-release': common['start-release'], 'no-defaulting': common['no-defaulting'], lang: common.lang, help },
  },
  {
    name: 'check',
    synopsis: 'hpa-lab check <files or directories…> [--versions …] [--format text|json|github|sarif] [--include-edits]',
    summary: 'cli.check.summary',
    details: ['cli.check.details'],
    options: {
      versions: common.versions,
      'start-release': common['start-release'],
      depth: { type: 'string', value: '<n>', help: 'cli.option.depth' },
      format: { type: 'string', value: 'text|json|github|sarif', help: 'cli.option.format' },
      'include-edits': { type: 'boolean', help: 'cli.option.includeEdits' },
      'no-gitops': { type: 'boolean', help: 'cli.option.noGitops' },
      'no-fixes': { type: 'boolean', help: 'cli.option.noFixes' },
      'default-mode': { type: 'string', value: 'RawDeployment|Serverless', help: 'cli.option.defaultMode' },
      exclude: { type: 'string', multiple: true, value: '<glob>', help: 'cli.option.exclude' },
      values: { type: 'string', multiple: true, value: '<file>', help: 'cli.option.values' },
      'release-name': { type: 'string', value: '<name>', help: 'cli.option.releaseName' },
      'no-defaulting': common['no-defaulting'],
      lang: common.lang,
      help,
    },
  },
  {
    name: 'explore',
    synopsis: 'hpa-lab explore <files…> [--versions …] [--depth N] [--include-edits] [--json]',
    summary: 'cli.explore.summary',
    options: {
      versions: common.versions,
      'start-release': common['start-release'],
      depth: { type: 'string', value: '<n>', help: 'cli.option.depth' },
      'include-edits': { type: 'boolean', help: 'cli.option.includeEdits' },
      'no-gitops': { type: 'boolean', help: 'cli.option.noGitops' },
      'no-defaulting': common['no-defaulting'],
      json: { type: 'boolean', help: 'cli.option.exploreJson' },
      lang: common.lang,
      help,
    },
  },
  {
    name: 'redact',
    synopsis: 'hpa-lab redact <files…> [--rename] [--link | --markdown]',
    summary: 'cli.redact.summary',
    details: ['cli.redact.details'],
    options: {
      rename: { type: 'boolean', help: 'cli.option.rename' },
      link: { type: 'boolean', help: 'cli.option.redactLink' },
      markdown: { type: 'boolean', help: 'cli.option.redactMarkdown' },
      versions: common.versions,
      lang: common.lang,
      help,
    },
  },
  {
    name: 'releases',
    synopsis: 'hpa-lab releases',
    summary: 'cli.releases.summary',
    options: { lang: common.lang, help },
  },
];

const wording = (locale: Locale) => (id: MessageId, params?: Readonly<Record<string, MessageParam>>): string => renderMessage(msg(id, params), locale);

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Two columns, the second starting at the same terminal column on every line (by display width, for Chinese). */
function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => displayWidth(left)));
  return rows.map(([left, right]) => `  ${pad(left, width)}  ${right}`);
}

export function commandHelp(spec: CommandSpec, locale: Locale = 'en'): string {
  const t = wording(locale);
  const flags = Object.entries(spec.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`,
    t(option.help),
  ] as const);
  return [
    t('cli.usage', { synopsis: spec.synopsis }),
    '',
    t(spec.summary),
    '',
    t('cli.options'),
    ...columns(flags),
    ...(spec.details ? ['', spec.details.map((id) => t(id)).join('\n\n')] : []),
  ].join('\n');
}

export function usage(version: string, locale: Locale = 'en'): string {
  const t = wording(locale);
  return [
    `hpa-lab ${version} — ${t('cli.tagline')}`,
    '',
    t('cli.usage', { synopsis: 'hpa-lab <command> [options]' }),
    '',
    t('cli.commands'),
    ...columns(COMMANDS.map((c) => [c.name, t(c.summary)] as const)),
    '',
    t('cli.moreHelp'),
    t('cli.exitCodes'),
  ].join('\n');
}
