/**
 * JSON Schema for the `hpa-lab/v1` Scenario document: the fields the parser accepts
 * (engine/scenario/parse.ts reads them) and the Reference → Scenario format table lists
 * (test/unit/schema-scenario.test.ts holds both to this list). Events are checked by the parser's
 * event reader, which knows the word forms, so the schema says only that they are a list.
 */
import type { Schema } from './meta.ts';

export const SCENARIO_API_VERSION = 'hpa-lab/v1';

/** The values of `defaultDeploymentMode`, as KServe's ConfigMap spells them. */
export const DEFAULT_DEPLOYMENT_MODES = ['RawDeployment', 'Serverless'] as const;

/** Whether KEDA (CRDs, operator, admission webhook) is installed in the cluster. */
export const KEDA_SETTINGS = ['installed', 'absent'] as const;

const text: Schema = { type: 'string' };

export const SCENARIO_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['apiVersion', 'kind'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: SCENARIO_API_VERSION },
    kind: { const: 'Scenario' },
    metadata: { type: 'object', properties: { name: text } },
    title: text,
    description: text,
    i18n: { type: 'object', additionalProperties: { type: 'object', additionalProperties: text } },
    versions: { anyOf: [{ type: 'array', minItems: 1, items: { type: ['string', 'number'] } }, text] },
    startRelease: { type: ['string', 'number'] },
    apiServerDefaulting: { type: 'boolean' },
    defaultDeploymentMode: { enum: [...DEFAULT_DEPLOYMENT_MODES] },
    keda: { enum: [...KEDA_SETTINGS] },
    events: { type: ['array', 'null'] },
  },
} as const satisfies Schema;

/** Every top-level field of a Scenario document, in the order the unknown-field message lists them. */
export const SCENARIO_FIELDS: readonly string[] = Object.keys(SCENARIO_SCHEMA.properties);
