/**
 * Kustomize roots and Helm charts in a repository: judged as what they render, never file by file.
 * The renderers run in the Node runner (CliIo); this module decides which units to render, says
 * what was not rendered, and puts each rendered object back at the line of the file that defines it.
 */
import { parse as parseYamlText } from 'yaml';
import { msg, type Message } from '../i18n/message.ts';
import { ANNOTATION } from '../kserve/constants.ts';
import type { ScenarioSource, SkippedDocument } from '../scenario/parse.ts';
import type { Scenario, ScenarioObject } from '../scenario/scenario.ts';
import { LIMITS, loadYaml, locate, rangeOf, rangesOfEntries, type InputError, type LoadedDocument } from '../scenario/source.ts';
import { COMPONENTS } from '../k8s/types.ts';
import type { CliIo } from './main.ts';
import type { RepositoryUnit } from './load.ts';
import { shellWord } from './shell-word.ts';
import { printable } from './text-report.ts';

/** What a renderer gave: the stream, or why there is none. `origin` turns a kustomize origin path into a path as the walk names it. */
export type RenderResult =
  | { ok: true; text: string; origin?: (path: string) => string | null }
  | { ok: false; missing: true }
  | { ok: false; missing: false; failure: RenderFailure };

/** Why a renderer gave no stream: its own words, or a limit the lab set. */
export type RenderFailure =
  | { kind: 'said'; text: string }
  | { kind: 'tooMuchOutput'; mebibytes: number }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'network'; text: string };

export interface RenderOptions {
  /** `--release-name` for helm template. */
  release?: string;
  /** `--values` files for helm template. */
  values?: readonly string[];
}

/** A rendered stream and how to read its objects' positions back. */
export interface RenderedSource extends ScenarioSource {
  unit: RepositoryUnit;
  origin?: (path: string) => string | null;
}

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
const KUSTOMIZE_BYTES = 1024 * 1024;

const join = (directory: string, path: string): string => normalise(`${directory.replace(/\/+$/, '')}/${path}`);

/** `a/./b/../c` → `a/c`, keeping a leading `..` that leaves the walk. */
export function normalise(path: string): string {
  const out: string[] = [];
  const absolute = path.startsWith('/');
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return (absolute ? '/' : '') + (out.join('/') || '.');
}

interface Kustomization {
  /** Directories it includes (resources, bases, components). */
  includes: string[];
  /** Patch files it applies, where annotations an overlay adds are written. */
  patches: string[];
}

