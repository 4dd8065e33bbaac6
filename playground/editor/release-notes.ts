/**
 * Per-release hover text for the editor schemas, folded from the engine's release table
 * (engine/kserve/releases.ts) so the docs move when CHANGES moves. Every function takes the
 * release list as a parameter; the default is the engine's RELEASES.
 *
 * Not described here: Serverless/ModelMesh internals, the KEDA ScaledObject itself, and the
 * equality subtleties of semanticHPAEquals (see engine/kserve/checks.ts for those).
 */
import type { Behaviour, Release } from '../../engine/kserve/releases.ts';
import type { DeploymentMode } from '../../engine/kserve/constants.ts';

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
export function spanLabel(run: Pick<Run<unknown>, 'first' | 'last'>, releases: readonly Release[]): string {
  const newest = releases[releases.length - 1];
  if (run.last === newest) return `from ${run.first.tag}`;
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
export function spansWhere(releases: readonly Release[], holds: (behaviour: Behaviour) => boolean): string {
  return runsOf(releases, holds).filter((run) => run.value).map((run) => spanLabel(run, releases)).join(' and ');
}

/** Where the webhook accepts a value, e.g. "accepted from v0.15.1; refused before". */
export function acceptanceText(releases: readonly Release[], accepts: (behaviour: Behaviour) => boolean): string {
  const spans = spansWhere(releases, accepts);
  if (spans === '') return 'refused by every modelled release';
  if (accepts(releases[0]!.behaviour)) return `accepted ${spans} (the oldest release modelled here)`;
  return `accepted ${spans}; refused before`;
}

const NAME = '`<isvc>-<component>`';

/** What the controller does for one autoscaler class in one release, as one sentence. */
export function classMeaning(className: string, behaviour: Behaviour): string {
  if (!behaviour.webhookClasses.includes(className)) return 'refused by the webhook';
  const dispatch = behaviour.dispatch[className];
  if (dispatch === undefined) return 'accepted, but the controller has no autoscaler for it: the reconcile fails';
  if (dispatch === 'NoOpAutoscaler') return 'no-op autoscaler: KServe creates no HPA and never touches one';
  if (dispatch === 'KedaReconciler') return 'KEDA reconciler: KServe manages a KEDA ScaledObject; the HPA reconciler does not run';
  const parts: string[] = [];
  const stopAware = behaviour.shouldCreate === 'classIsHpaAndNotStopped';
  const creates = behaviour.shouldCreate === 'always' || className === 'hpa';
  parts.push(creates
    ? `HPA reconciler: KServe creates the HPA ${NAME}${stopAware ? ' (not while the model is stopped)' : ''} and overwrites it to match the spec`
    : 'HPA reconciler: KServe creates no HPA');
  const rule = behaviour.shouldDelete;
  const classDeletes = rule === 'desiredClassIsExternal' ? className === 'external'
    : rule === 'never' ? false : className === 'external' || className === 'none';
  if (classDeletes && rule === 'desiredClassIsExternal') parts.push(`deletes any HPA named ${NAME}, even one you created`);
  else if (classDeletes) parts.push(`deletes an HPA named ${NAME} only if an InferenceService owns it; one it does not own is overwritten`);
  else if (!creates) parts.push(`overwrites an existing HPA named ${NAME}`);
  if (rule === 'ownedAndStoppedOrClassIsExternalOrNone' && className === 'hpa') parts.push('deletes its own HPA when the model is stopped');
  if (behaviour.keepReplicasClass === className) parts.push('the Deployment’s replicas are held at minReplicas');
  return parts.join('; ');
}

/** The autoscalerClass values of every release, each with acceptance and per-release meaning. */
export function autoscalerClassDocs(releases: readonly Release[]): { values: string[]; summary: string; perValue: string[] } {
  const values = unionInOrder(releases, (b) => b.webhookClasses);
  const lines = values.map((value) => `- \`${value}\`: ${acceptanceText(releases, (b) => b.webhookClasses.includes(value))}`);
  const summary = [
    'Which autoscaler KServe runs for each component; unset means `hpa`. Read only in raw deployment mode (`Standard` from v0.16).',
    '',
    `**Webhook, per release** (${releases[0]!.tag} – ${releases[releases.length - 1]!.tag} modelled): an InferenceService with a value its release does not accept is refused.`,
    '',
    ...lines,
  ].join('\n');
  const perValue = values.map((value) => runsOf(releases, (b) => classMeaning(value, b))
    .map((run) => `${spanLabel(run, releases)}: ${run.value}`)
    .join('. ') + '.');
  return { values, summary, perValue };
}

const MODE_MEANING: Readonly<Record<DeploymentMode, string>> = {
  RawDeployment: 'raw deployment: a Deployment plus the HPA reconciler (where this bug lives)',
  Serverless: 'Knative: KServe never runs its HPA reconciler',
  ModelMesh: 'ModelMesh: no per-InferenceService Deployment and no HPA reconciler',
};

/** deploymentMode names, each with the releases that know it and what it maps to. */
export function deploymentModeDocs(releases: readonly Release[]): { values: string[]; summary: string; perValue: string[] } {
  const values = unionInOrder(releases, (b) => Object.keys(b.modeNames));
  const perValue = values.map((name) => runsOf(releases, (b) => (Object.hasOwn(b.modeNames, name) ? b.modeNames[name]! : null))
    .map((run) => `${spanLabel(run, releases)}: ${run.value === null ? 'unknown, so the cluster default applies' : MODE_MEANING[run.value]}`)
    .join('. ') + '.');
  const summary = 'How KServe deploys this InferenceService. A value the release does not know falls back to the cluster default ' +
    '(the `inferenceservice` ConfigMap ships `Serverless`). Per release, each name means:';
  return { values, summary, perValue };
}

/** One line per run of `describe`, for fields whose meaning changed across releases. */
export function perReleaseLines(releases: readonly Release[], describe: (behaviour: Behaviour) => string): string {
  return runsOf(releases, describe).map((run) => `- ${spanLabel(run, releases)}: ${run.value}`).join('\n');
}
