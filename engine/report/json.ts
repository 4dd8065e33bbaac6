/**
 * The run as JSON for other tools. Field names stay stable across releases of hpa-lab; every
 * sentence is rendered in the chosen language, and next to it the message id and parameters
 * (`…Message` fields holding `{id, params}`; `id`/`params` on a refusal) so a tool can render its own words.
 * Every step carries the cluster's HPAs, Deployments and InferenceServices after it, so the
 * document grows with steps × objects: it is written as a stream, one step at a time.
 */
import type { Message } from '../i18n/message.ts';
import { renderMessage, type Locale } from '../i18n/render.ts';
import type { Admission } from '../kserve/admission.ts';
import { getRelease, unreleasedNote } from '../kserve/releases.ts';
import type { Decision } from '../machine/controller.ts';
import { capacityDropMessage, type RunResult, type StepResult, type VersionResult } from '../run.ts';
import { verdictLosses, verdictSummary } from '../verdict.ts';
import { StreamedArray, StreamedObject } from './json-stream.ts';

const rendered = (message: Message, locale: Locale) => ({ text: renderMessage(message, locale), message });

/** A refusal with its sentence rendered and the message id and parameters beside it. */
export function admissionJson(admission: Admission | null, locale: Locale) {
  return admission === null || admission.allowed
    ? admission
    : { allowed: false, message: renderMessage(admission.message, locale), id: admission.message.id, params: admission.message.params ?? {} };
}

/** A decision with each check's reason rendered (`why`) and its message beside it (`whyMessage`). */
export function decisionJson(decision: Decision, locale: Locale) {
  return { ...decision, trace: decision.trace.map((t) => ({ ...t, why: renderMessage(t.why, locale), whyMessage: t.why })) };
}

/** The release's identity as `run --json` gives it, before its steps. */
export function releaseJson(version: VersionResult, locale: Locale) {
  return {
    tag: version.tag,
    commit: version.commit,
    behaviour: version.behaviour,
    behaviourLabel: renderMessage(version.behaviourLabel, locale),
    behaviourLabelMessage: version.behaviourLabel,
    startRelease: version.startRelease,
    // Only an unreleased entry has the field, so a release's JSON is as it was.
    ...unreleasedJson(version.tag, locale),
  };
}

function unreleasedJson(tag: string, locale: Locale) {
  const note = unreleasedNote(getRelease(tag));
  return note ? { unreleased: renderMessage(note, locale), unreleasedMessage: note } : {};
}

export function stepJson(step: StepResult, locale: Locale) {
  return {
    ...step,
    admission: admissionJson(step.admission, locale),
    decisions: step.decisions.map((decision) => decisionJson(decision, locale)),
    notes: step.notes.map((note) => renderMessage(note, locale)),
    noteMessages: step.notes,
  };
}

export function verdictsJson(version: VersionResult, locale: Locale) {
  return version.verdicts.map((verdict) => {
    const summary = rendered(verdictSummary(verdict), locale);
    const losses = verdictLosses(verdict);
    return { ...verdict, summary: summary.text, summaryMessage: summary.message, losses: losses.map((loss) => renderMessage(loss, locale)), lossMessages: losses };
  });
}

/** Each rollout that dropped a Deployment to replicas 1, with its sentence and message id beside it. */
export function capacityDropsJson(version: VersionResult, locale: Locale) {
  return version.capacityDrops.map((drop) => {
    const message = capacityDropMessage(drop);
    return { ...drop, summary: renderMessage(message, locale), summaryMessage: message };
  });
}

/** The whole run for jsonPieces (json-stream.ts): the steps of each release are built as they are written. */
export function runJson(run: RunResult, locale: Locale = 'en'): StreamedObject {
  return new StreamedObject(() => [
    ['options', run.options],
    ['firstDisagreement', run.firstDisagreement],
    ['versions', new StreamedArray(function* () {
      for (const version of run.versions) {
        yield new StreamedObject(() => [
          ...Object.entries(releaseJson(version, locale)),
          ['steps', new StreamedArray(function* () {
            for (const step of version.steps) yield stepJson(step, locale);
          })],
          ['verdicts', verdictsJson(version, locale)],
          ['capacityDrops', capacityDropsJson(version, locale)],
        ]);
      }
    })],
  ]);
}
