/**
 * The editor's JSON Schemas: valid draft-07, documents kubectl prints pass, the bug's bad values
 * fail, and the per-release hover text follows the engine's CHANGES table (expected tags are
 * derived here from CHANGES independently of the schema code's fold over RELEASES).
 */
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { CHANGES, RELEASES, type Release } from '../../engine/kserve/releases.ts';
import { compareTags } from '../../engine/kserve/tags.ts';
import { ANNOTATION } from '../../engine/kserve/constants.ts';
import { buildEditorSchemas, buildInferenceServiceSchema, type Schema } from '../../playground/editor/schemas.ts';

const EDITOR_KEYWORDS = ['markdownDescription', 'markdownEnumDescriptions', 'enumDescriptions', 'doNotSuggest', 'patternErrorMessage'];

function compile(schema: Schema) {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv.compile(schema);
}

const schemas = Object.fromEntries(buildEditorSchemas().map((entry) => [entry.id, entry]));
const validateHpa = compile(schemas.hpa!.schema);
const validateIsvc = compile(schemas.inferenceservice!.schema);

function docs(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => doc.toJS());
}

/** The annotation schema under metadata of the single-object schema (`definitions.object`). */
function isvcAnnotation(schema: Schema, key: string): Schema {
  const object = schema.definitions!.object!;
  const metadata = object.properties!.metadata as Schema;
  const annotations = metadata.properties!.annotations as Schema;
  return annotations.properties![key] as Schema;
}

/** The first release that contains the first CHANGES row whose webhook classes include `value`. */
function firstReleaseAccepting(value: string): string {
  const change = CHANGES.find((c) => c.set.webhookClasses?.includes(value));
  if (!change) throw new Error(`no change introduces ${value}`);
  return RELEASES.find((release) => compareTags(release.tag, change.firstTag) >= 0)!.tag;
}

const KUBECTL_HPA = `
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"autoscaling/v2"}
  creationTimestamp: "2025-03-01T10:00:00Z"
  finalizers: [kserve.io/protect]
  managedFields:
  - apiVersion: autoscaling/v2
    fieldsType: FieldsV1
    fieldsV1: {f:spec: {}}
    manager: kubectl
    operation: Update
  name: my-isvc-predictor
  namespace: default
  resourceVersion: "4242"
  uid: 8d1c2f0e-0000-4000-8000-000000000001
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: my-isvc-predictor}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
  behavior:
    scaleDown: {stabilizationWindowSeconds: 300, selectPolicy: Max, policies: [{type: Percent, value: 100, periodSeconds: 15}]}
status:
  currentReplicas: 1
  desiredReplicas: 1
  conditions: [{type: AbleToScale, status: "True"}]
`;

const ISVC = (klass: string) => `
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: my-isvc
  annotations:
    ${ANNOTATION.autoscalerClass}: ${klass}
    ${ANNOTATION.deploymentMode}: RawDeployment
    ${ANNOTATION.stop}: "false"
    example.com/anything: whatever
  generation: 3
spec:
  predictor:
    minReplicas: 2
    maxReplicas: 4
    scaleMetric: cpu
    scaleTarget: 70
    model: {modelFormat: {name: sklearn}, storageUri: gs://bucket/model}
status:
  url: http://my-isvc.default.example.com
`;

describe('editor schemas are valid JSON Schema', () => {
  it('compiles both under draft-07 with the editor keywords declared', () => {
    expect(typeof validateHpa).toBe('function');
    expect(typeof validateIsvc).toBe('function');
  });

  it('are plain JSON (they are posted to the YAML worker)', () => {
    for (const entry of buildEditorSchemas()) expect(JSON.parse(JSON.stringify(entry.schema))).toEqual(entry.schema);
  });

  it('match models by the file name convention', () => {
    expect(schemas.hpa!.fileMatch).toEqual(['**/*.hpa.yaml']);
    expect(schemas.inferenceservice!.fileMatch).toEqual(['**/*.inferenceservice.yaml']);
  });
});

