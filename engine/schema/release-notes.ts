/**
 * Per-release hover text for the editor schemas, folded from the engine's release table
 * (engine/kserve/releases.ts) so the docs move when CHANGES moves. Every function takes the
 * release list as a parameter; the default is the engine's RELEASES.
 *
 * Not described here: Serverless/ModelMesh internals, the KEDA ScaledObject itself, and the
 * equality subtleties of semanticHPAEquals (see engine/kserve/checks.ts for those).
 */
import type { Behaviour, Release } from '../kserve/releases.ts';
import { schemaText, type SchemaText } from './text.ts';

/** A stretch of consecutive releases that share one derived value. */
export interface Run<T> {
  value: T;
  first: Release;
  last: Release;
}

/** Groups consecutive releases whose `key` is structurally equal (compared as JSON). */
export function runsOf<T>(releases: readonly Release[], key: (behaviour: Behaviour) => T): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const release of releases) {
    const value = key(release.behaviour);
    const previous = runs[runs.length - 1];
    if (previous && JSON.stringify(previous.value) === JSON.stringify(value)) previous.last = release;
    else runs.push({ value, first: release, last: release });
  }
  return runs;
}

/** "from v0.15.1", "v0.13.0-rc1 – v0.15.0" or "v0.12.0" for a run inside `releases`. */
export function spanLabel(run: Pick<Run<unknown>, 'first' | 'last'>, releases: readonly Release[], t: SchemaText = schemaText()): string {
  const newest = releases[releases.length - 1];
  if (run.last === newest) return t.from(run.first.tag);
  if (run.first === run.last) return run.first.tag;
  return `${run.first.tag} – ${run.last.tag}`;
}

/** Values in order of first appearance across releases. */
export function unionInOrder(releases: readonly Release[], values: (behaviour: Behaviour) => readonly string[]): string[] {
  const seen = new Set<string>();
  for (const release of releases) for (const value of values(release.behaviour)) seen.add(value);
  return [...seen];
}

/** The spans where `holds` is true, e.g. "from v0.15.1" or "v0.12.0 – v0.13.0 and from v0.16.0"; "" if none. */
export function spansWhere(releases: readonly Release[], holds: (behaviour: Behaviour) => boolean, t: SchemaText = schemaText()): string {
  return runsOf(releases, holds).filter((run) => run.value).map((run) => spanLabel(run, releases, t)).join(t.and);
}

/** Where the webhook accepts a value, e.g. "accepted from v0.15.1; refused before". */
export function acceptanceText(releases: readonly Release[], accepts: (behaviour: Behaviour) => boolean, t: SchemaText = schemaText()): string {
  const spans = spansWhere(releases, accepts, t);
  if (spans === '') return t.refusedEverywhere;
  if (accepts(releases[0]!.behaviour)) return t.acceptedOldest(spans);
  return t.acceptedFrom(spans);
}

const NAME = '`<isvc>-<component>`';

/** What the controller does for one autoscaler class in one release, as one sentence. */
export function classMeaning(className: string, behaviour: Behaviour, t: SchemaText = schemaText()): string {
  if (!behaviour.webhookClasses.includes(className)) return t.refusedByWebhook;
  const dispatch = behaviour.dispatch[className];
  if (dispatch === undefined) return t.noAutoscaler;
  if (dispatch === 'NoOpAutoscaler') return t.noop;
  if (dispatch === 'KedaReconciler') return t.keda;
  const parts: string[] = [];
  const stopAware = behaviour.shouldCreate === 'classIsHpaAndNotStopped';
  const creates = behaviour.shouldCreate === 'always' || className === 'hpa';
  parts.push(creates ? t.createsAndOverwrites(NAME, stopAware) : t.createsNone);
  const rule = behaviour.shouldDelete;
  const classDeletes = rule === 'desiredClassIsExternal' ? className === 'external'
    : rule === 'never' ? false : className === 'external' || className === 'none';
  if (classDeletes && rule === 'desiredClassIsExternal') parts.push(t.deletesAny(NAME));
  else if (classDeletes) parts.push(t.deletesOwned(NAME));
  else if (!creates) parts.push(t.overwritesExisting(NAME));
  if (rule === 'ownedAndStoppedOrClassIsExternalOrNone' && className === 'hpa') parts.push(t.deletesOwnWhenStopped);
  if (behaviour.keepReplicasClass === className) parts.push(t.holdsReplicas);
  return parts.join('; ');
}

/** The autoscalerClass values of every release, each with acceptance and per-release meaning. */
export function autoscalerClassDocs(releases: readonly Release[], t: SchemaText = schemaText()): { values: string[]; summary: string; perValue: string[] } {
  const values = unionInOrder(releases, (b) => b.webhookClasses);
  const lines = values.map((value) => `- \`${value}\`: ${acceptanceText(releases, (b) => b.webhookClasses.includes(value), t)}`);
  const summary = [t.classSummary, '', t.classWebhook(releases[0]!.tag, releases[releases.length - 1]!.tag), '', ...lines].join('\n');
  const perValue = values.map((value) => runsOf(releases, (b) => classMeaning(value, b, t))
    .map((run) => `${spanLabel(run, releases, t)}: ${run.value}`)
    .join('. ') + '.');
  return { values, summary, perValue };
}

/** deploymentMode names, each with the releases that know it and what it maps to. */
export function deploymentModeDocs(releases: readonly Release[], t: SchemaText = schemaText()): { values: string[]; summary: string; perValue: string[] } {
  const values = unionInOrder(releases, (b) => Object.keys(b.modeNames));
  const perValue = values.map((name) => runsOf(releases, (b) => (Object.hasOwn(b.modeNames, name) ? b.modeNames[name]! : null))
    .map((run) => `${spanLabel(run, releases, t)}: ${run.value === null ? t.modeUnknown : t.modeMeaning[run.value]}`)
    .join('. ') + '.');
  return { values, summary: t.modeSummary, perValue };
}

/** One line per run of `describe`, for fields whose meaning changed across releases. */
export function perReleaseLines(releases: readonly Release[], describe: (behaviour: Behaviour) => string, t: SchemaText = schemaText()): string {
  return runsOf(releases, describe).map((run) => `- ${spanLabel(run, releases, t)}: ${run.value}`).join('\n');
}
