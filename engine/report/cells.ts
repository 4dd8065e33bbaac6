/**
 * One step of one release in a few words, per InferenceService: the vocabulary the text table,
 * the Markdown table and the playground share. A scenario with several InferenceServices is
 * shown as one table per InferenceService.
 */
import { msg, type Message } from '../i18n/message.ts';
import type { ApiCall } from '../machine/controller.ts';
import type { StepResult } from '../run.ts';

const CALL_EFFECTS = new Set(['created', 'updated', 'deleted', 'terminating', 'unchanged']);

/** "Delete: deleted"; an API error is quoted as the API server said it. */
export function callMessage(call: ApiCall): Message {
  const outcome = CALL_EFFECTS.has(call.outcome) ? msg(`call.${call.outcome}` as 'call.created') : call.outcome;
  return msg('report.call', { verb: call.verb, outcome });
}

/** What a call's verb says by itself; its outcome is news only when it is something else. */
const PLAIN_OUTCOME: Readonly<Record<ApiCall['verb'], string>> = { Create: 'created', Update: 'updated', Delete: 'deleted' };

/**
 * The part of a call a decision's name does not already say (a Delete that left the HPA
 * Terminating, an Update that changed nothing, an API error), or null: "Delete" with "deleted"
 * would say one thing twice.
 */
export function callNews(call: ApiCall): Message | null {
  if (call.outcome === PLAIN_OUTCOME[call.verb]) return null;
  const outcome = CALL_EFFECTS.has(call.outcome) ? msg(`call.${call.outcome}` as 'call.created') : call.outcome;
  return msg('report.callNews', { outcome });
}

/** What the step shows for one InferenceService (null = all of them, for a single-ISVC scenario). */
export function cellMessage(step: StepResult, isvc: string | null = null): Message {
  // A refusal shows on the InferenceService it refused (a namespace has others that carried on).
  if (step.admission && !step.admission.allowed && (isvc === null || step.admission.isvc === undefined || step.admission.isvc === isvc)) return msg('cell.refused');
  const decisions = isvc === null ? step.decisions : step.decisions.filter((d) => d.isvc === isvc);
  if (decisions.length === 0) return msg(isvc === null ? (step.reconciled ? 'cell.notReconciled' : 'cell.quiet') : step.reconciledIsvcs.includes(isvc) ? 'cell.notReconciled' : 'cell.quiet');
  if (decisions.length === 1) return msg('cell.result', { result: decisions[0]!.result });
  // Name the component only when the step reconciled several (a second pass of the same one needs no name).
  const several = new Set(decisions.map((d) => d.canary ?? d.component)).size > 1;
  const parts = decisions.map((d) => (several ? msg('cell.componentResult', { component: d.canary ?? d.component[0]!.toUpperCase(), result: d.result }) : msg('cell.result', { result: d.result })));
  return parts.reduce((before, after) => msg('cell.join', { before, after }));
}
