/**
 * The playground's keyboard shortcuts, one table for the handler, the help popover and the
 * aria-keyshortcuts attributes. Shortcuts never fire while the user types (text fields, selects,
 * the editors) or where the arrow keys already mean something (tabs, the splitter, radio groups).
 */
import type { Action } from './actions.ts';
import { targetWord } from './controls.ts';

/** Event words with a one-key shortcut. */
export const EVENT_KEYS: Readonly<Record<string, string>> = {
  'pod-created': 'p', 'pod-deleted': 'd', resync: 'r', 'controller-restarted': 'c', 'controller-upgraded': 'u', 'gitops-sync': 'g', 'isvc-delete': 'x', 'hpa-scaled': 's',
};

/** Rows of the help popover: keys (as shown) and the UI catalog key that says what they do. */
export const HELP_ROWS: readonly { keys: readonly string[]; label: string }[] = [
  { keys: ['→', 'j'], label: 'keyForward' },
  { keys: ['←', 'k'], label: 'keyBack' },
  { keys: ['Home', 'End'], label: 'keyEnds' },
  ...Object.entries(EVENT_KEYS).map(([word, key]) => ({ keys: [key], label: `event:${word}` })),
  { keys: ['?'], label: 'keyHelp' },
];

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export interface FocusLike {
  /** The user is typing: a text field, select or editor has focus. */
  typing: boolean;
  /** Focus is on a control that uses the arrow keys itself. */
  ownsArrows: boolean;
}

export type KeyIntent = Action | 'help' | null;

export function keyIntent(event: KeyLike, focus: FocusLike, form: Readonly<Record<string, string>> = {}): KeyIntent {
  if (event.ctrlKey || event.metaKey || event.altKey || focus.typing) return null;
  const arrows = !focus.ownsArrows;
  switch (event.key) {
    case 'ArrowRight': return arrows ? { type: 'step-by', delta: 1 } : null;
    case 'ArrowLeft': return arrows ? { type: 'step-by', delta: -1 } : null;
    case 'Home': return arrows ? { type: 'step', to: 0 } : null;
    case 'End': return arrows ? { type: 'step-last' } : null;
    case 'j': return { type: 'step-by', delta: 1 };
    case 'k': return { type: 'step-by', delta: -1 };
    case '?': return 'help';
    default: break;
  }
  const word = Object.entries(EVENT_KEYS).find(([, key]) => key === event.key)?.[0];
  if (!word) return null;
  const target = form['event-isvc'] || undefined;
  return { type: 'event', word: targetWord(word === 'hpa-scaled' ? `hpa-scaled:${form['scale-replicas'] ?? '3'}` : word, target) };
}

/** Where focus is, in the terms keyIntent needs; `element` is the event's target. */
export function focusOf(element: Element | null): FocusLike {
  if (!element || !('closest' in element)) return { typing: false, ownsArrows: false };
  const typing = (element as HTMLElement).isContentEditable
    || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName)
    || element.closest('.monaco-editor, [role="textbox"], [role="combobox"]') !== null;
  const ownsArrows = element.closest('[role="tablist"], [role="separator"], [role="radiogroup"], [role="slider"], [role="listbox"], [role="menu"]') !== null;
  // A checkbox or radio "types" nothing, but a radio uses the arrows.
  if (element.tagName === 'INPUT' && /^(checkbox|button)$/.test((element as HTMLInputElement).type)) return { typing: false, ownsArrows };
  return { typing, ownsArrows };
}
