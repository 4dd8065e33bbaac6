/**
 * The advice table's build-time check (site/lib/advice.ts): a claim holds only if the engine agrees
 * in EVERY tag of its row's range, and a wrong cell fails with a message that names the row, the
 * column, the preset, the tags and what the engine computes there. The expected cells are the
 * advice derived from the notes (behaviour.md §0, §6, §7; research E1): rename + external is safe
 * except where v0.15.0-rc0…v0.15.0 pins replicas under external; none is refused before v0.15.1
 * and pins from it; a finalizer only delays in the bug window and does not survive the fix.
 */
import { describe, expect, it } from 'vitest';
import { AdviceError, checkAdvice, tagsBetween, type AdviceColumn, type AdviceRow } from '../../site/lib/advice.ts';
import { matrixSetup } from './support.ts';

const COLUMNS: AdviceColumn[] = [
  { id: 'rename', preset: 'matrix/external-other-name', title: 'rename + external' },
  { id: 'none', preset: 'matrix/none-other-name', title: 'class none' },
  { id: 'hpa', preset: 'matrix/hpa-class', title: 'class hpa' },
  { id: 'finalizer', preset: 'matrix/external-finalizer', title: 'finalizer on a same-named HPA' },
];

const ROWS: AdviceRow[] = [
  { from: 'v0.12.0', to: 'v0.13.0-rc0', cells: { rename: 'kept', none: 'refused', hpa: 'managed', finalizer: 'kept' } },
  { from: 'v0.13.0-rc1', to: 'v0.14.1', cells: { rename: 'kept', none: 'refused', hpa: 'managed', finalizer: 'terminating' } },
  { from: 'v0.15.0-rc0', to: 'v0.15.0', cells: { rename: { expect: 'scaling-fought', text: 'KServe pins the replicas' }, none: 'refused', hpa: 'managed', finalizer: 'left Terminating at step 3' } },
  { from: 'v0.15.1', to: 'v0.20.0', cells: { rename: 'kept', none: 'scaling-fought', hpa: 'managed', finalizer: 'overwritten at step 3, deleted at step 4' } },
];

const setupOf = (column: AdviceColumn) => matrixSetup(column.preset.replace(/^matrix\//, ''), column.hpa);

async function failure(rows: AdviceRow[], columns = COLUMNS): Promise<string> {
  try {
    await checkAdvice(columns, rows, setupOf);
  } catch (error) {
    expect(error).toBeInstanceOf(AdviceError);
    return (error as Error).message;
  }
  throw new Error('expected the advice table to fail');
}

describe('advice table claims', () => {
  it('accepts the advice the notes give, checked in every one of the 31 tags', async () => {
    const rows = await checkAdvice(COLUMNS, ROWS, setupOf);
    expect(rows.map((r) => r.tags.length)).toEqual([3, 7, 3, 18]);
    expect(rows.flatMap((r) => r.tags)).toHaveLength(31);
    expect(rows[2]!.cells[0]).toMatchObject({ expect: 'scaling-fought', text: 'KServe pins the replicas', tags: ['v0.15.0-rc0', 'v0.15.0-rc1', 'v0.15.0'] });
  });

  it('fails on a deliberately wrong cell: "rename is safe everywhere"', async () => {
    const wrong = ROWS.map((row) => ({ ...row, cells: { ...row.cells, rename: 'kept' } }));
    const message = await failure(wrong);
    expect(message).toContain('row v0.15.0-rc0 … v0.15.0, column "rename" (preset matrix/external-other-name)');
    expect(message).toContain('the page says "kept" but the engine computes "scaling-fought" in v0.15.0-rc0, v0.15.0-rc1, v0.15.0');
    expect(message).toMatch(/^<AdviceTable>: 1 claim /);
  });

  it('fails when a claim holds for part of the range only, naming just the tags where it does not', async () => {
    const wrong: AdviceRow[] = [{ from: 'v0.14.1', to: 'v0.15.1', cells: { rename: 'kept', none: 'refused', hpa: 'managed', finalizer: 'terminating' } }];
    const message = await failure(wrong);
    expect(message).toContain('column "rename"');
    expect(message).toContain('"scaling-fought" in v0.15.0-rc0, v0.15.0-rc1, v0.15.0');
    expect(message).toContain('column "none"');
    expect(message).toContain('"scaling-fought" in v0.15.1');
    expect(message).toContain('column "finalizer"');
    expect(message).toContain('"deleted" in v0.15.1');
    expect(message).toMatch(/^<AdviceTable>: 3 claims /);
  });

  it('refuses cells it cannot check: a missing claim, an unknown column, a backwards or unknown range', async () => {
    await expect(checkAdvice(COLUMNS, [{ from: 'v0.12.0', to: 'v0.12.0', cells: { rename: 'kept' } }], setupOf)).rejects.toThrow(/no claim for column "none"/);
    expect(await failure([{ from: 'v0.12.0', to: 'v0.12.0', cells: { rename: 'kept', none: 'refused', hpa: 'managed', finalizer: 'kept', keda: 'kept' } }])).toContain('no column "keda"');
    expect(() => tagsBetween('v0.16.0', 'v0.12.0')).toThrow(/runs backwards/);
    expect(() => tagsBetween('v0.12.0', 'v1.0.0')).toThrow(AdviceError);
  });
});
