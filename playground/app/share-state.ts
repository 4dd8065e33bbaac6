/** What the share menu keeps in the state: the redaction preview and the texts it was made for. */
import type { LinkState } from '../../engine/link/state.ts';
import type { RedactResult } from '../../engine/redact.ts';

export interface RedactionView {
  /** The texts and option it was computed for; recomputed when either changes. */
  key: string;
  rename: boolean;
  result: RedactResult;
}

export function redactionKey(link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>, rename: boolean): string {
  return `${rename ? 1 : 0}\u0000${link.isvc}\u0000${link.hpas}\u0000${link.scenario}`;
}
