/**
 * Whole runs (engine/run.ts runScenario) for the behaviour issues 10 and 12 added: upgrades,
 * the v0.20 predictor name, stop, replica pinning, two HPAs on one Deployment, GitOps syncs, the
 * v0.16–v0.18 reading of a legacy status, and the v0.17+ strict workload parse. Each expectation
 * is derived from the KServe source as cited (behaviour.md, content/docs/reference/source-notes.md §9), not from
 * the engine's output; releases are chosen by tag.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PASSES } from '../../engine/machine/controller.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { runScenario, type RunResult, type StepResult, type VersionResult } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';

const from = (tag: string, first: string) => compareTags(tag, first) >= 0;

interface IsvcOptions {
  name?: string;
  namespace?: string;
  annotations?: Record<string, string>;
  predictor?: string;
  extra?: string;
  /** kubectl output carries the controller's finalizer; a GitOps repository does not. */
  finalizer?: boolean;
}

function isvcYaml({ name = 'm', namespace = 'ml', annotations = {}, predictor = '{}', extra = '', finalizer = true }: IsvcOptions = {}): string {
  const notes = Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`).join('\n');
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ${namespace}
${notes ? `  annotations:\n${notes}\n` : ''}${finalizer ? '  finalizers: [inferenceservice.finalizers]\n' : ''}spec:
  predictor: ${predictor}
${extra}`;
}

function hpaYaml(name: string, target: string, { namespace = 'ml', min = 2, max = 8 } = {}): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: ${min}
  maxReplicas: ${max}
`;
}

function scenarioYaml(versions: string[], events: string[], extra = ''): string {
  return `apiVersion: hpa-lab/v1
