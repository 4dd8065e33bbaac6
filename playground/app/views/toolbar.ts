/**
 * The toolbar (preset, releases, "upgrade from", options, share, help) and the output's tab strip.
 * Few tab stops on purpose: the step bar is a handful of Tab presses from the top of the page.
 */
import { msg } from '../../../engine/i18n/message.ts';
import { LINK_LIMITS } from '../../../engine/link/codec.ts';
import { KNOWN_TAGS, UNRELEASED } from '../../../engine/kserve/releases.ts';
import { EVENT_WORDS } from '../../../engine/machine/events.ts';
import { REPRESENTATIVE_RELEASES } from '../../../engine/vocabulary.ts';
import { h, type Attr, type VNode } from '../../dom/vnode.ts';
import { HELP_ROWS } from '../keys.ts';
import type { DockTab } from '../state.ts';
import { button, fill, item, list, tr, word, type ViewModel } from './common.ts';

function field(label: string, control: VNode, hint?: string): VNode {
  return h('label', { class: 'pg-field', title: hint }, h('span', { class: 'pg-field-label' }, label), control);
}

export function toolbarView(vm: ViewModel, idBase: string): VNode {
  const s = vm.s;
  const settings = vm.good?.scenario.settings;
  const versions = settings?.versions ?? [];
  const remaining = KNOWN_TAGS.filter((t) => !versions.includes(t));
  const edges = REPRESENTATIVE_RELEASES.bugWindowEdges;
  const start = settings?.startRelease ?? '';
  return h('div', { class: 'pg-toolbar-row' },
    field(s.gallery, h('select', { 'data-action': 'preset', 'data-key': 'preset', class: 'pg-preset' },
      vm.presetId === null ? h('option', { value: '', selected: true }, s.ownObjects) : null,
      vm.presets.map((p) => h('option', { value: p.id, selected: p.id === vm.presetId }, p.title)))),
    field(s.compare, h('select', { 'data-action': 'add-release', 'data-key': 'add-release' },
      h('option', { value: '' }, versions.length >= 5 ? s.fiveAtMost : `${s.addRelease}…`),
      edges.some((t) => !versions.includes(t)) ? h('option', { value: 'bug-window' }, fill(s.bugWindowOption, { releases: edges.join(' + ') })) : null,
      remaining.map((tag) => h('option', { value: tag }, tag)),
      // The unreleased entry is offered last and says what it is; never a start release.
      UNRELEASED.filter((r) => !versions.includes(r.tag)).map((r) => h('option', { value: r.tag }, tr(vm, msg('release.unreleasedLabel', { label: r.tag })))))),
    field(s.upgradeFrom, h('select', { 'data-action': 'set-start', 'data-key': 'set-start', 'aria-describedby': `${idBase}-upgrade-hint` },
      h('option', { value: '', selected: start === '' }, s.noUpgrade),
      KNOWN_TAGS.map((tag) => h('option', { value: tag, selected: tag === start }, tag)))),
    h('span', { id: `${idBase}-upgrade-hint`, class: 'sr-only' }, s.upgradeHint),
    h('details', { class: 'pg-menu', 'data-key': 'options-menu' },
      h('summary', null, s.options),
      h('div', { class: 'pg-menu-body' },
        h('label', { class: 'pg-inline' },
          h('input', { type: 'checkbox', 'data-action': 'toggle-defaulting', 'data-key': 'defaulting', checked: settings?.apiServerDefaulting ?? true }),
          ` ${s.defaulting}`),
        h('label', { class: 'pg-inline' }, `${s.defaultMode} `,
          h('select', { 'data-action': 'set-mode', 'data-key': 'mode' },
            ['Serverless', 'RawDeployment'].map((mode) => h('option', { value: mode, selected: mode === settings?.defaultDeploymentMode }, mode)))))),
    h('details', { class: 'pg-menu pg-share-menu', 'data-key': 'share-menu' },
      h('summary', null, s.share),
      h('div', { class: 'pg-menu-body', 'data-pane': 'share' }, shareView(vm))),
    button('help', 'help', '?', { class: 'pg-icon pg-help-button', 'aria-haspopup': 'dialog', 'aria-controls': `${idBase}-help`, 'aria-label': s.shortcuts, title: `${s.shortcuts} (?)`, 'aria-keyshortcuts': 'Shift+?' }),
  );
}

