/**
 * The playground's effects that are not state: the clipboard, downloads and reading a dropped or
 * chosen file. What is exported is built by share.ts; this only encodes links and hands text over.
 */
import type { Locale } from '../../engine/i18n/render.ts';
import { encodeState } from '../../engine/link/codec.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { scenarioFileText, splitSources } from '../../engine/scenario/compose.ts';
import { LIMITS } from '../../engine/scenario/source.ts';
import type { Good } from './evaluate.ts';
import type { RedactionView } from './share-state.ts';
import { shareUrl } from './url.ts';

/** Puts text on the clipboard; where that is refused, shows it selected in the page's fallback box. */
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const box = document.querySelector<HTMLTextAreaElement>('[data-pane="copy-fallback"]');
    if (box) {
      box.hidden = false;
      box.value = text;
      box.select();
    }
  }
}

export async function urlOf(link: LinkState): Promise<string> {
  return shareUrl(await encodeState(link), location);
}

export async function copyLink(link: LinkState): Promise<string> {
  const url = await urlOf(link);
  await copyText(url);
  return url;
}

/** 'differs': redaction would change the outcome, nothing was copied (the caller says so). */
export async function copyRedactedLink(view: RedactionView | null, step: number): Promise<'ok' | 'differs'> {
  const { redactedExport } = await import('./share.ts');
  const exported = view ? redactedExport(view, step) : null;
  if (!exported) return 'differs';
  await copyText(await urlOf(exported.link));
  return 'ok';
}

export async function copyMarkdown(input: { good: Good; link: LinkState; redaction: RedactionView | null; locale: Locale }): Promise<'ok' | 'differs'> {
  // The report and the redaction load with the first export.
  const { markdownFor, redactedExport } = await import('./share.ts');
  let { good, link } = input;
  let removed: readonly { path: string }[] | undefined;
  if (input.redaction) {
    const exported = redactedExport(input.redaction, link.step);
    if (!exported) return 'differs';
    ({ good, link } = exported);
    if (input.redaction.result.ok) removed = input.redaction.result.removed;
  }
  await copyText(markdownFor({ good, link, url: await urlOf(link), locale: input.locale, removed }));
  return 'ok';
}

export function download(link: LinkState, name: string | null): void {
  const blob = new Blob([scenarioFileText(link)], { type: 'text/yaml' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name ?? 'scenario'}.yaml`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function readFile(file: File): Promise<{ ok: true; link: LinkState } | { ok: false }> {
  if (file.size > LIMITS.bytes) return { ok: false };
  const text = await file.text();
  return { ok: true, link: { ...splitSources([{ name: file.name, text }]), step: 0 } };
}
