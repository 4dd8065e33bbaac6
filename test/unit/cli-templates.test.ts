/**
 * Telling a template from YAML (engine/cli/templates.ts). Positions are counted by hand from each
 * text: line 1, column 1 is the first character. The null cases are YAML real manifests hold.
 */
import { describe, expect, it } from 'vitest';
import { chartOf, templateDirective } from '../../engine/cli/templates.ts';

describe('templateDirective', () => {
  it.each([
    ['a value that is a directive', 'metadata:\n  name: {{ .Values.name }}\n', { line: 2, column: 9, text: '{{ .Values.name }}' }],
    ['a {{- if }} line of its own', 'metadata:\n  labels:\n    {{- if .Values.team }}\n    team: a\n    {{- end }}\n', { line: 3, column: 5, text: '{{- if .Values.team }}' }],
    ['a quoted Helm object, no flow-position directive', 'metadata:\n  name: "{{ .Release.Name }}-x"\n', { line: 2, column: 10, text: '{{ .Release.Name }}' }],
    ['a plain scalar calling include', 'metadata:\n  name: x-{{ include "a" . }}\n', { line: 2, column: 11, text: '{{ include "a" . }}' }],
    ['an earlier scalar directive is the first one named', 'a: x{{ y }}\nb: {{ z }}\n', { line: 1, column: 5, text: '{{ y }}' }],
    ['a Jinja statement', '{% if x %}\na: 1\n{% endif %}\n', { line: 1, column: 1, text: '{% if x %}' }],
    ['no closer on the line: to the line\'s end', 'a: {{ x \n', { line: 1, column: 4, text: '{{ x' }],
  ])('%s', (_, text, expected) => {
    expect(templateDirective(text)).toEqual(expected);
  });

  it('a long directive is cut to 60 characters', () => {
    const found = templateDirective(`a: {{ ${'x'.repeat(100)} }}\n`);
    expect(found?.text).toBe(`{{ ${'x'.repeat(56)}…`);
  });

  it.each([
    ['a Prometheus rule\'s plain and quoted text', 'summary: Pod {{ $labels.pod }} down\ndescription: "{{ $labels.namespace }}"\n'],
    ['an Argo CD ApplicationSet parameter', "name: '{{path.basename}}'\n"],
    ['a directive in a comment only', '# {{ .Values.name }}\na: 1\n'],
    ['a block scalar holding a chart file as data', 'data:\n  isvc.yaml: |\n    name: {{ .Values.name }}\n'],
    ['JSON with braces in a string', '{"a": {"b": "{{x}}"}}'],
    ['no braces at all', 'a: 1\n'],
  ])('not a template: %s', (_, text) => {
    expect(templateDirective(text)).toBeNull();
  });
});

describe('chartOf', () => {
  const charts = new Set(['charts/churn', '.']);
  it.each([
    ['charts/churn/templates/isvc.yaml', 'charts/churn'],
    ['charts/churn/templates/sub/hpa.yaml', 'charts/churn'],
    ['templates/isvc.yaml', '.'],
    ['deploy/templates/isvc.yaml', null],
    ['deploy/isvc.yaml', null],
    ['<stdin>', null],
  ])('%s → %s', (file, chart) => {
    expect(chartOf(file, (d) => charts.has(d))).toBe(chart);
  });
});
