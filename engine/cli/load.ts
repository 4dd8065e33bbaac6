/**
 * Reading what the command line names: files, directories and globs into sources, sources into a
 * checked scenario, and the option values every command shares. Shared by `main` and the Action.
 */
import picomatch from 'picomatch';
import { parse as parseYamlText } from 'yaml';
import { msg, type Message } from '../i18n/message.ts';
import { isLocale, type Locale } from '../i18n/render.ts';
import { findRelease } from '../kserve/releases.ts';
import type { DeploymentMode } from '../kserve/constants.ts';
import { MAX_DEPTH } from '../explore/index.ts';
import { parseEventWord } from '../machine/events.ts';
import { crossCheck, parseScenario, type ScenarioSource, type SkippedDocument } from '../scenario/parse.ts';
import type { Scenario, ScenarioStepInput } from '../scenario/scenario.ts';
import { byteLength, LIMITS, type InputError } from '../scenario/source.ts';
import type { CheckFormat } from './check-output.ts';
import type { CliIo } from './main.ts';
import { printable } from './text-report.ts';
import { pipedChartNames, relocate, relocateSkipped, renderUnits, type RenderedSource, type RenderOptions } from './repository.ts';
import { pointerNotes } from './pointers.ts';
import { excluder, ignoredByGit, parseGitignore, type IgnoreFile } from './ignore.ts';
import { chartOf, templateDirective, templateError, templateNote, type TemplateDirective } from './templates.ts';

export class InputFailure extends Error {
  readonly errors: InputError[];
  constructor(errors: InputError[]) {
    super('input error');
    this.errors = errors;
  }
}

export const commandLineError = (message: Message): InputFailure => new InputFailure([{ file: '<command line>', line: 1, column: 1, message }]);

/** Reads one value; an input failure is added to `errors` and the fallback stands in, so every problem is reported at once. */
export function collecting(errors: InputError[]) {
  return <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof InputFailure)) throw error;
      errors.push(...error.errors);
      return fallback;
    }
  };
}

export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Loaded {
  sources: ScenarioSource[];
  scenario: Scenario;
  skipped: SkippedDocument[];
  /** Paths found while walking a directory that were not read (`check` notes them). */
  skippedPaths: SkippedPath[];
  /** Said once each: units not rendered, Argo CD and Flux objects, no InferenceService at all. */
  notes: Message[];
}

/** How `check` reads a repository: what to leave out, and how to render charts. */
export interface ReadOptions extends WalkOptions, RenderOptions {}

/** What a path that is not read is: not a regular file, or a symlink that dangles or leaves the tree, or too deep to walk. */
export type PathKind = 'fifo' | 'socket' | 'device' | 'directory' | 'dangling' | 'outside' | 'deep' | 'other';

export interface SkippedPath {
  path: string;
  kind: PathKind;
  /** The path is a symlink to a thing of that kind. */
  symlink: boolean;
}

/** One entry of a directory, as CliIo.listDirectory gives it. */
export interface DirectoryEntry {
  name: string;
  /** A directory to walk into (a symlink to one is not followed). */
  directory: boolean;
  /** Absent: a regular file, or a directory when `directory` is set. 'symlink-file' is a symlink to a regular file inside the walked tree. */
  kind?: 'file' | 'directory' | 'symlink-file' | 'other';
  /** For 'other': what it is. */
  reason?: PathKind;
  /** For 'other': a symlink to what `reason` says. */
  symlink?: boolean;
}

/** What CliIo.readFile throws for a path it will not read: not a regular file, or more than the limit to read. */
export class ReadRefused extends Error {
  readonly reason: PathKind | 'too-large';
  readonly symlink: boolean;
  constructor(reason: PathKind | 'too-large', symlink = false) {
    super(`not read: ${reason}`);
    this.reason = reason;
    this.symlink = symlink;
  }
}

/** Levels of directories walked below a directory named on the command line. */
const WALK_DEPTH = 32;

/** "FIFO", "symlink to a device", "dangling symlink": what a skipped path is, in words. */
export function pathKindMessage(kind: PathKind, symlink: boolean): Message {
  const what = kind === 'deep' ? msg('pathKind.deep', { depth: WALK_DEPTH }) : msg(`pathKind.${kind}`);
  return symlink ? msg('pathKind.symlinkTo', { kind: what }) : what;
}

