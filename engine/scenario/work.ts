/**
 * What a run will cost, known before it starts: every compared release replays every step, and a
 * step may read every object of the namespace. A front end refuses a scenario above its bound with
 * a message instead of starting work that would hang the page or exhaust its memory.
 */
import { msg } from '../i18n/message.ts';
import { EDITOR_FILES } from './compose.ts';
import type { Scenario } from './scenario.ts';
import type { InputError } from './source.ts';

export const WORK_LIMITS = {
  /**
   * The playground's bound, in object-steps (releases × steps × objects): a 200-model namespace
   * over five releases (about 0.56 M) opens; a 700-model dump (2.7 M with two releases) is refused.
   */
  playground: 1_000_000,
} as const;

/** releases × steps × objects: steps are the objects applied one by one, then the events. */
export function runWork(scenario: Pick<Scenario, 'objects' | 'events' | 'settings'>): number {
  const objects = scenario.objects.length;
  const steps = objects + scenario.events.length;
  return Math.max(1, scenario.settings.versions.length) * steps * Math.max(1, objects);
}

/** The refusal for a scenario whose run would cost more than `limit`, pointing at the objects. */
export function workProblem(scenario: Pick<Scenario, 'objects' | 'events' | 'settings'>, limit: number): InputError | null {
  const work = runWork(scenario);
  if (work <= limit) return null;
  return {
    file: EDITOR_FILES.isvc,
    line: 1,
    column: 1,
    message: msg('input.tooMuchWork', {
      objects: scenario.objects.length,
      events: scenario.events.length,
      releases: scenario.settings.versions.length,
      work,
      limit,
    }),
  };
}
