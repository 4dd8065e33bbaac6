/**
 * Runs a scenario through the controller machine once per release and collects, per step, the
 * decisions, the cluster's HPAs and the notes; then the verdict per user HPA. This is the one
 * entry point the CLI, the playground, the site build and the tests share.
 */
import { createActor } from 'xstate';
import type { Cluster } from './k8s/store.ts';
import type { Admission } from './kserve/admission.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { BEHAVIOUR_LABEL, getRelease, type BehaviourId } from './kserve/releases.ts';
import { controllerMachine, type Decision, type ModelOptions } from './machine/controller.ts';
import { scenarioSteps, type Scenario, type SourcePosition } from './scenario/scenario.ts';
import { classifyStep, userTargetOf, verdictFor, type HpaHistoryEntry, type Verdict } from './verdict.ts';
import { hpaView, type HpaView } from './views.ts';

export interface StepResult {
  /** 1-based: objects first, then events. */
  index: number;
  event: string;
  position: SourcePosition | null;
  reconciled: boolean;
  admission: Admission | null;
  decisions: Decision[];
  hpas: HpaView[];
  deployments: { name: string; replicas: number }[];
  isvcPresent: boolean;
  notes: string[];
  /** Decision-graph nodes and results this step passed through. */
  path: string[];
}

export interface VersionResult {
  tag: string;
  commit: string;
  behaviour: BehaviourId;
  behaviourLabel: string;
  steps: StepResult[];
  verdicts: Verdict[];
}

export interface RunResult {
  options: ModelOptions;
  versions: VersionResult[];
  /** The first step (1-based) where the releases disagree on a write or on the HPAs; null if never. */
  firstDisagreement: number | null;
}

export interface RunOverrides {
  versions?: readonly string[];
  apiServerDefaulting?: boolean;
}

export function runScenario(scenario: Scenario, overrides: RunOverrides = {}): RunResult {
  const options: ModelOptions = {
    apiServerDefaulting: overrides.apiServerDefaulting ?? scenario.settings.apiServerDefaulting,
    defaultDeploymentMode: scenario.settings.defaultDeploymentMode,
  };
  const tags = overrides.versions ?? scenario.settings.versions;
  const versions = tags.map((tag) => runRelease(scenario, tag, options));
  return { options, versions, firstDisagreement: firstDisagreement(versions) };
}

export function runRelease(scenario: Scenario, tag: string, options: ModelOptions): VersionResult {
  const release = getRelease(tag);
  const actor = createActor(controllerMachine, { input: { tag: release.tag, options } });
  actor.start();
  const inputs = scenarioSteps(scenario);
  const userHpas = new Set<string>();
  const histories = new Map<string, HpaHistoryEntry[]>();
  const steps: StepResult[] = [];
  let before: Cluster = actor.getSnapshot().context.cluster;
  inputs.forEach((input, i) => {
    const event = input.event;
    if (event.type === 'object.apply' && event.object.kind === 'HorizontalPodAutoscaler' && !ownedByInferenceService(event.object)) {
      userHpas.add(event.object.metadata.name);
    }
    actor.send(event);
    const { step, cluster } = actor.getSnapshot().context;
    const index = i + 1;
    for (const name of userHpas) {
      const kind = classifyStep(name, { step: index, eventType: event.type, userTarget: userTargetOf(event), before, after: cluster, decisions: step.decisions });
      const past = histories.get(name) ?? [];
      // The first apply is the HPA's birth, not news; only a later re-apply is.
      if (kind && !(kind === 'reapplied' && past.length === 0)) histories.set(name, [...past, { step: index, kind }]);
    }
    steps.push({
      index,
      event: step.event,
      position: input.position,
      reconciled: step.reconciled,
      admission: step.admission,
      decisions: step.decisions,
      hpas: cluster.hpas.map((hpa) => hpaView(hpa, userHpas)),
      deployments: cluster.deployments.map(({ name, replicas }) => ({ name, replicas })),
      isvcPresent: cluster.isvc !== null,
      notes: step.notes,
      path: step.path,
    });
    before = cluster;
  });
  actor.stop();
  const verdicts = [...userHpas].map((name) => {
    const final = before.hpas.find((h) => h.metadata.name === name);
    return verdictFor(name, histories.get(name) ?? [], final !== undefined, final?.metadata.deletionTimestamp !== undefined);
  });
  const behaviour = release.behaviour.id;
  return { tag: release.tag, commit: release.commit, behaviour, behaviourLabel: BEHAVIOUR_LABEL[behaviour], steps, verdicts };
}

/** What a step did to the cluster: refused or not, which writes, and the HPAs after. */
function stepSignature(step: StepResult): string {
  return JSON.stringify([
    step.admission?.allowed ?? null,
    step.decisions.map((d) => [d.component, d.call?.verb ?? null]),
    step.hpas.map((h) => [h.name, h.terminating, h.ownedByInferenceService]),
  ]);
}

function firstDisagreement(versions: VersionResult[]): number | null {
  const [first, ...rest] = versions;
  if (!first || rest.length === 0) return null;
  for (let i = 0; i < first.steps.length; i += 1) {
    const signature = stepSignature(first.steps[i]!);
    if (rest.some((v) => stepSignature(v.steps[i]!) !== signature)) return i + 1;
  }
  return null;
}