export function skippedPathMessage(skipped: SkippedPath): Message {
  return msg('ci.skippedPath', { path: printable(skipped.path), kind: pathKindMessage(skipped.kind, skipped.symlink) });
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const entryKind = (entry: DirectoryEntry): NonNullable<DirectoryEntry['kind']> => entry.kind ?? (entry.directory ? 'directory' : 'file');
const readable = (entry: DirectoryEntry): boolean => entryKind(entry) === 'file' || entryKind(entry) === 'symlink-file';

/** What a walk leaves out besides node_modules and .git. */
export interface WalkOptions {
  /** `--exclude` globs. */
  exclude?: readonly string[];
  /** Read the .gitignore files met on the way (check). */
  gitignore?: boolean;
}

/** A directory judged as a whole: a Kustomize root or a Helm chart. */
export interface RepositoryUnit {
  kind: 'kustomize' | 'helm';
  directory: string;
  /** The kustomization file's name (kustomize only). */
  file: string;
}

/** The unit a directory is, from its entries: a chart before a kustomization (helm charts may ship one for post-rendering). */
function unitOf(path: string, entries: readonly DirectoryEntry[]): RepositoryUnit | null {
  const names = new Set(entries.filter(readable).map((e) => e.name));
  if (names.has('Chart.yaml')) return { kind: 'helm', directory: path, file: 'Chart.yaml' };
  const file = KUSTOMIZATION_FILES.find((name) => names.has(name));
  return file ? { kind: 'kustomize', directory: path, file } : null;
}

const GITIGNORE_BYTES = 256 * 1024;

/**
 * Walks a directory (bounded depth, no node_modules or .git, nothing excluded or git-ignored) and
 * gives every path below it, files and directories, with the unit (kustomization or chart) it
 * lies in; `tree` is the directory whose inside symlinks may point to, `deep` hears of a directory
 * not entered because it is too deep, `unit` of every unit met. Nothing inside a chart is visited.
 */
function walkTree(start: string, tree: string, io: CliIo, visit: (path: string, entry: DirectoryEntry, inUnit: RepositoryUnit | null) => void, deep?: (path: string) => void, options: WalkOptions = {}, unit?: (found: RepositoryUnit) => void): void {
  const excluded = excluder(options.exclude ?? []);
  const step = (path: string, depth: number, ignores: IgnoreFile[], within: RepositoryUnit | null): void => {
    const entries = io.listDirectory?.(path, tree) ?? null;
    if (entries === null) return;
    const here = unitOf(path, entries);
    if (here) unit?.(here);
    if (here?.kind === 'helm') return;
    const inUnit = here ?? within;
    let rules = ignores;
    if (options.gitignore && entries.some((e) => e.name === '.gitignore' && readable(e))) {
      try {
        rules = [...ignores, parseGitignore(path, io.readFile(`${path.replace(/\/+$/, '')}/.gitignore`, GITIGNORE_BYTES))];
      } catch {
        // An unreadable .gitignore ignores nothing; the walk goes on.
      }
    }
    for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      const child = `${path.replace(/\/+$/, '')}/${entry.name}`;
      if (entry.directory && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (excluded(child) || ignoredByGit(rules, child, entry.directory)) continue;
      visit(child, entry, inUnit);
      if (!entry.directory) continue;
      if (depth + 1 > WALK_DEPTH) deep?.(child);
      else step(child, depth + 1, rules, inUnit);
    }
  };
  step(start, 0, [], null);
}

interface Expanded {
  files: string[];
  /** Files named as they are on the command line (not found by walking or by a glob). */
  named: Set<string>;
  unmatched: string[];
  /** Entries a walk or a glob found that are not regular files inside the tree. */
  skipped: SkippedPath[];
  /** Kustomize roots and Helm charts met while walking, in walk order. */
  units: RepositoryUnit[];
}

/**
 * Files as given; directories walked for *.yaml / *.yml / *.json (for `check`), in a stable order;
 * a glob (`deploy/**\/*.yaml`, quoted so the shell leaves it, as an Action's `paths` input gives
 * it) is matched against the tree below its fixed part. A glob that matches nothing is an input
 * error. Files inside a Kustomize root or a chart are not read one by one: the unit is rendered.
 */
function expandPaths(paths: string[], io: CliIo, walk: boolean, options: WalkOptions = {}): Expanded {
  const files: string[] = [];
  const named = new Set<string>();
  const unmatched: string[] = [];
  const skipped: SkippedPath[] = [];
  const units: RepositoryUnit[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    if (!files.includes(file)) files.push(file);
  };
  const addUnit = (found: RepositoryUnit): void => {
    if (!units.some((u) => u.directory === found.directory)) units.push(found);
  };
  // A glob's directory is walked again by addAll: note each path once.
  const skip = (path: string, kind: PathKind, symlink = false): void => {
    if (!seen.has(path)) skipped.push({ path, kind, symlink });
    seen.add(path);
  };
  const skipEntry = (path: string, entry: DirectoryEntry): void => skip(path, entry.reason ?? 'other', entry.symlink ?? false);
  const tooDeep = (path: string): void => skip(path, 'deep');
  const addAll = (path: string, tree = path): void => {
    const entries = walk && path !== '-' ? io.listDirectory?.(path, tree) ?? null : null;
    if (entries === null) {
      if (path === tree) named.add(path);
      return add(path);
    }
    walkTree(path, tree, io, (child, entry, inUnit) => {
      if (entry.directory || inUnit || !MANIFEST_FILE.test(child)) return;
      if (readable(entry)) add(child);
      else skipEntry(child, entry);
    }, tooDeep, options, addUnit);
  };
  for (const path of paths) {
    const scan = picomatch.scan(path);
    if (path === '-' || !scan.isGlob) {
      addAll(path);
      continue;
    }
    const matches = picomatch(path.replace(/^\.\//, ''), { dot: false });
    const before = files.length + skipped.length + units.length;
    const root = scan.base === '' ? '.' : scan.base;
    const met: RepositoryUnit[] = [];
    // Only a ** can reach below the walk's depth, so only then is a directory left unwalked worth a note.
    walkTree(root, root, io, (child, entry, inUnit) => {
      const relative = child.replace(/^\.\//, '');
      if (!matches(relative)) return;
      if (entry.directory) addAll(child, root);
      else if (walk && !MANIFEST_FILE.test(child)) return;
      else if (inUnit && walk) addUnit(inUnit);
      else if (readable(entry)) add(child);
      else skipEntry(child, entry);
    }, walk && path.includes('**') ? tooDeep : undefined, options, (found) => met.push(found));
    // A chart's files are never visited: a glob that would match its templates takes the chart.
    for (const chart of met.filter((u) => u.kind === 'helm')) if (matches(`${chart.directory.replace(/^\.\//, '')}/templates/x.yaml`)) addUnit(chart);
    if (files.length + skipped.length + units.length === before) unmatched.push(path);
  }
  return { files, named, unmatched, skipped, units };
}

const limitText = (bytes: number): string => `${bytes / 1024 / 1024} MiB`;

/**
 * Reads what the command line names. Only regular files are read, and no more than the largest
 * input any command takes (LIMITS.repositoryBytes, all files together), so a device or an endless
 * stream costs that much at most. With `walk` (check), what a walk or a glob finds that is not a
 * regular file inside the tree goes to `skippedPaths` as a note; a path named as it is, or any
 * path for the other commands, is an input error.
 */
export function readSources(paths: string[], io: CliIo, walk: boolean, skippedPaths: SkippedPath[] = [], options: ReadOptions = {}, rendering?: Rendering): ScenarioSource[] {
  if (paths.length === 0) throw commandLineError(msg(walk ? 'input.cliNoPaths' : 'input.cliNoFiles'));
  const errors: InputError[] = [];
  const sources: ScenarioSource[] = [];
  const { files, named, unmatched, skipped, units } = expandPaths(paths, io, walk, walk ? { ...options, gitignore: true } : {});
  for (const pattern of unmatched) errors.push({ file: pattern, line: 1, column: 1, message: msg('input.cliNoMatch', { pattern: printable(pattern) }) });
  const notRegular = (file: string, kind: PathKind, symlink: boolean): InputError => ({ file, line: 1, column: 1, message: msg('input.cliNotRegular', { kind: pathKindMessage(kind, symlink) }) });
  if (walk) skippedPaths.push(...skipped);
  else errors.push(...skipped.map((s) => notRegular(s.path, s.kind, s.symlink)));
  let budget = LIMITS.repositoryBytes;
  // Files that are templates: check notes and skips each; the other commands refuse it at its directive.
  const templates: { name: string; directive: TemplateDirective }[] = [];
  for (const file of files) {
    try {
      const text = io.readFile(file, Math.max(0, budget));
      budget -= byteLength(text);
      const name = file === '-' ? '<stdin>' : file;
      const directive = templateDirective(text);
      if (directive) templates.push({ name, directive });
      else sources.push({ name, text });
    } catch (error) {
      const reason = error instanceof ReadRefused ? error.reason : null;
      const symlink = error instanceof ReadRefused && error.symlink;
      if (reason === 'too-large') {
        errors.push({ file, line: 1, column: 1, message: msg('input.readTooLarge', { limit: limitText(LIMITS.repositoryBytes) }) });
      } else if (reason !== null) {
        // Changed since the walk listed it: found by walking, it is a note like the others.
        if (walk && !named.has(file)) skippedPaths.push({ path: file, kind: reason, symlink });
        else errors.push(notRegular(file, reason, symlink));
      } else {
        const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        errors.push({ file, line: 1, column: 1, message: msg('input.cliUnreadable', { code }) });
      }
    }
  }
  const isChart = (directory: string): boolean => (io.listDirectory?.(directory) ?? []).some((e) => e.name === 'Chart.yaml' && readable(e));
  for (const { name, directive } of templates) {
    const chart = chartOf(name, isChart);
    if (walk) rendering?.notes.push(templateNote(name, directive, chart));
    else errors.push(templateError(name, directive, chart));
  }
  if (walk && units.length > 0) {
    const result = renderUnits(units, io, options);
    errors.push(...result.errors);
    sources.push(...result.sources);
    if (rendering) {
      rendering.rendered.push(...result.sources);
      rendering.patches.push(...result.patches);
      rendering.notes.push(...result.notes);
    }
  }
  if (errors.length > 0) throw new InputFailure(errors);
  if (walk && sources.length === 0 && units.length === 0 && templates.length === 0) rendering?.notes.push(msg('input.cliNoYamlFiles', { paths: paths.map(printable).join(', ') }));
  return sources;
}

/**
 * Where each chart a piped Helm stream names lives in the working tree: the one directory whose
 * Chart.yaml has that `name:` (null when none or several do). Walked like check walks, so what
 * git ignores or --exclude leaves out is not looked at.
 */
function chartsInWorkingTree(io: CliIo, charts: readonly string[], options: ReadOptions): Map<string, string | null> {
  const found = new Map<string, string[]>(charts.map((c) => [c, []]));
  walkTree('.', '.', io, () => undefined, undefined, { ...options, gitignore: true }, (unit) => {
    if (unit.kind !== 'helm') return;
    let name: unknown;
    try {
      name = (parseYamlText(io.readFile(`${unit.directory}/Chart.yaml`, GITIGNORE_BYTES), { logLevel: 'silent', maxAliasCount: 100 }) as Record<string, unknown> | null)?.name;
    } catch {
      return;
    }
    if (typeof name === 'string') found.get(name)?.push(unit.directory);
  });
  return new Map([...found].map(([chart, directories]) => [chart, directories.length === 1 ? directories[0]! : null]));
}

/** What rendering gave besides sources, for relocating positions afterwards. */
export interface Rendering {
  rendered: RenderedSource[];
  patches: string[];
  notes: Message[];
}

export function load(positionals: string[], values: Values, io: CliIo, walk = false, options: ReadOptions = {}): Loaded {
  const skippedPaths: SkippedPath[] = [];
  const rendering: Rendering = { rendered: [], patches: [], notes: [] };
  const sources = readSources(positionals, io, walk, skippedPaths, options, rendering);
  const parsed = parseScenario(sources, walk ? { skipOtherKinds: true } : { skipUnknownKinds: true });
  if (!parsed.ok) throw new InputFailure(parsed.errors);
  const scenario = parsed.scenario;
  const charts = pipedChartNames(sources, rendering.rendered);
  const located = charts.length > 0 ? chartsInWorkingTree(io, charts, options) : new Map<string, string | null>();
  relocate(scenario, sources, rendering.rendered, rendering.patches, io, (chart) => located.get(chart) ?? null);
  relocateSkipped(parsed.skipped, rendering.rendered, io);
  const unplaced = charts.filter((chart) => !located.get(chart));
  const notes = [...rendering.notes, ...pointerNotes(parsed.skipped), ...(unplaced.length > 0 ? [msg('repo.pipedChartNotFound', { charts: unplaced.map(printable) })] : [])];
  const errors: InputError[] = [];
  const attempt = collecting(errors);
  const versions = typeof values.versions === 'string' ? attempt(() => parseVersions(values.versions as string), undefined) : undefined;
  const events = typeof values.events === 'string' ? attempt(() => parseEvents(values.events as string), undefined) : undefined;
  const start = typeof values['start-release'] === 'string' ? attempt(() => parseStartRelease(values['start-release'] as string), undefined) : undefined;
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
  if (walk && rendering.notes.length === 0 && !scenario.objects.some((o) => o.object.kind === 'InferenceService')) notes.push(msg('ci.noIsvcHere'));
  return { sources, scenario, skipped: parsed.skipped, skippedPaths, notes };
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

/** `run --format`: text (the default), json (as --json) or ndjson (one line per step, only what changed). */
export type RunFormat = 'text' | 'json' | 'ndjson';

export function parseRunFormat(value: string | boolean | undefined): RunFormat {
  const text = typeof value === 'string' ? value : 'text';
  if (text !== 'text' && text !== 'json' && text !== 'ndjson') throw new InputFailure([{ file: '--format', line: 1, column: 1, message: msg('input.cliRunFormat', { value: printable(text) }) }]);
  return text;
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

