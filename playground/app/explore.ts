/**
 * The playground's explorer pane: runs the engine's explorer for every chosen release on demand,
 * and turns a result into a new playground state (a loss loaded into the timeline, a safe change
 * applied to the YAML or to the release list). The search itself is the engine's.
 */
import { findSafeChanges, findShortestLoss, type SafeChange, type ShortestLoss } from '../../engine/explore/index.ts';
import { formatEvent } from '../../engine/machine/events.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { safeChangeMessage } from '../../engine/explore/report.ts';
import { editField, fieldPath } from '../../engine/scenario/yaml-edit.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { h, type VNode } from '../dom/vnode.ts';
import type { Evaluation } from './evaluate.ts';
import { scenarioParts, setVersions, type PlaygroundState } from './state.ts';
import { scenarioDocumentText } from '../../engine/scenario/compose.ts';
import type { Strings } from './strings.ts';

type Good = Extract<Evaluation, { ok: true }>;

export type ExploreResult =
  | { kind: 'loss'; results: ShortestLoss[] }
  | { kind: 'keep'; results: { tag: string; changes: SafeChange[] }[] };

export const EXPLORE_DEPTH = 6;

export function exploreLoss(good: Good): ExploreResult {
  return { kind: 'loss', results: good.run.versions.map((v) => findShortestLoss(good.scenario, v.tag, { depth: EXPLORE_DEPTH })) };
}

export function exploreKeep(good: Good): ExploreResult {
  return { kind: 'keep', results: good.run.versions.map((v) => ({ tag: v.tag, changes: findSafeChanges(good.scenario, v.tag, { depth: EXPLORE_DEPTH, maxChanges: 2 }).slice(0, 6) })) };
}

/** The state with the found sequence as its events, on the step where the HPA is lost. */
export function loadLoss(state: PlaygroundState, result: Extract<ShortestLoss, { found: true }>): PlaygroundState {
  const parts = scenarioParts(state);
  const events = result.events.map((event) => ({ event, position: null }));
  return { ...state, scenario: scenarioDocumentText(parts.settings, events), step: result.loss.step };
}

/** Applies one safe change: YAML edits to the editor texts, a release move to the release list. */
export function applyChange(state: PlaygroundState, safe: SafeChange): PlaygroundState | null {
  let next = { ...state };
  for (const change of safe.changes) {
    if (change.kind === 'release') {
      const versions = scenarioParts(next).settings.versions.map((t) => (t === change.from ? change.to : t));
      next = setVersions(next, [...new Set(versions)]);
      continue;
    }
    const value = change.to === null || (Array.isArray(change.to) && change.to.length === 0) ? undefined : change.to;
    const path = fieldPath(change.field);
    const isvc = editField(next.isvc, change.object, path, value);
    const hpas = isvc === null ? editField(next.hpas, change.object, path, value) : null;
    if (isvc === null && hpas === null) return null;
    next = isvc !== null ? { ...next, isvc } : { ...next, hpas: hpas! };
  }
  // The edited texts must still parse; otherwise refuse rather than break the user's YAML.
  return parseScenario([{ name: 'i', text: next.isvc }, { name: 'h', text: next.hpas }]).ok ? next : null;
}

export function exploreView(strings: Strings, result: ExploreResult | null, busy: boolean): VNode {
  const s = strings;
  return h('div', { class: 'pg-explore' },
    h('div', { class: 'pg-event-row' },
      h('button', { type: 'button', 'data-action': 'find-loss', 'data-key': 'find-loss', disabled: busy }, s.explore),
      h('button', { type: 'button', 'data-action': 'find-keep', 'data-key': 'find-keep', disabled: busy }, s.keep),
    ),
    result?.kind === 'loss' ? h('ul', { class: 'pg-explore-list' }, result.results.map((r, i) => h('li', { 'data-tag': r.tag },
      h('strong', null, `${r.tag}: `),
      r.found
        ? [`${r.loss.hpa} ${r.loss.kind} ${s.lossAfter} ${r.events.length === 0 ? s.lossAtApply : r.events.map(formatEvent).join(', ')} `,
          h('button', { type: 'button', 'data-action': 'load-loss', 'data-index': i, 'data-key': `load-loss-${r.tag}` }, s.loadLoss)]
        : r.refused ? `${s.refusedIsvc} (${r.refused})` : s.noLoss.replace('{n}', String(r.depth)),
    ))) : null,
    result?.kind === 'keep' ? h('ul', { class: 'pg-explore-list' }, result.results.map((r, i) => h('li', { 'data-tag': r.tag },
      h('strong', null, `${r.tag}: `),
      r.changes.length === 0 ? s.alreadySafe.replace('{n}', String(EXPLORE_DEPTH)) : h('ol', null, r.changes.map((c, j) => h('li', null,
        renderMessage(safeChangeMessage(c), 'en'), ' ',
        h('button', { type: 'button', 'data-action': 'apply-change', 'data-index': i, 'data-change': j, 'data-key': `apply-${r.tag}-${j}` }, s.apply),
        c.changes.some((x) => x.kind === 'edit') ? h('details', null, h('summary', null, s.diff),
          h('pre', { class: 'pg-diff' }, c.changes.flatMap((x) => (x.kind === 'edit' ? [x.diff] : [])).join('\n'))) : null,
      ))),
    ))) : null,
  );
}
