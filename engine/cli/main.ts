/**
 * `hpa-lab`: the command-line front end. The bin script gives it the file system, the streams
 * and the environment through `CliIo`; everything else is the shared engine. Exit codes: 0
 * success, 1 a possible harm or a webhook refusal (check) or a redaction that would change a decision, 2 input error.
 */
import { parseArgs } from 'node:util';
import { msg, type Message } from '../i18n/message.ts';
import { isLocale, renderMessage, type Locale } from '../i18n/render.ts';
import { decodeFragment, encodeState, LINK_LIMITS } from '../link/codec.ts';
import { playgroundUrl } from '../link/site.ts';
import { BEHAVIOUR_LABEL, RELEASE_TABLE, unreleasedNote } from '../kserve/releases.ts';
import { redactSources } from '../redact.ts';
import { runJson } from '../report/json.ts';
import { runNdjson } from '../report/ndjson.ts';
import { jsonPieces, lineChunks } from '../report/json-stream.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { runScenario, type RunResult } from '../run.ts';
import { splitSources, scenarioFileText } from '../scenario/compose.ts';
import { scenarioDocumentText } from '../scenario/edit.ts';
import { parseScenario, type ScenarioSource, type SkippedDocument } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { formatInputError, type InputError } from '../scenario/source.ts';
import { checkScenario } from '../explore/check.ts';
import { findSafeChanges, findShortestLoss, DEFAULT_DEPTH, type ShortestLoss } from '../explore/index.ts';
import { exploreLines, exploreRecord } from '../explore/report.ts';
import { checkOutput, githubAnnotation, type CheckFormat } from './check-output.ts';
import { checkSarif } from '../report/sarif.ts';
import { colourer } from './colour.ts';
import { commandHelp, commandSpec, COMMANDS, usage, type CommandSpec } from './commands.ts';
import { collecting, commandLineError, InputFailure, load, parseDefaultMode, parseDepth, parseFormat, parseLocale, parseRunFormat, parseVersions, readSources, type DirectoryEntry, type Loaded, type RunFormat, type Values } from './load.ts';
import type { RenderResult } from './repository.ts';
import { readOptions, refusedAnywhere } from './repository-options.ts';
import { printable, printableLines, renderText, terminalSafeJson } from './text-report.ts';

export interface CliIo {
  /**
   * The text of a regular file ('-': standard input). Throws ReadRefused (load.ts) for anything
   * else, and when there is more than `limit` bytes to read (it stops reading there).
   */
  readFile: (path: string, limit?: number) => string;
  /**
   * Entries of a directory, or null when the path is not one (walking directories for `check`).
   * `tree` is the directory named on the command line: a symlink counts as a file only when it
   * leads to a regular file inside it.
   */
  listDirectory?: (path: string, tree?: string) => DirectoryEntry[] | null;
  /** `kubectl kustomize` (or `kustomize build`) of a directory, origin annotations on; absent or `missing`: no renderer here. */
  kustomize?: (directory: string) => RenderResult;
  /** `helm template <release> <chart> -f <values>…`; absent or `missing`: no helm here. */
  helmTemplate?: (directory: string, release: string, values: readonly string[]) => RenderResult;
  stdout: (text: string) => void;
  /** Resolves once standard output has taken what was written (a long output waits here instead of piling up in memory). */
  drain?: () => Promise<void> | undefined;
  stderr: (text: string) => void;
  /** Standard output is a terminal: colour (unless NO_COLOR) and progress on stderr are allowed. */
  isTTY?: boolean;
  env?: Readonly<Record<string, string | undefined>>;
  version?: string;
}

/** An input error as JSON: the sentence in the chosen language, and its message id and parameters beside it (as `run --json` gives a refusal). */
function inputErrorJson(error: InputError, locale: Locale) {
  return { file: error.file, line: error.line, column: error.column, message: renderMessage(error.message, locale), id: error.message.id, params: error.message.params ?? {} };
}

/** JSON of any length as a stream of whole lines, the same text as one JSON.stringify(value, null, 2), bidi and C1 controls escaped. */
async function writeJson(io: CliIo, value: unknown): Promise<void> {
  for (const chunk of lineChunks(jsonPieces(value))) {
    io.stdout(terminalSafeJson(chunk));
    await io.drain?.();
  }
}

/**
 * A playground link that opens where a maintainer should look first: the first disagreement.
 * `url` is null when the playground's decoder would refuse the fragment (too long, or too big
 * once inflated), so no command ever prints a link that cannot reopen; `refusal` then says why,
 * for `link` (nothing printed) and for the Markdown comment (no link in it).
 */
type PlaygroundLink = { yaml: string; step: number } & ({ url: string; refusal: null } | { url: null; refusal: { link: Message; markdown: Message } });

