/**
 * The run as JSON for other tools. Field names stay stable across releases of hpa-lab; every
 * sentence is rendered in the chosen language, and next to it the message id and parameters
 * (`…Message` fields holding `{id, params}`; `id`/`params` on a refusal) so a tool can render its own words.
 */
import type { Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { RunResult } from '../run.ts';
import { verdictSummary } from '../verdict.ts';

const rendered = (message: Message, locale: Locale) => ({ text: renderMessage(message, locale), message });

export function runJson(run: RunResult, locale: Locale = 'en') {
  return {
    options: run.options,
    firstDisagreement: run.firstDisagreement,
    versions: run.versions.map((version) => ({
      tag: version.tag,
      commit: version.commit,
      behaviour: version.behaviour,
      behaviourLabel: renderMessage(version.behaviourLabel, locale),
      behaviourLabelMessage: version.behaviourLabel,
      startRelease: version.startRelease,
      steps: version.steps.map((step) => ({
        ...step,
        admission: step.admission === null || step.admission.allowed
          ? step.admission
          : { allowed: false, message: renderMessage(step.admission.message, locale), id: step.admission.message.id, params: step.admission.message.params ?? {} },
        decisions: step.decisions.map((decision) => ({
          ...decision,
          trace: decision.trace.map((t) => ({ ...t, why: renderMessage(t.why, locale), whyMessage: t.why })),
        })),
        notes: step.notes.map((note) => renderMessage(note, locale)),
        noteMessages: step.notes,
      })),
      verdicts: version.verdicts.map((verdict) => {
        const summary = rendered(verdictSummary(verdict), locale);
        return { ...verdict, summary: summary.text, summaryMessage: summary.message };
      }),
    })),
  };
}
