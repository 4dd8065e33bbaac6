/**
 * Redaction keeps decisions, not values (issue 21, item 8). A scenario carries a unique marker in
 * every place the model reads a value: the InferenceService's apiVersion, every annotation it
 * reads (on the InferenceService, on a component, on an HPA, in isvc-annotate events), owner and
 * target references, scaleMetric, the metrics on both sides, unknown keys inside them and the
 * HPA's behavior. After `redact --rename` no marker may survive in the text, the link or the
 * Markdown, and every release must decide exactly what it decided on the original.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../engine/cli/main.ts';
import { decodeFragment } from '../../engine/link/codec.ts';
import { KNOWN_TAGS } from '../../engine/kserve/releases.ts';
import { redactSources } from '../../engine/redact.ts';
import { runScenario, type RunResult } from '../../engine/run.ts';
import { stateSources } from '../../engine/scenario/compose.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';

const MARKED = `
apiVersion: serving.kserve.io/v1beta1MARK01
kind: InferenceService
metadata:
  name: refused
  namespace: ml
  annotations:
    serving.kserve.io/autoscalerClass: MARK02
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/targetUtilizationPercentage: MARK03
    serving.kserve.io/metrics: MARK04
    serving.kserve.io/stop: MARK05
  ownerReferences:
    - { apiVersion: MARK06/v1, kind: MARK07, name: parent, uid: u-1 }
spec:
  predictor: { minReplicas: 1, maxReplicas: 2 }
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: served
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: hpa
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 3
    scaleMetric: MARK08
    autoScaling:
      metrics:
        - type: MARK09
          MARK10: x
          resource:
            name: memory
            MARK11: x
            target: { type: AverageValue, averageValue: MARK12, MARK13: x }
        - type: Resource
          resource: { name: MARK14, target: { type: Utilization, averageUtilization: 50 } }
    annotations:
      serving.kserve.io/targetUtilizationPercentage: MARK15
      serving.kserve.io/stop: MARK16
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: failing
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
spec:
  predictor:
    maxReplicas: 2
    annotations:
      serving.kserve.io/autoscalerClass: MARK17
  transformer:
    maxReplicas: 2
    annotations:
      serving.kserve.io/deploymentMode: MARK18
      serving.kserve.io/metrics: MARK19
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: served-predictor
  namespace: ml
  annotations:
    serving.kserve.io/autoscalerClass: MARK20
    serving.kserve.io/stop: MARK21
  finalizers: [example.com/MARK22]
  ownerReferences:
    - { apiVersion: serving.kserve.io/MARK23, kind: InferenceService, name: served, uid: u-2 }
    - { apiVersion: MARK24/v1, kind: MARK25, name: parent, uid: u-3 }
spec:
  scaleTargetRef: { apiVersion: MARK26/v1, kind: Deployment, name: served-predictor }
  minReplicas: 1
  maxReplicas: 3
  metrics:
    - type: Resource
      MARK27: x
      resource: { name: MARK28, target: { type: MARK29, averageValue: MARK30 } }
    - type: MARK31
      pods: { metric: { name: MARK32 }, target: { type: AverageValue, averageValue: 1k } }
    - type: Pods
      pods: { metric: { name: MARK33 }, target: { type: AverageValue, averageValue: 1k } }
  behavior:
    scaleDown: { selectPolicy: MARK34, MARK35: 1 }
    MARK36: { a: MARK37 }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: elsewhere
  namespace: ml
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: MARK38, name: served-predictor }
  maxReplicas: 2
---
apiVersion: hpa-lab/v1
kind: Scenario
events:
  - isvc-annotate:serving.kserve.io/autoscalerClass=MARK39@ml/served
  - pod-created@ml/served
  - isvc-annotate:serving.kserve.io/stop=MARK40@ml/served
  - isvc-annotate:serving.kserve.io/targetUtilizationPercentage=MARK41@ml/served
  - isvc-annotate:serving.kserve.io/metrics=MARK42@ml/served
  - isvc-annotate:serving.kserve.io/deploymentMode=MARK43@ml/served
  - resync
  - apply:
      apiVersion: autoscaling/v2
      kind: HorizontalPodAutoscaler
      metadata:
        name: served-predictor
        namespace: ml
        annotations: { serving.kserve.io/autoscalerClass: MARK44 }
      spec:
        scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: served-predictor }
        maxReplicas: 3
        metrics:
          - type: Resource
            resource: { name: cpu, target: { type: MARK45, averageUtilization: 80 } }
  - gitops-sync
`;

const MARKERS = Array.from({ length: 45 }, (_, i) => `MARK${String(i + 1).padStart(2, '0')}`);

function survivors(text: string): string[] {
  return MARKERS.filter((m) => text.includes(m));
}

/** What each release decided, step by step, with names left out (renaming changes them, not the decision). */
function decisions(run: RunResult): unknown {
  return run.versions.map((v) => ({
    tag: v.tag,
    steps: v.steps.map((s) => [s.admission?.allowed ?? null, s.decisions.map((d) => [d.component, d.result, d.call?.verb ?? null, d.call?.outcome ?? null]).sort(), s.hpas.length, s.hpas.filter((h) => h.terminating).length]),
    fates: v.verdicts.map((d) => d.fate).sort(),
  }));
}

