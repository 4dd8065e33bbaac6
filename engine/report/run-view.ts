/**
 * The one reading of a run that every front end renders: which InferenceServices it concerns and
 * what belongs to each, and per release, step and InferenceService the tone, the cell's words,
 * the HPAs with their state, the Deployments, and the verdicts (the user's HPAs and KServe's
 * own). The CLI's table, the Markdown, the playground's cards and timeline and the site's tables
 * read runs only through it, so a tone or a grouping is decided here once.
 *
 * Built once per run; a cell is computed when asked (the playground asks for one step, the text
 * table for every step), so the cost follows what is shown, not steps × objects.
 */
import type { Message } from '../i18n/message.ts';
import type { Admission } from '../kserve/admission.ts';
import { isWrite } from '../kserve/decision.ts';
import type { Decision } from '../machine/controller.ts';
import type { DeploymentView, RunResult, StepResult, VersionResult } from '../run.ts';
import { kserveHpaVerdict, type CapacityDrop, type KserveHpaVerdict, type Verdict } from '../verdict.ts';
import { hpaStateOf, type HpaState, type HpaView } from '../views.ts';
import { FATE_TONE, loudestTone, RESULT_TONE, type Tone } from '../vocabulary.ts';
import { cellMessage } from './cells.ts';

/** A cell's tone, or 'quiet' when the step did nothing there worth a colour. */
export type CellTone = Tone | 'quiet';

/** An InferenceService of the run and what belongs to it; `isvc` '' holds the HPAs that belong to none. */
export interface IsvcGroup {
  /** namespace/name */
  isvc: string;
  namespace: string;
  /** Deployment names of this InferenceService anywhere in the run. */
  deployments: ReadonlySet<string>;
  /** HPA names its components looked up anywhere in the run. */
  lookups: ReadonlySet<string>;
}

export interface HpaEntry {
  hpa: HpaView;
  state: Exclude<HpaState, 'gone'>;
}

export type Refusal = Extract<Admission, { allowed: false }>;

/** One release at one step for one InferenceService (or for the whole step: group null); the HPA parts are computed when read. */
export interface CellView {
  step: StepResult;
  tone: CellTone;
  /** The cell in a few words ("Delete", "Update, Delete", "refused by webhook", "·"). */
  message: Message;
  decisions: readonly Decision[];
  /** The webhook's refusal when it concerns this InferenceService. */
  refusal: Refusal | null;
  reconciled: boolean;
  /** The step wrote something here, or the HPAs or replicas moved. */
  changed: boolean;
  hpas: readonly HpaEntry[];
  deployments: readonly DeploymentView[];
  /** Nothing to show but "no reconcile": no decision, no refusal, nothing moved. */
  quiet: boolean;
}

/** A KServe-made HPA of one release's run and what became of it. */
export interface KserveHpa {
  namespace: string;
  name: string;
  verdict: KserveHpaVerdict;
}

/** The InferenceServices in the order a step shows them. */
export interface StepOrder {
  /** Harmed or acted on at this step first (loss, warn, refused, then fine), then those that only moved; else in run order. */
  shown: IsvcGroup[];
  /** Calm in every release at this step (nothing written, refused, or moved): one folded line. */
  calm: IsvcGroup[];
  /** Some calm one was reconciled (it reads "nothing changed", not "no reconcile"). */
  calmReconciled: boolean;
  /** Left out by the "only what is at risk" filter. */
  hidden: number;
}

export interface RunView {
  run: RunResult;
  /** The InferenceServices in the order they first appear. */
  groups: readonly IsvcGroup[];
  /** More than one InferenceService: every front end shows one row or table per InferenceService. */
  several: boolean;
  /** The InferenceServices live in more than one namespace: names are written namespace/name. */
  qualified: boolean;
  /** `release` indexes run.versions; `step` is 1-based; group null reads the whole step. */
  cell(release: number, step: number, group: IsvcGroup | null): CellView;
  /** The HPAs after a step that belong to no InferenceService of the run. */
  strayHpas(release: number, step: number): HpaEntry[];
  verdicts(release: number, group: IsvcGroup | null): Verdict[];
  /** Rollouts that dropped a Deployment of the group to 1 replica, in step order. */
  capacityDrops(release: number, group: IsvcGroup | null): CapacityDrop[];
  /** HPAs KServe itself looked up or wrote (not a user's), in order of appearance, with their verdicts. */
  kserveHpas(release: number): KserveHpa[];
  /** In some release a user HPA of it comes to harm, or some step harms, warns about or refuses it. */
  atRisk(group: IsvcGroup): boolean;
  /** How step `step` (0: before the first) orders the InferenceServices; `atRiskOnly` keeps only those at risk. */
  order(step: number, atRiskOnly?: boolean): StepOrder;
}

const RANK: Readonly<Record<CellTone, number>> = { loss: 0, warn: 1, refused: 2, safe: 3, quiet: 4 };

/** A cell that has nothing to tell at this step: no refusal, nothing KServe did, nothing moved. */
const calmCell = (cell: CellView): boolean => cell.refusal === null && cell.tone === 'quiet' && !cell.changed;

