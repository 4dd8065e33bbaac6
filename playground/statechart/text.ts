/**
 * The statechart's text alternative, per locale: the <desc> that says what the drawing shows,
 * and the sentence that lists the current step's path. The UI strings (the chart's title) come
 * from playground/app/strings.ts; these sentences are the chart's own, built from the model.
 */
import type { Locale } from '../app/strings.ts';

export interface ChartSummary {
  states: number;
  arrows: number;
  /** Keys of the compound states below the root. */
  compounds: string[];
  /** How many states run a KServe check. */
  checks: number;
  /** Keys of the result states. */
  results: string[];
}

export interface ChartText {
  describe(summary: ChartSummary): string;
  /** The sentence for a highlighted path: `{path}` is the states joined by arrows, `{last}` the last one. */
  path: string;
  /** A check state's tooltip. */
  runsCheck(key: string, check: string): string;
}

export const CHART_TEXT: Record<Locale, ChartText> = {
  en: {
    describe: (s) => [
      `Drawn from the machine definition: ${s.states} states and ${s.arrows} arrows (transitions between the same two states share one).`,
      s.compounds.length ? `Boxes inside boxes are substates, of ${s.compounds.join(', ')}; a dot marks the state each box starts in.` : '',
      s.checks ? `${s.checks} states run a KServe check and are labelled with its name; arrows leaving them are labelled with the check's outcome.` : '',
      s.results.length ? `Rounded boxes are results: ${s.results.join(', ')}.` : '',
      'Arrows without a label are taken unconditionally.',
    ].filter(Boolean).join(' '),
    path: ' Highlighted with a bold outline and a check mark, the states this step passed through: {path}; the dashed ring marks the last, {last}.',
    runsCheck: (key, check) => `${key}: runs the check ${check}`,
  },
  'zh-cn': {
    describe: (s) => [
      `由状态机定义生成：${s.states} 个状态，${s.arrows} 条箭头（同一对状态之间的转换合为一条）。`,
      s.compounds.length ? `框中的框是子状态，属于 ${s.compounds.join('、')}；圆点标出每个框最先进入的状态。` : '',
      s.checks ? `${s.checks} 个状态执行一项 KServe 检查，并以检查名标注；从它们出发的箭头标注检查结果。` : '',
      s.results.length ? `圆角框是结果：${s.results.join('、')}。` : '',
      '没有标注的箭头无条件执行。',
    ].filter(Boolean).join(''),
    path: '本步经过的状态以粗边框和对勾标出：{path}；虚线环标出最后一个，{last}。',
    runsCheck: (key, check) => `${key}：执行检查 ${check}`,
  },
};

export function chartText(locale: Locale | undefined): ChartText {
  return CHART_TEXT[locale ?? 'en'] ?? CHART_TEXT.en;
}