async function cli(argv: string[], files: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readFile: (path) => {
      if (!Object.hasOwn(files, path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return files[path]!;
    },
    stdout: (text) => out.push(`${text}\n`),
    stderr: (text) => err.push(`${text}\n`),
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('redact --rename leaves no planted marker', () => {
  it('the scenario parses and every marker is in it (the test plants what it checks)', () => {
    expect(survivors(MARKED)).toEqual(MARKERS);
    expect(parseScenario([{ name: 'marked.yaml', text: MARKED }]).ok).toBe(true);
  });

  it('in the redacted text, and every release decides as before', () => {
    const result = redactSources([{ name: 'marked.yaml', text: MARKED }], { rename: true, versions: KNOWN_TAGS });
    if (!result.ok) throw new Error(JSON.stringify(result).slice(0, 600));
    expect(survivors(result.text)).toEqual([]);
    const original = parseScenario([{ name: 'marked.yaml', text: MARKED }]);
    if (!original.ok) throw new Error('unparsed');
    expect(decisions(runScenario(result.scenario, { versions: KNOWN_TAGS }))).toEqual(decisions(runScenario(original.scenario, { versions: KNOWN_TAGS })));
  });

  it('in the text, the link and the Markdown the CLI prints', async () => {
    const files = { 'marked.yaml': MARKED };
    const text = await cli(['redact', 'marked.yaml', '--rename'], files);
    expect(text.code).toBe(0);
    expect(survivors(text.stdout + text.stderr)).toEqual([]);

    const link = await cli(['redact', 'marked.yaml', '--rename', '--link'], files);
    expect(link.code).toBe(0);
    const decoded = await decodeFragment(new URL(link.stdout.trim()).hash);
    if (!decoded.ok) throw new Error('link does not decode');
    expect(survivors(stateSources(decoded.state).map((s) => s.text).join('\n'))).toEqual([]);

    const markdown = await cli(['redact', 'marked.yaml', '--rename', '--markdown'], files);
    expect(markdown.code).toBe(0);
    expect(survivors(markdown.stdout)).toEqual([]);
  });
});

describe('every preset redacts, with and without --rename', () => {
  const dir = new URL('../../content/scenarios/', import.meta.url);
  const presets = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  // Regression: a v0.20 canary's Deployment and HPA (<isvc>-<canary>-predictor) were not renamed
  // like the canary, so canary-v020 with --rename was refused as deciding differently.
  it.each(presets)('%s', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    for (const rename of [false, true]) {
      const result = redactSources([{ name: file, text }], { rename });
      expect(result.ok ? 'verified' : JSON.stringify(result).slice(0, 300)).toBe('verified');
    }
  });
});

describe('isvc-set events and storage URIs (issue 19 item 3)', () => {
  const text = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: secret-model, namespace: acme, annotations: {serving.kserve.io/deploymentMode: Standard, serving.kserve.io/autoscalerClass: hpa}}
spec: {predictor: {minReplicas: 1, model: {storageUri: 's3://acme-private/fraud/v1'}}}
---
apiVersion: hpa-lab/v1
kind: Scenario
versions: [v0.19.0, v0.20.0]
events: ['isvc-set:name=fraudv2', 'isvc-set:name=fraudv2,storageUri=s3://acme-private/fraud/v2', 'isvc-set:storageUri=s3://acme-private/fraud/v1']
`;

  it('URIs become stand-ins that keep equal ones equal, predictor names are renamed, and every release decides the same', () => {
    const result = redactSources([{ name: 'set.yaml', text }], { rename: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).not.toMatch(/acme|fraud|secret/);
    // v1 in the object and in the last event is one stand-in; v2 another.
    expect(result.text).toContain('storageUri: invalid-1');
    expect(result.text).toContain('isvc-set:name=v1,storageUri=invalid-2');
    expect(result.text).toContain('isvc-set:storageUri=invalid-1');
  });
});
