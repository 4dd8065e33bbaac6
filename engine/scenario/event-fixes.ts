/**
 * One-click fixes for events the objects made invalid: pasting a namespace over a preset leaves
 * the preset's untargeted events with several InferenceServices, or aimed at names that are gone.
 * Each fix is a message id (the label) and an edit of the Scenario document's events, applied by
 * edit.ts (`editEvents`); the playground shows the labels and applies the edit it is given.
 */
import { msg, type Message } from '../i18n/message.ts';
import { keyOf, type Hpa, type InferenceService, type KubeObject } from '../k8s/types.ts';
import { ownedByInferenceService } from '../kserve/checks.ts';
import { possibleComponentNames } from '../kserve/component-meta.ts';
import { formatEvent, isTargeted, withTarget, type ControllerEvent, type TargetedEvent } from '../machine/events.ts';
import type { EventsEdit } from './edit.ts';
import type { ScenarioStepInput } from './scenario.ts';

export interface InputFix {
  label: Message;
  edit: EventsEdit;
}

/** At most this many "aim at" choices per problem: the list stays one line. */
const MAX_AIMS = 3;

const target = (key: string) => ({ namespace: key.slice(0, key.indexOf('/')), name: key.slice(key.indexOf('/') + 1) });

/**
 * InferenceServices (namespace/name, input order) with an HPA of their own next to them that is
 * named like one of their components and not owned by them: the HPA KServe's lookup reaches. The
 * same rule as the lint `hpa-named-like-component`.
 */
export function atRiskIsvcs(objects: readonly KubeObject[]): string[] {
  const hpas = objects.filter((o): o is Hpa => o.kind === 'HorizontalPodAutoscaler' && !ownedByInferenceService(o));
  return objects
    .filter((o): o is InferenceService => o.kind === 'InferenceService')
    .filter((isvc) => {
      const names = possibleComponentNames(isvc);
      return hpas.some((h) => h.metadata.namespace === isvc.metadata.namespace && names.includes(h.metadata.name));
    })
    .map((isvc) => keyOf(isvc.metadata));
}

const isPodEvent = (event: ControllerEvent): event is TargetedEvent => event.type === 'pod.created' || event.type === 'pod.deleted';

export interface FixContext {
  events: readonly ScenarioStepInput[];
  /** Every InferenceService of the scenario (namespace/name), input order. */
  isvcs: readonly string[];
  atRisk: readonly string[];
  /** Indices of the events whose target does not pick exactly one InferenceService. */
  mistargeted: ReadonlySet<number>;
}

const removeFix = (index: number, event: ControllerEvent): InputFix => ({ label: msg('fix.removeEvent', { event: formatEvent(event) }), edit: { remove: [index] } });

/**
 * Fixes for an event at `index` whose InferenceService target is wrong: aim it at the first
 * at-risk InferenceService (else the first one), or at each InferenceService its name matches;
 * aim every mistargeted pod event there at once; or remove it.
 */
export function targetFixes(context: FixContext, index: number, matches: readonly string[] = []): InputFix[] {
  const event = context.events[index]!.event;
  if (!isTargeted(event)) return [removeFix(index, event)];
  const best = context.atRisk[0] ?? context.isvcs[0];
  const aims = [...new Set(matches.length > 0 ? matches : best ? [best] : [])].slice(0, MAX_AIMS);
  const fixes: InputFix[] = aims.map((key) => ({
    label: msg('fix.aimAt', { target: key }),
    edit: { set: [{ index, event: withTarget(event, target(key)) }] },
  }));
  const pods = [...context.mistargeted].filter((i) => isPodEvent(context.events[i]!.event));
  if (best && isPodEvent(event) && pods.length > 1) {
    fixes.push({
      label: msg('fix.aimPods', { target: best, count: pods.length }),
      edit: { set: pods.map((i) => ({ index: i, event: withTarget(context.events[i]!.event, target(best)) })) },
    });
  }
  fixes.push(removeFix(index, event));
  return fixes;
}

/** Fixes for an HPA event whose HPA name is in several namespaces: name each, or remove it. */
export function hpaFixes(context: Pick<FixContext, 'events'>, index: number, namespaces: readonly string[]): InputFix[] {
  const event = context.events[index]!.event;
  const fixes: InputFix[] = [];
  if (event.type === 'hpa.delete' || event.type === 'hpa.removeFinalizer') {
    for (const namespace of namespaces.slice(0, MAX_AIMS)) {
      const aimed = { ...event, hpa: { namespace, name: event.hpa.name } };
      fixes.push({ label: msg('fix.aimAt', { target: `${namespace}/${event.hpa.name}` }), edit: { set: [{ index, event: aimed }] } });
    }
  }
  fixes.push(removeFix(index, event));
  return fixes;
}

/** Fixes for any other event problem: remove it. */
export function otherFixes(context: Pick<FixContext, 'events'>, index: number): InputFix[] {
  return [removeFix(index, context.events[index]!.event)];
}
