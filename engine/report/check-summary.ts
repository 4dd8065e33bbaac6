/**
 * The GitHub job summary of a `check` ($GITHUB_STEP_SUMMARY, Markdown): one table row per
 * InferenceService at risk and release range, with a playground link that opens that release at
 * the harm, and every finding listed, since GitHub shows only ten annotations of a kind per step.
 * InferenceServices safe in every release fold into one line, so the summary grows with the
 * findings, not with the repository. User text is escaped or in code spans: no mention, link,
 * image or HTML can come from a manifest.
 */
import { msg, type Message, type MessageId, type MessageParam } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { CheckReport, IsvcCheck, ReleaseRange } from '../explore/check.ts';
import { partitionScenario } from '../explore/partition.ts';
import { safeChangeMessage } from '../explore/report.ts';
import { encodeState } from '../link/codec.ts';
import { playgroundUrl, siteConfig } from '../link/site.ts';
import { printYaml, scenarioDocumentText } from '../scenario/edit.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { isvcFindings, positionOf, rangeLabel } from './check-findings.ts';
import { codeSpan, escapeInline, tableCode } from './markdown.ts';

/** GitHub takes up to 1 MiB per step; rows stop before that, with a line that says so. */
export const SUMMARY_BUDGET = 900 * 1024;
/** How many safe InferenceServices the folded line names. */
const SAFE_NAMED = 20;

export interface SummaryOptions {
  locale: Locale;
  site?: { origin: string; base: string };
  /** Annotations GitHub shows per step and level; when more findings exist, the summary says so. */
  annotationLimit?: number;
}

/** The part of the scenario one InferenceService is judged on, as a link that opens `tag` at the harm. */
async function harmLink(scenario: Scenario, isvc: string, range: ReleaseRange, options: SummaryOptions): Promise<string | null> {
  const result = range.result;
  if (!result.found) return null;
  const part = partitionScenario(scenario).find((p) => p.isvc === isvc);
  if (!part) return null;
  const texts = (kind: 'isvc' | 'hpas') => part.scenario.objects
    .filter((o) => (o.object.kind === 'InferenceService') === (kind === 'isvc'))
    .map((o) => printYaml(o.object).trimEnd())
    .join('\n---\n');
  const settings = { ...part.scenario.settings, versions: [range.tags[0]!] };
  const events = result.events.map((event) => ({ event, position: null }));
  const fragment = await encodeState({ isvc: texts('isvc'), hpas: texts('hpas'), scenario: scenarioDocumentText(settings, events), step: result.loss.step });
  return playgroundUrl(fragment, options.site ?? siteConfig, options.locale);
}

async function rows(scenario: Scenario, check: IsvcCheck, options: SummaryOptions): Promise<string[]> {
  const t = (m: Message) => escapeInline(renderMessage(m, options.locale));
  const out: string[] = [];
  for (const [index, range] of check.ranges.entries()) {
    const result = range.result;
    const at = positionOf(scenario, range, check.isvc);
    const name = index === 0 ? `${tableCode(check.isvc)}${at ? `<br>${tableCode(`${at.file}:${at.line}`)}` : ''}` : '';
    const releases = codeSpan(rangeLabel(range));
    if (result.found) {
      const fix = range.changes[0];
      const link = await harmLink(scenario, check.isvc, range, options);
      const open = link ? `[${t(msg('ci.md.open'))}](${link})` : '';
      out.push(`| ${name} | ${releases} | 🔴 ${t(msg('ci.md.atRisk'))} | ${t(msg(`history.${result.loss.kind}`))}: ${t(msg('ci.md.harmDetail', { hpa: result.loss.hpa, step: result.loss.step }))} | ${fix ? t(safeChangeMessage(fix)) : '—'} | ${open} |`);
    } else if (result.refused !== undefined) {
      out.push(`| ${name} | ${releases} | 🟡 ${t(msg('ci.md.refused'))} | ${t(result.refused)} | ${range.changes[0] ? t(safeChangeMessage(range.changes[0])) : '—'} | |`);
    } else out.push(`| ${name} | ${releases} | 🟢 ${t(msg('ci.md.safe'))} | | | |`);
  }
  return out;
}

export async function checkSummary(report: CheckReport, scenario: Scenario, options: SummaryOptions): Promise<string> {
  const t = (id: MessageId, params?: Readonly<Record<string, MessageParam>>) => escapeInline(renderMessage(msg(id, params), options.locale));
  const limit = options.annotationLimit ?? 10;
  const flagged = report.checked.filter((c) => isvcFindings(scenario, c).length > 0);
  const atRisk = report.checked.filter((c) => c.ranges.some((r) => r.result.found));
  const refusedOnly = flagged.length - atRisk.length;
  const safe = report.checked.filter((c) => !flagged.includes(c));
  const tags = new Set(report.checked.flatMap((c) => c.ranges.flatMap((r) => r.tags)));
  const lines = [`## ${t('ci.md.title')}`, '', t('ci.md.counts', { isvcs: report.checked.length, releases: tags.size, harmed: atRisk.length, refused: refusedOnly }), ''];
  if (atRisk.length > limit || refusedOnly > limit) lines.push(`> ${t('ci.md.moreThanShown', { limit })}`, '');
  if (flagged.length > 0) {
    lines.push(`| ${t('ci.md.isvc')} | ${t('ci.md.releases')} | ${t('ci.md.verdict')} | ${t('ci.md.harm')} | ${t('ci.md.fix')} | ${t('ci.md.playground')} |`, '|---|---|---|---|---|---|');
    let size = lines.join('\n').length;
    for (const [index, check] of flagged.entries()) {
      const block = await rows(scenario, check, options);
      const blockSize = block.join('\n').length + 1;
      if (size + blockSize > SUMMARY_BUDGET) {
        lines.push('', t('ci.md.truncated', { count: flagged.length - index }));
        break;
      }
      lines.push(...block);
      size += blockSize;
    }
    lines.push('');
  }
  if (safe.length > 0) {
    const named = safe.slice(0, SAFE_NAMED).map((c) => codeSpan(c.isvc)).join(', ');
    lines.push(t('ci.md.safeLine', { count: safe.length }) + ` ${named}${safe.length > SAFE_NAMED ? ` ${t('ci.md.andMore', { more: safe.length - SAFE_NAMED })}` : ''}`, '');
  }
  return `${lines.join('\n')}\n`;
}
