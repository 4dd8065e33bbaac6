/**
 * The issue-ready Markdown for a run: outcome per release, the step table (one per
 * InferenceService when there are several), the link and the scenario YAML. Shared by
 * `hpa-lab run --markdown` and the playground's "Copy as Markdown". It names the objects of the
 * run itself, never a preset's title. User text is escaped for tables and fenced safely, so a
 * hostile name cannot break the layout.
 */
import { msg, type Message, type MessageParam } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import { unreleasedNotes } from '../kserve/releases.ts';
import { commandSafeYaml } from '../scenario/edit.ts';
import { capacityDropMessage, type RunResult, type StepResult } from '../run.ts';
import { verdictSummary } from '../verdict.ts';
import { cellMessage } from './cells.ts';
import { groupsOf } from './run-view.ts';

export interface MarkdownInput {
  run: RunResult;
  scenarioYaml: string;
  link: string | null;
  /** The step the link opens at (0 = before the first step). */
  linkStep?: number;
  locale?: Locale;
  /** The fields redaction left out (engine/redact.ts), when the scenario is the redacted one. */
  removed?: readonly { path: string }[];
}

/** How many distinct removed paths the one line names before "and N more". */
const REMOVED_SHOWN = 6;

/** A step's cell in the first InferenceService's words, in English (kept for callers that want one string). */
export function cellText(step: StepResult, isvc: string | null = null, locale: Locale = 'en'): string {
  return renderMessage(cellMessage(step, isvc), locale);
}

