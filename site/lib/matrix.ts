/**
 * The "Am I affected?" matrix: typical setups × KServe releases, every cell computed by the
 * engine. Each setup is a small scenario written here as the three texts the playground edits
 * (InferenceService, HPAs, Scenario document); a cell parses exactly those texts for one release,
 * runs them, and keeps the link fragment that opens the same texts in the playground. So what a
 * cell says and what its link shows cannot differ.
 *
 * Pure and Node-safe (no import.meta.glob): the site build and test/site/matrix.test.ts both
 * import it.
 */
import type { DeploymentMode } from '../../engine/kserve/constants.ts';
import { BEHAVIOUR_LABEL, KNOWN_TAGS, getRelease, type BehaviourId } from '../../engine/kserve/releases.ts';
import { encodeState } from '../../engine/link/codec.ts';
import type { LinkState } from '../../engine/link/state.ts';
import { parseEventWord } from '../../engine/machine/events.ts';
import { runScenario, type VersionResult } from '../../engine/run.ts';
import { DEFAULT_SETTINGS, scenarioDocumentText, stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import type { Scenario, ScenarioStepInput } from '../../engine/scenario/scenario.ts';
import type { Fate, HpaHistoryEntry } from '../../engine/verdict.ts';
import { historyText as sharedHistoryText } from './history-words.ts';
import { kserveHpaVerdict, verdictSummary } from '../../engine/verdict.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { msg } from '../../engine/i18n/message.ts';

/** One representative tag per behaviour era (and the edges of the buggy window). */
export const MATRIX_TAGS: readonly string[] = ['v0.12.0', 'v0.13.1', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0'];

/** Every modelled tag, for the full table. */
export const ALL_TAGS: readonly string[] = KNOWN_TAGS;

export type Locale = 'en' | 'zh-cn';
export type Localized = Readonly<Record<Locale, string>>;

export type SetupId =
  | 'external-same-name'
  | 'external-other-name'
  | 'none-same-name'
  | 'hpa-class'
  | 'hpa-class-same-name'
  | 'external-finalizer'
  | 'serverless-same-name'
  | 'switch-hpa-to-external';

export interface Setup {
  id: SetupId;
  /** Row heading. */
  title: Localized;
  /** One sentence: what the scenario contains and does. */
  note: Localized;
  /** The HPA the row is about. */
  subject: string;
  /** Whose HPA it is: the user's own, or the one KServe creates for class hpa. */
  owner: 'user' | 'kserve';
  /** For KServe's own HPA: whether KServe deleting it is the intended outcome (switching away from hpa). */
  deletionIntended?: boolean;
  isvc: string;
  hpas: string;
  events: readonly string[];
  defaultDeploymentMode: DeploymentMode;
}

const NAMESPACE = 'ml-serving';
const ISVC = 'my-isvc';
const PREDICTOR = `${ISVC}-predictor`;

function isvcYaml(annotations: Record<string, string>, replicas: { min: number; max?: number }): string {
  const lines = [
    'apiVersion: serving.kserve.io/v1beta1',
    'kind: InferenceService',
    'metadata:',
    `  name: ${ISVC}`,
    `  namespace: ${NAMESPACE}`,
  ];
  const keys = Object.keys(annotations);
  if (keys.length > 0) {
    lines.push('  annotations:');
    for (const key of keys) lines.push(`    ${key}: ${annotations[key]}`);
  }
  lines.push(
    'spec:',
    '  predictor:',
    `    minReplicas: ${replicas.min}`,
    ...(replicas.max === undefined ? [] : [`    maxReplicas: ${replicas.max}`]),
    '    model:',
    '      modelFormat:',
    '        name: sklearn',
    '      storageUri: gs://kfserving-examples/models/sklearn/1.0/model',
  );
  return `${lines.join('\n')}\n`;
}

function hpaYaml(name: string, finalizers: readonly string[] = []): string {
  const lines = [
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${NAMESPACE}`,
  ];
  if (finalizers.length > 0) {
    lines.push('  finalizers:');
    for (const finalizer of finalizers) lines.push(`  - ${finalizer}`);
  }
  lines.push(
    'spec:',
    '  scaleTargetRef:',
    '    apiVersion: apps/v1',
    '    kind: Deployment',
    `    name: ${PREDICTOR}`,
    '  minReplicas: 2',
    '  maxReplicas: 10',
    '  metrics:',
    '  - type: Resource',
    '    resource:',
    '      name: cpu',
    '      target:',
    '        type: Utilization',
    '        averageUtilization: 60',
  );
  return `${lines.join('\n')}\n`;
}

const CLASS = 'serving.kserve.io/autoscalerClass';
const MODE = 'serving.kserve.io/deploymentMode';
const RAW = { [MODE]: 'RawDeployment' };
const POD_CHURN = ['pod-created', 'pod-deleted', 'pod-created'] as const;

export const SETUPS: readonly Setup[] = [
  {
    id: 'external-same-name',
    title: { en: 'external + your HPA named like the Deployment', 'zh-cn': 'external + 与 Deployment 同名的自建 HPA' },
    note: {
      en: `RawDeployment, class external, your HPA named ${PREDICTOR}; then pods come and go (the #4312 report).`,
      'zh-cn': `RawDeployment 模式、external 类，自建 HPA 名为 ${PREDICTOR}；随后 Pod 有增有减（即 #4312 所报告的情形）。`,
    },
    subject: PREDICTOR,
    owner: 'user',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'external' }, { min: 1 }),
    hpas: hpaYaml(PREDICTOR),
    events: POD_CHURN,
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'external-other-name',
    title: { en: 'external + your HPA with its own name', 'zh-cn': 'external + 另起名字的自建 HPA' },
    note: {
      en: `As above, but the HPA is called ${ISVC}-custom-hpa (it still targets ${PREDICTOR}); pods change, the HPA scales, a resync.`,
      'zh-cn': `同上，但 HPA 名为 ${ISVC}-custom-hpa（仍然指向 ${PREDICTOR}）；Pod 变化、HPA 扩容，再加一次重新同步。`,
    },
    subject: `${ISVC}-custom-hpa`,
    owner: 'user',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'external' }, { min: 1 }),
    hpas: hpaYaml(`${ISVC}-custom-hpa`),
    events: ['pod-created', 'pod-deleted', 'hpa-scaled:3', 'resync'],
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'none-same-name',
    title: { en: 'none + your HPA named like the Deployment', 'zh-cn': 'none + 与 Deployment 同名的自建 HPA' },
    note: {
      en: 'The #4312 setup with class none, the class PR #4363 added in v0.15.1.',
      'zh-cn': '与 #4312 相同的配置，但使用 PR #4363 在 v0.15.1 中新增的 none 类。',
    },
    subject: PREDICTOR,
    owner: 'user',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'none' }, { min: 1 }),
    hpas: hpaYaml(PREDICTOR),
    events: POD_CHURN,
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'hpa-class',
    title: { en: 'hpa (the default): KServe’s own HPA', 'zh-cn': 'hpa（默认）：KServe 自己的 HPA' },
    note: {
      en: `Class hpa, minReplicas 1, maxReplicas 3, no HPA of yours: KServe creates ${PREDICTOR} and manages it.`,
      'zh-cn': `hpa 类，minReplicas 1、maxReplicas 3，没有自建 HPA：由 KServe 创建并管理 ${PREDICTOR}。`,
    },
    subject: PREDICTOR,
    owner: 'kserve',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'hpa' }, { min: 1, max: 3 }),
    hpas: '',
    events: ['pod-created', 'hpa-scaled:3', 'pod-deleted', 'resync'],
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'hpa-class-same-name',
    title: { en: 'hpa (the default) + your HPA named like the Deployment', 'zh-cn': 'hpa（默认）+ 与 Deployment 同名的自建 HPA' },
    note: {
      en: `Class hpa and you also apply your own ${PREDICTOR}: it lands on the HPA KServe manages under that name.`,
      'zh-cn': `hpa 类，同时又自己应用了一个 ${PREDICTOR}：它落在 KServe 以同一名称管理的那个 HPA 上。`,
    },
    subject: PREDICTOR,
    owner: 'user',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'hpa' }, { min: 1, max: 3 }),
    hpas: hpaYaml(PREDICTOR),
    events: ['pod-created', 'pod-deleted'],
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'external-finalizer',
    title: { en: 'external + same-name HPA with a finalizer', 'zh-cn': 'external + 带终结器的同名 HPA' },
    note: {
      en: 'The #4312 setup, with the finalizer kserve.io/protect on your HPA (a suggested workaround).',
      'zh-cn': '与 #4312 相同的配置，但自建 HPA 上带有终结器 kserve.io/protect（网上流传的一种变通办法）。',
    },
    subject: PREDICTOR,
    owner: 'user',
    isvc: isvcYaml({ ...RAW, [CLASS]: 'external' }, { min: 1 }),
    hpas: hpaYaml(PREDICTOR, ['kserve.io/protect']),
    events: POD_CHURN,
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'serverless-same-name',
    title: { en: 'Serverless + same-name HPA', 'zh-cn': 'Serverless + 同名 HPA' },
    note: {
      en: 'Class external, no deploymentMode annotation, cluster default Serverless (KServe’s shipped default).',
      'zh-cn': 'external 类，没有 deploymentMode 注解，集群默认模式为 Serverless（KServe 出厂默认值）。',
    },
    subject: PREDICTOR,
    owner: 'user',
    isvc: isvcYaml({ [CLASS]: 'external' }, { min: 1 }),
    hpas: hpaYaml(PREDICTOR),
    events: ['pod-created', 'pod-deleted', 'hpa-scaled:3', 'resync', 'controller-restarted'],
    defaultDeploymentMode: 'Serverless',
  },
  {
    id: 'switch-hpa-to-external',
    title: { en: 'switching hpa → external', 'zh-cn': '从 hpa 切换到 external' },
    note: {
      en: 'Class hpa (KServe creates its HPA), then the annotation is changed to external and pods change. Cluster default RawDeployment, no mode annotation.',
      'zh-cn': '先用 hpa 类（KServe 创建自己的 HPA），再把注解改成 external，随后 Pod 发生变化。集群默认模式为 RawDeployment，不带模式注解。',
    },
    subject: PREDICTOR,
    owner: 'kserve',
    deletionIntended: true,
    isvc: isvcYaml({ [CLASS]: 'hpa' }, { min: 1, max: 3 }),
    hpas: '',
    events: [`isvc-annotate:${CLASS}=external`, 'pod-created', 'pod-deleted'],
    defaultDeploymentMode: 'RawDeployment',
  },
];

