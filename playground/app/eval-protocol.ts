/** The messages between the page and eval.worker.ts; every reply carries its request's id. */
import type { Message } from '../../engine/i18n/message.ts';
import type { LinkState } from '../../engine/link/state.ts';
import type { Evaluation } from './evaluate.ts';

export type EvalRequest =
  | { id: number; kind: 'evaluate'; link: LinkState }
  /** A link's fragment (without the "#"): decode it, then evaluate what it holds. */
  | { id: number; kind: 'open'; fragment: string };

export type EvalReply =
  | { id: number; kind: 'evaluated'; link: LinkState; evaluation: Evaluation }
  | { id: number; kind: 'refused'; message: Message };
