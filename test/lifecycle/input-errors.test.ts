/**
 * Input errors that look like stories but are not: with several InferenceServices an event must say
 * which one it concerns. The error must point at the event in the file (so an editor can underline
 * it) and name the candidates (so the user can copy one).
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const isvc = (namespace: string, name: string) => `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations:
    serving.kserve.io/autoscalerClass: external
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor:
    minReplicas: 1
`;

const scenario = (events: string[]) => `apiVersion: hpa-lab/v1
kind: Scenario
metadata:
  name: ambiguous
versions: [v0.14.1]
events:
${events.map((e) => `  - ${e}`).join('\n')}
`;

/** 1-based line and column of the first occurrence of `needle` at or after line `fromLine`. */
function positionOf(text: string, needle: string, fromLine = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i += 1) {
    const column = lines[i]!.indexOf(needle);
    if (column !== -1) return { line: i + 1, column: column + 1 };
  }
  throw new Error(`${needle} not in the text`);
}

function parse(text: string) {
  return parseScenario([{ name: 'ns.yaml', text }]);
}

describe('an event that does not say which InferenceService it concerns', () => {
  const objects = `${isvc('ml', 'model-a')}---\n${isvc('ml', 'model-b')}---\n`;

  it('is an input error at the event, listing both InferenceServices', () => {
    const text = objects + scenario(['pod-created@ml/model-a', 'pod-deleted', 'resync']);
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    const at = positionOf(text, 'pod-deleted', positionOf(text, 'events:').line);
    expect({ file: error!.file, line: error!.line, column: error!.column }).toEqual({ file: 'ns.yaml', ...at });
    expect(renderMessage(error!.message)).toContain('ml/model-a');
    expect(renderMessage(error!.message)).toContain('ml/model-b');
  });

  it('is the same error in the mapping form {event: …} without isvc', () => {
    const text = objects + scenario(['{event: hpa-scaled:3}']);
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [error] = result.errors;
    const at = positionOf(text, '{event: hpa-scaled:3}');
    expect([error!.line, error!.column]).toEqual([at.line, at.column]);
    expect(renderMessage(error!.message)).toMatch(/ml\/model-a.*ml\/model-b/);
  });

  it('parses once every event names its InferenceService, in either form', () => {
    const text = objects + scenario(['pod-created@ml/model-a', '{event: pod-deleted, isvc: ml/model-b}', 'hpa-scaled:3@model-b', 'resync']);
    const result = parse(text);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('a bare name that exists in two namespaces is ambiguous too, and the error names both', () => {
    const text = `${isvc('team-a', 'sentiment')}---\n${isvc('team-b', 'sentiment')}---\n${scenario(['pod-created@sentiment'])}`;
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [error] = result.errors;
    const at = positionOf(text, 'pod-created@sentiment');
    expect([error!.line, error!.column]).toEqual([at.line, at.column]);
    expect(renderMessage(error!.message)).toContain('team-a/sentiment');
    expect(renderMessage(error!.message)).toContain('team-b/sentiment');
  });

  it('with a single InferenceService an untargeted event needs no target', () => {
    const result = parse(`${isvc('ml', 'model-a')}---\n${scenario(['pod-created', 'hpa-scaled:2'])}`);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
