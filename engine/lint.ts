/**
 * Lints for this bug class, computed from the parsed scenario and the release table: each with
 * a one-line message, a longer explanation, the exact source span, and where it makes sense a
 * quick fix expressed as text edits. The playground shows them; it decides nothing itself.
 */
import { keyOf, type Hpa, type InferenceService } from './k8s/types.ts';
import { msg, type Message } from './i18n/message.ts';
import { dispatchFor, ownedByInferenceService } from './kserve/checks.ts';
import { componentNameIn, componentsOf, possibleComponentNames } from './kserve/component-meta.ts';
import { ANNOTATION } from './kserve/constants.ts';
import { resolveDeploymentMode, workloadModeRejected } from './kserve/mode.ts';
import { getRelease, KNOWN_TAGS, type Release } from './kserve/releases.ts';
import type { Scenario, ScenarioObject } from './scenario/scenario.ts';
import type { SourcePosition } from './scenario/scenario.ts';
import type { SourceRange } from './scenario/source.ts';

export interface TextEdit {
  file: string;
  offset: number;
  end: number;
  text: string;
}

export type LintId =
  | 'hpa-named-like-component'
  | 'class-rejected'
  | 'class-misspelt'
  | 'class-moot-serverless'
  | 'class-on-hpa'
  | 'hpa-targets-other-deployment'
  | 'legacy-mode-annotation'
  | 'component-class-unknown'
  | 'workload-mode-rejected'
  | 'canary-hpa-unowned'
  | 'predictor-name-ignored';

export interface Lint {
  id: LintId;
  severity: 'error' | 'warning' | 'info';
  message: Message;
  detail: Message;
  at: SourceRange | SourcePosition;
  fix?: { label: Message; edits: TextEdit[] };
  /** The object the lint is about (namespace/name); lints alike but for their subject are grouped (lint-groups.ts). */
  subject: LintSubject;
}

export interface LintSubject {
  kind: 'InferenceService' | 'HorizontalPodAutoscaler';
  name: string;
}

type Found = Omit<Lint, 'subject'>;

/** The classes some modelled release knows; a near miss of one of them is a typo. */
const KNOWN_CLASSES = ['hpa', 'external', 'none', 'keda'] as const;

const replaceScalar = (range: SourceRange, text: string): TextEdit => ({ file: range.file, offset: range.offset, end: range.end, text });
const tags = (releases: readonly Release[]) => releases.map((r) => r.tag);

type IsvcEntry = ScenarioObject & { object: InferenceService };
type HpaEntry = ScenarioObject & { object: Hpa };

/** Levenshtein distance, bounded: enough to say "did you mean external?". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known class a value most likely meant, if it is one or two edits away (or differs only in case). */
export function nearestClass(value: string): string | null {
  const lower = value.toLowerCase().trim();
  if ((KNOWN_CLASSES as readonly string[]).includes(lower)) return lower === value ? null : lower;
  const scored = KNOWN_CLASSES.map((c) => ({ c, d: distance(lower, c) })).sort((x, y) => x.d - y.d);
  const best = scored[0]!;
  return best.d <= Math.max(1, Math.floor(best.c.length / 4)) ? best.c : null;
}

export function lintScenario(scenario: Scenario): Lint[] {
  const lints: Lint[] = [];
  const isvcs = scenario.objects.filter((o): o is IsvcEntry => o.object.kind === 'InferenceService');
  const hpas = scenario.objects.filter((o): o is HpaEntry => o.object.kind === 'HorizontalPodAutoscaler');
  const releases = scenario.settings.versions.map(getRelease);
  for (const entry of hpas) lintHpa(lints, entry, isvcs, hpas);
  for (const entry of isvcs) lintIsvc(lints, entry, scenario, releases);
  return lints;
}

