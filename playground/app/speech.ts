/**
 * What the page says without being looked at: the live region's sentence after a step, and the
 * editors' problem markers. Pure functions of the state, in the page's language.
 */
import { renderMessage, type Locale } from '../../engine/i18n/render.ts';
import { msg } from '../../engine/i18n/message.ts';
import { callNews } from '../../engine/report/cells.ts';
import { RESULT_WORD } from '../../engine/vocabulary.ts';
import type { ProblemWords } from '../editor/aria.ts';
import type { EditorMarker } from '../editor/host.ts';
import { EDITOR_FILES } from '../../engine/scenario/compose.ts';
import type { EditorName } from './edits.ts';
import type { AppState } from './state.ts';
import type { Strings } from './strings.ts';
import { fill } from './views/common.ts';

/** "Step 3 of 5: pod-created. The releases first disagree here. v0.14.1: my-hpa Delete. …" */
export function stepSentence(state: Pick<AppState, 'good' | 'link'>, s: Strings, locale: Locale): string {
  const { good, link } = state;
  if (!good) return '';
  if (link.step === 0) return s.before;
  const t = (m: Parameters<typeof renderMessage>[0]) => renderMessage(m, locale);
  const parts = good.run.versions.map((v) => {
    const st = v.steps[link.step - 1];
    if (!st) return v.tag;
    if (st.admission && !st.admission.allowed) return `${v.tag}: ${s.refused}`;
    const results = st.decisions.map((d) => {
      const word = t(msg(RESULT_WORD[d.result]));
      const news = d.call ? callNews(d.call) : null;
      return `${d.hpa} ${d.result}${word === d.result ? '' : ` ${word}`}${news ? ` ${t(news)}` : ''}`;
    }).join(', ');
    return `${v.tag}: ${results || s.noReconcile}`;
  });
  const event = good.run.versions[0]?.steps[link.step - 1]?.event ?? '';
  const first = good.run.firstDisagreement === link.step ? ` ${s.firstDisagreement}.` : '';
  return `${fill(s.stepOf, { step: link.step, total: good.totalSteps })}: ${event}.${first} ${parts.join('. ')}.`;
}

/** How the line under an editor words its first problem, in the page's language. */
export function problemWords(s: Strings): ProblemWords {
  return { error: s.problemError, warning: s.problemWarning, info: s.problemInfo, oneMore: s.problemOneMore, more: s.problemMore };
}

/** One editor's markers: the input's problems, or (when it parses) the lints with their quick fixes. */
export function editorMarkers(state: Pick<AppState, 'errors' | 'good'>, editor: EditorName, locale: Locale): EditorMarker[] {
  const file = EDITOR_FILES[editor];
  const markers: EditorMarker[] = state.errors.filter((e) => e.file === file).map((e) => ({ line: e.line, column: e.column, message: renderMessage(e.message, locale), severity: 'error' }));
  if (state.errors.length > 0 || !state.good) return markers;
  for (const lint of state.good.lints) {
    if (lint.at.file !== file) continue;
    const edits = lint.fix?.edits.filter((e) => e.file === file) ?? [];
    markers.push({
      line: lint.at.line, column: lint.at.column, ...('endLine' in lint.at ? { endLine: lint.at.endLine, endColumn: lint.at.endColumn } : {}),
      message: renderMessage(lint.message, locale), severity: lint.severity,
      // The same fix as the problems list's button, offered in Monaco with Ctrl+. (a code action).
      ...(lint.fix && edits.length === lint.fix.edits.length ? { fix: { label: renderMessage(lint.fix.label, locale), edits } } : {}),
    });
  }
  return markers;
}
