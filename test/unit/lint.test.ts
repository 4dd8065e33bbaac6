/**
 * engine/lint.ts: every lint points at the right place, stays quiet when it should, and its quick
 * fix clears it. Messages are data (`{id, params}`): the tests assert ids and parameters, and that
 * the English rendering reads as a sentence with every parameter filled in.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import type { Message } from '../../engine/i18n/message.ts';
import { lintScenario, nearestClass, type Lint, type LintId } from '../../engine/lint.ts';
import { groupLints } from '../../engine/lint-groups.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';
import { applyEdits } from '../../playground/app/edits.ts';

const isvc = (annotations: Record<string, string>, predictorAnnotations = '', { name = 'm', namespace = 'ml', predictorExtra = '' } = {}) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
${Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}`).join('\n')}
spec:
  predictor:
    minReplicas: 1${predictorExtra}${predictorAnnotations ? `\n    annotations:\n      serving.kserve.io/autoscalerClass: ${predictorAnnotations}` : ''}
`;

const hpa = (name: string, target = 'm-predictor', extra = '', namespace = 'ml') => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
  namespace: ${namespace}${extra}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  maxReplicas: 4
`;

const RAW = { 'serving.kserve.io/deploymentMode': 'RawDeployment' };
const STANDARD = { 'serving.kserve.io/deploymentMode': 'Standard' };

function lints(isvcText: string, hpaText: string, versions = 'v0.14.1,v0.15.2'): Lint[] {
  const scenario = `apiVersion: hpa-lab/v1\nkind: Scenario\nversions: [${versions}]\n`;
  const parsed = parseScenario([
    { name: 'inferenceservice.yaml', text: isvcText },
    { name: 'hpas.yaml', text: hpaText },
    { name: 'scenario.yaml', text: scenario },
  ]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('; '));
  return lintScenario(parsed.scenario);
}

const ids = (list: Lint[]) => list.map((l) => l.id).sort();
const one = (list: Lint[], id: LintId): Lint => {
  const found = list.filter((l) => l.id === id);
  expect(found, `${id} in ${ids(list).join(', ')}`).toHaveLength(1);
  return found[0]!;
};

/** English with every parameter filled in: no `{name}` left, no JS artefacts. */
function english(message: Message): string {
  const text = renderMessage(message, 'en');
  expect(text, text).not.toMatch(/\{[a-zA-Z]+\}|undefined|\[object|NaN/);
  expect(text.length).toBeGreaterThan(3);
  return text;
}

/** Message, detail and fix label all render. */
function rendered(lint: Lint): { message: string; detail: string; fix: string | null } {
  return { message: english(lint.message), detail: english(lint.detail), fix: lint.fix ? english(lint.fix.label) : null };
}

describe('lints for this bug class', () => {
  it('flags a user HPA named like a component, at its name, with a rename that clears it', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    const hpaText = hpa('m-predictor');
    const found = one(lints(isvcText, hpaText), 'hpa-named-like-component');
    expect(found.severity).toBe('warning');
    expect(found.at).toMatchObject({ file: 'hpas.yaml', line: 4, column: 9 });
    expect(found.message).toEqual({ id: 'lint.namedLikeComponent', params: { hpa: 'm-predictor', isvc: 'm' } });
    expect(found.fix!.label).toEqual({ id: 'lint.fix.rename', params: { to: 'm-predictor-hpa' } });
    const text = rendered(found);
    expect(text.message).toBe('HPA m-predictor has the name KServe uses for its own HPA of m.');
    expect(text.detail).toMatch(/v0\.13\.0-rc1.*deletes.*v0\.15\.1.*overwrites/);
    expect(text.fix).toBe('Rename to m-predictor-hpa');
    const fixed = applyEdits({ isvc: isvcText, hpas: hpaText, scenario: '', step: 0 }, found.fix!.edits);
    expect(fixed.hpas).toContain('name: m-predictor-hpa');
    expect(ids(lints(isvcText, fixed.hpas))).not.toContain('hpa-named-like-component');
  });

  it('the rename avoids a name another HPA in the namespace already has', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    const found = one(lints(isvcText, `${hpa('m-predictor')}---\n${hpa('m-predictor-hpa', 'other')}`), 'hpa-named-like-component');
    expect(found.fix!.label).toEqual({ id: 'lint.fix.rename', params: { to: 'm-predictor-hpa-2' } });
  });

  it('does not flag a differently named HPA or one KServe owns', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    expect(ids(lints(isvcText, hpa('m-custom')))).toEqual([]);
    const owned = hpa('m-predictor', 'm-predictor', '\n  ownerReferences: [{apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, name: m, uid: u}]');
    expect(ids(lints(isvcText, owned))).toEqual([]);
  });

  it('flags a class the chosen release refuses, and offers external for none before v0.15.1', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'none' });
    const refused = one(lints(isvcText, hpa('m-custom')), 'class-rejected');
    expect(refused.severity).toBe('error');
    expect(refused.message).toEqual({ id: 'lint.classRejected', params: { releases: ['v0.14.1'], class: 'none' } });
    expect(refused.detail).toEqual({ id: 'lint.classRejected.detail', params: { releases: ['v0.14.1'], accepted: ['hpa', 'external'] } });
    const text = rendered(refused);
    expect(text.message).toContain('v0.14.1');
    expect(text.message).toContain('"none"');
    expect(text.message).not.toContain('v0.15.2');
    expect(text.detail).toContain('hpa and external');
    expect(text.fix).toBe('Use external');
    const fixed = applyEdits({ isvc: isvcText, hpas: '', scenario: '', step: 0 }, refused.fix!.edits);
    expect(fixed.isvc).toContain('serving.kserve.io/autoscalerClass: external');
    expect(ids(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.16.0'))).not.toContain('class-rejected');
  });

  it('keda is refused before v0.15.0-rc1, with no fix (no class does what keda does)', () => {
    const refused = one(lints(isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'keda' }), hpa('m-custom'), 'v0.14.1,v0.15.0-rc0,v0.15.0-rc1'), 'class-rejected');
    expect(refused.message.params).toEqual({ releases: ['v0.14.1', 'v0.15.0-rc0'], class: 'keda' });
    expect(refused.fix).toBeUndefined();
  });

  it('a near miss of a known class is an error with a fix; case differences count as near misses', () => {
    const misspelt = one(lints(isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'extrenal' }), hpa('m-custom')), 'class-misspelt');
    expect(misspelt.message).toEqual({ id: 'lint.classMisspelt', params: { value: 'extrenal', meant: 'external', isvc: 'ml/m' } });
    expect(rendered(misspelt).message).toBe('autoscalerClass "extrenal" on ml/m: did you mean external?');
    expect(misspelt.fix!.label).toEqual({ id: 'lint.fix.use', params: { value: 'external' } });
    expect(nearestClass('External')).toBe('external');
    expect(nearestClass('external')).toBeNull();
    expect(nearestClass('nonee')).toBe('none');
    expect(nearestClass('bogus')).toBeNull();
  });

  it('says the class is moot in Serverless mode (the cluster default)', () => {
    const found = lints(isvc({ 'serving.kserve.io/autoscalerClass': 'external' }), hpa('m-custom'));
    expect(ids(found)).toEqual(['class-moot-serverless']);
    expect(found[0]!.message).toEqual({ id: 'lint.serverlessClass', params: { isvc: 'ml/m', class: 'external' } });
    expect(found[0]!.detail.id).toBe('lint.serverless.detailDefault');
    expect(rendered(found[0]!).message).toBe('Serverless mode: autoscalerClass "external" has no effect on HPAs of ml/m.');
  });

  it('notes an autoscalerClass annotation on an HPA and an HPA that scales another Deployment', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    const annotated = hpa('m-custom', 'm-predictor', '\n  annotations:\n    serving.kserve.io/autoscalerClass: external');
    const onHpa = lints(isvcText, annotated);
    expect(ids(onHpa)).toEqual(['class-on-hpa']);
    expect(onHpa[0]!.message.id).toBe('lint.classOnHpa');
    expect(onHpa[0]!.at).toMatchObject({ file: 'hpas.yaml', line: 7 });
    const other = lints(isvcText, hpa('m-custom', 'other'));
    expect(ids(other)).toEqual(['hpa-targets-other-deployment']);
    expect(other[0]!.message).toEqual({ id: 'lint.targetsOther', params: { hpa: 'm-custom', target: 'Deployment/other' } });
    expect(other[0]!.detail).toEqual({ id: 'lint.targetsOther.detail', params: { deployments: ['m-predictor'] } });
    expect(rendered(other[0]!).detail).toContain('m-predictor');
  });

  it('warns about the legacy RawDeployment annotation only where v0.16 would lock the ISVC', () => {
    const isvcText = isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' });
    expect(ids(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.17.0'))).toEqual([]);
    const legacy = one(lints(isvcText, hpa('m-custom'), 'v0.16.0'), 'legacy-mode-annotation');
    expect(legacy.message).toEqual({ id: 'lint.legacyMode', params: { releases: ['v0.16.0'], isvc: 'ml/m' } });
    expect(legacy.detail).toEqual({ id: 'lint.legacyMode.detail', params: { newName: 'Standard', annotated: 'RawDeployment' } });
    expect(rendered(legacy).message).toBe('v0.16.0 will refuse every update of ml/m.');
    expect(applyEdits({ isvc: isvcText, hpas: '', scenario: '', step: 0 }, legacy.fix!.edits).isvc).toContain('serving.kserve.io/deploymentMode: Standard');
    // Standard means nothing before v0.16, so no fix is offered when an older release is also chosen.
    expect(one(lints(isvcText, hpa('m-custom'), 'v0.15.2,v0.16.0'), 'legacy-mode-annotation').fix).toBeUndefined();
  });

  it('warns about a component-level class a release does not know (the webhook never sees it)', () => {
    const found = one(lints(isvc({ ...RAW }, 'bogus'), hpa('m-custom')), 'component-class-unknown');
    expect(found.message).toEqual({ id: 'lint.componentClass', params: { releases: ['v0.14.1', 'v0.15.2'], value: 'bogus', component: 'predictor' } });
    expect(rendered(found).message).toBe('v0.14.1 and v0.15.2 do not know class "bogus" on spec.predictor.');
    expect(found.at).toMatchObject({ file: 'inferenceservice.yaml', line: 12 });
    // none on a component: unknown before v0.15.1 only.
    expect(one(lints(isvc({ ...RAW }, 'none'), hpa('m-custom'), 'v0.15.0,v0.15.1'), 'component-class-unknown').message.params).toMatchObject({ releases: ['v0.15.0'] });
  });

  // research-10-12.md A1: from v0.17.0-rc0 the raw path parses the component's merged mode
  // annotation strictly; only absent, Standard and RawDeployment pass.
  it('warns where v0.17+ fails a component whose deploymentMode does not parse to Standard', () => {
    const componentKnative = '\n    annotations:\n      serving.kserve.io/deploymentMode: Knative';
    const found = one(lints(isvc({ ...STANDARD }, '', { predictorExtra: componentKnative }), hpa('m-custom'), 'v0.16.0,v0.17.0,v0.20.0'), 'workload-mode-rejected');
    expect(found.message).toEqual({ id: 'lint.workloadMode', params: { releases: ['v0.17.0', 'v0.20.0'], component: 'predictor', isvc: 'ml/m', value: 'Knative' } });
    expect(rendered(found).message).toBe('v0.17.0 and v0.20.0 fail the predictor of ml/m: deploymentMode "Knative" is not Standard or RawDeployment.');
    // A component annotation that parses to Standard is fine.
    const componentRaw = '\n    annotations:\n      serving.kserve.io/deploymentMode: RawDeployment';
    expect(ids(lints(isvc({ ...STANDARD }, '', { predictorExtra: componentRaw }), hpa('m-custom'), 'v0.17.0,v0.20.0'))).not.toContain('workload-mode-rejected');
    // Lower-case standard is not a mode GetDeploymentMode knows: it falls back to the cluster default
    // (Serverless here), so the raw path and its parse are never reached (research-10-12.md A2, case a).
    const lower = lints(isvc({ 'serving.kserve.io/deploymentMode': 'standard' }), hpa('m-custom'), 'v0.16.0,v0.17.0');
    expect(ids(lower)).toEqual(['class-moot-serverless']);
  });

  it('notes spec.predictor.name where a release ignores it, and canaries where a release has them', () => {
    const named = one(lints(isvc({ ...RAW }, '', { predictorExtra: '\n    name: blue' }), hpa('m-custom', 'm-blue-predictor'), 'v0.16.0,v0.20.0'), 'predictor-name-ignored');
    expect(named.message).toEqual({ id: 'lint.predictorName', params: { releases: ['v0.16.0'], name: 'blue', first: 'v0.20.0-rc0' } });
    expect(named.detail).toEqual({ id: 'lint.predictorName.detail', params: { isvc: 'm', name: 'blue' } });
    expect(rendered(named).detail).toContain('m-blue-predictor');
    expect(ids(lints(isvc({ ...STANDARD }, '', { predictorExtra: '\n    name: blue' }), hpa('m-custom', 'm-blue-predictor'), 'v0.20.0'))).toEqual([]);
    const canary = `${isvc({ ...STANDARD })}  canary:\n  - predictor: {name: green}\n`;
    // research-10-12.md B3: canary HPAs get no ownerReference, so KServe never deletes them.
    const found = one(lints(canary, hpa('m-custom'), 'v0.20.0'), 'canary-hpa-unowned');
    expect(found.message).toEqual({ id: 'lint.canary', params: { isvc: 'ml/m' } });
    expect(rendered(found).message).toContain('ml/m');
    expect(ids(lints(canary, hpa('m-custom'), 'v0.19.0'))).not.toContain('canary-hpa-unowned');
  });
});