async function linkFor(sources: ScenarioSource[], scenario: Scenario, run: RunResult | null): Promise<PlaygroundLink> {
  const split = splitSources(sources);
  const step = run?.firstDisagreement ?? 0;
  const state = { ...split, scenario: scenarioDocumentText(scenario.settings, scenario.events), step };
  const fragment = await encodeState(state);
  const yaml = scenarioFileText(state);
  if (fragment.length > LINK_LIMITS.fragment) {
    const params = { length: fragment.length, limit: LINK_LIMITS.fragment };
    return { url: null, refusal: { link: msg('cli.linkTooLong', params), markdown: msg('cli.markdownNoLink', params) }, yaml, step };
  }
  // The decoder's other bounds (inflated size, nesting) are checked by decoding: the very code the playground runs.
  const decoded = await decodeFragment(fragment);
  if (!decoded.ok) return { url: null, refusal: { link: msg('cli.linkRefused', { reason: decoded.message }), markdown: msg('cli.markdownLinkRefused', { reason: decoded.message }) }, yaml, step };
  return { url: playgroundUrl(fragment), refusal: null, yaml, step };
}

/**
 * `--lang` wherever it is before `--`, so that help, usage and the frames around option errors are
 * worded in it before a command's options are parsed, or with no command at all. The last one wins,
 * as in parseArgs. `leading` counts the arguments a `--lang` before the command takes (so
 * `hpa-lab --lang zh-cn run …` finds its command); `bare` is argv without any `--lang`.
 */
function scanLang(argv: readonly string[]): { lang: string | undefined; leading: number; bare: string[] } {
  let lang: string | undefined;
  let leading = 0;
  const bare: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      bare.push(...argv.slice(i));
      break;
    }
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      bare.push(arg);
      continue;
    }
    const inline = arg !== '--lang';
    const value = inline ? arg.slice('--lang='.length) : argv[i + 1];
    if (value !== undefined) lang = value;
    const end = inline ? i + 1 : Math.min(i + 2, argv.length);
    if (leading === i) leading = end;
    i = end - 1;
  }
  return { lang, leading, bare };
}

/**
 * Node's parseArgs words its errors in English only. A kind the catalog knows is worded from the
 * catalog when the English template gives back Node's very sentence (so English stays Node's);
 * anything else is passed on as Node wrote it.
 */
function optionProblem(text: string, locale: Locale): string {
  const known: Message[] = [];
  const unknown = /^Unknown option '(.*?)'\. To specify/s.exec(text);
  if (unknown) known.push(msg('cli.optionUnknown', { option: unknown[1]!, quoted: JSON.stringify(unknown[1]!) }));
  const missing = /^Option '(.*) <value>' argument missing$/s.exec(text);
  if (missing) known.push(msg('cli.optionNeedsValue', { option: missing[1]! }));
  const noValue = /^Option '(.*)' does not take an argument$/s.exec(text);
  if (noValue) known.push(msg('cli.optionTakesNoValue', { option: noValue[1]! }));
  const ambiguous = /^Option '(.*?)' argument is ambiguous\./s.exec(text);
  if (ambiguous) known.push(msg('cli.optionAmbiguous', { option: ambiguous[1]! }));
  const match = known.find((message) => renderMessage(message, 'en') === text);
  return match ? renderMessage(match, locale) : text;
}

/** A single-valued option (only --exclude and --values repeat). */
const one = (value: Values[string]): string | boolean | undefined => (Array.isArray(value) ? value[value.length - 1] : value);

