/**
 * Lints for this bug class, computed from the parsed scenario and the release table: each with
 * a one-line message, a longer explanation, the exact source span, and where it makes sense a
 * quick fix expressed as text edits. The playground shows them; it decides nothing itself.
 */
import type { Hpa, InferenceService } from './k8s/types.ts';
import { ownedByInferenceService } from './kserve/checks.ts';
import { componentName, componentsOf } from './kserve/component-meta.ts';
import { ANNOTATION } from './kserve/constants.ts';
import { resolveDeploymentMode } from './kserve/mode.ts';
import { getRelease } from './kserve/releases.ts';
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
  | 'class-moot-serverless'
  | 'class-on-hpa'
  | 'hpa-targets-other-deployment'
  | 'legacy-mode-annotation'
  | 'component-class-unknown';

export interface Lint {
  id: LintId;
  severity: 'error' | 'warning' | 'info';
  message: string;
  detail: string;
  at: SourceRange | SourcePosition;
  fix?: { label: string; edits: TextEdit[] };
}

const replaceScalar = (range: SourceRange, text: string): TextEdit => ({ file: range.file, offset: range.offset, end: range.end, text });

export function lintScenario(scenario: Scenario): Lint[] {
  const lints: Lint[] = [];
  const isvcEntry = scenario.objects.find((o): o is ScenarioObject & { object: InferenceService } => o.object.kind === 'InferenceService');
  const hpaEntries = scenario.objects.filter((o): o is ScenarioObject & { object: Hpa } => o.object.kind === 'HorizontalPodAutoscaler');
  const releases = scenario.settings.versions.map(getRelease);
  if (!isvcEntry) return lints;
  const isvc = isvcEntry.object;
  const components = componentsOf(isvc);
  const componentNames = new Map(components.map((c) => [componentName(isvc.metadata.name, c), c]));
  const allNames = new Set(['predictor', 'transformer', 'explainer'].map((c) => `${isvc.metadata.name}-${c}`));
  const taken = new Set(hpaEntries.map((h) => h.object.metadata.name));

  for (const entry of hpaEntries) {
    const hpa = entry.object;
    const at = entry.locations?.name ?? entry.position;
    if (allNames.has(hpa.metadata.name) && !ownedByInferenceService(hpa)) {
      let rename = `${hpa.metadata.name}-hpa`;
      for (let i = 2; taken.has(rename); i += 1) rename = `${hpa.metadata.name}-hpa-${i}`;
      lints.push({
        id: 'hpa-named-like-component',
        severity: 'warning',
        message: `HPA ${hpa.metadata.name} has the name KServe uses for its own HPA.`,
        detail: 'KServe looks its HPA up by this exact name and never checks who created it: from v0.13.0-rc1 it deletes this HPA under class external, and from v0.15.1 it overwrites it and then deletes it. A different name is safe in every release.',
        at,
        ...(entry.locations?.name ? { fix: { label: `Rename to ${rename}`, edits: [replaceScalar(entry.locations.name, rename)] } } : {}),
      });
    }
    if (hpa.metadata.annotations?.[ANNOTATION.autoscalerClass] !== undefined) {
      lints.push({
        id: 'class-on-hpa',
        severity: 'info',
        message: 'autoscalerClass on an HPA does not choose anything.',
        detail: 'KServe reads the class from the InferenceService (and its components). On an HPA the annotation only takes part in semanticHPAEquals, so it cannot protect the HPA.',
        at: entry.locations?.annotations[ANNOTATION.autoscalerClass] ?? at,
      });
    }
    const target = hpa.spec.scaleTargetRef;
    const targetsComponent = target.kind === 'Deployment' && componentNames.has(target.name);
    if (!targetsComponent) {
      lints.push({
        id: 'hpa-targets-other-deployment',
        severity: 'info',
        message: `HPA ${hpa.metadata.name} scales ${target.kind}/${target.name}, which is not a Deployment of ${isvc.metadata.name}.`,
        detail: `This InferenceService's Deployments are ${[...componentNames.keys()].join(', ')}. The HPA will not scale the model, and hpa-scaled events will not move its replicas.`,
        at,
      });
    }
  }

  const classRange = isvcEntry.locations?.annotations[ANNOTATION.autoscalerClass] ?? null;
  const className = isvc.metadata.annotations?.[ANNOTATION.autoscalerClass];
  if (className !== undefined) {
    const refusing = releases.filter((r) => !r.behaviour.webhookClasses.includes(className));
    if (refusing.length > 0) {
      const fixValue = className === 'none' && refusing.every((r) => r.behaviour.webhookClasses.includes('external')) ? 'external' : null;
      lints.push({
        id: 'class-rejected',
        severity: 'error',
        message: `${refusing.map((r) => r.tag).join(', ')} refuse${refusing.length === 1 ? 's' : ''} autoscalerClass "${className}".`,
        detail: `The admission webhook of ${refusing.map((r) => r.tag).join(', ')} accepts ${[...new Set(refusing.flatMap((r) => r.behaviour.webhookClasses))].join(', ')}. A refused InferenceService is never stored, so nothing is reconciled there.`,
        at: classRange ?? isvcEntry.position,
        ...(fixValue && classRange ? { fix: { label: `Use ${fixValue}`, edits: [replaceScalar(classRange, fixValue)] } } : {}),
      });
    }
  }

  const modes = releases.map((r) => ({ release: r, mode: resolveDeploymentMode(r.behaviour, isvc, scenario.settings.defaultDeploymentMode) }));
  const serverlessEverywhere = modes.length > 0 && modes.every((m) => m.mode.mode === 'Serverless');
  if (serverlessEverywhere) {
    lints.push({
      id: 'class-moot-serverless',
      severity: 'info',
      message: className !== undefined ? `Serverless mode: autoscalerClass "${className}" has no effect on HPAs here.` : 'Serverless mode: KServe never runs its HPA reconciler here.',
      detail: `The InferenceService runs as a Knative Service (${modes[0]!.mode.from === 'annotation' ? 'its deploymentMode annotation' : 'the cluster default'}), so KServe neither creates nor deletes HPAs for it. Set serving.kserve.io/deploymentMode: RawDeployment to see the raw-deployment behaviour.`,
      at: isvcEntry.locations?.annotations[ANNOTATION.deploymentMode] ?? classRange ?? isvcEntry.position,
    });
  }

  const modeRange = isvcEntry.locations?.annotations[ANNOTATION.deploymentMode] ?? null;
  const annotatedMode = isvc.metadata.annotations?.[ANNOTATION.deploymentMode];
  if (annotatedMode !== undefined) {
    const blocking = releases.filter((r) => {
      if (r.behaviour.mutatingNormalizesLegacyMode) return false;
      const names = r.behaviour.statusModeNames;
      const mode = r.behaviour.modeNames[annotatedMode];
      return names !== null && mode !== undefined && names[mode] !== annotatedMode;
    });
    if (blocking.length > 0) {
      const newName = blocking[0]!.behaviour.statusModeNames![blocking[0]!.behaviour.modeNames[annotatedMode]!];
      const allNew = releases.every((r) => r.behaviour.modeNames[newName] !== undefined);
      lints.push({
        id: 'legacy-mode-annotation',
        severity: 'warning',
        message: `${blocking.map((r) => r.tag).join(', ')} will refuse every update of this InferenceService.`,
        detail: `These releases record the mode as "${newName}" in status.deploymentMode and their webhook rejects any update whose annotation says "${annotatedMode}" — your edits, class switches, and the controller's own finalizer removal when you delete it. v0.17.0-rc0 rewrites the old name for you (kserve#5025).`,
        at: modeRange ?? isvcEntry.position,
        ...(allNew && modeRange ? { fix: { label: `Use ${newName}`, edits: [replaceScalar(modeRange, newName)] } } : {}),
      });
    }
  }

  for (const [component, range] of Object.entries(isvcEntry.locations?.componentClass ?? {})) {
    const value = isvc.spec[component as 'predictor']?.annotations?.[ANNOTATION.autoscalerClass];
    if (value === undefined) continue;
    const failing = releases.filter((r) => r.behaviour.dispatch[value] === undefined);
    if (failing.length === 0) continue;
    lints.push({
      id: 'component-class-unknown',
      severity: 'warning',
      message: `${failing.map((r) => r.tag).join(', ')} do not know class "${value}" on spec.${component}.`,
      detail: 'The webhook only validates the InferenceService-level annotation; a component-level class it does not know makes every reconcile fail with an error.',
      at: range ?? isvcEntry.position,
    });
  }
  return lints;
}
