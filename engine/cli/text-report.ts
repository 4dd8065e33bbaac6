/** The terminal table: one row per step, one column per release, then the verdicts. */
import { cellText } from '../report/markdown.ts';
import type { RunResult } from '../run.ts';
import { sourceUrl } from '../kserve/source-links.ts';

const truncate = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

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
  return json.replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderText(run: RunResult, options: { trace: boolean }): string {
  const out: string[] = [];
  const steps = run.versions[0]?.steps ?? [];
  out.push(`${steps.length} steps × ${run.versions.length} releases · API server defaulting ${run.options.apiServerDefaulting ? 'on' : 'off'} · cluster default mode ${run.options.defaultDeploymentMode}`, '');
  const eventWidth = Math.min(44, Math.max(5, ...steps.map((s) => printable(s.event).length)));
  const widths = run.versions.map((v) => Math.max(v.tag.length, ...v.steps.map((s) => cellText(s).length)));
  const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padStart(4) : i === 1 ? truncate(c, eventWidth).padEnd(eventWidth) : c.padEnd(widths[i - 2]!))).join('  ').trimEnd();
  out.push(row(['step', 'event', ...run.versions.map((v) => v.tag)]));
  steps.forEach((step, i) => {
    const flag = run.firstDisagreement === i + 1 ? '▶' : ' ';
    out.push(row([`${flag}${step.index}`, printable(step.event), ...run.versions.map((v) => cellText(v.steps[i]!))]));
    if (options.trace) {
      for (const version of run.versions) {
        const s = version.steps[i]!;
        for (const note of s.notes) out.push(`        ${version.tag}  note: ${printable(note)}`);
        for (const d of s.decisions) {
          out.push(`        ${version.tag}  ${d.component} → ${d.result}${d.call ? ` (${d.call.verb}: ${printable(d.call.outcome)})` : ''}`);
          for (const t of d.trace) {
            const link = t.anchor ? sourceUrl(version.tag, t.anchor) : null;
            out.push(`          ${t.check} = ${printable(t.value)}  ${printable(t.why)}${link ? `\n            ${link}` : ''}`);
          }
        }
      }
    }
  });
  if (run.firstDisagreement) out.push('', `▶ step ${run.firstDisagreement} is the first where the releases disagree.`);
  out.push('', 'What happens to your HPAs:');
  for (const version of run.versions) {
    if (version.verdicts.length === 0) out.push(`  ${version.tag.padEnd(13)} (no user HPA in the scenario)`);
    for (const verdict of version.verdicts) out.push(`  ${version.tag.padEnd(13)} ${verdict.hpa}: ${printable(verdict.summary)}`);
  }
  return out.join('\n');
}