function parseCommand(spec: CommandSpec, args: string[]): { values: Values; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]));
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  return { values: values as Values, positionals };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const scan = scanLang(argv);
  const [command, ...rest] = argv.slice(scan.leading);
  const version = io.version ?? '0.0.0';
  const asked = scan.lang?.toLowerCase();
  // Help, usage and the frames are worded in the scanned language; once the options are read, input
  // errors are worded in the --lang language, and given as JSON too when JSON was asked for.
  let locale: Locale = isLocale(asked) ? asked : 'en';
  let json = false;
  /** Input errors as one line of JSON (ndjson) instead of indented JSON. */
  let jsonLine = false;
  let github = false;
  /** Before help or a frame: an unknown --lang keeps English and says so (a run reports it as an input error instead). */
  const noteUnknownLang = (): void => {
    if (scan.lang !== undefined && !isLocale(asked)) io.stderr(printable(formatInputError({ file: '--lang', line: 1, column: 1, message: msg('input.cliLang', { value: scan.lang }) })));
  };
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      const name = command === 'help' ? scan.bare[1] : undefined;
      const topic = name ? commandSpec(name) : undefined;
      noteUnknownLang();
      io.stdout(topic ? commandHelp(topic, locale) : usage(version, locale));
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(version);
      return 0;
    }
    const spec = commandSpec(command);
    if (!spec) {
      noteUnknownLang();
      io.stderr(`hpa-lab: ${renderMessage(msg('cli.unknownCommand', { command: printable(command) }), locale)}\n\n${usage(version, locale)}`);
      return 2;
    }
    const { values, positionals } = parseCommand(spec, rest);
    if (values.help) {
      noteUnknownLang();
      io.stdout(commandHelp(spec, locale));
      return 0;
    }
    // Every problem with the options at once, not the first only.
    const problems: InputError[] = [];
    const option = collecting(problems);
    // A --lang before the command counts as the command's own.
    locale = option(() => parseLocale(one(values.lang) ?? scan.lang), 'en' as Locale);
    const depth = option(() => (typeof values.depth === 'string' ? parseDepth(values.depth) : DEFAULT_DEPTH), DEFAULT_DEPTH);
    // --format is check's and run's, with their own choices.
    const format = option(() => parseFormat(spec.name === 'run' ? undefined : one(values.format)), 'text' as CheckFormat);
    const runFormat = option(() => parseRunFormat(spec.name === 'run' ? one(values.format) : undefined), 'text' as RunFormat);
    json = format === 'json' || runFormat === 'json' || runFormat === 'ndjson' || (values.json === true && !values.markdown);
    jsonLine = runFormat === 'ndjson';
    github = format === 'github';
    const defaultMode = option(() => parseDefaultMode(one(values['default-mode'])), null);
    const versions = option(() => (typeof values.versions === 'string' ? parseVersions(values.versions) : undefined), undefined);
    const loadAll = (walk = false): Loaded => {
      let loaded: Loaded | null = null;
      try {
        loaded = load(positionals, values, io, walk, readOptions(values));
      } catch (error) {
        if (!(error instanceof InputFailure)) throw error;
        problems.push(...error.errors.filter((e) => !problems.some((p) => formatInputError(p) === formatInputError(e))));
      }
      if (problems.length > 0 || !loaded) throw new InputFailure(problems);
      if (defaultMode) loaded.scenario.settings.defaultDeploymentMode = defaultMode;
      return loaded;
    };
    if (problems.length > 0 && spec.name !== 'run' && spec.name !== 'link' && spec.name !== 'check' && spec.name !== 'explore') throw new InputFailure(problems);
    const colour = colourer(io);
    // run, link and redact take the streams check takes: a kind the model does not read is one note on stderr.
    const noteSkipped = (skipped: readonly SkippedDocument[]): void => {
      for (const s of skipped) io.stderr(printable(formatInputError({ file: s.file, line: s.line, column: s.column, message: msg('cli.skippedKind', { kind: s.kind ?? renderMessage(msg('ci.noKind'), locale) }) }, locale)));
    };
    const warn = (message: Message): void => io.stderr(printable(`hpa-lab: ${renderMessage(message, locale)}`));
    // A link the playground would refuse is not printed at all (exit 2), with what to share instead.
    const refused = (message: Message): number => {
      warn(message);
      return 2;
    };
    switch (spec.name) {
      case 'releases': {
        // The tag column fits its longest entry (the unreleased master@<commit> is longer than any tag).
        const width = Math.max(...RELEASE_TABLE.map((release) => release.tag.length)) + 1;
        for (const release of RELEASE_TABLE) {
          const note = unreleasedNote(release);
          // An unreleased entry says so on its own line, under the line that looks like a release's.
          const label = msg(BEHAVIOUR_LABEL[release.behaviour.id]);
          io.stdout(`${release.tag.padEnd(width)} ${release.date}  ${release.commit.slice(0, 12)}  ${renderMessage(note ? msg('release.unreleasedLabel', { label }) : label, locale)}`);
          if (note) io.stdout(`  ${renderMessage(note, locale)}`);
        }
        return 0;
      }
      case 'run': {
        if (values.json && values.markdown) throw commandLineError(msg('input.cliJsonAndMarkdown'));
        const formatGiven = typeof one(values.format) === 'string';
        if (formatGiven && (values.markdown || (values.json && runFormat !== 'json'))) {
          throw commandLineError(msg('input.cliFormatAnd', { format: runFormat, option: values.markdown ? '--markdown' : '--json' }));
        }
        const loaded = loadAll();
        noteSkipped(loaded.skipped);
        const run = runScenario(loaded.scenario);
        if (values.json || runFormat === 'json') await writeJson(io, runJson(run, locale));
        else if (runFormat === 'ndjson') {
          for (const line of runNdjson(run, locale)) {
            io.stdout(terminalSafeJson(line));
            await io.drain?.();
          }
        }
        else if (values.markdown) {
          const link = await linkFor(loaded.sources, loaded.scenario, run);
          if (link.refusal) warn(link.refusal.markdown);
          io.stdout(printableLines(renderMarkdown({ run, scenarioYaml: link.yaml, link: link.url, linkStep: link.step, locale })));
        } else io.stdout(renderText(run, { trace: Boolean(values.trace), locale, paint: colour.paint }));
        return 0;
      }
      case 'link': {
        const loaded = loadAll();
        noteSkipped(loaded.skipped);
        const link = await linkFor(loaded.sources, loaded.scenario, runScenario(loaded.scenario));
        if (link.url === null) return refused(link.refusal.link);
        io.stdout(link.url);
        return 0;
      }
      case 'check': {
        const loaded = loadAll(true);
        const progress = io.isTTY && format !== 'json' ? (done: number, total: number) => io.stderr(`\u001b[2K\r${renderMessage(msg('cli.progress', { done, total }), locale)}${done === total ? '\n' : ''}`) : undefined;
        const report = checkScenario(loaded.scenario, {
          depth,
          ...(typeof values.versions === 'string' ? { versions: loaded.scenario.settings.versions } : {}),
          includeEdits: Boolean(values['include-edits']),
          gitops: !values['no-gitops'],
          fixes: !values['no-fixes'],
          ...(progress ? { progress } : {}),
        });
        if (format === 'sarif') io.stdout(terminalSafeJson(JSON.stringify(checkSarif(report, loaded.scenario, { version, locale }), null, 2)));
        // JSON as every other JSON output: bidi and C1 controls from the input as \u escapes.
        else io.stdout(format === 'json' ? terminalSafeJson(checkOutput(report, loaded, format, locale, colour)) : checkOutput(report, loaded, format, locale, colour));
        // A refusal gates like a harm: `kubectl apply` of it fails in that release.
        return report.harm || refusedAnywhere(report) ? 1 : 0;
      }
      case 'explore': {
        const loaded = loadAll();
        const options = { depth, includeEdits: Boolean(values['include-edits']), gitops: !values['no-gitops'] };
        const losses: ShortestLoss[] = loaded.scenario.settings.versions.map((tag) => findShortestLoss(loaded.scenario, tag, options));
        const sections = losses.map((loss) => ({
          loss,
          changes: loss.found || loss.refused !== undefined ? findSafeChanges(loaded.scenario, loss.tag, { ...options, maxChanges: 2 }) : [],
        }));
        if (values.json) io.stdout(terminalSafeJson(JSON.stringify({ depth, releases: sections.map((section) => exploreRecord(section, locale)) }, null, 2)));
        else io.stdout(sections.map((section) => exploreLines(section, locale).map(printable).join('\n')).join('\n\n'));
        return 0;
      }
      case 'redact': {
        if (values.link && values.markdown) throw commandLineError(msg('input.cliLinkAndMarkdown'));
        if (problems.length > 0) throw new InputFailure(problems);
        const sources = readSources(positionals, io, false);
        const result = redactSources(sources, { rename: Boolean(values.rename), ...(versions ? { versions } : {}) });
        if (!result.ok && result.reason === 'input') throw new InputFailure(result.errors);
        noteSkipped(parseScenario(sources, { skipUnknownKinds: true }).skipped);
        if (!result.ok) {
          io.stderr(printable(`hpa-lab: ${renderMessage(msg('cli.redactionRefused', { release: result.release, step: result.step, detail: result.detail }), locale)}`));
          return 1;
        }
        if (values.link || values.markdown) {
          const redacted = [{ name: 'redacted.yaml', text: result.text }];
          const run = runScenario(result.scenario, versions ? { versions } : {});
          const link = await linkFor(redacted, result.scenario, run);
          if (values.link) {
            if (link.url === null) return refused(link.refusal.link);
            io.stdout(link.url);
          } else {
            if (link.refusal) warn(link.refusal.markdown);
            io.stdout(printableLines(renderMarkdown({ run, scenarioYaml: result.text, link: link.url, linkStep: link.step, locale, removed: result.removed })));
          }
        } else io.stdout(printableLines(result.text.trimEnd()));
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof InputFailure) {
      // In a workflow log an input error is an annotation: its file name sits in an escaped property, never at the start of a line.
      if (github) for (const e of error.errors) io.stderr(githubAnnotation('error', e, 'hpa-lab', renderMessage(e.message, locale)));
      else for (const e of error.errors) io.stderr(printable(formatInputError(e, locale)));
      if (json) io.stdout(terminalSafeJson(JSON.stringify({ errors: error.errors.map((e) => inputErrorJson(e, locale)) }, null, jsonLine ? undefined : 2)));
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      const spec = command ? commandSpec(command) : undefined;
      noteUnknownLang();
      io.stderr(`hpa-lab: ${printable(optionProblem(error.message, locale))}\n\n${spec ? commandHelp(spec, locale) : usage(version, locale)}`);
      return 2;
    }
    throw error;
  }
}

export { COMMANDS };
