/**
 * What `hpa-lab check` prints: text for people, JSON for tools, and GitHub workflow annotations
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions) that mark the
 * HPA at risk in a pull request.
 */
import { keyOf } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { BEHAVIOUR_LABEL, getRelease, unreleasedNotes } from '../kserve/releases.ts';
import { formatEvent } from '../machine/events.ts';
import type { CheckReport } from '../explore/check.ts';
import { findingText, isHarmFinding, isvcFindings, positionOf, rangeLabel, rangesLabel, refusedFinding } from '../report/check-findings.ts';
import type { Harm } from '../verdict.ts';
import { unrelatedHpas } from '../explore/partition.ts';
import { lossMessage, safeChangeMessage } from '../explore/report.ts';
import type { SkippedDocument } from '../scenario/parse.ts';
import type { Scenario, SourcePosition } from '../scenario/scenario.ts';
import type { Colourer } from './colour.ts';
import { skippedPathMessage, type SkippedPath } from './load.ts';
import { printable } from './text-report.ts';

export type CheckFormat = 'text' | 'json' | 'github' | 'sarif';

interface Input {
  scenario: Scenario;
  skipped: SkippedDocument[];
  /** Paths a directory walk passed over: devices, FIFOs, symlinks that dangle or leave the tree. */
  skippedPaths?: readonly SkippedPath[];
  /** Said once each: units not rendered, Argo CD and Flux objects, no InferenceService here. */
  notes?: readonly Message[];
}

