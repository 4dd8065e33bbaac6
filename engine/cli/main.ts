/**
 * `hpa-lab`: the command-line front end. This file is the only place that touches the file
 * system, standard streams and the exit code; everything else is the shared engine.
 */
import { parseArgs } from 'node:util';
import { encodeState } from '../link/codec.ts';
import { playgroundUrl } from '../link/site.ts';
import { findRelease, RELEASES, BEHAVIOUR_LABEL } from '../kserve/releases.ts';
import { parseEventWord } from '../machine/events.ts';
import { msg } from '../i18n/message.ts';
import { renderMessage } from '../i18n/render.ts';
import { renderMarkdown } from '../report/markdown.ts';
import { runJson } from '../report/json.ts';
import { runScenario } from '../run.ts';
import { scenarioDocumentText, scenarioFileText, splitSources } from '../scenario/compose.ts';
import { parseScenario, type ScenarioSource } from '../scenario/parse.ts';
import type { Scenario, ScenarioStepInput } from '../scenario/scenario.ts';
import { formatInputError, type InputError } from '../scenario/source.ts';
import { renderText, printable, printableLines, terminalSafeJson } from './text-report.ts';
import { findShortestLoss, findSafeChanges, DEFAULT_DEPTH, MAX_DEPTH, type ShortestLoss } from '../explore/index.ts';
import { checkLine, exploreLines, exploreRecord } from '../explore/report.ts';

export interface CliIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = `hpa-lab — what each KServe release does to your HorizontalPodAutoscalers

Usage:
  hpa-lab run <files…> [--events e1,e2,…] [--versions v0.14.1,v0.15.2] [--no-defaulting] [--trace] [--json | --markdown]
  hpa-lab link <files…> [--events …] [--versions …] [--no-defaulting]
  hpa-lab explore <files…> [--versions …] [--depth N] [--no-defaulting] [--json]
  hpa-lab check <files…> [--versions …] [--depth N] [--no-defaulting]
  hpa-lab releases
  hpa-lab help

Files are YAML streams: InferenceService and HorizontalPodAutoscaler objects as
\`kubectl get -o yaml\` prints them, and optionally one hpa-lab/v1 Scenario document
(versions, options and events).
Use - to read standard input. --events replaces the scenario's events.
Event words: pod-created, pod-deleted, hpa-scaled:<n>, resync, controller-restarted,
isvc-annotate:<key>=<value>, isvc-annotate:<key>-, hpa-delete:<name>,
hpa-remove-finalizer:<name>/<finalizer>, isvc-delete.

explore searches, per release, the shortest sequence of events (pod churn, HPA
scaling, resyncs, restarts, autoscalerClass switches) after which KServe deletes,
overwrites or strands one of your HPAs, starting from the files' objects (the
scenario's own events are not used; default depth ${DEFAULT_DEPTH}, at most ${MAX_DEPTH}), and
lists the fewest edits (rename, class, finalizer, deployment mode, release) that
make every sequence safe. check prints one line per release and exits 1 when any
release can lose an HPA within the depth: meant for CI in GitOps repositories.

Exit codes: 0 success, 2 input error, 1 check found a possible loss.`;

class InputFailure extends Error {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super('input error');
    this.errors = errors;
  }
}

interface Loaded {
  sources: ScenarioSource[];
  scenario: Scenario;
}

function load(files: string[], values: { events?: string | undefined; versions?: string | undefined }, io: CliIo): Loaded {
  if (files.length === 0) throw new InputFailure([{ file: '<command line>', line: 1, column: 1, message: 'give at least one scenario file (or - for standard input)' }]);
  const sources: ScenarioSource[] = files.map((file) => {
    try {
      return { name: file === '-' ? '<stdin>' : file, text: io.readFile(file) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new InputFailure([{ file, line: 1, column: 1, message: `cannot read the file (${code})` }]);
    }
  });
  const parsed = parseScenario(sources);
  if (!parsed.ok) throw new InputFailure(parsed.errors);
  const scenario = parsed.scenario;
  const errors: InputError[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof InputFailure)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  };
  const versions = values.versions === undefined ? undefined : attempt(() => parseVersions(values.versions!));
  const events = values.events === undefined ? undefined : attempt(() => parseEvents(values.events!));
  if (errors.length > 0) throw new InputFailure(errors);
  if (versions) scenario.settings.versions = versions;
  if (events) scenario.events = events;
  return { sources, scenario };
}