/** A refusal shows on the InferenceService it refused (a namespace has others that carried on). */
export function refusalFor(step: StepResult, isvc: string | null): Refusal | null {
  const admission = step.admission;
  if (!admission || admission.allowed) return null;
  return isvc === null || admission.isvc === undefined || admission.isvc === isvc ? admission : null;
}

/** Results that say KServe acted: anything but "the HPA path was not called / skipped / already there". */
const acted = (d: Decision): boolean => d.result !== 'NotCalled' && d.result !== 'Skipped' && d.result !== 'Existed';

/**
 * The one tone of a step: a refusal; else the loudest of what KServe did (a write, an error, and
 * setting replicas back, which undoes an autoscaler even when no HPA was written).
 */
export function stepTone(step: StepResult | undefined, isvc: string | null = null, deployments: ReadonlySet<string> | null = null): CellTone {
  if (!step) return 'quiet';
  if (refusalFor(step, isvc)) return 'refused';
  const tones = step.decisions.filter((d) => (isvc === null || d.isvc === isvc) && acted(d)).map((d) => RESULT_TONE[d.result]);
  // A rollout that sends replicas 1 (issue 19 item 5) drops capacity: a warning too.
  const undid = step.deploymentWrites.some((w) => ((w.kind === 'pinned' && w.undid) || w.reset) && (deployments === null || deployments.has(w.name)));
  if (undid) tones.push('warn');
  return loudestTone(tones) ?? 'quiet';
}

export function groupsOf(versions: readonly VersionResult[]): IsvcGroup[] {
  const keys = new Set<string>();
  const deployments = new Map<string, Set<string>>();
  const lookups = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(value);
  };
  for (const version of versions) {
    let seen: StepResult['isvcs'] | null = null;
    for (const step of version.steps) {
      // A step that left the list alone shares it with the one before and adds nothing.
      if (step.isvcs !== seen) for (const isvc of step.isvcs) keys.add(isvc.key);
      seen = step.isvcs;
      for (const d of step.decisions) {
        keys.add(d.isvc);
        add(lookups, d.isvc, d.hpa);
      }
      for (const d of step.deployments) add(deployments, d.isvc, d.name);
    }
  }
  return [...keys].map((isvc) => ({
    isvc,
    namespace: isvc.slice(0, isvc.indexOf('/')),
    deployments: deployments.get(isvc) ?? new Set(),
    lookups: lookups.get(isvc) ?? new Set(),
  }));
}

function belongs(hpa: Pick<HpaView, 'namespace' | 'name' | 'scaleTarget'>, group: IsvcGroup): boolean {
  if (hpa.namespace !== group.namespace) return false;
  const target = hpa.scaleTarget.startsWith('Deployment/') ? hpa.scaleTarget.slice('Deployment/'.length) : null;
  return group.lookups.has(hpa.name) || (target !== null && group.deployments.has(target));
}

const entry = (hpa: HpaView): HpaEntry => ({ hpa, state: hpaStateOf(hpa) });

/** The HPAs KServe itself looked up or wrote over a release's run (not a user's), in order of appearance, with their verdicts. */
export function kserveHpasOf(result: VersionResult): KserveHpa[] {
  const seen = new Map<string, { namespace: string; name: string }>();
  for (const step of result.steps) {
    for (const d of step.decisions) {
      const namespace = d.isvc.slice(0, d.isvc.indexOf('/'));
      seen.set(`${namespace}/${d.hpa}`, { namespace, name: d.hpa });
    }
    for (const h of step.hpas) if (!h.user) seen.set(`${h.namespace}/${h.name}`, { namespace: h.namespace, name: h.name });
  }
  const users = new Set(result.verdicts.map((v) => `${v.namespace}/${v.hpa}`));
  return [...seen.entries()].filter(([key]) => !users.has(key)).map(([, ref]) => ({ ...ref, verdict: kserveHpaVerdict(result.steps, ref) }));
}

