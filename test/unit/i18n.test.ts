/**
 * The catalogs (issue 9): every engine message renders in every language, the languages have the
 * same keys and the same parameters, the Chinese catalog is a translation rather than a copy, input
 * errors read in Chinese at the place the English names, and the UI catalogs (site/i18n) have the
 * same keys in both languages.
 */
import { describe, expect, it } from 'vitest';
import { en, type MessageId } from '../../engine/i18n/en.ts';
import { CATALOGS, LOCALES, localeOf, renderMessage, renderParam } from '../../engine/i18n/render.ts';
import { msg } from '../../engine/i18n/message.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError, type InputError } from '../../engine/scenario/source.ts';
import { HARMS } from '../../engine/verdict.ts';
import { FATE_WORD, HPA_STATE_WORD, KSERVE_OUTCOME_WORD, RESULT_WORD } from '../../engine/vocabulary.ts';
import { UI_CATALOGS } from '../../site/i18n/index.ts';
import { CJK, untranslated } from '../support/untranslated.ts';

const IDS = Object.keys(en) as MessageId[];
const placeholders = (template: string): string[] => [...new Set([...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]!))].sort();

describe('engine message catalogs', () => {
  it('every language has exactly the English keys', () => {
    for (const locale of LOCALES) expect(Object.keys(CATALOGS[locale]).sort(), locale).toEqual([...IDS].sort());
  });

  it('every message id renders to a non-empty text in every language, with every parameter filled', () => {
    for (const locale of LOCALES) {
      for (const id of IDS) {
        const template = CATALOGS[locale][id];
        expect(typeof template === 'string' && template.trim().length > 0, `${locale} ${id}`).toBe(true);
        const params = Object.fromEntries(placeholders(en[id]).map((name) => [name, `«${name}»`]));
        const text = renderMessage(msg(id, params), locale);
        expect(text.trim().length, `${locale} ${id}`).toBeGreaterThan(0);
        expect(text, `${locale} ${id}`).not.toMatch(/\{[a-zA-Z]+\}/);
        for (const name of placeholders(template)) expect(text, `${locale} ${id}`).toContain(`«${name}»`);
      }
    }
  });

  it('the Chinese template of every message has the same {placeholders} as the English one', () => {
    for (const locale of LOCALES) {
      for (const id of IDS) expect({ id, names: placeholders(CATALOGS[locale][id]) }).toEqual({ id, names: placeholders(en[id]) });
    }
  });

  /*
   * Values that are code or identifiers, the same in every language: KServe's own admission errors
   * as kubectl prints them (every admission.* id), a kind name, and cells that only arrange their
   * parameters. Results (result.*) and the Terminating state are words, translated like any other.
   */
  const KSERVE_ERRORS = 'admission.';
  const SAME_IN_EVERY_LANGUAGE: ReadonlySet<string> = new Set([
    'report.isvcHeading', 'cell.quiet', 'cell.result', 'cell.componentResult', 'history.then',
    'ci.md.isvc',
  ]);

  it('the identifiers listed as the same in every language are message ids', () => {
    for (const id of SAME_IN_EVERY_LANGUAGE) expect(Object.hasOwn(en, id), id).toBe(true);
  });

  it('the Chinese catalog is translated: no sentence is an English copy, outside the identifiers listed', () => {
    const copies = IDS.filter((id) => !SAME_IN_EVERY_LANGUAGE.has(id) && !id.startsWith(KSERVE_ERRORS))
      // Only texts with words in them: "{before}, {after}" or "·" have nothing to translate.
      .filter((id) => /[A-Za-z]{2,}/.test(en[id].replace(/\{[a-zA-Z]+\}/g, '')))
      .filter((id) => CATALOGS['zh-cn'][id] === en[id]);
    expect(copies).toEqual([]);
  });

  it('the ids the engine builds from data exist: one per harm and history kind, fate, result, state and requeue reason', () => {
    const dynamic = [
      ...[...HARMS, 'removed', 'reapplied', 'restored'].map((kind) => `history.${kind}`),
      ...['finalizer', 'finalizerRemoved', 'status', 'statusKnative', 'deployment', 'scaledObject'].map((reason) => `requeue.${reason}`),
      ...Object.values(FATE_WORD), ...Object.values(RESULT_WORD), ...Object.values(HPA_STATE_WORD), ...Object.values(KSERVE_OUTCOME_WORD),
    ];
    for (const id of dynamic) expect(Object.hasOwn(en, id), id).toBe(true);
  });

  it('lists are joined as each language joins them', () => {
    expect(renderParam(['a', 'b', 'c'], 'en')).toBe('a, b, and c');
    // Chinese joins with 、 and 和 (the exact spacing is the ICU data's).
    expect(renderParam(['a', 'b', 'c'], 'zh-cn').replace(/\s/g, '')).toBe('a、b和c');
    expect(renderParam([], 'en')).toBe(en['list.none']);
    expect(renderParam([], 'zh-cn')).toBe(CATALOGS['zh-cn']['list.none']);
    expect(renderParam(null, 'en')).toBe('—');
  });

  it('nested messages render in the outer message\'s language', () => {
    const nested = msg('phrase.then', { before: msg('phrase.resync'), after: msg('phrase.restarted') });
    expect(renderMessage(nested, 'en')).toBe('the periodic resync runs, then the controller restarts');
    const zh = renderMessage(nested, 'zh-cn');
    expect(zh).toContain(CATALOGS['zh-cn']['phrase.resync']);
    expect(zh).toContain(CATALOGS['zh-cn']['phrase.restarted']);
  });

  it('localeOf accepts zh, zh-CN and zh-cn; anything else is English', () => {
    for (const zh of ['zh', 'zh-CN', 'zh-cn', 'zh-Hans']) expect(localeOf(zh)).toBe('zh-cn');
    for (const other of ['en', 'en-US', 'fr', '', null, undefined]) expect(localeOf(other)).toBe('en');
  });
});