/** GitHub's workflow-command escaping (data and property values differ); line breaks escaped, other controls as in the terminal. */
const escapeData = (text: string): string => printable(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One annotation per InferenceService at risk (GitHub shows ten of a kind per step): its worst
 * harm at the HPA's line, every release at risk in the title, the other harms and the fix in the
 * text. A webhook refusal, where nothing is harmed, is a warning at the class annotation.
 */
export function githubAnnotations(report: CheckReport, input: Input, locale: Locale): string[] {
  const t = (m: Message) => printable(renderMessage(m, locale));
  const out: string[] = [];
  for (const check of report.checked) {
    const findings = isvcFindings(input.scenario, check);
    const harms = findings.filter(isHarmFinding);
    const worst = harms[0] ?? findings[0];
    if (!worst) continue;
    if (!isHarmFinding(worst)) {
      out.push(githubAnnotation('warning', worst.at, t(msg('ci.refusedTitle', { releases: rangesLabel(worst.ranges), isvc: check.isvc })), t(worst.message)));
      continue;
    }
    const ranges = check.ranges.filter((r) => r.result.found);
    const also = harms.slice(1).map((f) => msg('ci.also', { hpa: f.hpa!, harm: msg(`history.${f.kind as Harm}`), releases: rangesLabel(f.ranges) }));
    const text = [findingText(worst), ...also].map(t).join(' ');
    const title = t(msg('ci.title', { releases: rangesLabel(ranges), harm: msg(`history.${worst.kind as Harm}`), hpa: worst.hpa!.slice(worst.hpa!.indexOf('/') + 1) }));
    out.push(githubAnnotation('error', worst.at, title, text));
  }
  return out;
}

export function githubAnnotation(level: 'error' | 'warning' | 'notice', at: SourcePosition | null, title: string, message: string): string {
  const props = at ? [`file=${escapeProperty(at.file)}`, `line=${at.line}`, `col=${at.column}`] : [];
  props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

function summary(report: CheckReport, input: Input, locale: Locale): Message[] {
  const harmed = report.checked.filter((c) => c.ranges.some((r) => r.result.found)).length;
  const tags = new Set(report.checked.flatMap((c) => c.ranges.flatMap((r) => r.tags)));
  const lines: Message[] = [msg('ci.summary', { isvcs: report.checked.length, releases: tags.size, depth: report.depth, harmed })];
  lines.push(...unreleasedNotes([...tags]));
  lines.push(...(input.notes ?? []));
  const other = input.skipped.filter((s) => !s.duplicateOf && !s.pointsAt);
  if (other.length > 0) {
    const more = other.length - 5;
    lines.push(msg(more > 0 ? 'ci.skippedMore' : 'ci.skipped', { count: other.length, documents: other.slice(0, 5).map((s) => `${s.file}:${s.line} (${s.kind ?? renderMessage(msg('ci.noKind'), locale)})`), more }));
  }
  const paths = input.skippedPaths ?? [];
  if (paths.length > 0) {
    const more = paths.length - 5;
    lines.push(msg(more > 0 ? 'ci.skippedPathsMore' : 'ci.skippedPaths', { count: paths.length, paths: paths.slice(0, 5).map(skippedPathMessage), more }));
  }
  const twice = input.skipped.filter((s) => s.duplicateOf);
  if (twice.length > 0) lines.push(msg('ci.duplicates', { count: twice.length, objects: twice.slice(0, 5).map((s) => `${s.file}:${s.line}`) }));
  const left = unrelatedHpas(input.scenario);
  if (left.length > 0) lines.push(msg('ci.notChecked', { hpas: left.map((o) => keyOf(o.object.metadata)) }));
  return lines;
}

export function checkOutput(report: CheckReport, input: Input, format: CheckFormat, locale: Locale, colour: Colourer): string {
  const t = (m: Message) => printable(renderMessage(m, locale));
  if (format === 'json') return JSON.stringify(checkJson(report, input, locale), null, 2);
  const out: string[] = [];
  if (format === 'github') {
    out.push(...githubAnnotations(report, input, locale));
    out.push(...summary(report, input, locale).map(t));
    return out.join('\n');
  }
  const width = Math.max(0, ...report.checked.flatMap((c) => c.ranges.map((r) => rangeLabel(r).length)));
  for (const isvc of report.checked) {
    out.push(colour.bold(`${printable(isvc.isvc)}  (${printable(isvc.position.file)}:${isvc.position.line})`));
    for (const range of isvc.ranges) {
      const label = rangeLabel(range).padEnd(width);
      const result = range.result;
      if (result.found) {
        out.push(`  ${label}  ${colour.paint(t(msg('ci.harm')), 'loss')} ${t(lossMessage(result, true))}`);
        const fix = range.changes[0];
        if (report.fixes) out.push(`  ${' '.repeat(width)}  ${fix ? t(msg('ci.fix', { change: safeChangeMessage(fix) })) : t(msg('explore.noSafeChange'))}`);
      } else if (result.refused !== undefined) {
        out.push(`  ${label}  ${colour.paint(t(msg('ci.refused')), 'refused')} ${t(refusedFinding(result.refused))}`);
      } else out.push(`  ${label}  ${colour.paint(t(msg('ci.ok')), 'safe')}`);
    }
  }
  out.push('', ...summary(report, input, locale).map(t));
  return out.join('\n');
}

function checkJson(report: CheckReport, input: Input, locale: Locale) {
  return {
    depth: report.depth,
    harm: report.harm,
    inferenceServices: report.checked.map((isvc) => ({
      isvc: isvc.isvc,
      file: isvc.position.file,
      line: isvc.position.line,
      column: isvc.position.column,
      ranges: isvc.ranges.map((range) => {
        const behaviours = [...new Set(range.tags.map((tag) => getRelease(tag).behaviour.id))];
        const result = range.result;
        return {
          from: range.tags[0],
          to: range.tags[range.tags.length - 1],
          tags: range.tags,
          behaviours: behaviours.map((id) => ({ id, label: renderMessage(msg(BEHAVIOUR_LABEL[id]), locale) })),
          safe: !result.found,
          harm: result.found ? {
            ...result.loss,
            events: result.events.map(formatEvent),
            summary: renderMessage(lossMessage(result, true), locale),
            summaryMessage: lossMessage(result, true),
            at: positionOf(input.scenario, range, isvc.isvc),
          } : null,
          refused: !result.found && result.refused !== undefined ? renderMessage(result.refused, locale) : null,
          changes: range.changes.map((change) => ({
            tag: change.tag,
            description: renderMessage(safeChangeMessage(change), locale),
            changes: change.changes.map((c) => ({ ...c, description: renderMessage(c.description, locale), descriptionMessage: c.description })),
          })),
        };
      }),
    })),
    skipped: input.skipped,
    notes: (input.notes ?? []).map((note) => ({ message: renderMessage(note, locale), id: note.id, params: note.params ?? {} })),
    skippedPaths: (input.skippedPaths ?? []).map(({ path, kind, symlink }) => ({ path, kind, symlink })),
    notChecked: unrelatedHpas(input.scenario).map((o) => ({ hpa: keyOf(o.object.metadata), file: o.position.file, line: o.position.line })),
  };
}