// Issue 10: lints run per InferenceService; an HPA only collides with a component of an
// InferenceService in its own namespace, since KServe looks HPAs up in the InferenceService's namespace.
describe('lints with several InferenceServices', () => {
  const two = `${isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' })}---\n${isvc({ 'serving.kserve.io/autoscalerClass': 'external' }, '', { namespace: 'dev' })}`;

  it('an HPA named like a component in another namespace does not collide', () => {
    const found = lints(two, `${hpa('m-predictor', 'm-predictor', '', 'ml')}---\n${hpa('m-custom', 'm-predictor', '', 'dev')}`);
    expect(found.filter((l) => l.id === 'hpa-named-like-component')).toHaveLength(1);
    const elsewhere = lints(isvc({ ...RAW }), hpa('m-predictor', 'm-predictor', '', 'other'));
    expect(ids(elsewhere)).not.toContain('hpa-named-like-component');
  });

  it('each InferenceService gets its own lints, naming it as namespace/name', () => {
    const found = lints(two, '');
    const serverless = one(found, 'class-moot-serverless');
    expect(serverless.message.params).toMatchObject({ isvc: 'dev/m' });
    // At the second document's class annotation (its first line is 13).
    expect(serverless.at).toMatchObject({ file: 'inferenceservice.yaml', line: 19 });
  });
});

