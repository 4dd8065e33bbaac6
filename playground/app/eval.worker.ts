/**
 * The playground's evaluations, off the main thread: the page posts texts (or a link's fragment)
 * with a request id, and gets the evaluation back under the same id. The engine is DOM-free, so
 * this is the very code the server and the tests run; the page only renders what comes back.
 */
import { decodeFragment } from '../../engine/link/codec.ts';
import { evaluate } from './evaluate.ts';
import type { EvalReply, EvalRequest } from './eval-protocol.ts';

const scope = self as unknown as { onmessage: ((event: MessageEvent<EvalRequest>) => void) | null; postMessage(reply: EvalReply): void };

scope.onmessage = (event) => {
  void answer(event.data).then((reply) => scope.postMessage(reply));
};

async function answer(request: EvalRequest): Promise<EvalReply> {
  if (request.kind === 'evaluate') return { id: request.id, kind: 'evaluated', link: request.link, evaluation: evaluate(request.link) };
  // A link: decoded here too, so a hostile fragment costs the worker, never the page.
  const decoded = await decodeFragment(request.fragment);
  if (!decoded.ok) return { id: request.id, kind: 'refused', message: decoded.message };
  return { id: request.id, kind: 'evaluated', link: decoded.state, evaluation: evaluate(decoded.state) };
}
