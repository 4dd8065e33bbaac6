/**
 * "Will upgrading delete my HPA?": for each pair of releases (the one a cluster runs, a newer one),
 * each subject scenario is run starting on the old release, with its `controller-upgraded` event
 * moving it to the new one (the engine's startRelease). The judgement of the HPA is split at the
 * upgrade step into what happened before, at the restart, and after. Pure and Node-safe.
 */
import { msg, type Message, type MessageId } from '../../engine/i18n/message.ts';
import { getRelease } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { encodeState } from '../../engine/link/codec.ts';
import { runScenario } from '../../engine/run.ts';
import { historyMessage } from '../../engine/verdict.ts';
import { judge, type Judgement } from './judge.ts';
import { textsWith, type Setup } from './matrix.ts';

export interface UpgradeCell {
  from: string;
  to: string;
  setup: string;
  judgement: Judgement;
  /** The step of the controller-upgraded event (1-based). */
  upgradeStep: number;
  /** What happened before the upgrade, at the restart it causes, and after; null = nothing. */
  before: Message | null;
  restart: Message | null;
  after: Message | null;
  fragment: string;
}

export interface UpgradeTable {
  pairs: { from: string; to: string }[];
  setups: readonly Setup[];
  /** cells[pair][setup] */
  cells: UpgradeCell[][];
}

/** The step at which the scenario upgrades the controller; a subject must have exactly one. */
export function upgradeStepOf(setup: Setup): number {
  const at = setup.scenario.events.flatMap((e, i) => (e.event.type === 'controller.upgraded' ? [i] : []));
  if (at.length !== 1) throw new Error(`upgrade table: preset ${setup.id} must have exactly one controller-upgraded event (it has ${at.length})`);
  return setup.scenario.objects.length + at[0]! + 1;
}

function part(judgement: Judgement, entries: readonly { kind: string }[]): Message | null {
  if (entries.length === 0) return null;
  const prefix = judgement.whose === 'user' ? 'history' : 'kserveHistory';
  return historyMessage(entries.map((e) => msg(`${prefix}.${e.kind}` as MessageId)));
}

export async function buildUpgradeCell(setup: Setup, from: string, to: string): Promise<UpgradeCell> {
  const upgradeStep = upgradeStepOf(setup);
  const result = runScenario(setup.scenario, { versions: [to], startRelease: from }).versions[0]!;
  const judgement = judge(setup.scenario, result, setup.hpa);
  const entries = judgement.entries;
  const texts = textsWith(setup, { versions: [to], startRelease: from });
  // Open where the story turns: the first harm, else the restart itself.
  const step = judgement.outcome === 'kept' || judgement.outcome === 'managed' ? upgradeStep : judgement.step;
  return {
    from,
    to,
    setup: setup.id,
    judgement,
    upgradeStep,
    // KServe creating its own HPA on the old release is the starting point, not news.
    before: part(judgement, entries.filter((e) => e.step < upgradeStep && !(judgement.whose === 'kserve' && e.kind === 'created'))),
    restart: part(judgement, entries.filter((e) => e.step === upgradeStep)),
    after: part(judgement, entries.filter((e) => e.step > upgradeStep)),
    fragment: await encodeState({ ...texts, step }),
  };
}

/** Every pair (from, to) with `to` newer than `from`, in the order given. */
export function upgradePairs(from: readonly string[], to: readonly string[]): { from: string; to: string }[] {
  return from.flatMap((f) => {
    const a = getRelease(f).tag;
    return to.map((t) => getRelease(t).tag).filter((b) => compareTags(b, a) > 0).map((b) => ({ from: a, to: b }));
  });
}

export async function buildUpgradeTable(setups: readonly Setup[], from: readonly string[], to: readonly string[]): Promise<UpgradeTable> {
  const pairs = upgradePairs(from, to);
  if (pairs.length === 0) throw new Error('upgrade table: no release in `to` is newer than one in `from`');
  const cells = await Promise.all(pairs.map((pair) => Promise.all(setups.map((setup) => buildUpgradeCell(setup, pair.from, pair.to)))));
  return { pairs, setups, cells };
}