function lintHpa(lints: Lint[], entry: HpaEntry, isvcs: readonly IsvcEntry[], hpas: readonly HpaEntry[]): void {
  const hpa = entry.object;
  const subject: LintSubject = { kind: 'HorizontalPodAutoscaler', name: keyOf(hpa.metadata) };
  const add = (lint: Found) => lints.push({ ...lint, subject });
  const at = entry.locations?.name ?? entry.position;
  const sameNamespace = isvcs.filter((i) => i.object.metadata.namespace === hpa.metadata.namespace);
  const taken = new Set(hpas.filter((h) => h.object.metadata.namespace === hpa.metadata.namespace).map((h) => h.object.metadata.name));
  const collides = sameNamespace.find((i) => possibleComponentNames(i.object).includes(hpa.metadata.name));
  if (collides && !ownedByInferenceService(hpa)) {
    let rename = `${hpa.metadata.name}-hpa`;
    for (let i = 2; taken.has(rename); i += 1) rename = `${hpa.metadata.name}-hpa-${i}`;
    add({
      id: 'hpa-named-like-component',
      severity: 'warning',
      message: msg('lint.namedLikeComponent', { hpa: hpa.metadata.name, isvc: collides.object.metadata.name }),
      detail: msg('lint.namedLikeComponent.detail'),
      at,
      ...(entry.locations?.name ? { fix: { label: msg('lint.fix.rename', { to: rename }), edits: [replaceScalar(entry.locations.name, rename)] } } : {}),
    });
  }
  if (hpa.metadata.annotations?.[ANNOTATION.autoscalerClass] !== undefined) {
    add({
      id: 'class-on-hpa',
      severity: 'info',
      message: msg('lint.classOnHpa'),
      detail: msg('lint.classOnHpa.detail'),
      at: entry.locations?.annotations[ANNOTATION.autoscalerClass] ?? at,
    });
  }
  const target = hpa.spec.scaleTargetRef;
  const scales = sameNamespace.some((i) => target.kind === 'Deployment' && possibleComponentNames(i.object).includes(target.name));
  if (!scales && sameNamespace.length > 0) {
    add({
      id: 'hpa-targets-other-deployment',
      severity: 'info',
      message: msg('lint.targetsOther', { hpa: hpa.metadata.name, target: `${target.kind}/${target.name}` }),
      detail: msg('lint.targetsOther.detail', { deployments: sameNamespace.flatMap((i) => componentsOf(i.object).map((c) => componentNameIn({ predictorNameFromSpec: true }, i.object, c))) }),
      at,
    });
  }
}

