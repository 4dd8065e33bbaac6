/**
 * `run --format ndjson`: the run as one JSON document per line, sized by what happens rather
 * than by steps × objects. The first line names the run and its releases; then one line per
 * step, holding for each release what `run --json` gives for that step (decisions, writes,
 * notes, refusal) except the cluster's lists, of which only the objects that changed at the step
 * appear; the last line holds the verdicts and the capacity drops. The field names are those of `run --json`.
 *
 * Replaying `changes` rebuilds the lists `run --json` gives: start from empty lists; per step
 * and list, drop the keys in `removed`, replace in place the objects of `set` whose key is
 * there and append the others in the order given; `order`, when present, is the new order of
 * all keys. Keys: `namespace/name` for hpas and deployments, `key` for isvcs.
 */
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { RunResult, StepResult } from '../run.ts';
import { admissionJson, capacityDropsJson, decisionJson, releaseJson, verdictsJson } from './json.ts';

export interface ListChange<T> {
  set: T[];
  removed: string[];
  order?: string[];
}

type Lists = Pick<StepResult, 'hpas' | 'deployments' | 'isvcs'>;

const KEYS: { readonly [K in keyof Lists]: (item: Lists[K][number]) => string } = {
  hpas: (h) => `${h.namespace}/${h.name}`,
  deployments: (d) => `${d.namespace}/${d.name}`,
  isvcs: (i) => i.key,
};

/**
 * What turns `before` into `after`, or null when nothing changed. Unchanged objects keep their
 * view from step to step (engine/run.ts), so a list the step left alone costs one comparison
 * and a changed one a pass over references; contents are compared only where a reference differs.
 */
export function listChange<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): ListChange<T> | null {
  if (before === after) return null;
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Set<string>();
  const set: T[] = [];
  for (const item of after) {
    const k = key(item);
    now.add(k);
    const was = old.get(k);
    if (was !== item && (was === undefined || JSON.stringify(was) !== JSON.stringify(item))) set.push(item);
  }
  const removed = before.map(key).filter((k) => !now.has(k));
  // The order the replay rule gives; a step that moved an object (deleted and created again) says the new one.
  const replayed = [...before.map(key).filter((k) => now.has(k)), ...after.map(key).filter((k) => !old.has(k))];
  const ordered = replayed.every((k, i) => k === key(after[i]!));
  if (set.length === 0 && removed.length === 0 && ordered) return null;
  return { set, removed, ...(ordered ? {} : { order: after.map(key) }) };
}

function changesOf(before: Lists, after: Lists): Partial<{ [K in keyof Lists]: ListChange<Lists[K][number]> }> {
  const out: Partial<{ [K in keyof Lists]: ListChange<Lists[K][number]> }> = {};
  const hpas = listChange(before.hpas, after.hpas, KEYS.hpas);
  if (hpas) out.hpas = hpas;
  const deployments = listChange(before.deployments, after.deployments, KEYS.deployments);
  if (deployments) out.deployments = deployments;
  const isvcs = listChange(before.isvcs, after.isvcs, KEYS.isvcs);
  if (isvcs) out.isvcs = isvcs;
  return out;
}

const EMPTY: Lists = { hpas: [], deployments: [], isvcs: [] };

/** The lines, one JSON text each, without line breaks. */
export function* runNdjson(run: RunResult, locale: Locale = 'en'): Generator<string> {
  yield JSON.stringify({ type: 'run', options: run.options, firstDisagreement: run.firstDisagreement, releases: run.versions.map((version) => releaseJson(version, locale)) });
  const count = run.versions[0]?.steps.length ?? 0;
  for (let i = 0; i < count; i += 1) {
    const first = run.versions[0]!.steps[i]!;
    const releases = run.versions.map((version) => {
      const step = version.steps[i]!;
      return {
        tag: version.tag,
        release: step.release,
        reconciled: step.reconciled,
        reconciledIsvcs: step.reconciledIsvcs,
        admission: admissionJson(step.admission, locale),
        decisions: step.decisions.map((decision) => decisionJson(decision, locale)),
        deploymentWrites: step.deploymentWrites,
        scaledObjectWrites: step.scaledObjectWrites,
        isvcPresent: step.isvcPresent,
        notes: step.notes.map((note) => renderMessage(note, locale)),
        noteMessages: step.notes,
        path: step.path,
        changes: changesOf(i === 0 ? EMPTY : version.steps[i - 1]!, step),
      };
    });
    yield JSON.stringify({ type: 'step', index: first.index, event: first.event, position: first.position, releases });
  }
  yield JSON.stringify({ type: 'verdicts', releases: run.versions.map((version) => ({ tag: version.tag, verdicts: verdictsJson(version, locale), capacityDrops: capacityDropsJson(version, locale) })) });
}
