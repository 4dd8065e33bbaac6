/**
 * Telling a template (a Helm chart's `templates/*.yaml`, or any file a tool fills in) from YAML, so
 * that `check` skips it with one note at its first directive instead of reporting the YAML errors
 * or the odd objects its `{{ … }}` make.
 */
import { Lexer } from 'yaml';
import { msg, type Message } from '../i18n/message.ts';
import type { InputError } from '../scenario/source.ts';
import { shellWord } from './shell-word.ts';
import { printable } from './text-report.ts';

/** The first template directive of a file: where it starts and its text (cut to one line). */
export interface TemplateDirective {
  line: number;
  column: number;
  text: string;
}

/** The yaml lexer's own markers: they stand for no character of the text. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);
const OPENERS = /\{\{|\{%/;
/** Helm's own objects and functions: in a scalar too they make a template (`name: "{{ .Release.Name }}"`). */
const HELM_DIRECTIVE = /\{\{-?\s*(\.(Values|Release|Chart|Capabilities|Files|Template)\b|(include|template|tpl)\s)/;
const DIRECTIVE_CHARS = 60;

/**
 * The file's first template directive when it is a template, else null. A file is a template when
 * `{{` or `{%` stands where YAML would open a flow mapping (`name: {{ .Values.name }}`, a
 * `{{- if … }}` line): valid YAML never has a mapping as the first key of a mapping there. Inside a
 * quoted or plain scalar `{{ … }}` is text (a Prometheus rule's `{{ $labels.pod }}`) unless it
 * reads one of Helm's objects (`{{ .Values.x }}`); in a comment it is never a directive. In a
 * template the first directive is the one named, wherever it stands.
 */
export function templateDirective(text: string): TemplateDirective | null {
  // Most files have no brace pair at all: no need to lex them.
  if (!OPENERS.test(text)) return null;
  let offset = 0;
  let first: number | null = null;
  let template = false;
  let previous: { token: string; offset: number } | null = null;
  // After a `|` or `>` header, the next text token is a block scalar's content.
  let blockHeader = false;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    if (previous?.token === '{' && (token === '{' || token.startsWith('%'))) {
      template = true;
      first ??= previous.offset;
    } else if (!token.startsWith('#') && token.trim() !== '') {
      // A comment is never a directive; a scalar may hold one before the first flow-position one.
      const inside = token.search(OPENERS);
      if (inside >= 0) first ??= offset + inside;
      // A block scalar may carry a template as data (a ConfigMap holding a chart's file): only a quoted or plain one counts.
      if (inside >= 0 && !blockHeader && HELM_DIRECTIVE.test(token)) template = true;
      blockHeader = /^[|>]/.test(token);
    }
    if (template) break;
    previous = { token, offset };
    offset += token.length;
  }
  if (!template || first === null) return null;
  return { ...position(text, first), text: directiveText(text, first) };
}

function position(text: string, offset: number): { line: number; column: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { line: (text.slice(0, lineStart).match(/\n/g)?.length ?? 0) + 1, column: offset - lineStart + 1 };
}

/** `{{ .Values.name }}`: from the opener to its closer on the same line, or to the line's end. */
function directiveText(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  const line = text.slice(offset, end < 0 ? undefined : end).replace(/\r$/, '');
  const closer = text[offset + 1] === '%' ? '%}' : '}}';
  const close = line.indexOf(closer, 2);
  const whole = close >= 0 ? line.slice(0, close + 2) : line.trimEnd();
  return whole.length > DIRECTIVE_CHARS ? `${whole.slice(0, DIRECTIVE_CHARS - 1)}…` : whole;
}

/** The chart a file lies in: the directory above its `templates/` when that holds a Chart.yaml. */
export function chartOf(file: string, isChart: (directory: string) => boolean): string | null {
  const parts = file.split('/').slice(0, -1);
  const at = parts.lastIndexOf('templates');
  if (at < 0) return null;
  const directory = parts.slice(0, at).join('/') || (file.startsWith('/') ? '/' : '.');
  return isChart(directory) ? directory : null;
}

/** What `check` says of a template it skips: where its first directive is, and how to judge it instead. */
export function templateNote(file: string, directive: TemplateDirective, chart: string | null): Message {
  const params = { file: printable(file), directive: printable(directive.text), at: printable(`${file}:${directive.line}:${directive.column}`) };
  return chart === null ? msg('repo.template', params) : msg('repo.templateInChart', { ...params, chart: printable(chart), command: `helm template ${printable(shellWord(chart))} | hpa-lab check -` });
}

/** The other commands take no repository: a template is an input error at its first directive. */
export function templateError(file: string, directive: TemplateDirective, chart: string | null): InputError {
  const params = { directive: printable(directive.text) };
  const message = chart === null ? msg('input.template', params) : msg('input.templateInChart', { ...params, chart: printable(chart) });
  return { file, line: directive.line, column: directive.column, message };
}