/**
 * A copy button and, beside it, a live region that says "Copied" once it has: seen where the
 * reader looks and spoken by a screen reader (the region is always there, so the change is heard).
 */
function copyButton(vm: ViewModel, key: string, action: string, label: string, attrs: Record<string, Attr> = {}): VNode[] {
  const done = vm.copied === key;
  return [button(key, action, label, attrs),
    h('span', { class: 'pg-copied', role: 'status', 'aria-live': 'polite', 'data-key': `${key}-status`, 'data-copied': done ? 'true' : undefined },
      done ? [h('span', { 'aria-hidden': 'true' }, '✓ '), vm.s.copied] : null)];
}

/** Shown while the scenario is too big for a link: where the edit is, and how to share it instead. */
export function linkKeptView(vm: ViewModel): VNode | null {
  const kept = vm.linkKept;
  if (!kept) return null;
  const s = vm.s;
  const file = `${vm.good?.scenario.settings.name ?? 'scenario'}.yaml`;
  return h('div', { class: 'pg-link-kept' },
    h('p', null, fill(s.linkTooBig, { length: kept.length, limit: LINK_LIMITS.fragment }), ' ', kept.kept ? s.linkKeptHere : s.linkNotKept, ' ', s.linkShareFile),
    h('div', { class: 'pg-event-row' },
      button('link-kept-download', 'download', s.download),
      h('code', null, `npx kserve-hpa-lab run ${file}`)));
}

/** Why the redacted link is not the plain one (fields left out, names replaced), once the redaction is known. */
function redactedNote(vm: ViewModel): VNode | null {
  const result = vm.redaction?.result;
  if (!result?.ok || (result.removed.length === 0 && result.renames.length === 0)) return null;
  const text = fill(result.renames.length > 0 ? vm.s.redactedDiffersRenamed : vm.s.redactedDiffers, { n: result.removed.length });
  return h('p', { class: 'pg-muted pg-redacted-note', 'data-key': 'redacted-note' }, text);
}

