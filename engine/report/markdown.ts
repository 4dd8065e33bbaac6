/**
 * The issue-ready Markdown for a run: outcome per release, the step table, the link and the
 * scenario YAML. Shared by `hpa-lab run --markdown` and the playground's "Copy as Markdown".
 * User text is escaped for tables and fenced safely, so a hostile name cannot break the layout.
 */
import type { RunResult, StepResult } from '../run.ts';

export interface MarkdownInput {
  title: string | null;
  run: RunResult;
  scenarioYaml: string;
  link: string | null;
}

export function cellText(step: StepResult): string {
  if (step.admission && !step.admission.allowed) return 'refused by webhook';
  if (step.decisions.length === 0) return step.reconciled ? 'no component reconciled' : '·';
  if (step.decisions.length === 1) return step.decisions[0]!.result;
  return step.decisions.map((d) => `${d.component[0]!.toUpperCase()} ${d.result}`).join(', ');
}

export function escapeCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\\`').replace(/\r?\n/g, ' ');
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

export function renderMarkdown({ title, run, scenarioYaml, link }: MarkdownInput): string {
  const lines: string[] = [];
  lines.push(`### KServe HPA reproduction${title ? `: ${escapeCell(title)}` : ''}`, '');
  lines.push(`Simulated with kserve-hpa-lab (API server defaulting ${run.options.apiServerDefaulting ? 'on' : 'off'}, cluster default mode ${run.options.defaultDeploymentMode}).`, '');
  lines.push('**What happens to the user HPAs**', '');
  for (const version of run.versions) {
    // HPA names are DNS names and safe inside a code span; only the prose needs escaping.
    const verdicts = version.verdicts.length === 0 ? 'no user HPA in the scenario' : version.verdicts.map((v) => `\`${v.hpa}\` ${escapeCell(v.summary)}`).join('; ');
    lines.push(`- **${version.tag}** (${version.behaviourLabel}): ${verdicts}`);
  }
  lines.push('');
  if (link) lines.push(`[Open this scenario in the playground](${link}) (${link.length} characters)`, '');
  const header = ['#', 'event', ...run.versions.map((v) => v.tag)];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
  const count = run.versions[0]?.steps.length ?? 0;
  for (let i = 0; i < count; i += 1) {
    const marker = run.firstDisagreement === i + 1 ? ' ⚑' : '';
    const cells = run.versions.map((v) => escapeCell(cellText(v.steps[i]!)));
    lines.push(`| ${i + 1}${marker} | ${escapeCell(run.versions[0]!.steps[i]!.event)} | ${cells.join(' | ')} |`);
  }
  if (run.firstDisagreement) lines.push('', `⚑ first step where the releases disagree: ${run.firstDisagreement}`);
  const ticks = fence(scenarioYaml);
  lines.push('', '<details><summary>Scenario (run it with <code>npx hpa-lab run scenario.yaml</code>)</summary>', '', `${ticks}yaml`, scenarioYaml.trimEnd(), ticks, '', '</details>', '');
  return lines.join('\n');
}
