/**
 * What a shared link carries: the YAML the user wrote and the step on screen. Everything else
 * (releases, options, events) lives in the Scenario document, so the one scenario parser
 * validates a link exactly as it validates a file.
 *
 * Format history (add a migration for every new version; never change an old one):
 *   1 — { isvc, hpas, scenario, step }
 */
import { msg, type Message } from '../i18n/message.ts';

export interface LinkState {
  /** YAML of the InferenceService editor. */
  isvc: string;
  /** YAML of the HPA editor (any number of documents, or a List). */
  hpas: string;
  /** YAML of the hpa-lab/v1 Scenario document: versions, options, events. */
  scenario: string;
  /** 0 = before the first step; otherwise the 1-based step on screen. */
  step: number;
}

export const CURRENT_FORMAT = 1;

const TEXT_LIMIT = 1024 * 1024;

/** Migrations from format N to N+1, applied in order. Empty while only format 1 exists. */
export const MIGRATIONS: Readonly<Record<number, (payload: Record<string, unknown>) => Record<string, unknown>>> = {};

export type StateCheck = { ok: true; state: LinkState } | { ok: false; message: Message };

/** Checks a decoded payload field by field; a link is hostile input until this says otherwise. */
export function validateState(payload: unknown): StateCheck {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, message: msg('input.linkNoScenario') };
  const record = payload as Record<string, unknown>;
  for (const field of ['isvc', 'hpas', 'scenario'] as const) {
    const value = record[field];
    if (typeof value !== 'string') return { ok: false, message: msg('input.linkField', { field }) };
    if (value.length > TEXT_LIMIT) return { ok: false, message: msg('input.linkFieldTooLarge', { field }) };
  }
  const step = record.step ?? 0;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step > 100_000) return { ok: false, message: msg('input.linkStep') };
  return { ok: true, state: { isvc: record.isvc as string, hpas: record.hpas as string, scenario: record.scenario as string, step } };
}

/** A link format with no way up to the current one; the problem is a message so each page can word it. */
export class MigrationError extends Error {
  readonly problem: Message;
  constructor(problem: Message) {
    super(problem.id);
    this.problem = problem;
  }
}

/** Brings a payload of an older format up to the current one. */
export function migrate(format: number, payload: Record<string, unknown>): Record<string, unknown> {
  let current = payload;
  for (let version = format; version < CURRENT_FORMAT; version += 1) {
    const step = MIGRATIONS[version];
    if (!step) throw new MigrationError(msg('input.linkNoMigration', { format: version }));
    current = step(current);
  }
  return current;
}
