/**
 * engine/schema/ is the one list of what each input format holds: the parser, the editor and the
 * Reference → Scenario format page must all say the same.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { renderMessage } from '../../engine/i18n/render.ts';
import { HPA_API_VERSIONS } from '../../engine/schema/hpa.ts';
import { SCALE_METRIC_EXAMPLES } from '../../engine/schema/inferenceservice.ts';
import { SCENARIO_FIELDS, SCENARIO_SCHEMA } from '../../engine/schema/scenario.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { buildEditorSchemas } from '../../playground/editor/schemas.ts';

const editor = Object.fromEntries(buildEditorSchemas().map((s) => [s.id, s.schema]));

/** The first column of the table under "## The Scenario document", as the page writes it. */
function documentedFields(page: string): string[] {
  const text = readFileSync(new URL(`../../content/docs/${page}`, import.meta.url), 'utf8');
  const section = text.split(/^## /m).find((part) => /^(The Scenario document|Scenario 文档)/.test(part));
  if (!section) throw new Error(`${page}: no Scenario document section`);
  return section.split('\n').filter((line) => /^\| `/.test(line)).map((line) => /^\| `([^`]+)`/.exec(line)![1]!);
}

const hpa = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata: {name: a}
spec: {scaleTargetRef: {kind: Deployment, name: x}, maxReplicas: 2}
`;

describe('the Scenario document schema', () => {
  it('lists the fields the reference tables document, in both languages and in order', () => {
    const top = (field: string) => field.split('.')[0];
    expect(documentedFields('reference/scenario-format.mdx').map(top)).toEqual([...SCENARIO_FIELDS]);
    expect(documentedFields('zh-cn/reference/scenario-format.mdx').map(top)).toEqual([...SCENARIO_FIELDS]);
  });

  it('is the list the parser names for an unknown field', () => {
    const result = parseScenario([{ name: 's.yaml', text: 'apiVersion: hpa-lab/v1\nkind: Scenario\nversion: v0.15.2\n' }]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(renderMessage(result.errors[0]!.message, 'en')).toBe(`unknown Scenario field "version"; known: ${SCENARIO_FIELDS.join(', ')}`);
  });

  it('accepts the Scenario document of every preset, which the parser reads', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(SCENARIO_SCHEMA);
    const dir = new URL('../../content/scenarios/', import.meta.url);
    const presets = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(presets.length).toBeGreaterThan(10);
    for (const file of presets) {
      const text = readFileSync(new URL(file, dir), 'utf8');
      expect(parseScenario([{ name: file, text }]).ok, file).toBe(true);
      const scenario = parseAllDocuments(text).map((d) => d.toJS()).find((d) => d?.kind === 'Scenario');
      expect(validate(scenario), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});

describe('the editor schemas and the parser agree', () => {
  it('offer exactly the HPA apiVersions the parser accepts', () => {
    const offered = JSON.stringify(editor.hpa).match(/"enum":\["autoscaling\/[^\]]*\]/g);
    expect(offered).toEqual([`"enum":${JSON.stringify(HPA_API_VERSIONS)}`]);
    for (const version of HPA_API_VERSIONS) expect(parseScenario([{ name: 'h.yaml', text: hpa(version) }]).ok, version).toBe(true);
    expect(parseScenario([{ name: 'h.yaml', text: hpa('autoscaling/v2beta1') }]).ok).toBe(false);
  });

  it('take any string as scaleMetric and suggest the ones KServe names', () => {
    const component = (editor.inferenceservice as { definitions: { component: { properties: Record<string, unknown> } } }).definitions.component;
    expect(component.properties.scaleMetric).toMatchObject({ type: ['string', 'null'], examples: [...SCALE_METRIC_EXAMPLES] });
    const isvc = 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata: {name: m}\nspec: {predictor: {scaleMetric: custom}}\n';
    expect(parseScenario([{ name: 'i.yaml', text: isvc }]).ok).toBe(true);
  });
});