export function shareView(vm: ViewModel): VNode {
  const s = vm.s;
  const blocked = vm.stale || !vm.good;
  const off = (reason: string) => (blocked ? { 'aria-disabled': 'true', title: reason } : {});
  const r = vm.redaction;
  const differs = r && !r.result.ok && r.result.reason === 'differs' ? r.result : null;
  return h('div', { class: 'pg-share' },
    blocked ? h('p', { class: 'pg-muted' }, s.exportsNeedValid) : null,
    h('div', { class: 'pg-event-row' },
      copyButton(vm, 'copy-link', 'copy-link', s.copyLink),
      copyButton(vm, 'copy-redacted-link', 'copy-redacted-link', s.copyRedactedLink, off(s.exportsNeedValid)),
      vm.linkLength !== null ? h('span', { class: 'pg-muted pg-link-length' }, fill(s.linkLength, { n: vm.linkLength })) : null,
      redactedNote(vm)),
    h('div', { class: 'pg-event-row' },
      copyButton(vm, 'copy-markdown', 'copy-markdown', s.copyMarkdown, off(s.exportsNeedValid)),
      h('label', { class: 'pg-inline' }, h('input', { type: 'checkbox', 'data-action': 'toggle-redact', 'data-key': 'redact', checked: vm.ui.redact }), ` ${s.redacted}`),
      h('label', { class: 'pg-inline' }, h('input', { type: 'checkbox', 'data-action': 'toggle-rename', 'data-key': 'rename', checked: vm.ui.rename }), ` ${s.renameObjects}`)),
    differs ? h('div', { class: 'pg-redact-differs', role: 'note' },
      h('p', null, fill(s.redactionDiffers, { release: differs.release, step: differs.step }), ' ', tr(vm, differs.detail)),
      copyButton(vm, 'copy-markdown-full', 'copy-markdown', s.copyUnredacted, { 'data-redact': 'false', ...off(s.exportsNeedValid) })) : null,
    h('details', { class: 'pg-redaction', 'data-key': 'redaction-preview' },
      h('summary', null, s.whatRedactionRemoves),
      r?.result.ok ? h('div', null,
        h('p', null, fill(s.removedCount, { n: r.result.removed.length })),
        list('pg-removed', r.result.removed.slice(0, 60).map((f) => item(null, `${f.object}: `, h('code', null, f.path)))),
        r.result.removed.length > 60 ? h('p', { class: 'pg-muted' }, fill(s.moreProblems, { n: r.result.removed.length - 60 })) : null,
        r.result.renames.length ? list('pg-renames', r.result.renames.map((x) => item(null, `${x.what}: `, h('code', null, x.from), ' → ', h('code', null, x.to)))) : null)
        : h('p', { class: 'pg-muted' }, blocked ? s.exportsNeedValid : differs ? s.redactionUnavailable : s.computing)),
    h('div', { class: 'pg-event-row' },
      button('download', 'download', s.download),
      h('label', { class: 'pg-file' }, s.openFile, h('input', { type: 'file', accept: '.yaml,.yml,.json,text/yaml', 'data-action': 'open-file', 'data-key': 'open-file' }))),
  );
}

export function helpView(vm: ViewModel, idBase: string): VNode {
  const s = vm.s;
  const label = (key: string) => {
    if (!key.startsWith('event:')) return word(vm, key);
    const entry = EVENT_WORDS.find((e) => e.word === key.slice(6))!;
    return [h('code', null, entry.word), ': ', tr(vm, msg(entry.summary))];
  };
  // A modal <dialog>: centred, the page behind it inert and unchanged; Escape or Close returns focus to "?".
  return h('dialog', { id: `${idBase}-help`, class: 'pg-help', 'aria-labelledby': `${idBase}-help-title` },
    h('h2', { id: `${idBase}-help-title` }, s.shortcuts),
    h('p', { class: 'pg-muted' }, s.shortcutsNote),
    h('table', null, h('tbody', null, HELP_ROWS.map((row) => h('tr', null,
      h('th', { scope: 'row' }, row.keys.map((k, i) => [i ? ' / ' : '', h('kbd', null, k)])),
      h('td', null, label(row.label)))))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit', 'data-key': 'help-close' }, s.close)),
  );
}

const TABS: readonly DockTab[] = ['picture', 'chart', 'explore'];

export function dockTabsView(vm: ViewModel, idBase: string): VNode {
  const s = vm.s;
  const names: Record<DockTab, string> = { picture: s.picture, chart: s.statechart, explore: s.exploreTab };
  return h('div', { class: 'pg-dock-bar' },
    h('div', { role: 'tablist', 'aria-label': s.moreViews, class: 'pg-tabs' }, TABS.map((tab) => {
      const selected = vm.ui.dockTab === tab && vm.ui.dockOpen;
      return h('button', {
        type: 'button', role: 'tab', id: `${idBase}-tab-${tab}`, 'aria-controls': `${idBase}-panel-${tab}`,
        'aria-selected': selected ? 'true' : 'false', tabindex: vm.ui.dockTab === tab ? '0' : '-1',
        'data-action': 'dock-tab', 'data-tab': tab, 'data-key': `tab-${tab}`,
      }, names[tab]);
    })),
    button('toggle-dock', 'toggle-dock', vm.ui.dockOpen ? s.hidePanel : s.showPanel, { 'aria-expanded': vm.ui.dockOpen ? 'true' : 'false', class: 'pg-link-button' }),
  );
}