export function getSetup(id: SetupId): Setup {
  const setup = SETUPS.find((s) => s.id === id);
  if (!setup) throw new Error(`unknown matrix setup "${id}"`);
  return setup;
}

function events(setup: Setup): ScenarioStepInput[] {
  return setup.events.map((word) => {
    const parsed = parseEventWord(word);
    if (!parsed.ok) throw new Error(`matrix setup ${setup.id}: ${parsed.message}`);
    return { event: parsed.event, position: null };
  });
}

/** The playground's three texts for a setup run against these releases. */
export function setupTexts(setup: Setup, versions: readonly string[]): Omit<LinkState, 'step'> {
  const settings = {
    ...DEFAULT_SETTINGS,
    name: `matrix-${setup.id}`,
    title: setup.title.en,
    description: setup.note.en,
    i18n: { 'zh-cn': { title: setup.title['zh-cn'], description: setup.note['zh-cn'] } },
    versions: [...versions],
    defaultDeploymentMode: setup.defaultDeploymentMode,
  };
  return { isvc: setup.isvc, hpas: setup.hpas, scenario: scenarioDocumentText(settings, events(setup)) };
}

/** Parses the texts exactly as the playground and the CLI do; a template that does not parse is a bug here. */
export function parseTexts(texts: Omit<LinkState, 'step'>, label: string): Scenario {
  const parsed = parseScenario(stateSources(texts));
  if (!parsed.ok) {
    throw new Error(`matrix ${label} does not parse:\n${parsed.errors.map((e) => `  ${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')}`);
  }
  return parsed.scenario;
}

export type Outcome = Fate | 'refused' | 'managed' | 'left';
export type Tone = 'loss' | 'warn' | 'safe' | 'refused';

export interface MatrixCell {
  setup: SetupId;
  tag: string;
  behaviour: BehaviourId;
  behaviourLabel: string;
  outcome: Outcome;
  tone: Tone;
  /** The engine's verdict for a user HPA (null for KServe's own HPA). */
  fate: Fate | null;
  /** The engine's verdict summary for a user HPA, or the same kind of history for KServe's HPA. */
  summary: string;
  history: readonly { step: number; kind: string }[];
  /** Where the link opens: the first loss or decisive step, else the last step. */
  step: number;
  steps: number;
  /** Short cell text. */
  label: Localized;
  /** Full sentence for tooltips and screen readers. */
  detail: Localized;
  /** Playground fragment (without "#"). */
  fragment: string;
}

const OUTCOME_LABEL: Readonly<Record<Outcome, Localized>> = {
  kept: { en: 'kept', 'zh-cn': '保留' },
  overwritten: { en: 'overwritten', 'zh-cn': '被覆盖' },
  deleted: { en: 'deleted', 'zh-cn': '被删除' },
  terminating: { en: 'stuck Terminating', 'zh-cn': '卡在 Terminating' },
  removed: { en: 'removed by you', 'zh-cn': '被你移除' },
  conflict: { en: 'two HPAs on one Deployment', 'zh-cn': '同一 Deployment 上有两个 HPA' },
  'scaling-fought': { en: 'scaling fought', 'zh-cn': '扩缩容被抵消' },
  refused: { en: 'ISVC refused', 'zh-cn': 'ISVC 被拒绝' },
  managed: { en: 'managed by KServe', 'zh-cn': '由 KServe 管理' },
  left: { en: 'left behind', 'zh-cn': '被遗留' },
};

export function historyText(history: readonly { step: number; kind: string }[], locale: Locale, empty: string): string {
  return history.length === 0 ? empty : sharedHistoryText(history, locale, 'history.kept');
}

/** What happened to KServe's own HPA, classified by the engine. */
function kserveHistory(result: VersionResult, name: string): { outcome: Outcome; history: { step: number; kind: string }[] } {
  const namespace = result.steps.flatMap((s) => s.isvcs)[0]?.key.split('/')[0] ?? 'default';
  const verdict = kserveHpaVerdict(result.steps, { namespace, name });
  const outcome: Outcome = verdict.outcome === 'managed' ? 'managed' : verdict.outcome === 'left' ? 'left' : 'deleted';
  return { outcome, history: verdict.history };
}

function toneFor(setup: Setup, outcome: Outcome): Tone {
  switch (outcome) {
    case 'refused': return 'refused';
    case 'kept':
    case 'managed':
    case 'removed': return 'safe';
    case 'overwritten':
    case 'terminating':
    case 'conflict':
    case 'scaling-fought':
    case 'left': return 'warn';
    case 'deleted': return setup.owner === 'kserve' && setup.deletionIntended ? 'safe' : 'loss';
  }
}

function labelFor(setup: Setup, outcome: Outcome, history: readonly { kind: string }[]): Localized {
  if (outcome === 'deleted' && setup.owner === 'kserve' && setup.deletionIntended) return { en: 'cleaned up', 'zh-cn': '被清理' };
  if (outcome === 'deleted' && history[0]?.kind === 'overwritten') return { en: 'overwritten, then deleted', 'zh-cn': '先被覆盖，再被删除' };
  return OUTCOME_LABEL[outcome];
}

const cellCache = new Map<string, Promise<MatrixCell>>();

/** One cell: the setup run for one release, exactly as its playground link will show it. */
export function buildCell(setup: Setup, tag: string): Promise<MatrixCell> {
  const canonical = getRelease(tag).tag;
  const key = `${setup.id}@${canonical}`;
  let cell = cellCache.get(key);
  if (!cell) {
    cell = computeCell(setup, canonical);
    cellCache.set(key, cell);
  }
  return cell;
}

async function computeCell(setup: Setup, tag: string): Promise<MatrixCell> {
  const texts = setupTexts(setup, [tag]);
  const scenario = parseTexts(texts, `${setup.id} at ${tag}`);
  const run = runScenario(scenario);
  const result = run.versions[0]!;
  const steps = result.steps.length;
  const refusedAt = result.steps.find((s) => s.event.startsWith('apply InferenceService') && s.admission && !s.admission.allowed);

  let outcome: Outcome;
  let fate: Fate | null = null;
  let summary: string;
  let history: { step: number; kind: string }[];
  let step: number;
  if (setup.owner === 'user') {
    const verdict = result.verdicts.find((v) => v.hpa === setup.subject);
    if (!verdict) throw new Error(`matrix ${setup.id} at ${tag}: the engine reports no verdict for user HPA ${setup.subject}`);
    fate = verdict.fate;
    summary = renderMessage(verdictSummary(verdict), 'en');
    history = verdict.history.map((h: HpaHistoryEntry) => ({ step: h.step, kind: h.kind }));
    outcome = refusedAt && verdict.fate === 'kept' ? 'refused' : verdict.fate;
    step = refusedAt ? refusedAt.index : verdict.firstLossStep ?? steps;
  } else {
    const kserve = kserveHistory(result, setup.subject);
    outcome = refusedAt ? 'refused' : kserve.outcome;
    history = kserve.history;
    summary = history.length === 0 ? 'never created' : sharedHistoryText(history, 'en', 'history.kept', 'kserveHistory');
    const decisive = history.find((h) => h.kind !== 'created');
    step = refusedAt ? refusedAt.index : decisive?.step ?? steps;
  }

  const label = labelFor(setup, outcome, history);
  const whose: Localized = setup.owner === 'user'
    ? { en: `Your HPA ${setup.subject}`, 'zh-cn': `你的 HPA ${setup.subject}` }
    : { en: `KServe’s HPA ${setup.subject}`, 'zh-cn': `KServe 的 HPA ${setup.subject}` };
  const refusal = refusedAt?.admission && !refusedAt.admission.allowed ? renderMessage(refusedAt.admission.message, 'en') : '';
  const detail: Localized = outcome === 'refused'
    ? {
        en: `KServe ${tag}: the admission webhook refuses the InferenceService (${refusal}), so nothing is reconciled. ${whose.en}: ${summary}.`,
        'zh-cn': `KServe ${tag}：准入 webhook 拒绝了该 InferenceService（${refusal}），因此不会发生任何调和。${whose['zh-cn']}：${historyText(history, 'zh-cn', '保留')}。`,
      }
    : {
        en: `KServe ${tag}: ${whose.en}: ${summary}.`,
        'zh-cn': `KServe ${tag}：${whose['zh-cn']}：${historyText(history, 'zh-cn', setup.owner === 'user' ? '保留' : '从未创建')}。`,
      };

  const fragment = await encodeState({ ...texts, step });
  return {
    setup: setup.id,
    tag,
    behaviour: result.behaviour,
    behaviourLabel: renderMessage(msg(BEHAVIOUR_LABEL[result.behaviour]), 'en'),
    outcome,
    tone: toneFor(setup, outcome),
    fate,
    summary,
    history,
    step,
    steps,
    label,
    detail,
    fragment,
  };
}

export interface MatrixRow {
  setup: Setup;
  cells: MatrixCell[];
  /** The setup with every column's release, for comparing them side by side in the playground. */
  rowFragment: string;
}

export interface Matrix {
  tags: readonly string[];
  rows: MatrixRow[];
}

export async function buildMatrix(tags: readonly string[] = MATRIX_TAGS, setups: readonly Setup[] = SETUPS): Promise<Matrix> {
  const canonical = tags.map((tag) => getRelease(tag).tag);
  const rows = await Promise.all(setups.map(async (setup) => {
    const cells = await Promise.all(canonical.map((tag) => buildCell(setup, tag)));
    const texts = setupTexts(setup, canonical);
    parseTexts(texts, `${setup.id} (row)`);
    return { setup, cells, rowFragment: await encodeState({ ...texts, step: 0 }) };
  }));
  return { tags: canonical, rows };
}

/** Plain-text rendering (used by the tests and handy for a report). */
export function matrixText(matrix: Matrix, locale: Locale = 'en'): string {
  const header = ['setup', ...matrix.tags];
  const lines = [header.join(' | ')];
  for (const row of matrix.rows) {
    lines.push([row.setup.title[locale], ...row.cells.map((c) => `${c.label[locale]} (${c.summary})`)].join(' | '));
  }
  return lines.join('\n');
}
