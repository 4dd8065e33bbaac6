/**
 * What the share menu exports, as pure functions of the state: the Markdown report of the run on
 * screen, and the redacted variant (engine/redact.ts: only the fields the model reads, optionally
 * neutral names, verified to decide the same). The element adds the link (encoding is async) and
 * the clipboard. Rule: the Markdown and the redacted exports describe a run, so they need input
 * that parses; the plain link and the download carry the input exactly as typed. Loaded when the
 * share menu opens or an export is asked for, with the engine's redaction and Markdown report.
 */
import type { Locale } from '../../engine/i18n/render.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { redactSources } from '../../engine/redact.ts';
import { renderMarkdown } from '../../engine/report/markdown.ts';
import { scenarioFileText, splitSources, stateSources } from '../../engine/scenario/compose.ts';
import { evaluate, type Good } from './evaluate.ts';
import { redactionKey, type RedactionView } from './share-state.ts';

export type { RedactionView };

export function redaction(link: LinkState, rename: boolean): RedactionView {
  return { key: redactionKey(link, rename), rename, result: redactSources(stateSources(link), { rename }) };
}

/** The link state of a redacted scenario, at the same step. */
export function redactedLink(text: string, step: number): LinkState {
  return { ...splitSources([{ name: 'scenario.yaml', text }]), step };
}

export interface MarkdownInput {
  good: Good;
  link: LinkState;
  /** The full URL of `link`. */
  url: string;
  locale: Locale;
  /** What redaction left out, when `link` is the redacted scenario (the report says so in one line). */
  removed?: readonly { path: string }[];
}

/** The issue-ready report: names the objects in the editors, and the step the link opens at. */
export function markdownFor({ good, link, url, locale, removed }: MarkdownInput): string {
  return renderMarkdown({ run: good.run, scenarioYaml: scenarioFileText(link), link: url, linkStep: link.step, locale, removed });
}

/** The redacted export's link state and run; null when the redacted texts do not evaluate. */
export function redactedExport(view: RedactionView, step: number): { link: LinkState; good: Good } | null {
  if (!view.result.ok) return null;
  const link = redactedLink(view.result.text, step);
  const evaluation = evaluate(link);
  return evaluation.ok ? { link: { ...link, step: Math.min(step, evaluation.totalSteps) }, good: evaluation } : null;
}
