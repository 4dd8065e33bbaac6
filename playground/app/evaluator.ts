/**
 * The page's side of eval.worker.ts. Only the newest request matters: an older one's answer is
 * dropped (it resolves to null), and one that has run for a while is cut short by ending its
 * worker, so a big paste never delays what the user did next. Answers are kept by texts, which
 * is where the action table looks them up (`Evaluations`); a miss there is an evaluation pending.
 */
import type { LinkState } from '../../engine/link/state.ts';
import type { EvalReply, EvalRequest } from './eval-protocol.ts';
import type { Evaluation } from './evaluate.ts';
import type { Evaluations } from './state.ts';

type Body = EvalRequest extends infer R ? (R extends EvalRequest ? Omit<R, 'id'> : never) : never;
export type Answer = EvalReply | { id: number; kind: 'failed' };

/** A request older than this is cut short when a newer one comes (a fresh worker starts at once). */
const RESTART_AFTER_MS = 150;
/** Answers kept: the texts on screen and a few before (an undo finds its answer at once). */
const KEPT = 4;

const textsKey = (link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>): string => `${link.isvc}\u0000${link.hpas}\u0000${link.scenario}`;

export class EvaluationCache implements Evaluations {
  #kept = new Map<string, Evaluation>();

  get(link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>): Evaluation | undefined {
    return this.#kept.get(textsKey(link));
  }

  set(link: Pick<LinkState, 'isvc' | 'hpas' | 'scenario'>, evaluation: Evaluation): void {
    const key = textsKey(link);
    this.#kept.delete(key);
    this.#kept.set(key, evaluation);
    for (const old of this.#kept.keys()) {
      if (this.#kept.size <= KEPT) break;
      this.#kept.delete(old);
    }
  }
}

export class Evaluator {
  #worker: Worker | null = null;
  #next = 0;
  #latest: { id: number; resolve: (answer: Answer | null) => void } | null = null;
  /** When the oldest request still unanswered by this worker was sent. */
  #busySince: number | null = null;

  request(body: Body): Promise<Answer | null> {
    const id = ++this.#next;
    this.#latest?.resolve(null);
    if (this.#busySince !== null && performance.now() - this.#busySince > RESTART_AFTER_MS) this.#stop();
    return new Promise((resolve) => {
      this.#latest = { id, resolve };
      let worker: Worker;
      try {
        worker = this.#worker ??= this.#spawn();
      } catch {
        this.#settle({ id, kind: 'failed' });
        return;
      }
      this.#busySince ??= performance.now();
      worker.postMessage({ ...body, id } as EvalRequest);
    });
  }

  dispose(): void {
    this.#latest?.resolve(null);
    this.#latest = null;
    this.#stop();
  }

  #spawn(): Worker {
    const worker = new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<EvalReply>) => {
      if (event.data.id === this.#next) this.#busySince = null;
      this.#settle(event.data);
    };
    // The worker could not load or died (out of memory): the newest request fails, the next starts afresh.
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop();
      if (this.#latest) this.#settle({ id: this.#latest.id, kind: 'failed' });
    };
    return worker;
  }

  #settle(answer: Answer): void {
    if (this.#latest?.id !== answer.id) return;
    const { resolve } = this.#latest;
    this.#latest = null;
    resolve(answer);
  }

  #stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#busySince = null;
  }
}
