/**
 * engine/k8s/metrics.ts: an HPA's spec.metrics as a reader compares them, and in words. The
 * shapes are autoscaling/v2 MetricSpec's (k8s.io/api autoscaling/v2 types.go).
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { metricsMessage, metricView, metricViews, sameMetrics } from '../../engine/k8s/metrics.ts';

const resource = (name: string, target: Record<string, string | number>) => ({ type: 'Resource', resource: { name, target } });

describe('metricView', () => {
  it('reads each source type\'s name and target', () => {
    expect(metricView(resource('cpu', { type: 'Utilization', averageUtilization: 80 }))).toEqual({ type: 'Resource', name: 'cpu', target: 'Utilization', value: 80 });
    expect(metricView(resource('memory', { type: 'AverageValue', averageValue: '1Gi' }))).toEqual({ type: 'Resource', name: 'memory', target: 'AverageValue', value: '1Gi' });
    expect(metricView({ type: 'ContainerResource', containerResource: { name: 'cpu', container: 'kserve-container', target: { type: 'Utilization', averageUtilization: 50 } } }))
      .toEqual({ type: 'ContainerResource', name: 'cpu', target: 'Utilization', value: 50 });
    expect(metricView({ type: 'Pods', pods: { metric: { name: 'requests_per_second' }, target: { type: 'AverageValue', averageValue: '10' } } }))
      .toEqual({ type: 'Pods', name: 'requests_per_second', target: 'AverageValue', value: '10' });
    expect(metricView({ type: 'External', external: { metric: { name: 'queue_depth' }, target: { type: 'Value', value: 30 } } }))
      .toEqual({ type: 'External', name: 'queue_depth', target: 'Value', value: 30 });
  });

  it('keeps what it can of an entry it cannot read, and never throws', () => {
    expect(metricView(null)).toEqual({ type: '', name: '', target: null, value: null });
    expect(metricView({ type: 'Resource' })).toEqual({ type: 'Resource', name: '', target: null, value: null });
    expect(metricView({ type: 'Resource', resource: { name: 'cpu' } })).toEqual({ type: 'Resource', name: 'cpu', target: null, value: null });
    expect(metricView({ type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: { nested: 1 } } } })).toEqual({ type: 'Object', name: 'hits', target: 'Value', value: null });
    expect(metricViews(undefined)).toEqual([]);
  });
});

describe('metricsMessage', () => {
  it('says the metrics as a list, in English and Chinese', () => {
    const views = metricViews([resource('cpu', { type: 'Utilization', averageUtilization: 60 }), resource('memory', { type: 'AverageValue', averageValue: '2Gi' })]);
    expect(renderMessage(metricsMessage(views))).toBe('cpu 60% and memory 2Gi per pod');
    expect(renderMessage(metricsMessage(views), 'zh-cn')).toMatch(/^cpu 60%.+memory 每个 Pod 2Gi$/);
    expect(renderMessage(metricsMessage([]))).toBe('no metrics');
    expect(renderMessage(metricsMessage([]), 'zh-cn')).toBe('无指标');
  });

  it('compares metric lists by value', () => {
    const a = metricViews([resource('cpu', { type: 'Utilization', averageUtilization: 80 })]);
    expect(sameMetrics(a, metricViews([resource('cpu', { type: 'Utilization', averageUtilization: 80 })]))).toBe(true);
    expect(sameMetrics(a, metricViews([resource('memory', { type: 'Utilization', averageUtilization: 80 })]))).toBe(false);
  });
});
