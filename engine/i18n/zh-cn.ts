/** The Simplified Chinese catalog of the engine's messages; same keys as en.ts. */
import type { MessageId } from './en.ts';
import { en } from './en.ts';

// Filled in by the translation pass; until then English stands in.
export const zhCn: Readonly<Record<MessageId, string>> = { ...en };
