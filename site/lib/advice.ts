/**
 * The advice table's claims, checked at build time: for each release range (a row) and each way of
 * running an HPA (a column, one preset), the page states the outcome in its own words; the engine
 * runs the preset for EVERY modelled tag in the range and must agree in each. One disagreement
 * anywhere fails the build with every disagreeing cell listed, so advice cannot again be right for
 * one release of a range and wrong for another. Pure and Node-safe.
 */
import { renderMessage } from '../../engine/i18n/render.ts';
import { KNOWN_TAGS, findRelease } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { checkClaim } from './judge.ts';
import { buildCell, type MatrixCell, type Setup } from './matrix.ts';

export interface AdviceColumn {
  /** The key rows use for this column's cells. */
  id: string;
  /** A preset id, e.g. "matrix/external-other-name". */
  preset: string;
  /** The HPA to judge when the preset has several (default: its only user HPA, else KServe's own). */
  hpa?: string;
  /** The column heading, in the page's language. */
  title: string;
}

/** A claim: an outcome word or the English history, and optionally the page's own words for the cell. */
export type AdviceClaim = string | { expect: string; text?: string };

export interface AdviceRow {
  /** First and last tag of the range, inclusive. */
  from: string;
  to: string;
  /** One claim per column id. */
  cells: Readonly<Record<string, AdviceClaim>>;
}

export interface CheckedCell {
  column: AdviceColumn;
  expect: string;
  text: string | null;
  /** The cell for the first tag of the range (its judgement and playground link). */
  first: MatrixCell;
  /** Every tag the claim was checked in. */
  tags: string[];
}

export interface CheckedRow {
  from: string;
  to: string;
  tags: string[];
  cells: CheckedCell[];
}

/** Thrown when the page and the engine disagree, or when the table asks something that cannot be asked. */
export class AdviceError extends Error {
  override name = 'AdviceError';
}

/** The modelled tags from `from` to `to` inclusive, in release order. */
export function tagsBetween(from: string, to: string): string[] {
  const a = findRelease(from);
  const b = findRelease(to);
  if (!a.ok) throw new AdviceError(`<AdviceTable>: ${renderMessage(a.message)}`);
  if (!b.ok) throw new AdviceError(`<AdviceTable>: ${renderMessage(b.message)}`);
  if (compareTags(a.release.tag, b.release.tag) > 0) throw new AdviceError(`<AdviceTable>: the range ${from} … ${to} runs backwards`);
  return KNOWN_TAGS.filter((tag) => compareTags(tag, a.release.tag) >= 0 && compareTags(tag, b.release.tag) <= 0);
}

const claimOf = (claim: AdviceClaim) => (typeof claim === 'string' ? { expect: claim, text: null } : { expect: claim.expect, text: claim.text ?? null });

/**
 * Checks every claim of the table in every tag of its row and returns the cells to render; throws
 * AdviceError listing every cell where the engine disagrees.
 */
export async function checkAdvice(columns: readonly AdviceColumn[], rows: readonly AdviceRow[], setupOf: (column: AdviceColumn) => Setup): Promise<CheckedRow[]> {
  const ids = new Set(columns.map((c) => c.id));
  if (ids.size !== columns.length) throw new AdviceError('<AdviceTable>: two columns have the same id');
  const problems: string[] = [];
  const checked = await Promise.all(rows.map(async (row) => {
    const tags = tagsBetween(row.from, row.to);
    for (const key of Object.keys(row.cells)) {
      if (!ids.has(key)) problems.push(`row ${row.from} … ${row.to}: no column "${key}" (columns: ${[...ids].join(', ')})`);
    }
    const cells = await Promise.all(columns.map(async (column) => {
      const raw = row.cells[column.id];
      if (raw === undefined) throw new AdviceError(`<AdviceTable> row ${row.from} … ${row.to}: no claim for column "${column.id}"; every cell must say what happens`);
      const { expect, text } = claimOf(raw);
      const setup = setupOf(column);
      const results = await Promise.all(tags.map((tag) => buildCell(setup, tag)));
      const wrong = results
        .map((cell) => ({ cell, check: checkClaim(cell.judgement, expect) }))
        .filter(({ check }) => !check.matches);
      if (wrong.length > 0) {
        const byActual = new Map<string, string[]>();
        for (const { cell, check } of wrong) byActual.set(check.actual, [...(byActual.get(check.actual) ?? []), cell.tag]);
        const found = [...byActual].map(([actual, list]) => `"${actual}" in ${list.join(', ')}`).join('; ');
        problems.push(`row ${row.from} … ${row.to}, column "${column.id}" (preset ${column.preset}${column.hpa ? `, HPA ${column.hpa}` : ''}): the page says "${expect}" but the engine computes ${found}`);
      }
      return { column, expect, text, first: results[0]!, tags };
    }));
    return { from: tags[0]!, to: tags[tags.length - 1]!, tags, cells };
  }));
  if (problems.length > 0) {
    throw new AdviceError(`<AdviceTable>: ${problems.length} claim${problems.length === 1 ? '' : 's'} the engine does not confirm in every release of the range:\n  ${problems.join('\n  ')}\nFix the claim (or the model) so they agree.`);
  }
  return checked;
}
