/** Applying a lint's quick fix (text edits) to the editor texts, last edit first so offsets hold. */
import type { TextEdit } from '../../engine/lint.ts';
import { EDITOR_FILES } from '../../engine/scenario/compose.ts';
import type { PlaygroundState } from './state.ts';

export type EditorName = 'isvc' | 'hpas';

export function editorForFile(file: string): EditorName | null {
  if (file === EDITOR_FILES.isvc) return 'isvc';
  if (file === EDITOR_FILES.hpas) return 'hpas';
  return null;
}

export function applyEdits(state: PlaygroundState, edits: readonly TextEdit[]): PlaygroundState {
  const next = { ...state };
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    const editor = editorForFile(edit.file);
    if (!editor) continue;
    const text = next[editor];
    next[editor] = text.slice(0, edit.offset) + edit.text + text.slice(edit.end);
  }
  return next;
}
