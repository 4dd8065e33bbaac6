/**
 * One Chinese term per concept (issue 18): a small glossary of the concepts that were rendered two
 * ways, each with its one rendering. Every Chinese text of the catalogs (engine/i18n/zh-cn.ts,
 * site/i18n/zh-cn/, the presets' zh-cn titles and descriptions) whose English names the concept
 * must use that rendering, and no Chinese text may use one of the concept's other renderings. The
 * glossary page lists the same terms.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, type MessageId } from '../../engine/i18n/en.ts';
import { CATALOGS } from '../../engine/i18n/render.ts';
import { RESULTS } from '../../engine/kserve/decision.ts';
import { RESULT_WORD } from '../../engine/vocabulary.ts';
import { UI_CATALOGS } from '../../site/i18n/index.ts';
import { loadPreset, presetIds } from '../../site/lib/presets.ts';

interface Concept {
  concept: string;
  /** Where the English text names the concept (placeholders and <syntax> removed first). */
  english: RegExp;
  /** Its one Chinese rendering. */
  term: string;
  /** Other renderings of it, refused in a Chinese text that names the concept. */
  others: RegExp;
  /** Refused in every Chinese text, whatever its English says. */
  never?: RegExp;
}

const GLOSSARY: readonly Concept[] = [
  { concept: 'a KServe git tag', english: /(?<!YAML )\btags?\b/i, term: '版本标签', others: /(?<!版本)标签|发布标签|Tag/ },
  { concept: 'a Kubernetes label', english: /\blabels?\b/i, term: '标签', others: /版本标签|标记/ },
  { concept: 'a YAML tag', english: /\bYAML tags?\b/, term: 'YAML 标记', others: /标签/ },
  { concept: 'the Terminating state', english: /\bTerminating\b/, term: '终止中', others: /Terminating/, never: /Terminating/ },
  { concept: 'a GitHub issue', english: /\bissue\b/i, term: 'issue', others: /Issue|议题|问题单/, never: /Issue|议题|问题单/ },
];

/** Each decision's one Chinese word; KServe's name for it stays beside it, in code, in the views. */
const DECISIONS: Readonly<Record<(typeof RESULTS)[number], string>> = {
  Create: '创建', Update: '更新', Delete: '删除', Existed: '已存在', Skipped: '跳过', NotCalled: '未调用', Error: '出错',
};

// KServe's own admission errors are quoted as kubectl prints them: English by design.
const QUOTED = (id: string) => id.startsWith('admission.');

/** Every (English, Chinese) pair of the catalogs, named by where it lives. */
function pairs(): { where: string; en: string; zh: string }[] {
  const out: { where: string; en: string; zh: string }[] = (Object.keys(en) as MessageId[]).filter((id) => !QUOTED(id))
    .map((id) => ({ where: `engine ${id}`, en: en[id], zh: CATALOGS['zh-cn'][id] }));
  for (const area of Object.keys(UI_CATALOGS.en) as (keyof typeof UI_CATALOGS.en)[]) {
    const english = UI_CATALOGS.en[area] as Readonly<Record<string, string>>;
    const chinese = UI_CATALOGS['zh-cn'][area] as Readonly<Record<string, string>>;
    for (const key of Object.keys(english)) out.push({ where: `site ${area}.${key}`, en: english[key]!, zh: chinese[key]! });
  }
  // The gallery presets' titles and descriptions, which the playground and the gallery show.
  for (const id of presetIds()) {
    const { title, description, i18n } = loadPreset(id).settings;
    const zh = i18n['zh-cn'];
    if (title && zh?.title) out.push({ where: `preset ${id} title`, en: title, zh: zh.title });
    if (description && zh?.description) out.push({ where: `preset ${id} description`, en: description, zh: zh.description });
  }
  return out;
}

const prose = (text: string) => text.replace(/\{[a-zA-Z]+\}|<[^<>\s]*>/g, ' ');

describe('the Chinese glossary: one rendering per concept', () => {
  const all = pairs();

  it('finds the catalogs (a guard against an empty walk)', () => {
    expect(all.length).toBeGreaterThan(500);
    for (const c of GLOSSARY) expect(all.some((p) => c.english.test(prose(p.en))), c.concept).toBe(true);
  });

  it('a text that names a concept in English names it with the glossary\'s term in Chinese, and no other way', () => {
    const wrong: string[] = [];
    for (const c of GLOSSARY) {
      for (const p of all) {
        if (!c.english.test(prose(p.en))) continue;
        // "版本标签" contains "标签": a label concept tests its term outside the longer one.
        const rest = c.term === '标签' ? p.zh.replaceAll('版本标签', '') : p.zh;
        if (!rest.includes(c.term)) wrong.push(`${p.where}: ${c.concept} should read ${c.term}: ${p.zh}`);
        if (c.others.test(p.zh)) wrong.push(`${p.where}: ${c.concept} rendered another way (${c.others.exec(p.zh)![0]}): ${p.zh}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no Chinese text uses a rendering the glossary replaced', () => {
    const wrong = GLOSSARY.flatMap((c) => (c.never ? all.filter((p) => c.never!.test(p.zh)).map((p) => `${p.where}: ${c.concept}: ${p.zh}`) : []));
    expect(wrong).toEqual([]);
  });

  it('a decision has its one Chinese word, and no other catalog text is just that decision\'s English name', () => {
    for (const result of RESULTS) expect(CATALOGS['zh-cn'][RESULT_WORD[result]], result).toBe(DECISIONS[result]);
    const bare = all.filter((p) => (RESULTS as readonly string[]).includes(p.zh.trim()));
    expect(bare.map((p) => p.where)).toEqual([]);
  });

  it('the glossary page lists every term', () => {
    const page = readFileSync('content/docs/zh-cn/reference/glossary.md', 'utf8');
    for (const c of GLOSSARY) expect(page, c.concept).toContain(c.term);
    for (const [result, word] of Object.entries(DECISIONS)) expect(page, result).toContain(`\`${result}\` ${word}`);
  });
});
