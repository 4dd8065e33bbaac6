/**
 * Words are data: decision code returns a message id with parameters, never a sentence, and each
 * language renders it from its own catalog (engine/i18n/<locale>.ts). A parameter may itself be a
 * message or a list; lists are joined the way the language joins them (Intl.ListFormat).
 */
import type { MessageId } from './en.ts';

export type { MessageId };

export type MessageParam = string | number | boolean | null | Message | readonly MessageParam[];

export interface Message {
  id: MessageId;
  params?: Readonly<Record<string, MessageParam>>;
}

export function msg(id: MessageId, params?: Readonly<Record<string, MessageParam>>): Message {
  return params === undefined ? { id } : { id, params };
}
