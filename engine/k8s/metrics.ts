/**
 * An HPA's `spec.metrics` reduced to what a reader compares: per entry the source type, the
 * metric's name, the target type and its value ("memory 70%", "cpu 80%"). Fields we do not
 * read (selectors, described objects) are left out; an entry we cannot read keeps its type only.
 */
import { msg, type Message } from '../i18n/message.ts';
import type { Json } from './types.ts';

export interface MetricView {
  /** Resource, ContainerResource, Pods, Object or External (as written). */
  type: string;
  /** The resource (cpu, memory) or the metric's name; '' when the entry names none. */
  name: string;
  /** Utilization, AverageValue or Value; null when the entry has no target. */
  target: string | null;
  value: number | string | null;
}

type Record_ = { [key: string]: Json };
const isRecord = (value: Json | undefined): value is Record_ => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The block of an entry that holds its name and target: `resource`, `pods`, … by the entry's type. */
const BLOCK: Readonly<Record<string, string>> = { Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external' };

export function metricView(entry: Json): MetricView {
  const type = isRecord(entry) && typeof entry.type === 'string' ? entry.type : '';
  const block = isRecord(entry) && BLOCK[type] ? entry[BLOCK[type]!] : undefined;
  if (!isRecord(block)) return { type, name: '', target: null, value: null };
  // Resource and ContainerResource name the resource; Pods, Object and External a metric.
  const name = typeof block.name === 'string' ? block.name : isRecord(block.metric) && typeof block.metric.name === 'string' ? block.metric.name : '';
  const target = isRecord(block.target) ? block.target : null;
  if (!target) return { type, name, target: null, value: null };
  const kind = typeof target.type === 'string' ? target.type : null;
  const field = kind === 'Utilization' ? target.averageUtilization : kind === 'AverageValue' ? target.averageValue : kind === 'Value' ? target.value : undefined;
  const value = typeof field === 'number' || typeof field === 'string' ? field : null;
  return { type, name, target: kind, value };
}

export function metricViews(metrics: readonly Json[] | undefined | null): MetricView[] {
  return (metrics ?? []).map(metricView);
}

export const sameMetrics = (a: readonly MetricView[], b: readonly MetricView[]): boolean => JSON.stringify(a) === JSON.stringify(b);

/** One metric in words: "cpu 80%", "memory 1Gi per pod", "requests 100". */
export function metricMessage(metric: MetricView): Message {
  const name = metric.name || metric.type;
  if (metric.value === null) return msg('metric.noTarget', { name });
  if (metric.target === 'Utilization') return msg('metric.utilization', { name, value: metric.value });
  if (metric.target === 'AverageValue') return msg('metric.averageValue', { name, value: metric.value });
  return msg('metric.value', { name, value: metric.value });
}

/** The metrics in words, joined as the language joins a list; "no metrics" for none. */
export function metricsMessage(metrics: readonly MetricView[]): Message {
  if (metrics.length === 0) return msg('metric.none');
  return msg('metric.list', { metrics: metrics.map(metricMessage) });
}