describe('kubectl noise is allowed', () => {
  it('accepts an HPA as kubectl get -o yaml prints it (status, managedFields, uid …)', () => {
    const [hpa] = docs(KUBECTL_HPA);
    expect(validateHpa(hpa), JSON.stringify(validateHpa.errors)).toBe(true);
  });

  it('takes a KEDA ScaledObject in the HPA editor, and flags one without triggers (KEDA\'s CRD requires them)', () => {
    const so = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'fraud', namespace: 'risk', uid: 'u' }, spec: { scaleTargetRef: { name: 'fraud-predictor' }, minReplicaCount: 2, triggers: [{ type: 'prometheus', metadata: { threshold: '5' } }] }, status: { conditions: [] } };
    expect(validateHpa(so), JSON.stringify(validateHpa.errors)).toBe(true);
    expect(validateHpa({ apiVersion: 'v1', kind: 'List', items: [so, docs(KUBECTL_HPA)[0]] })).toBe(true);
    expect(validateHpa({ ...so, spec: { scaleTargetRef: { name: 'fraud-predictor' } } })).toBe(false);
    expect(validateHpa({ ...so, spec: { ...so.spec, triggers: [] } })).toBe(false);
  });

  it('accepts a kind: List of HPAs', () => {
    const hpa = docs(KUBECTL_HPA)[0];
    expect(validateHpa({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [hpa, hpa] })).toBe(true);
    expect(validateHpa({ apiVersion: 'v1', kind: 'List', items: [{ kind: 'HorizontalPodAutoscaler' }] })).toBe(false);
  });

  it('accepts an InferenceService with status, extra fields and unknown annotations', () => {
    expect(validateIsvc(docs(ISVC('external'))[0]), JSON.stringify(validateIsvc.errors)).toBe(true);
  });

  it('still flags what the model would refuse', () => {
    expect(validateIsvc(docs(ISVC('foo'))[0])).toBe(false);
    expect(validateIsvc.errors?.some((e) => e.instancePath.endsWith('serving.kserve.io~1autoscalerClass'))).toBe(true);
    const [hpa] = docs(KUBECTL_HPA) as { spec: Record<string, unknown> }[];
    expect(validateHpa({ ...hpa, spec: { ...hpa!.spec, maxReplicas: 'five' } })).toBe(false);
    expect(validateIsvc(docs(ISVC('true').replace('"false"', 'true'))[0])).toBe(false); // annotation values are strings
  });
});

describe('autoscalerClass hover follows the engine release table', () => {
  const klass = isvcAnnotation(schemas.inferenceservice!.schema, ANNOTATION.autoscalerClass);
  const every = [...new Set(RELEASES.flatMap((release) => release.behaviour.webhookClasses))];

  it('offers every class any release accepts', () => {
    expect(klass.enum).toEqual(every);
    expect(every).toEqual(expect.arrayContaining(['hpa', 'external', 'keda', 'none']));
  });

  it.each(every)('states from which release the webhook accepts %s', (value) => {
    const tag = firstReleaseAccepting(value);
    expect(klass.markdownDescription).toContain(`\`${value}\`: accepted from ${tag}`);
    if (tag !== RELEASES[0]!.tag) expect(klass.markdownDescription).toContain(`\`${value}\`: accepted from ${tag}; refused before`);
  });

  it('describes what each value means per release', () => {
    const index = (value: string) => every.indexOf(value);
    const descriptions = klass.markdownEnumDescriptions!;
    expect(descriptions).toHaveLength(every.length);
    const bugTag = CHANGES.find((c) => c.set.shouldDelete === 'desiredClassIsExternal')!.firstTag;
    const fixTag = CHANGES.find((c) => c.set.shouldDelete === 'ownedAndClassIsExternalOrNone')!.firstTag;
    expect(descriptions[index('external')]).toContain('no-op autoscaler');
    expect(descriptions[index('external')]).toMatch(new RegExp(`${bugTag.replace(/\./g, '\\.')} – [^:]+: HPA reconciler: KServe creates no HPA; deletes any HPA`));
    expect(descriptions[index('external')]).toContain(`from ${fixTag}: HPA reconciler`);
    expect(descriptions[index('none')]).toContain(`– ${RELEASES[RELEASES.findIndex((r) => r.tag === firstReleaseAccepting('none')) - 1]!.tag}: refused by the webhook`);
  });

  it('moves when the release data moves (none arriving one minor later)', () => {
    const late = (release: Release): Release => compareTags(release.tag, 'v0.16.0') >= 0 ? release : {
      ...release,
      behaviour: { ...release.behaviour, webhookClasses: release.behaviour.webhookClasses.filter((c) => c !== 'none') },
    };
    const moved = isvcAnnotation(buildInferenceServiceSchema(RELEASES.map(late)), ANNOTATION.autoscalerClass);
    expect(moved.markdownDescription).toContain('`none`: accepted from v0.16.0; refused before');
    expect(moved.markdownDescription).not.toContain(`\`none\`: accepted from ${firstReleaseAccepting('none')}`);
  });
});

