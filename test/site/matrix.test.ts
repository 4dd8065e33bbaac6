/**
 * The "Am I affected?" matrix (site/lib/matrix.ts) against expectations written by hand from
 * behaviour.md (the project’s KServe ground truth) and the source notes (content/docs/reference/source-notes.md §9.4), not from the
 * engine: a handful of setups and releases, each with the outcome and the history (step + kind).
 * Then: the releases group into exactly the windows the notes name, and every link opens the cell's
 * own scenario at the cell's step.
 *
 * Steps in the matrix presets: 1 applies the InferenceService, 2 the user HPA (if any), then the events.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { runScenario } from '../../engine/run.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import { REPRESENTATIVE_RELEASES } from '../../engine/vocabulary.ts';
import { judge } from '../../site/lib/judge.ts';
import { buildCell, buildMatrix, groupReleases } from '../../site/lib/matrix.ts';
import { matrixSetup } from './support.ts';

type Expected = { outcome: string; history: [number, string][] };

async function cell(setup: string, tag: string): Promise<Expected> {
  const c = await buildCell(matrixSetup(setup), tag);
  return { outcome: c.judgement.outcome, history: c.judgement.entries.map((e) => [e.step, e.kind]) };
}

const KEPT: Expected = { outcome: 'kept', history: [] };
const REFUSED: Expected = { outcome: 'refused', history: [] };

describe('matrix cells, derived by hand', () => {
  it('#4312 (external + same-name HPA): kept before the bug, deleted at the first pod event in the window, overwritten then deleted after the fix', async () => {
    // behaviour.md §0, §4.2–§4.5: v0.12.x/v0.13.0-rc0 route external to a no-op; v0.13.0-rc1…v0.15.0 delete any
    // same-named HPA at the first reconcile after it appears (step 3); from v0.15.1 Update (adopt) then Delete.
    expect(await cell('external-same-name', 'v0.12.0')).toEqual(KEPT);
    expect(await cell('external-same-name', 'v0.13.0-rc0')).toEqual(KEPT);
    for (const tag of ['v0.13.0-rc1', 'v0.14.1', 'v0.15.0']) {
      expect(await cell('external-same-name', tag), tag).toEqual({ outcome: 'deleted', history: [[3, 'deleted']] });
    }
    for (const tag of ['v0.15.1', 'v0.15.2', 'v0.16.0', 'v0.20.0']) {
      expect(await cell('external-same-name', tag), tag).toEqual({ outcome: 'deleted', history: [[3, 'overwritten'], [4, 'deleted']] });
    }
  });

  it('a renamed HPA under external: never touched, but its scaling is undone in v0.15.0-rc0…v0.15.0', async () => {
    // §4.1: KServe looks its HPA up by name only. research E1/E3: in v0.15.0-rc0…v0.15.0 the Deployment reconciler
    // pins replicas to minReplicas under class external, so the HPA's scale to 3 (step 5) is written back; v0.15.1 moved
    // the pin to class none.
    for (const tag of ['v0.12.0', 'v0.14.1', 'v0.15.1', 'v0.20.0']) expect(await cell('external-other-name', tag), tag).toEqual(KEPT);
    for (const tag of ['v0.15.0-rc0', 'v0.15.0']) {
      expect(await cell('external-other-name', tag), tag).toEqual({ outcome: 'scaling-fought', history: [[5, 'fought']] });
    }
  });

  it('class none: refused before v0.15.1; a same-named HPA goes as under external; a renamed one has its scaling undone', async () => {
    // §0: none arrives with #4363 in v0.15.1 and earlier webhooks reject unknown classes; research E1: none pins replicas from v0.15.1.
    expect(await cell('none-same-name', 'v0.15.0')).toEqual(REFUSED);
    expect(await cell('none-other-name', 'v0.14.1')).toEqual(REFUSED);
    expect(await cell('none-same-name', 'v0.15.1')).toEqual({ outcome: 'deleted', history: [[3, 'overwritten'], [4, 'deleted']] });
    for (const tag of ['v0.15.1', 'v0.20.0']) {
      expect(await cell('none-other-name', tag), tag).toEqual({ outcome: 'scaling-fought', history: [[5, 'fought']] });
    }
  });

  it('class hpa plus a renamed user HPA: two HPAs on one Deployment from the moment yours is applied, in every release', async () => {
    // KServe creates <isvc>-predictor at step 1 for class hpa (§2); the user's HPA for the same Deployment arrives at step 2
    // (kubernetes#112011: AmbiguousSelector, neither scales).
    for (const tag of ['v0.12.0', 'v0.15.0', 'v0.15.2', 'v0.20.0']) {
      expect(await cell('hpa-class-other-name', tag), tag).toEqual({ outcome: 'conflict', history: [[2, 'conflict']] });
    }
  });

  it('a finalizer: Terminating in the bug window, no protection after the fix', async () => {
    // §6: buggy Delete leaves it Terminating; fixed Update drops the finalizer, then Delete removes it.
    expect(await cell('external-finalizer', 'v0.12.0')).toEqual(KEPT);
    expect(await cell('external-finalizer', 'v0.14.1')).toEqual({ outcome: 'terminating', history: [[3, 'terminating']] });
    expect(await cell('external-finalizer', 'v0.15.2')).toEqual({ outcome: 'deleted', history: [[3, 'overwritten'], [4, 'deleted']] });
  });

  it('Serverless never reaches the HPA reconciler; KServe’s own HPA is managed, and cleaned up after a switch from v0.13.0-rc1', async () => {
    for (const tag of ['v0.12.0', 'v0.14.1', 'v0.20.0']) expect(await cell('serverless-same-name', tag), tag).toEqual(KEPT);
    expect(await cell('hpa-class', 'v0.15.2')).toEqual({ outcome: 'managed', history: [[1, 'created']] });
    // §2 / PR #3650: v0.12 routes external to a no-op, so KServe's old HPA stays with nobody managing it.
    expect(await cell('switch-hpa-to-external', 'v0.12.0')).toEqual({ outcome: 'left', history: [[1, 'created'], [2, 'unmanaged']] });
    expect(await cell('switch-hpa-to-external', 'v0.14.1')).toEqual({ outcome: 'cleaned-up', history: [[1, 'created'], [2, 'deleted']] });
  });
});

describe('the table of every release', () => {
  it('groups the 31 tags into the windows the notes name: before the bug, the bug, the bug with the external pin, the fix', async () => {
    const ids = ['external-same-name', 'external-other-name', 'none-other-name', 'external-finalizer', 'hpa-class-other-name'];
    const matrix = await buildMatrix(ids.map((id) => matrixSetup(id)), KNOWN_TAGS);
    expect(groupReleases(matrix).map((g) => [g.from, g.to])).toEqual([
      ['v0.12.0', 'v0.13.0-rc0'],
      ['v0.13.0-rc1', 'v0.14.1'],
      ['v0.15.0-rc0', 'v0.15.0'],
      ['v0.15.1', 'v0.20.0'],
    ]);
  });
});

describe('matrix links', () => {
  it('every cell link opens that setup for that release at the cell’s step, and runs to the same outcome', async () => {
    const ids = ['external-same-name', 'none-other-name', 'hpa-class', 'switch-hpa-to-external'];
    const setups = ids.map((id) => matrixSetup(id));
    const matrix = await buildMatrix(setups, REPRESENTATIVE_RELEASES.eras);
    for (const row of matrix.rows) {
      for (const c of row.cells) {
        const decoded = await decodeFragment(c.fragment);
        if (!decoded.ok) throw new Error(`${row.setup.id}@${c.tag}: ${renderMessage(decoded.message)}`);
        expect(decoded.state.step, `${row.setup.id}@${c.tag}`).toBe(c.judgement.step);
        const parsed = parseScenario(stateSources(decoded.state));
        if (!parsed.ok) throw new Error(`${row.setup.id}@${c.tag}: ${parsed.errors.map((e) => formatInputError(e)).join('; ')}`);
        expect(parsed.scenario.settings.versions).toEqual([c.tag]);
        const rerun = judge(parsed.scenario, runScenario(parsed.scenario).versions[0]!);
        expect(rerun.outcome, `${row.setup.id}@${c.tag}`).toBe(c.judgement.outcome);
      }
      const compare = await decodeFragment(row.rowFragment);
      if (!compare.ok) throw new Error(renderMessage(compare.message));
      const parsed = parseScenario(stateSources(compare.state));
      expect(parsed.ok && parsed.scenario.settings.versions).toEqual([...REPRESENTATIVE_RELEASES.eras]);
    }
  });
});
