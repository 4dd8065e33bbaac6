/**
 * The upgrade table (site/lib/upgrade.ts) against expectations derived by hand from behaviour.md
 * §11 (a restarted controller reconciles every InferenceService; status.deploymentMode written by
 * v0.15.x is read verbatim by v0.16–v0.18 and normalised from v0.19.0-rc0) and §0/§4 (what each
 * release does to a same-named HPA). Steps: 1 InferenceService, 2 user HPA (if any), then a pod event,
 * the upgrade, a pod event.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import { buildUpgradeCell, buildUpgradeTable, upgradePairs } from '../../site/lib/upgrade.ts';
import { matrixSetup } from './support.ts';

const SAME = () => matrixSetup('upgrade-same-name');
const OTHER = () => matrixSetup('upgrade-other-name');
const KSERVE = () => matrixSetup('upgrade-kserve-hpa');

async function story(setup: ReturnType<typeof SAME>, from: string, to: string) {
  const cell = await buildUpgradeCell(setup, from, to);
  return { outcome: cell.judgement.outcome, history: cell.judgement.entries.map((e) => [e.step, e.kind]), upgradeStep: cell.upgradeStep };
}

describe('upgrades, derived by hand', () => {
  it('a same-named HPA that v0.12 left alone is deleted at the restart, by a buggy release and by a fixed one', async () => {
    expect(await story(SAME(), 'v0.12.0', 'v0.14.1')).toEqual({ outcome: 'deleted', history: [[4, 'deleted']], upgradeStep: 4 });
    // A fixed release adopts it (Update) and, in the same pass, writes status.deploymentMode for the first time (v0.12
    // wrote none); the InferenceService watch has no predicate, so that status write queues a second pass at once,
    // which deletes the now-owned HPA: both within the restart.
    for (const to of ['v0.15.2', 'v0.20.0']) {
      expect(await story(SAME(), 'v0.12.0', to), to).toEqual({ outcome: 'deleted', history: [[4, 'overwritten'], [4, 'deleted']], upgradeStep: 4 });
    }
  });

  it('from a buggy release the same-named HPA is already gone before the upgrade', async () => {
    expect(await story(SAME(), 'v0.14.1', 'v0.20.0')).toEqual({ outcome: 'deleted', history: [[3, 'deleted']], upgradeStep: 4 });
  });

  it('a renamed HPA is never touched by an upgrade between these releases', async () => {
    for (const [from, to] of [['v0.12.0', 'v0.20.0'], ['v0.14.1', 'v0.15.2'], ['v0.15.2', 'v0.16.0']]) {
      expect(await story(OTHER(), from!, to!), `${from} → ${to}`).toEqual({ outcome: 'kept', history: [], upgradeStep: 4 });
    }
  });

  it('KServe’s own HPA: v0.16 reads v0.15’s status.deploymentMode "RawDeployment" verbatim and stops managing it; v0.19 normalises it', async () => {
    expect(await story(KSERVE(), 'v0.15.2', 'v0.16.0')).toEqual({ outcome: 'left', history: [[1, 'created'], [3, 'unmanaged']], upgradeStep: 3 });
    expect(await story(KSERVE(), 'v0.15.2', 'v0.19.0')).toEqual({ outcome: 'managed', history: [[1, 'created']], upgradeStep: 3 });
    // v0.12 writes no status.deploymentMode, so v0.16 reads the annotation.
    expect(await story(KSERVE(), 'v0.12.0', 'v0.16.0')).toEqual({ outcome: 'managed', history: [[1, 'created']], upgradeStep: 3 });
  });
});

describe('the table', () => {
  it('pairs each start release with every newer target, in the order given', () => {
    expect(upgradePairs(['v0.12.0', 'v0.16.0'], ['v0.14.1', 'v0.16.0', 'v0.20.0'])).toEqual([
      { from: 'v0.12.0', to: 'v0.14.1' }, { from: 'v0.12.0', to: 'v0.16.0' }, { from: 'v0.12.0', to: 'v0.20.0' },
      { from: 'v0.16.0', to: 'v0.20.0' },
    ]);
  });

  it('splits each history at the restart, and links to the scenario starting on the old release', async () => {
    const table = await buildUpgradeTable([SAME(), KSERVE()], ['v0.14.1', 'v0.15.2'], ['v0.15.2', 'v0.16.0']);
    expect(table.pairs.map((p) => `${p.from}→${p.to}`)).toEqual(['v0.14.1→v0.15.2', 'v0.14.1→v0.16.0', 'v0.15.2→v0.16.0']);
    const gone = table.cells[0]![0]!;
    expect(renderMessage(gone.before!, 'en')).toBe(renderMessage({ id: 'history.deleted' }, 'en'));
    expect([gone.restart, gone.after]).toEqual([null, null]);
    const left = table.cells[2]![1]!;
    expect(left.before, 'KServe creating its own HPA is not news').toBeNull();
    expect(renderMessage(left.restart!, 'en')).toBe(renderMessage({ id: 'kserveHistory.unmanaged' }, 'en'));
    expect(left.after).toBeNull();
    const cell = (await buildUpgradeTable([SAME()], ['v0.12.0'], ['v0.15.2'])).cells[0]![0]!;
    const decoded = await decodeFragment(cell.fragment);
    if (!decoded.ok) throw new Error(renderMessage(decoded.message));
    const parsed = parseScenario(stateSources(decoded.state));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('; '));
    expect(parsed.scenario.settings.startRelease).toBe('v0.12.0');
    expect(parsed.scenario.settings.versions).toEqual(['v0.15.2']);
    expect(decoded.state.step).toBe(4);
  });

  it('refuses a subject without exactly one upgrade event', async () => {
    await expect(buildUpgradeTable([matrixSetup('external-same-name')], ['v0.12.0'], ['v0.15.2'])).rejects.toThrow(/exactly one controller-upgraded event/);
  });
});
