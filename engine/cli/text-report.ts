/** The terminal table: one row per step, one column per release, per InferenceService; then the verdicts. */
import { msg } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { unreleasedNotes } from '../kserve/releases.ts';
import { sourceUrl } from '../kserve/source-links.ts';
import { callMessage } from '../report/cells.ts';
import { runView, type CellTone, type IsvcGroup } from '../report/run-view.ts';
import { capacityDropMessage, type RunResult } from '../run.ts';
import { verdictLosses, verdictSummary } from '../verdict.ts';
import { FATE_TONE, type Tone } from '../vocabulary.ts';

/** Only what needs attention is coloured in a table: fine and quiet cells stay plain. */
const painted = (tone: CellTone): Tone | null => (tone === 'quiet' || tone === 'safe' ? null : tone);

/** Bidirectional controls: the marks (ALM, LRM, RLM), embeddings, overrides and isolates. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');
const CONTROLS_BUT_LINES = new RegExp(`[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');
const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f${BIDI}]`, 'g');

/** Strips terminal control characters from user text so a name cannot drive the terminal. */
export function printable(text: string): string {
  return text.replace(CONTROLS, '?');
}

/** The same for multi-line output (Markdown): line breaks stay. */
export function printableLines(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, '?');
}

/** JSON text with every control and bidi character as a \u escape: still the same JSON value. */
export function terminalSafeJson(json: string): string {
  // JSON.stringify has escaped C0 already.
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Columns a string takes in a terminal: CJK characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

/** Pads to a number of terminal columns (String.padEnd counts a CJK character as one and leaves Chinese columns ragged). */
export const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

export interface TextOptions {
  trace: boolean;
  locale?: Locale;
  /** Colours a word by its tone (the terminal's business; identity by default). */
  paint?: (text: string, tone: Tone) => string;
}

export function renderText(run: RunResult, options: TextOptions): string {
  const locale = options.locale ?? 'en';
  const paint = options.paint ?? ((text: string) => text);
  const t = (id: Parameters<typeof msg>[0], params?: Parameters<typeof msg>[1]) => renderMessage(msg(id, params), locale);
  const out: string[] = [];
  const steps = run.versions[0]?.steps ?? [];
  const starts = [...new Set(run.versions.map((v) => v.startRelease))];
  const upgrade = run.versions.some((v) => v.startRelease !== v.tag) && starts.length === 1;
  const summary = { steps: steps.length, releases: run.versions.length, defaulting: t(run.options.apiServerDefaulting ? 'report.on' : 'report.off'), mode: run.options.defaultDeploymentMode, start: starts[0] ?? '' };
  out.push(t(upgrade ? 'report.summaryUpgrade' : 'report.summary', summary));
  for (const note of unreleasedNotes(run.versions.map((v) => v.tag))) out.push(renderMessage(note, locale));
  out.push('');
  const view = runView(run);
  const groups: (IsvcGroup | null)[] = view.several ? [...view.groups] : [null];
  for (const group of groups) {
    const isvc = group?.isvc ?? null;
    if (isvc !== null) out.push(t('report.isvcHeading', { isvc: printable(isvc) }));
    const views = run.versions.map((v, r) => v.steps.map((s) => view.cell(r, s.index, group)));
    const cells = views.map((column) => column.map((c) => printable(renderMessage(c.message, locale))));
    const tones = views.map((column) => column.map((c) => painted(c.tone)));
    const eventWidth = Math.min(44, Math.max(5, ...steps.map((s) => displayWidth(printable(s.event)))));
    const widths = run.versions.map((v, i) => Math.max(v.tag.length, ...cells[i]!.map(displayWidth)));
    const row = (first: string, event: string, rest: string[], rowTones: (Tone | null)[] = []) => [' '.repeat(Math.max(0, 4 - displayWidth(first))) + first, pad(truncate(event, eventWidth), eventWidth), ...rest.map((c, i) => {
      const tone = rowTones[i];
      const padded = pad(c, widths[i]!);
      // Paint the word only, so the padding (and the columns) stay as they are.
      return tone ? paint(c, tone) + padded.slice(c.length) : padded;
    })].join('  ').trimEnd();
    out.push(row(t('report.step'), t('report.event'), run.versions.map((v) => v.tag)));
    steps.forEach((step, i) => {
      const flag = run.firstDisagreement === i + 1 ? '▶' : ' ';
      out.push(row(`${flag}${step.index}`, printable(step.event), run.versions.map((_, v) => cells[v]![i]!), run.versions.map((_, v) => tones[v]![i]!)));
      if (!options.trace) return;
      for (const [r, version] of run.versions.entries()) {
        const s = version.steps[i]!;
        // Releases and notes concern the whole step: print them with the first group only.
        const firstGroup = group === groups[0];
        if (firstGroup && s.release !== version.tag) out.push(`        ${version.tag}  ${t('report.ranOn', { release: s.release })}`);
        if (firstGroup) for (const note of s.notes) out.push(`        ${version.tag}  ${printable(t('report.note', { text: note }))}`);
        for (const d of views[r]![i]!.decisions) {
          out.push(`        ${version.tag}  ${d.component} → ${d.result}${d.call ? ` (${printable(renderMessage(callMessage(d.call), locale))})` : ''}`);
          for (const step of d.trace) {
            const link = step.anchor ? sourceUrl(s.release, step.anchor) : null;
            out.push(`          ${step.check} = ${printable(step.value)}  ${printable(renderMessage(step.why, locale))}${link ? `\n            ${link}` : ''}`);
          }
        }
      }
    });
    out.push('');
  }
  if (run.firstDisagreement) out.push(t('report.firstDisagreement', { step: run.firstDisagreement }), '');
  out.push(t('report.verdictsHeading'));
  // The tag column fits the longest tag shown (an unreleased master@<commit> is longer than any release's).
  const tagWidth = Math.max(13, ...run.versions.map((version) => version.tag.length + 1));
  for (const version of run.versions) {
    if (version.verdicts.length === 0) out.push(`  ${version.tag.padEnd(tagWidth)} ${t('report.noUserHpa')}`);
    for (const verdict of version.verdicts) {
      const name = view.several ? `${verdict.namespace}/${verdict.hpa}` : verdict.hpa;
      out.push(`  ${version.tag.padEnd(tagWidth)} ${printable(name)}: ${paint(printable(renderMessage(verdictSummary(verdict), locale)), FATE_TONE[verdict.fate])}`);
      // What an overwrite took, one line each under the verdict ("your memory 70% target replaced by cpu 80% at step 3").
      for (const loss of verdictLosses(verdict)) out.push(`  ${' '.repeat(tagWidth)}   ↳ ${printable(renderMessage(loss, locale))}`);
    }
  }
  // Rollouts that dropped a Deployment to 1 replica: a harm to capacity whoever's HPA scales it (issue 19 item 5).
  if (run.versions.some((version) => version.capacityDrops.length > 0)) {
    out.push('', t('report.capacityHeading'));
    for (const version of run.versions) {
      for (const drop of version.capacityDrops) out.push(`  ${version.tag.padEnd(tagWidth)} ${paint(printable(renderMessage(capacityDropMessage(drop), locale)), FATE_TONE['scaling-fought'])}`);
    }
  }
  return out.join('\n');
}
