/**
 * One reading of a `check` report for every CI sink (workflow annotations, SARIF, the job
 * summary): what is at risk per InferenceService, of which kind, in which releases, where in the
 * source to mark it, and the fix. The sinks only word and escape it.
 */
import { msg, type Message } from '../i18n/message.ts';
import { keyOf } from '../k8s/types.ts';
import { ANNOTATION } from '../kserve/constants.ts';
import type { IsvcCheck, CheckReport, ReleaseRange } from '../explore/check.ts';
import { lossMessage, safeChangeMessage } from '../explore/report.ts';
import type { SafeChange } from '../explore/changes.ts';
import type { Scenario, SourcePosition } from '../scenario/scenario.ts';
import { HARMS, type Harm } from '../verdict.ts';
import { kedaHpaName } from '../keda/operator.ts';

/** What a finding is about: one of the harms, or the admission webhook refusing the InferenceService. */
export type FindingKind = Harm | 'refused';

/** Worst first: the order of the verdicts' harms, then a refusal (nothing stored, nothing harmed). */
export const FINDING_KINDS: readonly FindingKind[] = [...HARMS, 'refused'];

export interface Finding {
  /** namespace/name of the InferenceService. */
  isvc: string;
  kind: FindingKind;
  /** namespace/name of the HPA that comes to harm; null for a refusal. */
  hpa: string | null;
  /** The ranges of releases with this answer, in the order judged. */
  ranges: ReleaseRange[];
  /** Every tag of those ranges. */
  tags: string[];
  /** Where to mark it: the HPA's metadata.name, the class annotation for fought scaling, or the InferenceService. */
  at: SourcePosition | null;
  /** The first range's harm or refusal in words. */
  message: Message;
  /** The smallest safe change found for the first range, if any. */
  fix: SafeChange | null;
}

export const rangeLabel = (range: Pick<ReleaseRange, 'tags'>): string => (range.tags.length === 1 ? range.tags[0]! : `${range.tags[0]} … ${range.tags[range.tags.length - 1]}`);

/** "v0.13.0-rc1 … v0.15.0, v0.15.2": the ranges of a finding, in order. */
export const rangesLabel = (ranges: readonly Pick<ReleaseRange, 'tags'>[]): string => ranges.map(rangeLabel).join(', ');

function kindOf(range: ReleaseRange): FindingKind | null {
  if (range.result.found) return range.result.loss.kind;
  return range.result.refused !== undefined ? 'refused' : null;
}

/** Where a range's answer is marked in the source. */
export function positionOf(scenario: Scenario, range: ReleaseRange, isvcKey: string): SourcePosition | null {
  const isvc = scenario.objects.find((o) => o.object.kind === 'InferenceService' && keyOf(o.object.metadata) === isvcKey);
  if (!range.result.found) return isvc?.locations?.annotations[ANNOTATION.autoscalerClass] ?? isvc?.locations?.name ?? isvc?.position ?? null;
  const loss = range.result.loss;
  if (loss.kind === 'fought') {
    const annotation = isvc?.locations?.annotations[ANNOTATION.autoscalerClass];
    if (annotation) return annotation;
  }
  const hpa = scenario.objects.find((o) => o.object.kind === 'HorizontalPodAutoscaler' && keyOf(o.object.metadata) === `${loss.namespace}/${loss.hpa}`)
    // An HPA KEDA keeps is marked at its ScaledObject.
    ?? scenario.objects.find((o) => o.object.kind === 'ScaledObject' && o.object.metadata.namespace === loss.namespace && kedaHpaName(o.object) === loss.hpa);
  return hpa?.locations?.name ?? hpa?.position ?? isvc?.position ?? null;
}

/** A refusal in words: the InferenceService's webhook, or a ScaledObject refused by KEDA or the API server. */
export function refusedFinding(refused: Message | null): Message {
  if (refused?.id === 'refusal.scaledObject') return msg('ci.refusedScaledObject', { reason: refused });
  if (refused?.id === 'refusal.kserveScaledObject') return msg('ci.refusedKserveScaledObject', { reason: refused });
  return msg('ci.refusedFinding', { reason: refused });
}

function messageOf(range: ReleaseRange): Message {
  const result = range.result;
  if (result.found) return lossMessage(result, true);
  return refusedFinding(result.refused ?? null);
}

/** The findings of one InferenceService: one per kind and HPA, worst kind first. */
export function isvcFindings(scenario: Scenario, check: IsvcCheck): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const range of check.ranges) {
    const kind = kindOf(range);
    if (kind === null) continue;
    const hpa = range.result.found ? `${range.result.loss.namespace}/${range.result.loss.hpa}` : null;
    const key = `${kind}\u0000${hpa ?? ''}`;
    const found = byKey.get(key);
    if (found) {
      found.ranges.push(range);
      found.tags.push(...range.tags);
      continue;
    }
    byKey.set(key, { isvc: check.isvc, kind, hpa, ranges: [range], tags: [...range.tags], at: positionOf(scenario, range, check.isvc), message: messageOf(range), fix: range.changes[0] ?? null });
  }
  return [...byKey.values()].sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind));
}

/** Every finding of a report, InferenceService by InferenceService. */
export function reportFindings(scenario: Scenario, report: CheckReport): Finding[] {
  return report.checked.flatMap((check) => isvcFindings(scenario, check));
}

/** One finding per InferenceService at risk or refused: its worst (what an annotation shows). */
export function worstFindings(scenario: Scenario, report: CheckReport): Finding[] {
  return report.checked.flatMap((check) => isvcFindings(scenario, check).slice(0, 1));
}

/** The finding's sentence with its fix, as annotations and SARIF say it. */
export function findingText(finding: Finding): Message {
  if (!finding.fix) return finding.message;
  return msg('ci.withFix', { finding: finding.message, fix: msg('ci.fix', { change: safeChangeMessage(finding.fix) }) });
}

export const isHarmFinding = (finding: Finding): boolean => finding.kind !== 'refused';
