/**
 * What `hpa-lab check` prints: text for people, JSON for tools, and GitHub workflow annotations
 * (https://docs.github.com/actions/reference/workflow-commands-for-github-actions) that mark the
 * HPA at risk in a pull request.
 */
import { keyOf } from '../k8s/types.ts';
import { msg, type Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { ANNOTATION } from '../kserve/constants.ts';
import { BEHAVIOUR_LABEL, getRelease } from '../kserve/releases.ts';
import { formatEvent } from '../machine/events.ts';
import type { CheckReport, ReleaseRange } from '../explore/check.ts';
import { unrelatedHpas } from '../explore/partition.ts';
import { lossMessage, safeChangeMessage } from '../explore/report.ts';
import type { SkippedDocument } from '../scenario/parse.ts';
import type { Scenario, SourcePosition } from '../scenario/scenario.ts';
import type { Colourer } from './colour.ts';
import { printable } from './text-report.ts';

export type CheckFormat = 'text' | 'json' | 'github';

interface Input {
  scenario: Scenario;
  skipped: SkippedDocument[];
}

const rangeLabel = (range: ReleaseRange): string => (range.tags.length === 1 ? range.tags[0]! : `${range.tags[0]} … ${range.tags[range.tags.length - 1]}`);

/** Where a harm should be marked: the HPA's name, or for a fought scale the class annotation that causes it. */
function positionOf(scenario: Scenario, range: ReleaseRange, isvcKey: string): SourcePosition | null {
  if (!range.result.found) return null;
  const loss = range.result.loss;
  const hpa = scenario.objects.find((o) => o.object.kind === 'HorizontalPodAutoscaler' && keyOf(o.object.metadata) === `${loss.namespace}/${loss.hpa}`);
  const isvc = scenario.objects.find((o) => o.object.kind === 'InferenceService' && keyOf(o.object.metadata) === isvcKey);
  if (loss.kind === 'fought') {
    const annotation = isvc?.locations?.annotations[ANNOTATION.autoscalerClass];
    if (annotation) return annotation;
  }
  return hpa?.locations?.name ?? hpa?.position ?? isvc?.position ?? null;
}

/** GitHub's workflow-command escaping: data and property values differ. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubAnnotation(level: 'error' | 'warning' | 'notice', at: SourcePosition | null, title: string, message: string): string {
  const props = at ? [`file=${escapeProperty(at.file)}`, `line=${at.line}`, `col=${at.column}`] : [];
  props.push(`title=${escapeProperty(title)}`);
  return `::${level} ${props.join(',')}::${escapeData(message)}`;
}

function summary(report: CheckReport, input: Input, locale: Locale): Message[] {
  const harmed = report.checked.filter((c) => c.ranges.some((r) => r.result.found)).length;
  const tags = new Set(report.checked.flatMap((c) => c.ranges.flatMap((r) => r.tags)));
  const lines: Message[] = [msg('ci.summary', { isvcs: report.checked.length, releases: tags.size, depth: report.depth, harmed })];
  const other = input.skipped.filter((s) => !s.duplicateOf);
  if (other.length > 0) {
    const more = other.length - 5;
    lines.push(msg(more > 0 ? 'ci.skippedMore' : 'ci.skipped', { count: other.length, documents: other.slice(0, 5).map((s) => `${s.file}:${s.line} (${s.kind ?? renderMessage(msg('ci.noKind'), locale)})`), more }));
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
    for (const isvc of report.checked) {
      for (const range of isvc.ranges) {
        if (!range.result.found) continue;
        const fix = range.changes[0];
        const text = `${t(lossMessage(range.result, true))}${fix ? ` ${t(msg('ci.fix', { change: safeChangeMessage(fix) }))}` : ''}`;
        const title = t(msg('ci.title', { releases: rangeLabel(range), harm: msg(`history.${range.result.loss.kind}`), hpa: range.result.loss.hpa }));
        out.push(githubAnnotation('error', positionOf(input.scenario, range, isvc.isvc), title, text));
      }
    }
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
        out.push(`  ${label}  ${colour.paint(t(msg('explore.refused', { reason: result.refused })), 'refused')}`);
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
    notChecked: unrelatedHpas(input.scenario).map((o) => ({ hpa: keyOf(o.object.metadata), file: o.position.file, line: o.position.line })),
  };
}