describe('lints grouped as a report lists them (engine/lint-groups.ts)', () => {
  const models = (n: number, annotations: Record<string, string>) => Array.from({ length: n }, (_, i) => isvc(annotations, '', { name: `m${i}` })).join('---\n');

  it('folds a namespace\'s identical lints into one row with the count, after the lint that stands alone', () => {
    // Five models with the old RawDeployment annotation, then one with class external whose HPA is named like its predictor.
    const isvcText = `${models(5, RAW)}---\n${isvc({ ...STANDARD, 'serving.kserve.io/autoscalerClass': 'external' }, '', { name: 'risky' })}`;
    const found = lints(isvcText, hpa('risky-predictor', 'risky-predictor'), 'v0.16.0');
    const groups = groupLints(found);
    expect(groups.map((g) => [g.id, g.lints.length])).toEqual([['hpa-named-like-component', 1], ['legacy-mode-annotation', 5]]);
    // Alone, a lint keeps its own words.
    expect(groups[0]!.message).toBe(found.find((l) => l.id === 'hpa-named-like-component')!.message);
    const legacy = groups[1]!;
    expect(english(legacy.message)).toBe('5 InferenceServices: v0.16.0 will refuse every update of each of them.');
    expect(renderMessage(legacy.message, 'zh-cn')).toBe('5 个 InferenceService：v0.16.0 会拒绝对其中每一个的任何更新。');
    expect(english(legacy.detail)).toContain('"Standard"');
    // Each member is still its own lint: its object, its line (each document is 10 lines and a separator), its fix.
    expect(legacy.lints.map((l) => l.subject.name)).toEqual(['ml/m0', 'ml/m1', 'ml/m2', 'ml/m3', 'ml/m4']);
    expect(legacy.lints.map((l) => l.at.line)).toEqual([7, 18, 29, 40, 51]);
    expect(legacy.lints.every((l) => l.fix?.edits.length === 1)).toBe(true);
  });

  it('keeps lints apart when anything but their object differs', () => {
    const isvcText = [
      isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'externl' }, '', { name: 'a' }),
      isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'externl' }, '', { name: 'b' }),
      isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'extrenal' }, '', { name: 'c' }),
    ].join('---\n');
    const groups = groupLints(lints(isvcText, ''));
    const misspelt = groups.filter((g) => g.id === 'class-misspelt');
    expect(misspelt.map((g) => g.lints.map((l) => l.subject.name))).toEqual([['ml/c'], ['ml/a', 'ml/b']]);
    expect(english(misspelt[1]!.message)).toBe('2 InferenceServices: autoscalerClass "externl": did you mean external?');
    // The same releases for models in two namespaces: alike, so one group.
    const spread = groupLints(lints(`${isvc(RAW, '', { name: 'x', namespace: 'a' })}---\n${isvc(RAW, '', { name: 'x', namespace: 'b' })}`, '', 'v0.16.0'));
    expect(spread.map((g) => g.lints.length)).toEqual([2]);
  });

  it('words groups of HPAs by their kind, and lists lone errors before lone warnings', () => {
    const isvcText = `${isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'externl' })}`;
    const hpaText = [hpa('one', 'elsewhere'), hpa('two', 'elsewhere')].join('---\n');
    const groups = groupLints(lints(isvcText, hpaText));
    const other = groups.find((g) => g.id === 'hpa-targets-other-deployment')!;
    expect(english(other.message)).toBe('2 HPAs: each scales Deployment/elsewhere, which is not a Deployment of an InferenceService here.');
    expect(renderMessage(other.message, 'zh-cn')).not.toMatch(/\{[a-zA-Z]+\}/);
    expect(groups[0]!.severity).toBe('error');
    expect(groups.at(-1)).toBe(other);
  });

  it('groups nothing when there is nothing alike, and nothing at all when there are no lints', () => {
    expect(groupLints([])).toEqual([]);
    const found = lints(isvc({ ...RAW, 'serving.kserve.io/autoscalerClass': 'external' }), hpa('m-predictor'), 'v0.16.0');
    expect(groupLints(found).map((g) => g.lints)).toEqual(found.map((l) => [l]));
  });
});
