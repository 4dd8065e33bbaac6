/**
 * YAML texts → parse (with positions) → bound the work → run every chosen release → lints. Pure;
 * no DOM: the page runs it in a Web Worker (eval.worker.ts), the server and the tests call it.
 */
import { msg } from '../../engine/i18n/message.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { lintScenario, type Lint } from '../../engine/lint.ts';
import { runScenario, type RunResult } from '../../engine/run.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import type { Scenario } from '../../engine/scenario/scenario.ts';
import type { InputError } from '../../engine/scenario/source.ts';
import { WORK_LIMITS, workProblem } from '../../engine/scenario/work.ts';
import type { PlaygroundState } from './state.ts';

export type Evaluation =
  | { ok: true; scenario: Scenario; run: RunResult; lints: Lint[]; totalSteps: number; eventOffset: number }
  | { ok: false; errors: InputError[] };

export type Good = Extract<Evaluation, { ok: true }>;

export function evaluate(state: Pick<PlaygroundState, 'isvc' | 'hpas' | 'scenario'>): Evaluation {
  const parsed = parseScenario(stateSources(state));
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const scenario = parsed.scenario;
  if (!scenario.objects.some((o) => o.object.kind === 'InferenceService')) {
    return { ok: false, errors: [{ file: 'inferenceservice.yaml', line: 1, column: 1, message: msg('input.pasteIsvc') }] };
  }
  // Refused before any step runs: a dump this big would hang the tab and exhaust its memory.
  const tooMuch = workProblem(scenario, WORK_LIMITS.playground);
  if (tooMuch) return { ok: false, errors: [tooMuch] };
  const raw = runScenario(scenario);
  // Releases side by side always read oldest to newest, whatever order they were added in.
  const run = { ...raw, versions: [...raw.versions].sort((a, b) => compareTags(a.tag, b.tag)) };
  return {
    ok: true,
    scenario,
    run,
    lints: lintScenario(scenario),
    totalSteps: scenario.objects.length + scenario.events.length,
    eventOffset: scenario.objects.length,
  };
}