function parseVersions(text: string): string[] {
  const errors: InputError[] = [];
  const tags: string[] = [];
  let column = 1;
  for (const part of text.split(',')) {
    const found = findRelease(part);
    if (!found.ok) errors.push({ file: '--versions', line: 1, column, message: found.message });
    else if (!tags.includes(found.release.tag)) tags.push(found.release.tag);
    column += part.length + 1;
  }
  if (tags.length === 0 && errors.length === 0) errors.push({ file: '--versions', line: 1, column: 1, message: 'name at least one release' });
  if (errors.length > 0) throw new InputFailure(errors);
  return tags;
}

function parseDepth(text: string): number {
  const depth = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(depth >= 0 && depth <= MAX_DEPTH)) {
    throw new InputFailure([{ file: '--depth', line: 1, column: 1, message: `--depth needs a whole number from 0 to ${MAX_DEPTH}, got "${text}"` }]);
  }
  return depth;
}

function parseEvents(text: string): ScenarioStepInput[] {
  const errors: InputError[] = [];
  const events: ScenarioStepInput[] = [];
  let column = 1;
  for (const part of text.split(',')) {
    if (part.trim().length > 0) {
      const parsed = parseEventWord(part);
      if (parsed.ok) events.push({ event: parsed.event, position: { file: '--events', line: 1, column } });
      else errors.push({ file: '--events', line: 1, column, message: parsed.message });
    }
    column += part.length + 1;
  }
  if (errors.length > 0) throw new InputFailure(errors);
  return events;
}

async function linkFor(loaded: Loaded): Promise<{ url: string; yaml: string }> {
  const split = splitSources(loaded.sources);
  const state = { ...split, scenario: scenarioDocumentText(loaded.scenario.settings, loaded.scenario.events), step: 0 };
  return { url: playgroundUrl(await encodeState(state)), yaml: scenarioFileText(state) };
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === 'releases') {
      for (const release of RELEASES) io.stdout(`${release.tag.padEnd(13)} ${release.date}  ${release.commit.slice(0, 12)}  ${renderMessage(msg(BEHAVIOUR_LABEL[release.behaviour.id]))}`);
      return 0;
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        events: { type: 'string' },
        versions: { type: 'string' },
        'no-defaulting': { type: 'boolean' },
        json: { type: 'boolean' },
        markdown: { type: 'boolean' },
        trace: { type: 'boolean' },
        depth: { type: 'string' },
      },
    });
    if (command === 'run') {
      if (values.json && values.markdown) throw new InputFailure([{ file: '<command line>', line: 1, column: 1, message: 'choose one of --json and --markdown' }]);
      const loaded = load(positionals, values, io);
      const run = runScenario(loaded.scenario, values['no-defaulting'] ? { apiServerDefaulting: false } : {});
      if (values.json) io.stdout(terminalSafeJson(JSON.stringify(runJson(run), null, 2)));
      else if (values.markdown) {
        const { url, yaml } = await linkFor(loaded);
        io.stdout(printableLines(renderMarkdown({ run, scenarioYaml: yaml, link: url })));
      } else io.stdout(renderText(run, { trace: values.trace ?? false }));
      return 0;
    }
    if (command === 'link') {
      const loaded = load(positionals, values, io);
      if (values['no-defaulting']) loaded.scenario.settings.apiServerDefaulting = false;
      io.stdout((await linkFor(loaded)).url);
      return 0;
    }
    if (command === 'explore' || command === 'check') {
      const depth = values.depth === undefined ? DEFAULT_DEPTH : parseDepth(values.depth);
      const loaded = load(positionals, values, io);
      const options = { depth, ...(values['no-defaulting'] ? { apiServerDefaulting: false } : {}) };
      const losses: ShortestLoss[] = loaded.scenario.settings.versions.map((tag) => findShortestLoss(loaded.scenario, tag, options));
      if (command === 'check') {
        for (const loss of losses) io.stdout(printable(checkLine(loss)));
        return losses.some((loss) => loss.found) ? 1 : 0;
      }
      const sections = losses.map((loss) => ({
        loss,
        changes: loss.found || loss.refused !== undefined ? findSafeChanges(loaded.scenario, loss.tag, { ...options, maxChanges: 2 }) : [],
      }));
      if (values.json) io.stdout(JSON.stringify({ depth, releases: sections.map((section) => exploreRecord(section)) }, null, 2));
      else io.stdout(sections.map((section) => exploreLines(section).map(printable).join('\n')).join('\n\n'));
      return 0;
    }
    io.stderr(`hpa-lab: unknown command "${printable(command)}"\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof InputFailure) {
      for (const e of error.errors) io.stderr(printable(formatInputError(e)));
      return 2;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`hpa-lab: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