/** Markdown's line endings (CommonMark: LF, CR, CR LF), folded so user text stays on its line. */
const LINE_BREAKS = /\r\n|\r|\n/g;

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\\`').replace(LINE_BREAKS, ' ');
}

/**
 * Prose for GitHub Markdown that may carry user text: besides the table escapes, nothing that
 * GitHub would turn into a mention, a link, an image, emphasis or a heading.
 */
export function escapeInline(text: string): string {
  // GitHub finds mentions after decoding entities, so `&#64;` is still one; a zero-width space after the @ is not.
  return escapeCell(text).replace(/[\[\]!*_#~]/g, (c) => `\\${c}`).replace(/@/g, '@&#8203;').replace(/:\/\//g, ':&#47;&#47;');
}

/** A code span that no backtick in the text can close early; newlines folded. */
export function codeSpan(text: string): string {
  const flat = text.replace(LINE_BREAKS, ' ');
  const ticks = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function renderMarkdown({ run, scenarioYaml, link, linkStep, locale = 'en', removed }: MarkdownInput): string {
  const t = (id: Message['id'], params?: Readonly<Record<string, MessageParam>>) => renderMessage(msg(id, params), locale);
  const isvcs = groupsOf(run.versions).map((g) => g.isvc);
  const lines: string[] = [];
  const first = run.versions[0];
  const userHpas = [...new Set(run.versions.flatMap((v) => v.verdicts.map((verdict) => `${verdict.namespace}/${verdict.hpa}`)))];
  lines.push(`### ${t('report.md.title')}${isvcs.length > 0 ? `: ${isvcs.map((k) => `\`${k}\``).join(', ')}` : ''}`, '');
  const starts = [...new Set(run.versions.map((v) => v.startRelease))];
  const upgrade = run.versions.some((v) => v.startRelease !== v.tag) && starts.length === 1;
  const options = { defaulting: t(run.options.apiServerDefaulting ? 'report.on' : 'report.off'), mode: run.options.defaultDeploymentMode, start: starts[0] ?? '' };
  lines.push(escapeProse(t(upgrade ? 'report.md.simulatedUpgrade' : 'report.md.simulated', options)), '');
  for (const note of unreleasedNotes(run.versions.map((v) => v.tag))) lines.push(`> ${escapeProse(renderMessage(note, locale))}`, '');
  lines.push(escapeProse(t('report.md.objects', { isvcs: isvcs.length ? isvcs : [], hpas: userHpas })), '');
  if (removed && removed.length > 0) lines.push(removedLine(removed, locale), '');
  lines.push(`**${t('report.md.verdicts')}**`, '');
  for (const version of run.versions) {
    // HPA names are DNS names and safe inside a code span; only the prose needs escaping.
    const verdicts = version.verdicts.length === 0
      ? escapeInline(t('report.noUserHpa'))
      : version.verdicts.map((v) => `\`${isvcs.length > 1 ? `${v.namespace}/${v.hpa}` : v.hpa}\` ${escapeInline(renderMessage(verdictSummary(v), locale))}`).join('; ');
    // A rollout's capacity drop (issue 19 item 5) follows the verdicts: it harms whoever's HPA scales the Deployment.
    const drops = version.capacityDrops.map((drop) => `; ${escapeInline(renderMessage(capacityDropMessage(drop), locale))}`).join('');
    lines.push(`- **${version.tag}** (${escapeInline(renderMessage(version.behaviourLabel, locale))}): ${verdicts}${drops}`);
  }
  lines.push('');
  if (link) {
    const info = linkStep !== undefined && linkStep > 0 ? t('report.md.linkInfoAtStep', { count: link.length, step: linkStep }) : t('report.md.linkInfo', { count: link.length });
    lines.push(`[${t('report.md.link')}](${link}) (${info})`, '');
  }
  const groups: (string | null)[] = isvcs.length > 1 ? isvcs : [null];
  const count = first?.steps.length ?? 0;
  for (const isvc of groups) {
    if (isvc !== null) lines.push(`**${escapeInline(t('report.isvcHeading', { isvc }))}**`, '');
    const header = ['#', t('report.event'), ...run.versions.map((v) => v.tag)];
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (let i = 0; i < count; i += 1) {
      const marker = run.firstDisagreement === i + 1 ? ' ⚑' : '';
      const cells = run.versions.map((v) => escapeInline(cellText(v.steps[i]!, isvc, locale)));
      lines.push(`| ${i + 1}${marker} | ${tableCode(first!.steps[i]!.event)} | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  if (run.firstDisagreement) lines.push(`⚑ ${escapeProse(t('report.md.firstDisagreement', { step: run.firstDisagreement }))}`, '');
  // A comment is often printed in a workflow log: no line of the block may read as a command there.
  const yaml = commandSafeYaml(scenarioYaml);
  const ticks = fence(yaml);
  lines.push(`<details><summary>${t('report.md.scenario')}</summary>`, '', `${ticks}yaml`, yaml.trimEnd(), ticks, '', '</details>', '');
  return lines.join('\n');
}

/**
 * Field names a removed path may show: Kubernetes' and KServe's own. A path stops before the first
 * other segment (an annotation's key, an unknown field), which is the input's own text and stays out.
 */
const KNOWN_FIELDS = new Set(['metadata', 'spec', 'status', 'labels', 'annotations', 'managedFields', 'creationTimestamp', 'generation',
  'resourceVersion', 'uid', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generateName', 'predictor', 'transformer',
  'explainer', 'canary', 'model', 'containers', 'serviceAccountName', 'behavior', 'metrics', 'scaleTargetRef', 'triggers', 'advanced']);
function knownPrefix(path: string): string {
  const known: string[] = [];
  for (const segment of path.split(/\.|(?=\[)/)) {
    if (!KNOWN_FIELDS.has(segment)) break;
    known.push(segment);
  }
  return known.join('.');
}

/** Where a removed path sorts: the spec first (the reader wonders about it most), then status, then metadata. */
const pathRank = (path: string) => (path.startsWith('spec') ? 0 : path.startsWith('status') ? 1 : 2);

/**
 * The one line on what redaction left out: the count, then the distinct paths, cut to the field
 * names Kubernetes and KServe define (knownPrefix), as code spans.
 */
function removedLine(removed: readonly { path: string }[], locale: Locale): string {
  const folded = [...new Set(removed.map((r) => knownPrefix(r.path)))].filter(Boolean).sort((a, b) => pathRank(a) - pathRank(b));
  // A placeholder the escaping leaves alone, replaced by the code spans afterwards.
  const slot = '\u0000';
  const separator = renderMessage(msg('report.md.redactedSeparator'), locale);
  const codes = folded.slice(0, REMOVED_SHOWN).map(tableCode).join(separator);
  const more = folded.length - REMOVED_SHOWN;
  const sentence = escapeProse(renderMessage(msg('report.md.redacted', {
    count: removed.length,
    paths: more > 0 ? renderMessage(msg('report.md.redactedMore', { paths: slot, more }), locale) : slot,
  }), locale));
  return sentence.replace(slot, codes);
}

/** Prose that carries user names: nothing GitHub turns into markup, a mention, a link or an image; one line. */
function escapeProse(text: string): string {
  return escapeInline(text);
}

/**
 * User text in a table cell as a code span, where no mention, link or image can form. GitHub
 * splits table cells at `|` before it reads code spans, so pipes stay escaped inside it.
 */
export function tableCode(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}