describe('deploymentMode and stop hovers', () => {
  it('says from which release each mode name is known', () => {
    const mode = isvcAnnotation(schemas.inferenceservice!.schema, ANNOTATION.deploymentMode);
    const standardTag = CHANGES.find((c) => c.set.modeNames && 'Standard' in c.set.modeNames)!.firstTag;
    expect(mode.enum).toEqual(expect.arrayContaining(['RawDeployment', 'Serverless', 'Standard', 'Knative', 'ModelMesh']));
    const standard = mode.markdownEnumDescriptions![mode.enum!.indexOf('Standard')];
    expect(standard).toContain(`from ${standardTag}: raw deployment`);
    expect(standard).toMatch(new RegExp(`^${RELEASES[0]!.tag.replace(/\./g, '\\.')} – \\S+: unknown, so the cluster default applies`));
  });

  it('says from which release stop is honoured', () => {
    const stop = isvcAnnotation(schemas.inferenceservice!.schema, ANNOTATION.stop);
    const tag = CHANGES.find((c) => c.set.shouldCreate === 'classIsHpaAndNotStopped')!.firstTag;
    expect(stop.markdownDescription).toContain(`Honoured from ${tag}`);
  });
});

describe('schema hovers in the reader\'s language', () => {
  const zh = Object.fromEntries(buildEditorSchemas(RELEASES, 'zh-cn').map((entry) => [entry.id, entry]));
  /** The schema with every text taken out: what validates must not depend on the language. */
  const shape = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema, (key, value) => (
    ['description', 'markdownDescription', 'markdownEnumDescriptions', 'patternErrorMessage'].includes(key) ? undefined : value)));
  const texts = (schema: unknown): string[] => {
    const out: string[] = [];
    JSON.stringify(schema, (key, value) => {
      if (key === 'markdownDescription' && typeof value === 'string') out.push(value);
      return value;
    });
    return out;
  };

  it('validate exactly as the English ones', () => {
    for (const id of ['hpa', 'inferenceservice'] as const) expect(shape(zh[id]!.schema)).toEqual(shape(schemas[id]!.schema));
  });

  it('are written in Chinese, keeping field names, class values and tags', () => {
    for (const id of ['hpa', 'inferenceservice'] as const) {
      const all = texts(zh[id]!.schema);
      expect(all.length).toBe(texts(schemas[id]!.schema).length);
      // Every hover has Chinese in it; none is an English sentence left over.
      const english = all.filter((text) => {
        const prose = text.replace(/`[^`]*`/g, '');
        return !/[\u4e00-\u9fff]/.test(prose) && /[A-Za-z]+\s+[A-Za-z]+/.test(prose);
      });
      expect(english).toEqual([]);
    }
    const klass = isvcAnnotation(zh.inferenceservice!.schema, ANNOTATION.autoscalerClass);
    expect(klass.markdownDescription).toContain(`\`external\`: 从 ${firstReleaseAccepting('external')} 起接受`);
    expect(klass.markdownEnumDescriptions![klass.enum!.indexOf('external')]).toContain('空操作自动扩缩器');
  });
});