function readKustomization(unit: RepositoryUnit, io: CliIo): Kustomization {
  const out: Kustomization = { includes: [], patches: [] };
  let value: unknown;
  try {
    value = parseYamlText(io.readFile(join(unit.directory, unit.file), KUSTOMIZE_BYTES), { maxAliasCount: 100, logLevel: 'silent' });
  } catch {
    return out;
  }
  if (!value || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  const strings = (key: string): string[] => (Array.isArray(record[key]) ? (record[key] as unknown[]).filter((v): v is string => typeof v === 'string') : []);
  for (const entry of [...strings('resources'), ...strings('bases'), ...strings('components')]) {
    if (!/^[a-z]+:\/\//i.test(entry) && !/\.(ya?ml|json)$/i.test(entry)) out.includes.push(join(unit.directory, entry));
  }
  out.patches.push(...strings('patchesStrategicMerge').map((p) => join(unit.directory, p)));
  if (Array.isArray(record.patches)) {
    for (const patch of record.patches as unknown[]) {
      const path = patch && typeof patch === 'object' ? (patch as Record<string, unknown>).path : undefined;
      if (typeof path === 'string') out.patches.push(join(unit.directory, path));
    }
  }
  return out;
}

/** The kustomize roots no other root includes (a base is judged through its overlays), and every patch file. */
export function kustomizeRoots(units: readonly RepositoryUnit[], io: CliIo): { roots: RepositoryUnit[]; patches: string[] } {
  const kustomize = units.filter((u) => u.kind === 'kustomize');
  const read = new Map(kustomize.map((u) => [normalise(u.directory), readKustomization(u, io)]));
  const included = new Set<string>();
  for (const k of read.values()) for (const dir of k.includes) included.add(dir);
  return {
    roots: kustomize.filter((u) => !included.has(normalise(u.directory))),
    patches: [...new Set([...read.values()].flatMap((k) => k.patches))],
  };
}

/** Renders every root and chart; what cannot be rendered is a note (no renderer) or an input error (the renderer refused). */
export function renderUnits(units: readonly RepositoryUnit[], io: CliIo, options: RenderOptions = {}): { sources: RenderedSource[]; notes: Message[]; errors: InputError[]; patches: string[] } {
  const { roots, patches } = kustomizeRoots(units, io);
  const sources: RenderedSource[] = [];
  const notes: Message[] = [];
  const errors: InputError[] = [];
  const unrendered: string[] = [];
  const refused = (unit: RepositoryUnit, failure: RenderFailure): void => {
    const tool = unit.kind === 'helm' ? 'helm template' : 'kustomize';
    // Helm and kubectl may print warnings (a group-readable kubeconfig) before their `Error:` line.
    const firstLine = (text: string) => {
      const lines = text.split('\n');
      return printable(lines.find((l) => /^error:/i.test(l)) ?? lines.find((l) => l.trim() !== '') ?? '').slice(0, 300);
    };
    const command = unit.kind === 'helm' ? `helm template ${printable(shellWord(unit.directory))} | hpa-lab check -` : `kubectl kustomize ${printable(shellWord(unit.directory))} | hpa-lab check -`;
    const message = failure.kind === 'said' ? msg('repo.renderFailed', { tool, detail: firstLine(failure.text) })
      : failure.kind === 'network' ? msg('repo.renderNeedsNetwork', { tool, detail: firstLine(failure.text), command })
        : failure.kind === 'timeout' ? msg('repo.renderTimeout', { tool, seconds: failure.seconds })
          : msg('repo.renderTooBig', { tool, limit: failure.mebibytes });
    const at = unit.kind === 'helm' && failure.kind === 'said' ? helmErrorPlace(unit.directory, failure.text) : null;
    errors.push(at ? { ...at, message } : { file: join(unit.directory, unit.file), line: 1, column: 1, message });
  };
  for (const unit of roots) {
    const result = io.kustomize?.(unit.directory) ?? { ok: false, missing: true };
    if (result.ok) sources.push({ name: join(unit.directory, unit.file), text: result.text, unit, ...(result.origin ? { origin: result.origin } : {}) });
    else if (result.missing) unrendered.push(unit.directory);
    else refused(unit, result.failure);
  }
  if (unrendered.length > 0) notes.push(msg('repo.noKustomize', { count: unrendered.length, directories: unrendered.map(printable), command: `kubectl kustomize ${printable(shellWord(unrendered[0]!))} | hpa-lab check -` }));
  for (const unit of units.filter((u) => u.kind === 'helm')) {
    const result = io.helmTemplate?.(unit.directory, options.release ?? 'release', options.values ?? []) ?? { ok: false, missing: true };
    if (result.ok) sources.push({ name: join(unit.directory, 'Chart.yaml'), text: result.text, unit });
    else if (result.missing) notes.push(msg('repo.noHelm', { directory: printable(unit.directory), command: `helm template ${printable(shellWord(unit.directory))} | hpa-lab check -` }));
    else refused(unit, result.failure);
  }
  return { sources, notes, errors, patches };
}

/**
 * Where helm says a template failed, in the chart's own files: `template: churn/templates/x.yaml:4:20:`
 * (executing it) or `parse error at (churn/templates/x.yaml:5)`. Helm starts the path with the
 * chart's name, which is the directory rendered here.
 */
export function helmErrorPlace(directory: string, text: string): { file: string; line: number; column: number } | null {
  const found = /(?:template: |parse error at \()[^/\s]+\/(templates\/[^\s:()]+):(\d+)(?::(\d+))?/.exec(text);
  if (!found) return null;
  return { file: join(directory, found[1]!), line: Number(found[2]), column: Number(found[3] ?? 1) };
}

/** `path: base/isvc.yaml` out of an origin annotation's value. */
const originPath = (value: string | undefined): string | null => /^path:\s*(\S+)\s*$/m.exec(value ?? '')?.[1] ?? null;

/** The `# Source: chart/templates/x.yaml` comment above a line of a helm-rendered stream. */
function helmSourceAbove(text: string, line: number): string | null {
  const lines = text.split('\n', line);
  for (let i = line - 1; i >= 0; i -= 1) {
    const found = /^# Source: (\S+)\s*$/.exec(lines[i] ?? '');
    if (found) return found[1]!;
    if (/^---/.test(lines[i] ?? '') && i < line - 1) return null;
  }
  return null;
}

/** The document in `file` that defines the object (same kind, and a name the rendered name contains), parsed. */
function definingDocument(file: string, object: ScenarioObject['object'], io: CliIo, cache: Map<string, LoadedDocument[]>): LoadedDocument | null {
  if (!cache.has(file)) {
    let documents: LoadedDocument[] = [];
    try {
      const loaded = loadYaml(file, io.readFile(file, KUSTOMIZE_BYTES));
      documents = loaded.ok ? loaded.documents : [];
    } catch {
      documents = [];
    }
    cache.set(file, documents);
  }
  const records = cache.get(file)!.map((d) => ({ d, v: d.value as Record<string, unknown> }));
  const named = (v: Record<string, unknown>): string => String((v.metadata as Record<string, unknown> | undefined)?.name ?? '');
  const same = records.filter(({ v }) => v && v.kind === object.kind);
  return (same.find(({ v }) => named(v) === object.metadata.name) ?? same.find(({ v }) => named(v) !== '' && object.metadata.name.includes(named(v))) ?? same[0])?.d ?? null;
}

/**
 * Puts rendered objects back where they are written: an object kustomize rendered at the line of
 * the file its origin names (an annotation an overlay's patch adds, at the patch's line); an
 * object helm rendered (by us or piped in) at its template file. The origin annotation itself is
 * dropped, so it is never judged or shown.
 */
export function relocate(scenario: Scenario, sources: readonly ScenarioSource[], rendered: readonly RenderedSource[], patches: readonly string[], io: CliIo, chartDirectory: (chart: string) => string | null = () => null): void {
  const byName = new Map(sources.map((s) => [s.name, s]));
  const renderedBy = new Map(rendered.map((r) => [r.name, r]));
  const cache = new Map<string, LoadedDocument[]>();
  for (const entry of scenario.objects) {
    const { object } = entry;
    const source = renderedBy.get(entry.position.file);
    const annotations = object.metadata.annotations;
    const origin = annotations?.[ORIGIN_ANNOTATION];
    if (annotations && origin !== undefined) {
      delete annotations[ORIGIN_ANNOTATION];
      if (entry.locations?.annotations) delete entry.locations.annotations[ORIGIN_ANNOTATION];
    }
    let file: string | null = null;
    if (source?.unit.kind === 'kustomize') {
      const path = originPath(origin);
      file = path && source.origin ? source.origin(path) : null;
    } else {
      const text = byName.get(entry.position.file)?.text;
      const template = text ? helmSourceAbove(text, entry.position.line) : null;
      // Helm names a template by the chart's name: ours was rendered from a known directory, a piped
      // stream's chart is looked for in the working tree (helm wrote the path from the chart's parent).
      if (template) {
        const slash = template.indexOf('/');
        const directory = source ? source.unit.directory : slash > 0 ? chartDirectory(template.slice(0, slash)) : null;
        file = directory ? join(directory, template.slice(slash + 1)) : template;
      }
    }
    if (file === null) continue;
    // A template is text for helm, never YAML: only the line of its `kind:` is looked for.
    const doc = source?.unit.kind === 'kustomize' ? definingDocument(file, object, io, cache) : null;
    if (!doc) {
      entry.position = { file, line: templateLine(file, object.kind, io), column: 1 };
      if (entry.locations) entry.locations = { name: null, annotations: Object.fromEntries(Object.keys(entry.locations.annotations).map((k) => [k, null])), componentClass: {} };
      continue;
    }
    entry.position = locate(doc, []);
    const patchDocs = patches.map((p) => definingDocument(p, object, io, cache)).filter((d): d is LoadedDocument => d !== null);
    const where = (path: (string | number)[]) => [doc, ...patchDocs].map((d) => rangeOf(d, path)).find((r) => r !== null) ?? null;
    const annotationRanges = [doc, ...patchDocs].map((d) => rangesOfEntries(d, ['metadata', 'annotations']));
    entry.locations = {
      name: rangeOf(doc, ['metadata', 'name']),
      annotations: Object.fromEntries(Object.keys(object.metadata.annotations ?? {}).map((key) => [key, annotationRanges.map((m) => m.get(key)).find((r) => r !== undefined) ?? null])),
      componentClass: object.kind === 'InferenceService'
        ? Object.fromEntries(COMPONENTS.filter((c) => object.spec[c]?.annotations?.[ANNOTATION.autoscalerClass] !== undefined).map((c) => [c, where(['spec', c, 'annotations', ANNOTATION.autoscalerClass])]))
        : {},
    };
  }
}

/**
 * Documents a Kustomize render holds that are not judged (a Deployment, a ConfigMap) named at the
 * file and line that define them, as its judged objects are, not at a line of the rendered stream.
 */
export function relocateSkipped(skipped: SkippedDocument[], rendered: readonly RenderedSource[], io: CliIo): void {
  const renders = new Map(rendered.filter((r) => r.unit.kind === 'kustomize' && r.origin).map((r) => [r.name, r]));
  const documents = new Map<string, LoadedDocument[]>();
  const cache = new Map<string, LoadedDocument[]>();
  for (const entry of skipped) {
    const source = renders.get(entry.file);
    if (!source || entry.kind === null) continue;
    if (!documents.has(source.name)) {
      const loaded = loadYaml(source.name, source.text, LIMITS.repositoryDocuments);
      documents.set(source.name, loaded.ok ? loaded.documents : []);
    }
    const doc = documents.get(source.name)!.find((d) => locate(d, []).line === entry.line);
    const metadata = ((doc?.value as Record<string, unknown> | undefined)?.metadata ?? {}) as Record<string, unknown>;
    const annotations = (metadata.annotations ?? {}) as Record<string, unknown>;
    const path = originPath(typeof annotations[ORIGIN_ANNOTATION] === 'string' ? annotations[ORIGIN_ANNOTATION] as string : undefined);
    const file = path ? source.origin!(path) : null;
    if (!file) continue;
    const name = typeof metadata.name === 'string' ? metadata.name : '';
    const defining = definingDocument(file, { kind: entry.kind, metadata: { name } } as ScenarioObject['object'], io, cache);
    Object.assign(entry, defining ? locate(defining, []) : { file, line: 1, column: 1 });
  }
}

/** The chart names `# Source:` comments in streams not rendered here start with, in order of first use. */
export function pipedChartNames(sources: readonly ScenarioSource[], rendered: readonly RenderedSource[]): string[] {
  const ours = new Set(rendered.map((r) => r.name));
  const names = new Set<string>();
  for (const source of sources) {
    if (ours.has(source.name)) continue;
    for (const found of source.text.matchAll(/^# Source: ([^/\s]+)\/\S+\s*$/gm)) names.add(found[1]!);
  }
  return [...names];
}

/** The line of `kind: <Kind>` in a template (templates are never parsed as YAML), else 1. */
function templateLine(file: string, kind: string, io: CliIo): number {
  try {
    const lines = io.readFile(file, KUSTOMIZE_BYTES).split('\n');
    const index = lines.findIndex((l) => new RegExp(`^kind:\\s*${kind}\\b`).test(l));
    return index + 1 || 1;
  } catch {
    return 1;
  }
}