describe('input errors and the CLI\'s own words in Chinese', () => {
  it.each([['input.', 50], ['cli.', 40]] as const)('every %s text is Chinese, apart from templates that only arrange their parameters', (prefix, least) => {
    const ids = IDS.filter((id) => id.startsWith(prefix));
    expect(ids.length).toBeGreaterThan(least);
    for (const id of ids) {
      const template = CATALOGS['zh-cn'][id];
      if (!/[A-Za-z\u4e00-\u9fff]/.test(template.replace(/\{[a-zA-Z]+\}/g, ''))) continue;
      const text = renderMessage(msg(id, Object.fromEntries(placeholders(en[id]).map((name) => [name, `«${name}»`]))), 'zh-cn');
      expect(text, id).toMatch(CJK);
      expect(untranslated(text), `${id}: ${text}`).toBeNull();
    }
  });

  const ISVC = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn-model\n  namespace: ml\nspec:\n  predictor:\n    minReplicas: two\n';
  const HPAS = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: "unclosed\nspec:\n  maxReplicas: 3\n';
  const SCENARIO = 'apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [v0.14.1, v9.9.9]\nevnts: []\nevents:\n  - pod-exploded\n  - hpa-scaled:lots\n';
  const errors = (sources: { name: string; text: string }[]): InputError[] => {
    const result = parseScenario(sources);
    if (result.ok) throw new Error('expected input errors');
    return result.errors;
  };

  it('bad objects and a bad Scenario document: the same file:line:column, the words in Chinese', () => {
    const found = [
      ...errors([{ name: 'inferenceservice.yaml', text: ISVC }, { name: 'scenario.yaml', text: SCENARIO }]),
      ...errors([{ name: 'hpas.yaml', text: HPAS }]),
      ...errors([{ name: 'two.yaml', text: `${ISVC.replace('two', '1')}---\n${ISVC.replace('two', '1').replace('churn-model', 'fraud-model')}---\napiVersion: hpa-lab/v1\nkind: Scenario\nevents: [pod-created]\n` }]),
    ];
    const english = found.map((e) => formatInputError(e, 'en'));
    // Where each problem is, as the English has always said it.
    expect(english).toEqual([
      'inferenceservice.yaml:8:18: minReplicas must be an integer',
      expect.stringMatching(/^scenario\.yaml:3:21: unknown KServe release "v9\.9\.9"; known: v0\.12\.0/),
      'scenario.yaml:4:1: unknown Scenario field "evnts"; known: apiVersion, kind, metadata, title, description, i18n, versions, startRelease, apiServerDefaulting, defaultDeploymentMode, keda, events',
      expect.stringMatching(/^scenario\.yaml:6:5: unknown event "pod-exploded"; known: /),
      'scenario.yaml:7:5: hpa-scaled needs a replica count from 0 to 100000, as in hpa-scaled:3',
      'hpas.yaml:4:9: this " quote is never closed: the string runs to the end of the file',
      'two.yaml:21:10: pod-created: the scenario has 2 InferenceServices (ml/churn-model, ml/fraud-model); say which, as in @ml/churn-model',
    ]);
    for (const [i, error] of found.entries()) {
      const chinese = formatInputError(error, 'zh-cn');
      const where = `${error.file}:${error.line}:${error.column}: `;
      expect(english[i]!.startsWith(where)).toBe(true);
      expect(chinese.startsWith(where), chinese).toBe(true);
      const words = chinese.slice(where.length);
      expect(words, chinese).toMatch(CJK);
      expect(untranslated(words), chinese).toBeNull();
      expect(words).not.toBe(english[i]!.slice(where.length));
    }
    expect(formatInputError(found[0]!, 'zh-cn')).toBe('inferenceservice.yaml:8:18: minReplicas 必须是整数');
    expect(formatInputError(found.at(-1)!, 'zh-cn')).toBe('two.yaml:21:10: pod-created：场景中有 2 个 InferenceService（ml/churn-model, ml/fraud-model），请指明是哪一个，例如 @ml/churn-model');
  });

  it('a YAML syntax error of the yaml library: its English sentence whole, inside a Chinese one', () => {
    const [error] = errors([{ name: 'hpas.yaml', text: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n\tname: x\n' }]);
    expect(error!.message.id).toBe('input.yamlSyntax');
    const detail = String(error!.message.params?.detail);
    expect(formatInputError(error!, 'en')).toBe(`hpas.yaml:4:1: ${detail}`);
    expect(formatInputError(error!, 'zh-cn')).toBe(`hpas.yaml:4:1: YAML 语法错误：${detail}`);
  });
});

describe('UI catalogs (site/i18n)', () => {
  const areas = Object.keys(UI_CATALOGS.en) as (keyof typeof UI_CATALOGS.en)[];

  it('have the same areas and, per area, the same keys in both languages', () => {
    expect(Object.keys(UI_CATALOGS['zh-cn']).sort()).toEqual([...areas].sort());
    for (const area of areas) expect({ area, keys: Object.keys(UI_CATALOGS['zh-cn'][area]).sort() }).toEqual({ area, keys: Object.keys(UI_CATALOGS.en[area]).sort() });
  });

  it('every value is non-empty text with the same {placeholders} as the English one', () => {
    for (const area of areas) {
      const english = UI_CATALOGS.en[area] as Readonly<Record<string, string>>;
      const chinese = UI_CATALOGS['zh-cn'][area] as Readonly<Record<string, string>>;
      for (const key of Object.keys(english)) {
        expect(typeof chinese[key] === 'string' && chinese[key]!.trim().length > 0, `${area}.${key}`).toBe(true);
        expect({ key: `${area}.${key}`, names: placeholders(chinese[key]!) }).toEqual({ key: `${area}.${key}`, names: placeholders(english[key]!) });
      }
    }
  });
});