export function runView(run: RunResult): RunView {
  const groups = groupsOf(run.versions);
  const several = groups.length > 1;
  const qualified = several && new Set(groups.map((g) => g.namespace)).size > 1;
  const stray: IsvcGroup = { isvc: '', namespace: '', deployments: new Set(), lookups: new Set() };
  const hpasOf = (step: StepResult, group: IsvcGroup | null): HpaView[] => {
    if (group === null) return step.hpas;
    if (group.isvc === '') return step.hpas.filter((h) => !groups.some((g) => belongs(h, g)));
    return step.hpas.filter((h) => belongs(h, group));
  };
  const deploymentsOf = (step: StepResult, group: IsvcGroup | null) => (group ? step.deployments.filter((d) => d.isvc === group.isvc) : step.deployments);
  const signature = (step: StepResult | undefined, group: IsvcGroup | null): string => {
    if (!step) return '[[],[]]';
    // The stray group never moves by itself: what moved belongs to an InferenceService's card.
    const hpas = group?.isvc === '' ? [] : hpasOf(step, group);
    return JSON.stringify([hpas, deploymentsOf(step, group).map((d) => [d.name, d.replicas])]);
  };
  const kserve = new Map<number, KserveHpa[]>();
  let risky: Set<string> | null = null;
  // One walk over every release's decisions and verdicts, on first use.
  const riskyIsvcs = (): Set<string> => {
    if (risky) return risky;
    const out = new Set<string>();
    for (const version of run.versions) {
      for (const v of version.verdicts) if (FATE_TONE[v.fate] !== 'safe') out.add(v.isvc ?? '');
      for (const drop of version.capacityDrops) out.add(drop.isvc);
      // KServe updating its own HPA (as it does after API-server defaulting) harms nobody: only writes to a user's HPA, and failures, count.
      const users = new Set(version.verdicts.map((v) => `${v.namespace}/${v.hpa}`));
      for (const step of version.steps) {
        const refusal = refusalFor(step, null);
        if (refusal) for (const g of refusal.isvc === undefined ? groups : groups.filter((x) => x.isvc === refusal.isvc)) out.add(g.isvc);
        for (const d of step.decisions) if (acted(d) && RESULT_TONE[d.result] !== 'safe' && (d.result === 'Error' || users.has(`${d.isvc.split('/')[0]}/${d.hpa}`))) out.add(d.isvc);
        for (const w of step.deploymentWrites) {
          if (w.kind !== 'pinned' || !w.undid) continue;
          const owner = step.deployments.find((d) => d.namespace === w.namespace && d.name === w.name);
          if (owner) out.add(owner.isvc);
        }
      }
    }
    return (risky = out);
  };
  const view: RunView = {
    run,
    groups,
    several,
    qualified,
    cell(release, index, group) {
      const steps = run.versions[release]!.steps;
      const step = steps[index - 1]!;
      const isvc = group?.isvc ?? null;
      const decisions = isvc === null ? step.decisions : step.decisions.filter((d) => d.isvc === isvc);
      const refusal = refusalFor(step, isvc);
      // What the HPAs and Deployments did costs a walk over them: only a front end that shows them asks.
      let changed: boolean | undefined;
      const before = steps[index - 2];
      // A step that left the HPAs and Deployments alone shares their lists with the step before.
      const untouched = before !== undefined && before.hpas === step.hpas && before.deployments === step.deployments;
      const hasChanged = () => (changed ??= decisions.some((d) => isWrite(d.result)) || (!untouched && signature(step, group) !== signature(before, group)));
      return {
        step,
        tone: stepTone(step, isvc, group?.deployments ?? null),
        message: cellMessage(step, isvc),
        decisions,
        refusal,
        reconciled: isvc === null ? step.reconciled : step.reconciledIsvcs.includes(isvc),
        get changed() {
          return hasChanged();
        },
        get hpas() {
          return hpasOf(step, group).map(entry);
        },
        get deployments() {
          return deploymentsOf(step, group);
        },
        get quiet() {
          return decisions.length === 0 && !refusal && !hasChanged();
        },
      };
    },
    strayHpas(release, index) {
      return hpasOf(run.versions[release]!.steps[index - 1]!, stray).map(entry);
    },
    verdicts(release, group) {
      const verdicts = run.versions[release]!.verdicts;
      return group ? verdicts.filter((v) => (v.isvc ?? '') === group.isvc) : verdicts;
    },
    capacityDrops(release, group) {
      const drops = run.versions[release]!.capacityDrops;
      return group ? drops.filter((d) => d.isvc === group.isvc) : drops;
    },
    kserveHpas(release) {
      let found = kserve.get(release);
      if (!found) kserve.set(release, (found = kserveHpasOf(run.versions[release]!)));
      return found;
    },
    atRisk(group) {
      return riskyIsvcs().has(group.isvc);
    },
    order(step, atRiskOnly = false) {
      const kept = atRiskOnly ? groups.filter((g) => view.atRisk(g)) : [...groups];
      const hidden = groups.length - kept.length;
      if (step <= 0) {
        // Before the first step nothing has happened yet: those at risk later come first.
        const ranked = kept.map((g, i) => ({ g, rank: view.atRisk(g) ? 0 : 1, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
        return { shown: ranked.map((r) => r.g), calm: [], calmReconciled: false, hidden };
      }
      const shown: { g: IsvcGroup; rank: number; i: number }[] = [];
      const calm: IsvcGroup[] = [];
      let calmReconciled = false;
      kept.forEach((g, i) => {
        const cells = run.versions.map((_, r) => view.cell(r, step, g));
        if (cells.every(calmCell)) {
          calm.push(g);
          calmReconciled ||= cells.some((c) => c.reconciled);
          return;
        }
        shown.push({ g, rank: Math.min(...cells.map((c) => RANK[c.tone])), i });
      });
      shown.sort((a, b) => a.rank - b.rank || a.i - b.i);
      return { shown: shown.map((r) => r.g), calm, calmReconciled, hidden };
    },
  };
  return view;
}

const built = new WeakMap<RunResult, RunView>();

/** The run's view, built on first use and kept for as long as the run is (a front end re-renders often). */
export function runViewOf(run: RunResult): RunView {
  let view = built.get(run);
  if (!view) built.set(run, (view = runView(run)));
  return view;
}
