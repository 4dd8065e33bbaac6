/** How each of the engine's tones (engine/vocabulary.ts) is marked next to its words: an icon, so colour is never the only signal. */
import type { Tone } from '../../engine/vocabulary.ts';

export const TONE_ICON: Readonly<Record<Tone, string>> = { loss: '✕', warn: '!', safe: '✓', refused: '⊘' };

export const TONES: readonly Tone[] = ['loss', 'warn', 'safe', 'refused'];
