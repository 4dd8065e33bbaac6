/** Plain-text lines and JSON records for the explorer's CLI commands (`explore`, `check`). */
import { BEHAVIOUR_LABEL, getRelease } from '../kserve/releases.ts';
import { formatEvent } from '../machine/events.ts';
import type { Change, SafeChange } from './changes.ts';
import type { LossKind, ShortestLoss } from './search.ts';

export const LOSS_WORDS: Readonly<Record<LossKind, string>> = {
  overwritten: 'overwritten',
  deleted: 'deleted',
  terminating: 'left Terminating',
  collected: 'garbage-collected',
};

const states = (n: number): string => `${n} state${n === 1 ? '' : 's'}`;

export function eventWords(result: Extract<ShortestLoss, { found: true }>): string {
  return result.events.length === 0 ? 'applying the objects' : result.events.map(formatEvent).join(', ');
}

/** One line per release for `check`: `v0.14.1: LOSS my-isvc-predictor deleted after: pod-created`. */
export function checkLine(result: ShortestLoss): string {
  if (result.found) return `${result.tag}: LOSS ${result.loss.hpa} ${LOSS_WORDS[result.loss.kind]} after: ${eventWords(result)}`;
  if (result.refused !== undefined) return `${result.tag}: ok, the webhook refuses the InferenceService (${result.refused}), so nothing is stored`;
  return `${result.tag}: ok, no loss within depth ${result.depth} (${states(result.statesVisited)})`;
}

function changeDetail(change: Change): string[] {
  if (change.kind === 'release') return [`release: ${change.from} → ${change.to}`];
  const show = (value: string | null) => (value === null ? '(absent)' : value);
  return [`${change.object} ${change.field}: ${show(change.from)} → ${show(change.to)}`, ...change.diff.split('\n')];
}

export interface ExploreSection {
  loss: ShortestLoss;
  changes: SafeChange[];
}

/** The text `explore` prints for one release. At most `limit` safe changes are listed. */
export function exploreLines(section: ExploreSection, limit = 10): string[] {
  const { loss } = section;
  const release = getRelease(loss.tag);
  const out = [`${loss.tag} · ${BEHAVIOUR_LABEL[release.behaviour.id]}`];
  if (loss.found) {
    const n = loss.events.length;
    out.push(`  shortest loss (${states(loss.statesVisited)}): ${loss.loss.hpa} ${LOSS_WORDS[loss.loss.kind]} at step ${loss.loss.step}, after ${n === 0 ? 'applying the objects' : `${n} event${n === 1 ? '' : 's'}: ${eventWords(loss)}`}`);
    const others = loss.losses.slice(1);
    if (others.length > 0) out.push(`  also lost at that step: ${others.map((l) => `${l.hpa} (${LOSS_WORDS[l.kind]})`).join(', ')}`);
  } else if (loss.refused !== undefined) {
    out.push(`  no loss: the webhook refuses the InferenceService (${loss.refused}), so nothing is stored`);
  } else {
    out.push(`  no loss within depth ${loss.depth} (${states(loss.statesVisited)})`);
  }
  if (!loss.found && loss.refused === undefined) return out;
  if (section.changes.length === 0) {
    out.push('  safe changes: none found with up to two changes');
    return out;
  }
  out.push('  safe changes (fewest first):');
  section.changes.slice(0, limit).forEach((safe, i) => {
    out.push(`    ${i + 1}. ${safe.description}${safe.tag !== loss.tag ? ` [explored in ${safe.tag}]` : ''}`);
    for (const change of safe.changes) for (const line of changeDetail(change)) out.push(`       ${line}`);
  });
  const hidden = section.changes.length - limit;
  if (hidden > 0) out.push(`    … and ${hidden} more (--json lists them all)`);
  return out;
}

/** The JSON `explore --json` prints for one release. */
export function exploreRecord(section: ExploreSection) {
  const { loss } = section;
  const release = getRelease(loss.tag);
  return {
    tag: loss.tag,
    behaviour: release.behaviour.id,
    behaviourLabel: BEHAVIOUR_LABEL[release.behaviour.id],
    shortestLoss: loss.found ? { ...loss, eventWords: loss.events.map(formatEvent) } : loss,
    safeChanges: section.changes,
  };
}
