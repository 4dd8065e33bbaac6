/**
 * Reading what the command line names: files, directories and globs into sources, sources into a
 * checked scenario, and the option values every command shares. Shared by `main` and the Action.
 */
import picomatch from 'picomatch';
import { msg, type Message } from '../i18n/message.ts';
import { isLocale, type Locale } from '../i18n/render.ts';
import { findRelease } from '../kserve/releases.ts';
import type { DeploymentMode } from '../kserve/constants.ts';
import { MAX_DEPTH } from '../explore/index.ts';
import { parseEventWord } from '../machine/events.ts';
import { crossCheck, parseScenario, type ScenarioSource, type SkippedDocument } from '../scenario/parse.ts';
import type { Scenario, ScenarioStepInput } from '../scenario/scenario.ts';
import type { InputError } from '../scenario/source.ts';
import type { CheckFormat } from './check-output.ts';
import type { CliIo } from './main.ts';
import { printable } from './text-report.ts';

export class InputFailure extends Error {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super('input error');
    this.errors = errors;
  }
}

export const commandLineError = (message: Message): InputFailure => new InputFailure([{ file: '<command line>', line: 1, column: 1, message }]);

export type Values = Record<string, string | boolean | undefined>;

export interface Loaded {
  sources: ScenarioSource[];
  scenario: Scenario;
  skipped: SkippedDocument[];
}

const YAML_FILE = /\.ya?ml$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** Walks a directory (bounded depth, no node_modules or .git) and gives every path below it, files and directories. */
function walkTree(root: string, io: CliIo, visit: (path: string, directory: boolean) => void): void {
  const step = (path: string, depth: number): void => {
    const entries = io.listDirectory?.(path) ?? null;
    if (entries === null || depth > 32) return;
    for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      const child = `${path.replace(/\/+$/, '')}/${entry.name}`;
      if (entry.directory && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      visit(child, entry.directory);
      if (entry.directory) step(child, depth + 1);
    }
  };
  step(root, 0);
}

/**
 * Files as given; directories walked for *.yaml / *.yml (for `check`), in a stable order; a glob
 * (`deploy/**\/*.yaml`, quoted so the shell leaves it, as an Action's `paths` input gives it) is
 * matched against the tree below its fixed part. A glob that matches nothing is an input error.
 */
