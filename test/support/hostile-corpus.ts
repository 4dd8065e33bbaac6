/**
 * The hostile corpus (issue 21): strings a pull request, a link or a paste can carry, put into
 * every place the model reads or prints, and the rules each output sink must keep. Written to a
 * temporary directory at test time, since several file names here cannot be committed.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Each string attacks one sink; most are harmless to the others. */
export const HOSTILE: readonly string[] = [
  '::stop-commands::sinks',
  '::add-mask::planted',
  '::error file=x,line=1::planted',
  'esc\u001b[31mred\u001b]0;title\u0007bel',
  'cr\r::add-mask::cr',
  'lf\n::add-mask::lf',
  'crlf\r\n  ::warning::crlf',
  'nel\u0085::add-mask::nel',
  'rlo\u202eevil\u2066iso\u2069end',
  'lrm\u200erlm\u200falm\u061c',
  'del\u007fc1\u009b31m',
  'tab\tvt\u000bff\u000c',
  '@octocat',
  '![i](http://h/p.png)',
  '[c](javascript:alert(3))',
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '`tick` ``double`` a|b|c',
  '**bold** _em_ ~~s~~ # heading',
];

/** All of them in one value (annotation values, event values, titles). */
export const JOINED = HOSTILE.join(' ');

/** The same, as a file name: no `/` or NUL, which no file system takes. */
const fileName = (text: string): string => text.replace(/\//g, '⁄').replace(/\0/g, '');

/** File names: one per kind of attack, each a YAML file the walk reads. */
export const FILE_NAMES: readonly string[] = [
  '::stop-commands::abc.yaml',
  'esc\u001b]0;t\u0007.yaml',
  'cr\r::add-mask::x.yaml',
  'lf\n::add-mask::y.yaml',
  'bidi\u202e\u2066\u0085\u200f.yaml',
  fileName('@octocat ![i](p.png) [c](javascript:alert(3)) <b>x</b> `t` a|b.yaml'),
];

const q = (text: string): string => JSON.stringify(text);

/** An InferenceService, its same-named HPA and a ScaledObject, every free-text field hostile. */
function objects(index: number): string {
  const name = `m${index}`;
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: external
    serving.kserve.io/metrics: ${q(JOINED)}
    serving.kserve.io/targetUtilizationPercentage: ${q(JOINED)}
    acme.example/note: ${q(JOINED)}
    ${q(`acme.example/${HOSTILE[index % HOSTILE.length]}`)}: ${q(HOSTILE[(index + 1) % HOSTILE.length]!)}
  finalizers: [${q(`example.com/${JOINED}`)}]
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 3
    model: {modelFormat: {name: sklearn}, storageUri: ${q(`gs://b/${JOINED}`)}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}-predictor
  namespace: ml
  annotations:
    serving.kserve.io/autoscalerClass: ${q(JOINED)}
    serving.kserve.io/stop: ${q(JOINED)}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}-predictor}
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource: {name: ${q(JOINED)}, target: {type: Utilization, averageUtilization: 80}}
    - type: External
      external: {metric: {name: ${q(JOINED)}}, target: {type: Value, value: "1"}}
    - type: ${q(HOSTILE[index % HOSTILE.length]!)}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: ${name}-keda
  namespace: ml
spec:
  scaleTargetRef: {name: ${name}-predictor}
  triggers:
    - type: ${q(JOINED)}
      metadata: {query: ${q(JOINED)}, threshold: "5"}
`;
}

/** Events that carry the corpus as annotation values and keys, then let the controller act. */
export const SCENARIO = `apiVersion: hpa-lab/v1
kind: Scenario
title: ${q(JOINED)}
description: ${q(JOINED)}
versions: [v0.14.1, v0.15.2]
events:
  - pod-created@ml/m0
  - ${q(`isvc-annotate:acme.example/note=${JOINED}@ml/m0`)}
  - ${q(`isvc-annotate:serving.kserve.io/autoscalerClass=${JOINED}@ml/m1`)}
  - ${q(`isvc-annotate:serving.kserve.io/stop=${JOINED}@ml/m2`)}
  - ${q(`isvc-annotate:serving.kserve.io/metrics=${JOINED}@ml/m3`)}
  - isvc-annotate:serving.kserve.io/autoscalerClass=external@ml/m1
  - resync
`;

/** Input the loader refuses, every refusal quoting hostile text: names, namespaces, kinds, events, YAML. */
export function badFiles(): Record<string, string> {
  return {
    [`bad-name${FILE_NAMES[0]}`]: `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: ${q(JOINED)}\n  namespace: ml\n`,
    [`bad-namespace${FILE_NAMES[1]}`]: `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n  namespace: ${q(JOINED)}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}, maxReplicas: 2}\n`,
    [`bad-keda${FILE_NAMES[2]}`]: `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: ${q(JOINED)}\n  namespace: ml\nspec: {scaleTargetRef: {name: ${q(JOINED)}}}\n`,
    [`bad-kind${FILE_NAMES[3]}`]: `apiVersion: ${q(JOINED)}\nkind: ${q(JOINED)}\nmetadata: {name: x}\n---\napiVersion: hpa-lab/v1\nkind: Scenario\nevents: [${q(JOINED)}, ${q(`isvc-annotate:${JOINED}`)}]\nversions: [${q(JOINED)}]\n`,
    [`bad-yaml${FILE_NAMES[4]}`]: `apiVersion: v1\nkind: [${JOINED.replace(/\n/g, ' ')}\n  : : ${q(JOINED)}\n`,
    [`bad-key${FILE_NAMES[5]}`]: `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: ok\n  ${q(JOINED)}: 1\n  annotations: {${q(JOINED)}: 3}\nspec: {predictor: {maxReplicas: ${q(JOINED)}}}\n`,
  };
}

export interface Corpus {
  root: string;
  /** The valid objects, one file per hostile file name, under good/. */
  good: string[];
  scenario: string;
  /** The refused input, under bad/. */
  bad: string[];
}

/** Writes the corpus to a fresh temporary directory. */
export function writeCorpus(): Corpus {
  const root = mkdtempSync(join(tmpdir(), 'hpa-lab-hostile-'));
  mkdirSync(join(root, 'good'));
  mkdirSync(join(root, 'bad'));
  const good = FILE_NAMES.map((name, index) => {
    const path = join(root, 'good', name);
    writeFileSync(path, objects(index));
    return path;
  });
  const scenario = join(root, fileName(`scenario ${HOSTILE[0]} ${HOSTILE[12]}.yaml`));
  writeFileSync(scenario, SCENARIO);
  const bad = Object.entries(badFiles()).map(([name, text]) => {
    const path = join(root, 'bad', name);
    writeFileSync(path, text);
    return path;
  });
  return { root, good, scenario, bad };
}
