/** Plain-text lines and JSON records for the explorer's CLI commands (`explore`, `check`), in a language. */
import { msg, type Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { BEHAVIOUR_LABEL, getRelease } from '../kserve/releases.ts';
import { describeEvents, formatEvent } from '../machine/events.ts';
import type { Change, SafeChange } from './changes.ts';

/** "ok, the webhook refuses …": the InferenceService's webhook, or a ScaledObject refused at apply. */
const refusedMessage = (refused: Message): Message => (refused.id === 'refusal.scaledObject' || refused.id === 'refusal.kserveScaledObject' ? msg('explore.refusedScaledObject', { reason: refused }) : msg('explore.refused', { reason: refused }));
import type { ShortestLoss } from './search.ts';

const hpaName = (loss: { hpa: string; namespace: string }, qualified: boolean) => (qualified ? `${loss.namespace}/${loss.hpa}` : loss.hpa);

export function eventWords(result: Extract<ShortestLoss, { found: true }>): string {
  return result.events.map(formatEvent).join(', ');
}

/** The harm in words: "my-isvc-predictor deleted at step 3, after a pod of the InferenceService is created (pod-created)". */
export function lossMessage(result: Extract<ShortestLoss, { found: true }>, qualified = false): Message {
  return msg(result.events.length === 0 ? 'explore.lossAtApply' : 'explore.loss', {
    hpa: hpaName(result.loss, qualified),
    harm: msg(`history.${result.loss.kind}`),
    step: result.loss.step,
    how: describeEvents(result.events),
    words: eventWords(result),
  });
}

/** One line per release for `check`. */
export function checkLine(result: ShortestLoss, locale: Locale = 'en'): string {
  const t = (m: Message) => renderMessage(m, locale);
  if (result.found) return `${result.tag}: ${t(msg('explore.checkLoss'))} ${t(lossMessage(result))}`;
  if (result.refused !== undefined) return `${result.tag}: ${t(refusedMessage(result.refused))}`;
  return `${result.tag}: ${t(msg('explore.safe', { depth: result.depth, states: result.statesVisited }))}`;
}

function changeDetail(change: Change, locale: Locale): string[] {
  if (change.kind === 'release') return [`release: ${change.from} → ${change.to}`];
  const show = (value: string | string[] | null) => (value === null ? renderMessage(msg('explore.absent'), locale) : Array.isArray(value) ? `[${value.join(', ')}]` : value);
  return [`${change.object} ${change.field}: ${show(change.from)} → ${show(change.to)}`, ...change.diff.split('\n')];
}

export interface ExploreSection {
  loss: ShortestLoss;
  changes: SafeChange[];
}

/** One change, or two ("… , and …"): findSafeChanges never combines more. */
export function safeChangeMessage(safe: Pick<SafeChange, 'changes'>): Message {
  const [first, ...rest] = safe.changes.map((c) => c.description);
  return rest.reduce((before, after) => msg('explore.changePair', { first: before, second: after }), first!);
}

/** The text `explore` prints for one release. At most `limit` safe changes are listed. */
export function exploreLines(section: ExploreSection, locale: Locale = 'en', limit = 10): string[] {
  const t = (m: Message) => renderMessage(m, locale);
  const { loss } = section;
  const release = getRelease(loss.tag);
  const out = [`${loss.tag} · ${t(msg(BEHAVIOUR_LABEL[release.behaviour.id]))}`];
  if (loss.found) {
    out.push(`  ${t(msg('explore.shortest', { states: loss.statesVisited, loss: lossMessage(loss) }))}`);
    const others = loss.losses.slice(1);
    if (others.length > 0) out.push(`  ${t(msg('explore.alsoLost', { hpas: others.map((l) => msg('explore.hpaHarm', { hpa: l.hpa, harm: msg(`history.${l.kind}`) })) }))}`);
  } else if (loss.refused !== undefined) {
    out.push(`  ${t(refusedMessage(loss.refused))}`);
  } else {
    out.push(`  ${t(msg('explore.safe', { depth: loss.depth, states: loss.statesVisited }))}`);
  }
  if (!loss.found && loss.refused === undefined) return out;
  if (section.changes.length === 0) {
    out.push(`  ${t(msg('explore.noSafeChange'))}`);
    return out;
  }
  out.push(`  ${t(msg('explore.safeChanges'))}`);
  section.changes.slice(0, limit).forEach((safe, i) => {
    const where = safe.tag !== loss.tag ? ` [${t(msg('explore.exploredIn', { tag: safe.tag }))}]` : '';
    out.push(`    ${i + 1}. ${t(safeChangeMessage(safe))}${where}`);
    for (const change of safe.changes) for (const line of changeDetail(change, locale)) out.push(`       ${line}`);
  });
  const hidden = section.changes.length - limit;
  if (hidden > 0) out.push(`    ${t(msg('explore.more', { count: hidden }))}`);
  return out;
}

/** The JSON `explore --json` prints for one release: sentences rendered, with their messages beside them. */
export function exploreRecord(section: ExploreSection, locale: Locale = 'en') {
  const { loss } = section;
  const release = getRelease(loss.tag);
  const label = msg(BEHAVIOUR_LABEL[release.behaviour.id]);
  return {
    tag: loss.tag,
    behaviour: release.behaviour.id,
    behaviourLabel: renderMessage(label, locale),
    shortestLoss: loss.found
      ? { ...loss, eventWords: loss.events.map(formatEvent), summary: renderMessage(lossMessage(loss), locale), summaryMessage: lossMessage(loss) }
      : { ...loss, ...(loss.refused ? { refused: renderMessage(loss.refused, locale), refusedMessage: loss.refused } : {}) },
    safeChanges: section.changes.map((safe) => ({
      ...safe,
      description: renderMessage(safeChangeMessage(safe), locale),
      changes: safe.changes.map((c) => ({ ...c, description: renderMessage(c.description, locale), descriptionMessage: c.description })),
    })),
  };
}