function expandPaths(paths: string[], io: CliIo, walk: boolean): { files: string[]; unmatched: string[] } {
  const files: string[] = [];
  const unmatched: string[] = [];
  const add = (file: string): void => {
    if (!files.includes(file)) files.push(file);
  };
  const addAll = (path: string): void => {
    const entries = walk && path !== '-' ? io.listDirectory?.(path) ?? null : null;
    if (entries === null) return add(path);
    walkTree(path, io, (child, directory) => {
      if (!directory && YAML_FILE.test(child)) add(child);
    });
  };
  for (const path of paths) {
    const scan = picomatch.scan(path);
    if (path === '-' || !scan.isGlob) {
      addAll(path);
      continue;
    }
    const matches = picomatch(path.replace(/^\.\//, ''), { dot: false });
    const before = files.length;
    const root = scan.base === '' ? '.' : scan.base;
    walkTree(root, io, (child, directory) => {
      const relative = child.replace(/^\.\//, '');
      if (!matches(relative)) return;
      if (directory) addAll(child);
      else if (!walk || YAML_FILE.test(child)) add(child);
    });
    if (files.length === before) unmatched.push(path);
  }
  return { files, unmatched };
}

export function readSources(paths: string[], io: CliIo, walk: boolean): ScenarioSource[] {
  if (paths.length === 0) throw commandLineError(msg(walk ? 'input.cliNoPaths' : 'input.cliNoFiles'));
  const errors: InputError[] = [];
  const sources: ScenarioSource[] = [];
  const { files, unmatched } = expandPaths(paths, io, walk);
  for (const pattern of unmatched) errors.push({ file: pattern, line: 1, column: 1, message: msg('input.cliNoMatch', { pattern: printable(pattern) }) });
  for (const file of files) {
    try {
      sources.push({ name: file === '-' ? '<stdin>' : file, text: io.readFile(file) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      errors.push({ file, line: 1, column: 1, message: msg('input.cliUnreadable', { code }) });
    }
  }
  if (errors.length > 0) throw new InputFailure(errors);
  if (walk && sources.length === 0) throw commandLineError(msg('input.cliNoYamlFiles', { paths: paths.join(', ') }));
  return sources;
}

export function load(positionals: string[], values: Values, io: CliIo, walk = false): Loaded {
  const sources = readSources(positionals, io, walk);
  const parsed = parseScenario(sources, { skipOtherKinds: walk });
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
  const versions = typeof values.versions === 'string' ? attempt(() => parseVersions(values.versions as string)) : undefined;
  const events = typeof values.events === 'string' ? attempt(() => parseEvents(values.events as string)) : undefined;
  const start = typeof values['start-release'] === 'string' ? attempt(() => parseStartRelease(values['start-release'] as string)) : undefined;
  if (errors.length > 0) throw new InputFailure(errors);
  if (versions) scenario.settings.versions = versions;
  if (events) scenario.events = events;
  if (start) scenario.settings.startRelease = start;
  if (values['no-defaulting']) scenario.settings.apiServerDefaulting = false;
  // Events from the command line meet the objects only here: check their targets now.
  const problems = crossCheck(scenario);
  if (problems.length > 0) throw new InputFailure(problems);
  if (!walk && !scenario.objects.some((o) => o.object.kind === 'InferenceService') && !scenario.events.some((e) => e.event.type === 'object.apply' && e.event.object.kind === 'InferenceService')) {
    const file = sources[0]?.name ?? '<input>';
    throw new InputFailure([{ file, line: 1, column: 1, message: msg('input.noIsvc') }]);
  }
  return { sources, scenario, skipped: parsed.skipped };
}

export function parseVersions(text: string): string[] {
  const errors: InputError[] = [];
  const tags: string[] = [];
  let column = 1;
  for (const part of text.split(',')) {
    const found = findRelease(part);
    if (!found.ok) errors.push({ file: '--versions', line: 1, column, message: found.message });
    else if (!tags.includes(found.release.tag)) tags.push(found.release.tag);
    column += part.length + 1;
  }
  if (tags.length === 0 && errors.length === 0) errors.push({ file: '--versions', line: 1, column: 1, message: msg('input.cliNoRelease') });
  if (errors.length > 0) throw new InputFailure(errors);
  return tags;
}

export function parseStartRelease(text: string): string {
  const found = findRelease(text);
  if (!found.ok) throw new InputFailure([{ file: '--start-release', line: 1, column: 1, message: found.message }]);
  return found.release.tag;
}

export function parseDepth(text: string): number {
  const depth = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(depth >= 0 && depth <= MAX_DEPTH)) {
    throw new InputFailure([{ file: '--depth', line: 1, column: 1, message: msg('input.cliDepth', { max: MAX_DEPTH, value: text }) }]);
  }
  return depth;
}

export function parseFormat(value: string | boolean | undefined): CheckFormat {
  const text = typeof value === 'string' ? value : 'text';
  if (text !== 'text' && text !== 'json' && text !== 'github' && text !== 'sarif') throw new InputFailure([{ file: '--format', line: 1, column: 1, message: msg('input.cliFormat', { value: printable(text) }) }]);
  return text;
}

export function parseDefaultMode(value: string | boolean | undefined): DeploymentMode | null {
  if (value === undefined) return null;
  if (value === 'RawDeployment' || value === 'Serverless') return value;
  throw new InputFailure([{ file: '--default-mode', line: 1, column: 1, message: msg('input.cliDefaultMode', { value: printable(String(value)) }) }]);
}

export function parseLocale(value: string | boolean | undefined): Locale {
  if (value === undefined) return 'en';
  const text = String(value).toLowerCase();
  if (!isLocale(text)) throw new InputFailure([{ file: '--lang', line: 1, column: 1, message: msg('input.cliLang', { value: String(value) }) }]);
  return text;
}

export function parseEvents(text: string): ScenarioStepInput[] {
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