function lintIsvc(lints: Lint[], entry: IsvcEntry, scenario: Scenario, releases: readonly Release[]): void {
  const isvc = entry.object;
  const name = keyOf(isvc.metadata);
  const subject: LintSubject = { kind: 'InferenceService', name };
  const add = (lint: Found) => lints.push({ ...lint, subject });
  const classRange = entry.locations?.annotations[ANNOTATION.autoscalerClass] ?? null;
  const className = isvc.metadata.annotations?.[ANNOTATION.autoscalerClass];
  if (className !== undefined) {
    const refusing = releases.filter((r) => !r.behaviour.webhookClasses.includes(className));
    const meant = nearestClass(className);
    if (meant !== null) {
      add({
        id: 'class-misspelt',
        severity: 'error',
        message: msg('lint.classMisspelt', { value: className, meant, isvc: name }),
        detail: msg('lint.classMisspelt.detail', { known: [...KNOWN_CLASSES] }),
        at: classRange ?? entry.position,
        ...(classRange ? { fix: { label: msg('lint.fix.use', { value: meant }), edits: [replaceScalar(classRange, meant)] } } : {}),
      });
    } else if (refusing.length > 0) {
      const fixValue = className === 'none' && refusing.every((r) => r.behaviour.webhookClasses.includes('external')) ? 'external' : null;
      add({
        id: 'class-rejected',
        severity: 'error',
        message: msg('lint.classRejected', { releases: tags(refusing), class: className }),
        detail: msg('lint.classRejected.detail', { releases: tags(refusing), accepted: [...new Set(refusing.flatMap((r) => r.behaviour.webhookClasses))] }),
        at: classRange ?? entry.position,
        ...(fixValue && classRange ? { fix: { label: msg('lint.fix.use', { value: fixValue }), edits: [replaceScalar(classRange, fixValue)] } } : {}),
      });
    }
  }

  const modes = releases.map((r) => ({ release: r, mode: resolveDeploymentMode(r.behaviour, isvc, scenario.settings.defaultDeploymentMode) }));
  if (modes.length > 0 && modes.every((m) => m.mode.mode === 'Serverless')) {
    add({
      id: 'class-moot-serverless',
      severity: 'info',
      message: className !== undefined ? msg('lint.serverlessClass', { isvc: name, class: className }) : msg('lint.serverless', { isvc: name }),
      detail: msg(modes[0]!.mode.from === 'annotation' ? 'lint.serverless.detailAnnotation' : 'lint.serverless.detailDefault'),
      at: entry.locations?.annotations[ANNOTATION.deploymentMode] ?? classRange ?? entry.position,
    });
  }

  const modeRange = entry.locations?.annotations[ANNOTATION.deploymentMode] ?? null;
  const annotatedMode = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  if (annotatedMode !== undefined) {
    // v0.16.x: status says Standard, nothing rewrites the legacy annotation, so every update is refused.
    const blocking = releases.filter((r) => {
      const mode = r.behaviour.modeNames[annotatedMode];
      return !r.behaviour.mutatingNormalizesLegacyMode && r.behaviour.writesStatusMode && mode !== undefined && r.behaviour.modeSpelling[mode] !== annotatedMode;
    });
    if (blocking.length > 0) {
      const first = blocking[0]!.behaviour;
      const newName = first.modeSpelling[first.modeNames[annotatedMode]!];
      const allNew = releases.every((r) => r.behaviour.modeNames[newName] !== undefined);
      add({
        id: 'legacy-mode-annotation',
        severity: 'warning',
        message: msg('lint.legacyMode', { releases: tags(blocking), isvc: name }),
        detail: msg('lint.legacyMode.detail', { newName, annotated: annotatedMode }),
        at: modeRange ?? entry.position,
        ...(allNew && modeRange ? { fix: { label: msg('lint.fix.use', { value: newName }), edits: [replaceScalar(modeRange, newName)] } } : {}),
      });
    }
  }

  for (const component of componentsOf(isvc)) {
    const range = entry.locations?.componentClass[component] ?? null;
    const value = isvc.spec[component]?.annotations?.[ANNOTATION.autoscalerClass];
    if (value !== undefined) {
      const failing = releases.filter((r) => dispatchFor(r.behaviour, value) === 'error');
      if (failing.length > 0) {
        add({
          id: 'component-class-unknown',
          severity: 'warning',
          message: msg('lint.componentClass', { releases: tags(failing), value, component }),
          detail: msg('lint.componentClass.detail'),
          at: range ?? entry.position,
        });
      }
    }
    // v0.17+: the raw path parses the component's merged mode annotation strictly.
    const merged = { ...isvc.metadata.annotations, ...isvc.spec[component]?.annotations };
    const rejecting = releases.filter((r) => {
      const rejected = workloadModeRejected(r.behaviour, merged);
      return rejected !== null && resolveDeploymentMode(r.behaviour, isvc, scenario.settings.defaultDeploymentMode).mode === 'RawDeployment';
    });
    if (rejecting.length > 0) {
      add({
        id: 'workload-mode-rejected',
        severity: 'warning',
        message: msg('lint.workloadMode', { releases: tags(rejecting), component, isvc: name, value: merged[ANNOTATION.deploymentMode] ?? '' }),
        detail: msg('lint.workloadMode.detail'),
        at: modeRange ?? entry.position,
      });
    }
  }

  // Only where canaries exist and their HPAs stay unowned (v0.20; #5934 on master owns them).
  if (isvc.spec.canary && releases.some((r) => r.behaviour.predictorNameFromSpec && !r.behaviour.canaryAutoscalerOwned)) {
    add({ id: 'canary-hpa-unowned', severity: 'info', message: msg('lint.canary', { isvc: name }), detail: msg('lint.canary.detail'), at: entry.position });
  }
  const predictorName = isvc.spec.predictor?.name;
  if (predictorName) {
    const ignoring = releases.filter((r) => !r.behaviour.predictorNameFromSpec);
    if (ignoring.length > 0) {
      add({
        id: 'predictor-name-ignored',
        severity: 'info',
        message: msg('lint.predictorName', { releases: tags(ignoring), name: predictorName, first: KNOWN_TAGS.find((t) => getRelease(t).behaviour.predictorNameFromSpec) ?? '' }),
        detail: msg('lint.predictorName.detail', { isvc: isvc.metadata.name, name: predictorName }),
        at: entry.position,
      });
    }
  }
}
