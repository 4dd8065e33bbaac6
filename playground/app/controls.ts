/**
 * What a control asks for: a clicked or changed element's `data-action` (with its data attributes,
 * value and the event controls' values) read as an action of the table in actions.ts. Pure, so the
 * mapping from the page's controls to actions is tested without a browser. Effects that are not
 * state changes (copying, downloading, focusing an editor) are named here too and left to the element.
 */
import { EVENT_WORDS } from '../../engine/machine/events.ts';
import type { Action } from './actions.ts';
import type { Good } from './evaluate.ts';
import type { DockTab } from './state.ts';

export interface ControlData {
  action: string;
  dataset: Readonly<Record<string, string | undefined>>;
  value?: string;
  checked?: boolean;
}

/** Things a control does outside the state: the element performs them. */
export const EFFECTS = ['copy-link', 'copy-markdown', 'download', 'toggle-editor', 'goto', 'help', 'open-file', 'preset', 'copy-redacted-link', 'find-loss', 'find-keep'] as const;
export type Effect = (typeof EFFECTS)[number];

const TARGETED: ReadonlySet<string> = new Set(EVENT_WORDS.filter((e) => e.targeted).map((e) => e.word));

/** The InferenceServices events can name (namespace/name), in the order the input has them. */
export function isvcChoices(good: Pick<Good, 'scenario'>): string[] {
  return good.scenario.objects.flatMap((o) => (o.object.kind === 'InferenceService' ? [`${o.object.metadata.namespace}/${o.object.metadata.name}`] : []));
}

/**
 * The event controls' values with the choices the page shows pre-selected filled in: the first
 * InferenceService when there are several (a targeted event must name one), the first HPA.
 */
export function effectiveForm(form: Readonly<Record<string, string>>, good: Pick<Good, 'scenario'> | null): Record<string, string> {
  const out = { ...form };
  if (!good) return out;
  const isvcs = isvcChoices(good);
  if (isvcs.length > 1 && !isvcs.includes(out['event-isvc'] ?? '')) out['event-isvc'] = isvcs[0]!;
  if (isvcs.length <= 1) delete out['event-isvc'];
  const hpas = good.scenario.objects.flatMap((o) => (o.object.kind === 'HorizontalPodAutoscaler' ? [o.object] : []));
  const namespaces = new Set(hpas.map((x) => x.metadata.namespace));
  const names = hpas.map((x) => (namespaces.size > 1 ? `${x.metadata.namespace}/${x.metadata.name}` : x.metadata.name));
  if (names.length && !names.includes(out['hpa-target'] ?? '')) out['hpa-target'] = names[0]!;
  const finalizers = hpas.flatMap((x, i) => (x.metadata.finalizers ?? []).map((f) => `${names[i]}/${f}`));
  if (finalizers.length && !finalizers.includes(out['finalizer-target'] ?? '')) out['finalizer-target'] = finalizers[0]!;
  return out;
}

/** `word` aimed at the InferenceService chosen in the event controls, when there is a choice. */
export function targetWord(word: string, target: string | undefined): string {
  const base = word.split(/[:@]/)[0]!;
  return target && TARGETED.has(base) && !word.includes('@') ? `${word}@${target}` : word;
}

export function actionFor(control: ControlData, form: Readonly<Record<string, string>>): Action | Effect | null {
  const d = control.dataset;
  const target = form['event-isvc'] || undefined;
  switch (control.action) {
    case 'step': return { type: 'step', to: Number(d.step) };
    case 'event': return { type: 'event', word: targetWord(d.word ?? '', target) };
    case 'scale': return { type: 'event', word: targetWord(`hpa-scaled:${(form['scale-replicas'] ?? '').trim()}`, target) };
    case 'annotate': {
      const key = (form['annotate-key'] ?? '').trim();
      const value = form['annotate-value'] ?? '';
      return { type: 'event', word: targetWord(value === '' ? `isvc-annotate:${key}-` : `isvc-annotate:${key}=${value}`, target) };
    }
    case 'hpa-delete': return { type: 'event', word: `hpa-delete:${form['hpa-target'] ?? d.hpa ?? ''}` };
    case 'reapply': return { type: 'reapply', hpa: form['hpa-target'] ?? d.hpa ?? '' };
    case 'remove-finalizer': return { type: 'event', word: `hpa-remove-finalizer:${form['finalizer-target'] ?? ''}` };
    case 'remove-event': return { type: 'remove-event', index: Number(d.index) };
    case 'move-event': return { type: 'move-event', from: Number(d.from), to: Number(d.to) };
    case 'retarget-event': return control.value ? { type: 'retarget-event', index: Number(d.index), target: control.value } : null;
    case 'fix-input': return d.at ? { type: 'fix-input', at: d.at, fix: Number(d.fix) } : null;
    case 'clear-events': return { type: 'clear-events' };
    case 'add-release': return control.value === 'bug-window' ? { type: 'add-bug-window' } : control.value ? { type: 'add-release', tag: control.value } : null;
    case 'remove-release': return d.tag ? { type: 'remove-release', tag: d.tag } : null;
    case 'toggle-defaulting': return { type: 'set-defaulting', on: control.checked === true };
    case 'set-mode': return { type: 'set-mode', mode: control.value === 'RawDeployment' ? 'RawDeployment' : 'Serverless' };
    case 'set-start': return { type: 'set-start', tag: control.value ? control.value : null };
    case 'fix': return d.lintKey ? { type: 'fix', lint: d.lintKey } : null;
    case 'load-loss': return { type: 'load-loss', index: Number(d.index) };
    case 'apply-change': return { type: 'apply-change', index: Number(d.index) };
    case 'dock-tab': return { type: 'dock-tab', tab: (d.tab ?? 'picture') as DockTab };
    case 'toggle-dock': return { type: 'toggle', what: 'dockOpen' };
    case 'toggle-input': return { type: 'toggle', what: 'inputCollapsed' };
    case 'toggle-checks': return { type: 'toggle', what: 'allChecks' };
    case 'toggle-at-risk': return { type: 'toggle', what: 'atRiskOnly' };
    case 'toggle-applies': return { type: 'toggle', what: 'appliesOpen' };
    case 'toggle-explore-edits': return { type: 'toggle', what: 'exploreEdits' };
    case 'toggle-redact': return { type: 'toggle', what: 'redact' };
    case 'toggle-rename': return { type: 'toggle', what: 'rename' };
    default: return (EFFECTS as readonly string[]).includes(control.action) ? control.action as Effect : null;
  }
}