kind: Scenario
versions: [${versions.join(', ')}]
${extra}events:
${events.map((e) => `  - ${e.startsWith('{') ? e : JSON.stringify(e)}`).join('\n')}
`;
}

function run(...docs: string[]): RunResult {
  const parsed = parseScenario([{ name: 'run.yaml', text: docs.join('---\n') }]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
  return runScenario(parsed.scenario);
}

const version = (result: RunResult, tag: string): VersionResult => result.versions.find((v) => v.tag === tag)!;
const hpaNames = (step: StepResult) => step.hpas.map((h) => `${h.name}${h.ownedByInferenceService ? ' (owned)' : ''}`);
const calls = (step: StepResult) => step.decisions.map((d) => `${d.hpa}:${d.result}`);
const noteIds = (step: StepResult) => step.notes.map((n) => n.id);

const RAW = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };
const EXTERNAL = { ...RAW, 'serving.kserve.io/autoscalerClass': 'external' };

// Issue 10 "Upgrades": before the first controller-upgraded every compared release runs
// startRelease; the upgrade keeps objects and status as the old release wrote them and reconciles
// every InferenceService once under the new release's rules.
describe('upgrades', () => {
  const result = run(
    isvcYaml({ annotations: EXTERNAL, predictor: '{minReplicas: 1}' }),
    hpaYaml('m-predictor', 'm-predictor'),
    scenarioYaml(['v0.14.1', 'v0.15.2', 'v0.16.0'], ['pod-created', 'controller-upgraded', 'pod-created'], 'startRelease: v0.12.0\n'),
  );

  it('every step says which release ran it: the start release until the upgrade, the compared one after', () => {
    for (const v of result.versions) {
      expect(v.startRelease).toBe('v0.12.0');
      expect(v.steps.map((s) => s.release)).toEqual(['v0.12.0', 'v0.12.0', 'v0.12.0', v.tag, v.tag]);
      expect(v.steps[3]!.notes[0]).toEqual({ id: 'controller.upgraded', params: { from: 'v0.12.0', to: v.tag } });
      expect(v.steps[3]!.reconciledIsvcs).toEqual(['ml/m']);
    }
  });

  it('v0.12.0 leaves the same-named HPA alone under external (a no-op autoscaler, behaviour.md §4.2) and writes no status', () => {
    for (const v of result.versions) {
      const podStep = v.steps[2]!;
      expect(calls(podStep)).toEqual(['m-predictor:NotCalled']);
      expect(hpaNames(podStep)).toEqual(['m-predictor']);
      expect(podStep.isvcs[0]!.statusMode).toBeNull();
    }
  });

  it('the upgrade itself reconciles: v0.14.1 deletes the HPA, the fixed releases adopt it and delete it at the next reconcile', () => {
    const buggy = version(result, 'v0.14.1');
    expect(calls(buggy.steps[3]!)).toContain('m-predictor:Delete');
    expect(hpaNames(buggy.steps[3]!)).toEqual([]);
    expect(buggy.verdicts[0]).toMatchObject({ hpa: 'm-predictor', namespace: 'ml', fate: 'deleted', firstLossStep: 4 });
    // The fixed releases write status.deploymentMode in that pass (v0.12.0 wrote none); the status
    // update queues the InferenceService again at once (For without predicate, controller.go
    // SetupWithManager), so the HPA adopted by the first pass is deleted by the second, in the same step.
    for (const tag of ['v0.15.2', 'v0.16.0']) {
      const fixed = version(result, tag);
      expect(calls(fixed.steps[3]!)).toEqual(['m-predictor:Update', 'm-predictor:Delete']);
      expect(noteIds(fixed.steps[3]!)).toContain('controller.requeued');
      expect(hpaNames(fixed.steps[3]!)).toEqual([]);
      expect(calls(fixed.steps[4]!)).toEqual(['m-predictor:Skipped']);
      // The history keeps both halves: the Update replaced the user's HPA (overwritten) before the Delete.
      expect(fixed.verdicts[0]).toMatchObject({ fate: 'deleted', firstLossStep: 4, history: [{ step: 4, kind: 'overwritten' }, { step: 4, kind: 'deleted' }] });
    }
  });

  it('status.deploymentMode is written from v0.15.1, spelled as the release spells it (v0.15: RawDeployment, v0.16: Standard)', () => {
    expect(version(result, 'v0.14.1').steps[4]!.isvcs[0]!.statusMode).toBeNull();
    expect(version(result, 'v0.15.2').steps[3]!.isvcs[0]!.statusMode).toBe('RawDeployment');
    expect(version(result, 'v0.16.0').steps[3]!.isvcs[0]!.statusMode).toBe('Standard');
  });

  it('controller-upgraded:<tag> moves every compared release to that tag', () => {
    const named = run(isvcYaml({ annotations: EXTERNAL }), hpaYaml('m-predictor', 'm-predictor'), scenarioYaml(['v0.14.1', 'v0.16.0'], ['controller-upgraded:v0.15.2', 'pod-created'], 'startRelease: v0.12.0\n'));
    for (const v of named.versions) expect(v.steps.map((s) => s.release)).toEqual(['v0.12.0', 'v0.12.0', 'v0.15.2', 'v0.15.2']);
  });

  it('an upgrade to the release already running only restarts it', () => {
    const same = run(isvcYaml({ annotations: EXTERNAL }), scenarioYaml(['v0.15.2'], ['controller-upgraded']));
    expect(same.versions[0]!.steps[1]!.notes[0]).toMatchObject({ id: 'controller.sameRelease', params: { to: 'v0.15.2' } });
  });

  // research-10-12.md D: a v0.15 controller writes `RawDeployment`; v0.16.0 … v0.18.1 read the status
  // verbatim and compare it with `Standard`, so the components take the Knative path and the HPA
  // reconciler is not called; v0.19.0-rc0 parses the status and rewrites it as `Standard`.
  it('a status written as RawDeployment by v0.15.2: no HPA reconcile in v0.16.0 … v0.18.1, raw again (and rewritten) from v0.19.0-rc0', () => {
    const tags = ['v0.16.0', 'v0.17.0', 'v0.18.1', 'v0.19.0-rc0', 'v0.19.0', 'v0.20.0'];
    const upgraded = run(
      isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1, maxReplicas: 3}' }),
      scenarioYaml(tags, ['controller-upgraded', 'pod-created'], 'startRelease: v0.15.2\n'),
    );
    for (const v of upgraded.versions) {
      expect(v.steps[0]!.isvcs[0]!.statusMode).toBe('RawDeployment');
      expect(hpaNames(v.steps[0]!)).toEqual(['m-predictor (owned)']);
      const step = v.steps[1]!;
      if (from(v.tag, 'v0.19.0-rc0')) {
        expect(step.decisions.every((d) => d.result !== 'NotCalled'), v.tag).toBe(true);
        expect(step.isvcs[0]!.statusMode, v.tag).toBe('Standard');
      } else {
        expect(calls(step), v.tag).toEqual(['m-predictor:NotCalled']);
        expect(step.decisions[0]!.trace[0]).toMatchObject({ check: 'deploymentMode', value: 'Serverless', why: { id: 'check.mode.statusUnparsed', params: { value: 'RawDeployment', raw: 'Standard' } } });
        // Written back unchanged: never migrated in v0.16–v0.18.
        expect(step.isvcs[0]!.statusMode, v.tag).toBe('RawDeployment');
        // KServe's own HPA is left as it was, no longer managed.
        expect(hpaNames(step)).toEqual(['m-predictor (owned)']);
      }
    }
  });
});

// research-10-12.md B1/B2: from v0.20.0-rc0 the predictor is `<isvc>-<name>-predictor`; the orphan
// cleanup deletes the old Deployment (and Service) but there is no HPA cleanup at all.
describe('v0.20 spec.predictor.name', () => {
  it('names the predictor\'s Deployment and HPA <isvc>-<name>-predictor from v0.20.0-rc0; the transformer keeps <isvc>-transformer', () => {
    const tags = ['v0.19.0', 'v0.20.0-rc0', 'v0.20.0'];
    const result = run(isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{name: v2, minReplicas: 1}', extra: '  transformer: {}\n' }), scenarioYaml(tags, []));
    for (const v of result.versions) {
      const step = v.steps[0]!;
      const predictor = from(v.tag, 'v0.20.0-rc0') ? 'm-v2-predictor' : 'm-predictor';
      expect(step.deployments.map((d) => d.name).sort(), v.tag).toEqual([predictor, 'm-transformer'].sort());
      expect(step.hpas.map((h) => h.name).sort(), v.tag).toEqual([predictor, 'm-transformer'].sort());
    }
  });

  it('a rename leaves KServe\'s old HPA behind, pointing at a Deployment the orphan cleanup deleted', () => {
    const renamed = `{apply: {apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, metadata: {name: m, namespace: ml, annotations: {serving.kserve.io/deploymentMode: Standard, serving.kserve.io/autoscalerClass: hpa}, finalizers: [inferenceservice.finalizers]}, spec: {predictor: {name: v2, minReplicas: 1, model: {storageUri: 's3://models/m/v2'}}}}}`;
    // The rename comes with a new model: v0.20.0 refuses a rename alone (validatePredictorNameChange, :703-713).
    const result = run(isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1}' }), scenarioYaml(['v0.20.0'], [renamed, 'pod-created']));
    const [created, rename, after] = result.versions[0]!.steps;
    expect(created!.hpas.map((h) => h.name)).toEqual(['m-predictor']);
    expect(rename!.deploymentWrites).toContainEqual(expect.objectContaining({ kind: 'deleted', name: 'm-predictor' }));
    expect(rename!.deployments.map((d) => d.name)).toEqual(['m-v2-predictor']);
    expect(rename!.hpas.map((h) => `${h.name} → ${h.scaleTarget}`).sort()).toEqual(['m-predictor → Deployment/m-predictor', 'm-v2-predictor → Deployment/m-v2-predictor']);
    expect(rename!.decisions.every((d) => d.hpa === 'm-v2-predictor')).toBe(true);
    expect(rename!.decisions.some((d) => d.call?.verb === 'Delete')).toBe(false);
    expect(after!.hpas.map((h) => h.name).sort()).toEqual(['m-predictor', 'm-v2-predictor']);
  });

  it('v0.20.0 refuses a rename without a model change, and admits it with one; v0.19.0 has no such rule (inference_service_validation.go:101-104, 703-726)', () => {
    const base = isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: "{minReplicas: 1, model: {storageUri: 's3://models/m/v1'}}" });
    const alone = run(base, scenarioYaml(['v0.19.0', 'v0.20.0'], ['isvc-set:name=v2']));
    expect(version(alone, 'v0.20.0').steps[1]!.admission).toMatchObject({ allowed: false, message: { id: 'admission.renameNeedsModelChange' } });
    expect(version(alone, 'v0.20.0').steps[1]!.deployments.map((d) => d.name)).toEqual(['m-predictor']);
    expect(version(alone, 'v0.19.0').steps[1]!.admission).toEqual({ allowed: true });
    // The webhook compares the stored object with the new one: the model must change in the same update.
    const withModel = run(base, scenarioYaml(['v0.20.0'], ['isvc-set:name=v2,storageUri=s3://models/m/v2']));
    expect(withModel.versions[0]!.steps[1]!.admission).toEqual({ allowed: true });
    expect(withModel.versions[0]!.steps[1]!.deployments.map((d) => d.name)).toEqual(['m-v2-predictor']);
    const apart = run(base, scenarioYaml(['v0.20.0'], ['isvc-set:storageUri=s3://models/m/v2', 'isvc-set:name=v2']));
    expect(apart.versions[0]!.steps[1]!.admission).toEqual({ allowed: true });
    expect(apart.versions[0]!.steps[2]!.admission).toMatchObject({ allowed: false });
  });

  it('a user HPA with the old name is no longer looked up in v0.20 (and is in v0.19)', () => {
    const result = run(isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'external' }, predictor: '{name: v2, minReplicas: 1}' }), hpaYaml('m-predictor', 'm-v2-predictor'), scenarioYaml(['v0.19.0', 'v0.20.0'], ['pod-created']));
    expect(version(result, 'v0.20.0').verdicts[0]).toMatchObject({ hpa: 'm-predictor', fate: 'kept', firstLossStep: null });
    expect(version(result, 'v0.19.0').verdicts[0]).toMatchObject({ hpa: 'm-predictor', fate: 'overwritten', firstLossStep: 3 });
  });
});

// research-10-12.md C: from v0.16.0-rc0 stop deletes the component's Deployment; the deletion (an
// owned Deployment, Owns without predicate) queues the InferenceService again at once; the owned
// hpa-class HPA takes two passes: the first Updates the stop annotation onto it, the second deletes it.
describe('serving.kserve.io/stop', () => {
  // No mode annotation: the mutating webhook writes the cluster default as each release spells it, so
  // later edits pass validateDeploymentMode (a v0.16 status Standard refuses an annotation RawDeployment).
  const base = [isvcYaml({ annotations: { 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1, maxReplicas: 3}' })];
  const stopScenario = (tag: string, events: string[]) => scenarioYaml([tag], events, 'defaultDeploymentMode: RawDeployment\n');

  it('v0.16.0: one step deletes the Deployment, requeues, and deletes KServe\'s HPA on the second pass', () => {
    const step = run(...base, stopScenario('v0.16.0', ['isvc-annotate:serving.kserve.io/stop=true'])).versions[0]!.steps[1]!;
    expect(step.admission).toEqual({ allowed: true });
    expect(step.deploymentWrites).toEqual([expect.objectContaining({ kind: 'deleted', name: 'm-predictor' })]);
    expect(step.deployments).toEqual([]);
    expect(calls(step)).toEqual(['m-predictor:Update', 'm-predictor:Delete']);
    expect(noteIds(step)).toContain('controller.requeued');
    expect(step.hpas).toEqual([]);
    expect(step.decisions.length).toBeLessThanOrEqual(MAX_PASSES);
  });

  it('before v0.16.0-rc0 stop is not honoured: the Deployment stays and the HPA is only updated', () => {
    const step = run(...base, stopScenario('v0.15.2', ['isvc-annotate:serving.kserve.io/stop=true'])).versions[0]!.steps[1]!;
    expect(step.admission).toEqual({ allowed: true });
    expect(step.deployments.map((d) => d.name)).toEqual(['m-predictor']);
    expect(step.decisions.every((d) => d.result !== 'Delete')).toBe(true);
    expect(hpaNames(step)).toEqual(['m-predictor (owned)']);
  });

  it('passes per InferenceService and step are bounded by MAX_PASSES', () => {
    for (const tag of ['v0.16.0', 'v0.20.0']) {
      const steps = run(...base, stopScenario(tag, ['isvc-annotate:serving.kserve.io/stop=true', 'resync', 'isvc-annotate:serving.kserve.io/stop-', 'pod-created'])).versions[0]!.steps;
      for (const step of steps) expect(step.decisions.filter((d) => d.component === 'predictor').length, `${tag} ${step.event}`).toBeLessThanOrEqual(MAX_PASSES);
    }
  });
});

// research-10-12.md E1/E2 and issue 12: the Deployment reconciler holds spec.replicas at
// minReplicas (1 when unset) for class external in v0.15.0-rc0 … v0.15.0 and class none from
// v0.15.1; a scale-up by an HPA is set back, which fights that HPA.
describe('replica pinning', () => {
  const pinned = (cls: string, tag: string) => (cls === 'external' ? from(tag, 'v0.15.0-rc0') && !from(tag, 'v0.15.1') : from(tag, 'v0.15.1'));

  it('external pins in v0.15.0-rc0 … v0.15.0 only; none from v0.15.1 (refused before); a pin after hpa-scaled fights the user HPA', () => {
    for (const cls of ['external', 'none']) {
      const tags = KNOWN_TAGS.filter((t) => from(t, 'v0.14.1'));
      const result = run(isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': cls }, predictor: '{minReplicas: 2, maxReplicas: 8}' }), hpaYaml('m-hpa', 'm-predictor'), scenarioYaml(tags, ['hpa-scaled:5']));
      for (const v of result.versions) {
        if (cls === 'none' && !from(v.tag, 'v0.15.1')) {
          expect(v.steps[0]!.admission).toMatchObject({ allowed: false });
          continue;
        }
        const scaled = v.steps[2]!;
        const where = `${cls} ${v.tag}`;
        if (pinned(cls, v.tag)) {
          expect(v.steps[0]!.deployments[0]!.replicas, where).toBe(2);
          expect(scaled.deploymentWrites, where).toEqual([expect.objectContaining({ kind: 'pinned', name: 'm-predictor', replicas: 2, was: 5, undid: 'm-hpa' })]);
          expect(scaled.deployments[0]!.replicas, where).toBe(2);
          expect(v.verdicts[0], where).toMatchObject({ hpa: 'm-hpa', fate: 'scaling-fought', firstLossStep: 3, history: [{ step: 3, kind: 'fought' }] });
        } else {
          expect(v.steps[0]!.deployments[0]!.replicas, where).toBe(1);
          expect(scaled.deployments[0]!.replicas, where).toBe(5);
          expect(v.verdicts[0], where).toMatchObject({ fate: 'kept', history: [] });
        }
      }
    }
  });

  it('the pin is minReplicas, or 1 when unset, or 0 when 0; the pin at creation fights nobody', () => {
    const created = (predictor: string) => run(isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'none' }, predictor }), hpaYaml('m-hpa', 'm-predictor'), scenarioYaml(['v0.15.2'], [])).versions[0]!;
    expect(created('{maxReplicas: 4}').steps[0]!.deployments[0]!.replicas).toBe(1);
    expect(created('{minReplicas: 3, maxReplicas: 4}').steps[0]!.deployments[0]!.replicas).toBe(3);
    expect(created('{minReplicas: 0, maxReplicas: 4}').steps[0]!.deployments[0]!.replicas).toBe(0);
    const v = created('{minReplicas: 3, maxReplicas: 4}');
    expect(v.steps[0]!.deploymentWrites).toEqual([expect.objectContaining({ kind: 'created', replicas: 3 })]);
    expect(v.verdicts[0]).toMatchObject({ fate: 'kept', history: [] });
  });

  it('a pin with no HPA scaling before it (a class switched to none) fights nobody', () => {
    const result = run(isvcYaml({ annotations: EXTERNAL, predictor: '{minReplicas: 2}' }), hpaYaml('m-hpa', 'm-predictor'), scenarioYaml(['v0.15.2'], ['isvc-annotate:serving.kserve.io/autoscalerClass=none']));
    const v = result.versions[0]!;
    expect(v.steps[2]!.deploymentWrites).toEqual([expect.objectContaining({ kind: 'pinned', replicas: 2, was: 1 })]);
    expect(v.steps[2]!.deploymentWrites[0]).not.toHaveProperty('undid');
    expect(v.verdicts[0]).toMatchObject({ fate: 'kept' });
  });
});

// Issue 12 "Two HPAs on one Deployment": with class hpa (or none given) KServe creates
// <isvc>-predictor next to a user HPA with another name; since Kubernetes 1.26 neither scales.
describe('two HPAs on one Deployment', () => {
  it('a distinct-named user HPA next to KServe\'s own under class hpa is a conflict in every release', () => {
    const tags = ['v0.12.0', 'v0.14.1', 'v0.15.0', 'v0.15.2', 'v0.16.0', 'v0.20.0'];
    const result = run(isvcYaml({ annotations: RAW, predictor: '{minReplicas: 1, maxReplicas: 5}' }), hpaYaml('m-hpa', 'm-predictor'), scenarioYaml(tags, ['hpa-scaled:4']));
    for (const v of result.versions) {
      expect(hpaNames(v.steps[1]!).sort(), v.tag).toEqual(['m-hpa', 'm-predictor (owned)']);
      expect(v.verdicts[0], v.tag).toMatchObject({ hpa: 'm-hpa', fate: 'conflict', firstLossStep: 2, history: [{ step: 2, kind: 'conflict' }] });
      // The HPA controller scales with neither: the Deployment keeps its replicas and nothing is queued.
      const scaled = v.steps[2]!;
      expect(noteIds(scaled), v.tag).toEqual(['world.ambiguousSelector']);
      expect(scaled.deployments[0]!.replicas, v.tag).toBe(1);
      expect(scaled.reconciled, v.tag).toBe(false);
    }
  });

  it('a conflict starts when a class switch to hpa makes KServe create its own beside the user\'s', () => {
    const result = run(isvcYaml({ annotations: EXTERNAL, predictor: '{minReplicas: 1}' }), hpaYaml('m-hpa', 'm-predictor'), scenarioYaml(['v0.15.2'], ['pod-created', 'isvc-annotate:serving.kserve.io/autoscalerClass=hpa']));
    expect(result.versions[0]!.verdicts[0]).toMatchObject({ fate: 'conflict', firstLossStep: 4 });
  });
});

// Issue 12 "GitOps fight": gitops-sync re-applies every object as written. A deleted HPA is created
// again; an adopted one gets the manifest's spec back while KServe's ownerReference, which the
// manifest does not mention, stays; so fixed releases delete it at the next reconcile.
describe('gitops-sync', () => {
  const docs = (tag: string) => [
    isvcYaml({ annotations: EXTERNAL, predictor: '{minReplicas: 1, maxReplicas: 6}' }),
    hpaYaml('m-predictor', 'm-predictor', { min: 2, max: 10 }),
    scenarioYaml([tag], ['pod-created', 'gitops-sync', 'pod-created', 'gitops-sync']),
  ];

  it('a buggy release: deleted at each reconcile, restored at each sync', () => {
    const v = run(...docs('v0.14.1')).versions[0]!;
    expect(v.verdicts[0]!.history).toEqual([
      { step: 3, kind: 'deleted' }, { step: 4, kind: 'restored' }, { step: 5, kind: 'deleted' }, { step: 6, kind: 'restored' },
    ]);
    expect(hpaNames(v.steps[3]!)).toEqual(['m-predictor']);
  });

  it('a fixed release: adopted, restored with KServe\'s ownerReference kept, then deleted at the next reconcile', () => {
    const v = run(...docs('v0.15.2')).versions[0]!;
    const [, , adopted, synced, reconciled, resynced] = v.steps;
    expect(calls(adopted!)).toEqual(['m-predictor:Update']);
    expect(hpaNames(adopted!)).toEqual(['m-predictor (owned)']);
    expect(adopted!.hpas[0]).toMatchObject({ minReplicas: 1, maxReplicas: 6 });
    // The sync puts the manifest's spec back and leaves the ownerReference; it wakes nobody.
    expect(synced!.hpas[0]).toMatchObject({ minReplicas: 2, maxReplicas: 10, ownedByInferenceService: true });
    expect(synced!.reconciled).toBe(false);
    expect(calls(reconciled!)).toEqual(['m-predictor:Delete']);
    expect(resynced!.hpas[0]).toMatchObject({ name: 'm-predictor', ownedByInferenceService: false, minReplicas: 2 });
    expect(v.verdicts[0]!.history).toEqual([
      { step: 3, kind: 'overwritten' }, { step: 4, kind: 'restored' }, { step: 5, kind: 'deleted' }, { step: 6, kind: 'restored' },
    ]);
    expect(v.verdicts[0]!.fate).toBe('deleted');
  });

  // Engine bug (reported): GitOps manifests never carry the controller's finalizer, and kubectl
  // apply (three-way merge), Helm and server-side apply all leave fields the manifest does not
  // mention, as world.ts already does for an HPA's ownerReference. The engine's sync replaces the
  // whole InferenceService instead: it drops inferenceservice.finalizers, the object "changes",
  // and the controller is woken at every sync (and adds its finalizer back), so in a fixed release
  // the adopted HPA is deleted at the sync itself and a second, idle sync overwrites it again.
  it('re-applying unchanged manifests without the controller\'s finalizer changes nothing and wakes nobody', () => {
    const v = run(
      isvcYaml({ annotations: EXTERNAL, predictor: '{minReplicas: 1}', finalizer: false }),
      hpaYaml('m-predictor', 'm-predictor'),
      scenarioYaml(['v0.15.2'], ['pod-created', 'gitops-sync', 'gitops-sync']),
    ).versions[0]!;
    const [, , , synced, idle] = v.steps;
    expect(synced!.reconciled).toBe(false);
    expect(idle!.reconciled).toBe(false);
    expect(noteIds(idle!)).toEqual(['world.gitopsNoChange']);
  });
});

// research-10-12.md A1/A2: from v0.17.0-rc0 the raw path parses the component's merged mode
// annotation strictly; anything but absent, Standard or RawDeployment fails the component before
// any Deployment, Service or HPA is written, on every pass; status.deploymentMode is still written.
describe('v0.17+ strict workload-mode parse', () => {
  const tags = ['v0.16.0', 'v0.17.0-rc0', 'v0.18.1', 'v0.19.0', 'v0.20.0'];

  it('a component annotation Knative: Error and no Deployment from v0.17.0-rc0, the same-named HPA untouched; v0.16 reconciles as raw', () => {
    const result = run(
      isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'external' }, predictor: '{minReplicas: 1, annotations: {serving.kserve.io/deploymentMode: Knative}}' }),
      hpaYaml('m-predictor', 'm-predictor'),
      scenarioYaml(tags, ['pod-created', 'resync']),
    );
    for (const v of result.versions) {
      if (from(v.tag, 'v0.17.0-rc0')) {
        for (const step of [v.steps[0]!, v.steps[3]!]) {
          expect(step.decisions.every((d) => d.result === 'Error'), v.tag).toBe(true);
          expect(step.decisions[0]!.trace.at(-1), v.tag).toMatchObject({ check: 'workloadMode', value: 'error', why: { id: 'check.workload.error', params: { value: 'Knative' } } });
          expect(step.deployments, v.tag).toEqual([]);
          expect(step.deploymentWrites, v.tag).toEqual([]);
        }
        expect(v.steps[0]!.isvcs[0]!.statusMode, v.tag).toBe('Standard');
        expect(v.verdicts[0], v.tag).toMatchObject({ fate: 'kept', history: [] });
      } else {
        // v0.16.0 never parses the component's mode: raw, so the same-named HPA is adopted, then deleted at the resync.
        expect(v.steps[0]!.deployments.map((d) => d.name)).toEqual(['m-predictor']);
        expect(v.verdicts[0]).toMatchObject({ fate: 'deleted', firstLossStep: 3, history: [{ step: 3, kind: 'overwritten' }, { step: 4, kind: 'deleted' }] });
      }
    }
  });

  it('component annotations RawDeployment and Standard, or none, pass the parse', () => {
    for (const predictor of ['{minReplicas: 1, annotations: {serving.kserve.io/deploymentMode: RawDeployment}}', '{minReplicas: 1, annotations: {serving.kserve.io/deploymentMode: Standard}}', '{minReplicas: 1}']) {
      const result = run(isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'Standard', 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor }), scenarioYaml(['v0.17.0', 'v0.20.0'], []));
      for (const v of result.versions) {
        expect(v.steps[0]!.deployments.map((d) => d.name), predictor).toEqual(['m-predictor']);
        expect(v.steps[0]!.decisions[0]!.result, predictor).toBe('Create');
      }
    }
  });

  // research A2 case (b): lower-case standard on the InferenceService, cluster default raw.
  it('a lower-case standard annotation with a raw cluster default: Error from v0.17.0-rc0; v0.19.x refuses the finalizer patch first; raw before v0.17', () => {
    const result = run(
      isvcYaml({ annotations: { 'serving.kserve.io/deploymentMode': 'standard', 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1}', finalizer: false }),
      scenarioYaml(tags, ['resync'], 'defaultDeploymentMode: RawDeployment\n'),
    );
    for (const v of result.versions) {
      const created = v.steps[0]!;
      if (compareTags(v.tag, 'v0.19.0-rc0') >= 0 && compareTags(v.tag, 'v0.19.0') <= 0) {
        // validateDeploymentMode parses the empty status to Standard ≠ standard (v0.19.0 validation.go :586-596).
        expect(created.admission, v.tag).toEqual({ allowed: false, isvc: 'ml/m', message: { id: 'admission.modeChange', params: { from: 'Standard', to: 'standard' } } });
        expect(noteIds(created), v.tag).toContain('controller.finalizerAddRefused');
        expect(created.decisions, v.tag).toEqual([]);
        expect(created.isvcs[0]!.statusMode, v.tag).toBeNull();
      } else if (from(v.tag, 'v0.17.0-rc0')) {
        expect(created.decisions.every((d) => d.result === 'Error'), v.tag).toBe(true);
        expect(created.deployments, v.tag).toEqual([]);
        expect(created.isvcs[0]!.statusMode, v.tag).toBe('Standard');
      } else {
        expect(created.deployments.map((d) => d.name), v.tag).toEqual(['m-predictor']);
        expect(created.decisions[0]!.result, v.tag).toBe('Create');
      }
    }
  });
});

// Issue 19, item 8: on the Knative path the model reconciles as if Knative Serving were installed. Without it,
// v0.13.0-rc0 … v0.16.0 return before updateStatus (v0.16.0 controller.go:213-224, v0.15.1 :200-212), so the
// status write that requeues is only there with Knative; from v0.17.0-rc0 (#5114) the abort writes status first
// (v0.17.0 :237-243). The requeue note says which.
describe('a status write on the Knative path', () => {
  const reasonsOf = (step: StepResult) => step.notes.filter((n) => n.id === 'controller.requeued')
    .flatMap((n) => (n.params?.reasons as { id: string }[] | undefined ?? []).map((r) => r.id));

  it('is qualified in v0.15.1 … v0.16.0 and plain from v0.17.0-rc0', () => {
    const tags = KNOWN_TAGS.filter((t) => from(t, 'v0.15.1'));
    const result = run(isvcYaml(), scenarioYaml(tags, ['resync']));
    for (const tag of tags) {
      const expected = from(tag, 'v0.17.0-rc0') ? 'requeue.status' : 'requeue.statusKnative';
      expect({ tag, reasons: reasonsOf(version(result, tag).steps[0]!) }).toEqual({ tag, reasons: [expected] });
    }
  });
});

// Issue 19, item 2: the create itself is refused in v0.16.x (scaling-admission.test.ts has the per-range rules),
// so nothing is reconciled and no HPA is looked at.
describe('an explicit RawDeployment with scaleMetric cpu', () => {
  it('is refused on create in v0.16.0 and admitted in v0.15.2 and v0.17.0', () => {
    const result = run(isvcYaml({ annotations: EXTERNAL, predictor: '{scaleMetric: cpu}' }), scenarioYaml(['v0.15.2', 'v0.16.0', 'v0.17.0'], ['resync']));
    for (const tag of ['v0.15.2', 'v0.17.0']) expect({ tag, allowed: version(result, tag).steps[0]!.admission?.allowed }).toEqual({ tag, allowed: true });
    const refused = version(result, 'v0.16.0').steps[0]!;
    expect(refused.admission).toMatchObject({ allowed: false, message: { id: 'admission.scaleMetric' } });
    expect(refused.decisions).toEqual([]);
  });
});

// Issue 19 item 1 (source notes §9.9): after a pass the InferenceService is queued again iff the pass
// changed its metadata or status, or wrote a Deployment it owns. The pod template carries the
// component meta (deployment_reconciler.go podMetadata := componentMeta, every tag) and the dry-run
// diff covers the whole spec, so an admitted annotation edit patches the Deployment and wakes it at
// once (Owns(Deployment), no predicate). HPAs are not watched.
describe('requeue to a fixpoint', () => {
  const KEDA = { ...RAW, 'serving.kserve.io/autoscalerClass': 'keda' };

  it('keda → external in v0.15.2 over a same-named user HPA: Update in the edit\'s first pass, Delete in the second', () => {
    // Under keda the HPA reconciler is not called, so the user HPA survives steps 1 and 2. Step 3, pass 1: the
    // class annotation reaches the pod template → patch; external → HPA reconciler; found, not owned, not equal
    // (class annotation absent → external, §4.4) → Update, which adds KServe's controller ownerReference. Pass 2
    // (queued by the patch): owned + desired class external → Delete; the user HPA has no finalizers → gone.
    const result = run(
      isvcYaml({ annotations: KEDA, predictor: '{minReplicas: 1, maxReplicas: 4}' }),
      hpaYaml('m-predictor', 'm-predictor'),
      scenarioYaml(['v0.15.2'], ['isvc-annotate:serving.kserve.io/autoscalerClass=external'], 'apiServerDefaulting: true\n'),
    );
    const edit = version(result, 'v0.15.2').steps[2]!;
    expect(edit.admission).toEqual({ allowed: true });
    expect(edit.deploymentWrites).toEqual([expect.objectContaining({ kind: 'patched', name: 'm-predictor' })]);
    expect(edit.decisions.map((d) => [d.result, d.call?.verb ?? null])).toEqual([['Update', 'Update'], ['Delete', 'Delete']]);
    expect(noteIds(edit)).toContain('controller.requeued');
    expect(edit.hpas).toEqual([]);
    expect(version(result, 'v0.15.2').verdicts[0]).toMatchObject({ hpa: 'm-predictor', fate: 'deleted', firstLossStep: 3 });
  });

  it('an annotation-only edit patches the pod template and queues one more pass; removing the key does it again', () => {
    // No API defaulting (the upstream fake client): KServe's HPA equals the desired one (spec and class annotation,
    // §4.1), so both passes are Existed. Re-writing the same value stores nothing, so nothing is queued.
    const result = run(
      isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1, maxReplicas: 3}' }),
      scenarioYaml(['v0.12.0', 'v0.15.2', 'v0.20.0'], ['isvc-annotate:example.com/team=search', 'isvc-annotate:example.com/team=search', 'isvc-annotate:example.com/team-'], 'apiServerDefaulting: false\n'),
    );
    for (const v of result.versions) {
      const [, added, same, removed] = v.steps;
      for (const step of [added!, removed!]) {
        expect(step.deploymentWrites, v.tag).toEqual([expect.objectContaining({ kind: 'patched', name: 'm-predictor' })]);
        expect(calls(step), v.tag).toEqual(['m-predictor:Existed', 'm-predictor:Existed']);
        expect(noteIds(step), v.tag).toEqual(expect.arrayContaining(['deployment.templatePatched', 'controller.requeued']));
      }
      expect(same!.reconciled, v.tag).toBe(false);
      expect(same!.decisions, v.tag).toEqual([]);
    }
  });

  it('an HPA write alone queues nothing: one pass per pod event', () => {
    // v0.15.2 with API defaulting: KServe's own HPA is never equal (§4.8), so every pass Updates it; the Update is
    // an HPA write, which no watch sees, and nothing else changes.
    const result = run(
      isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: '{minReplicas: 1, maxReplicas: 3}' }),
      scenarioYaml(['v0.15.2'], ['pod-created', 'pod-deleted'], 'apiServerDefaulting: true\n'),
    );
    for (const step of version(result, 'v0.15.2').steps.slice(1)) {
      expect(calls(step)).toEqual(['m-predictor:Update']);
      expect(step.deploymentWrites).toEqual([]);
      expect(noteIds(step)).not.toContain('controller.requeued');
    }
  });

  it('a finalizer removal that leaves the object (another finalizer) queues a pass that returns at once', () => {
    // controller.go v0.15.2 :178-198: our finalizer is removed by a metadata patch (a watched change); the next pass
    // finds no finalizer of ours on a deleting object and returns without finalizing again.
    const result = run(
      isvcYaml({ annotations: { ...RAW, 'serving.kserve.io/autoscalerClass': 'hpa' }, extra: '' }).replace('finalizers: [inferenceservice.finalizers]', 'finalizers: [inferenceservice.finalizers, example.com/keep]'),
      scenarioYaml(['v0.15.2', 'v0.20.0'], ['isvc-delete']),
    );
    for (const v of result.versions) {
      const deletion = v.steps[1]!;
      expect(noteIds(deletion).filter((id) => id === 'controller.finalizing'), v.tag).toHaveLength(1);
      expect(deletion.notes, v.tag).toContainEqual(expect.objectContaining({ id: 'controller.requeued', params: expect.objectContaining({ reasons: [expect.objectContaining({ id: 'requeue.finalizerRemoved' })] }) }));
      expect(deletion.isvcs.map((i) => i.key), v.tag).toEqual(['ml/m']);
    }
  });
});
