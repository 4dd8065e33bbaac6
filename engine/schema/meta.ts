/**
 * JSON Schema pieces shared by the InferenceService and HPA schemas: object metadata, and the
 * server-side fields `kubectl get -o yaml` prints. Those are documented (hover says the lab ignores
 * them) but never flagged, and never offered by completion.
 */
import type { JSONSchema } from 'monaco-yaml';
import { ISVC_FINALIZER } from '../kserve/constants.ts';
import { schemaText, type SchemaText } from './text.ts';

export type Schema = JSONSchema;

/** A property with the same text for plain and Markdown hovers. */
export function doc(markdown: string, schema: Schema = {}): Schema {
  return { ...schema, description: markdown.replace(/`/g, ''), markdownDescription: markdown };
}

/** Server-side fields, allowed anywhere kubectl prints them. */
function noise(t: SchemaText, extra = ''): Schema {
  return doc(`${t.ignored}${extra}`, { doNotSuggest: true });
}

export const stringMap = (markdown: string, properties: Record<string, Schema> = {}): Schema =>
  doc(markdown, { type: ['object', 'null'], properties, additionalProperties: { type: 'string' } });

export function ownerReferencesSchema(deleteNote: string, t: SchemaText = schemaText()): Schema {
  return doc(
    t.ownerReferences(deleteNote),
    {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name'],
        properties: {
          apiVersion: doc(t.owner.apiVersion, { type: 'string' }),
          kind: doc(t.owner.kind, { type: 'string' }),
          name: doc(t.owner.name, { type: 'string' }),
          uid: doc(t.owner.uid, { type: 'string' }),
          controller: doc(t.owner.controller, { type: 'boolean' }),
          blockOwnerDeletion: doc(t.owner.blockOwnerDeletion, { type: 'boolean' }),
        },
      },
    },
  );
}

export interface MetaOptions {
  annotations: Schema;
  labels: Schema;
  ownerReferences: Schema;
}

export function objectMetaSchema(kind: string, options: MetaOptions, t: SchemaText = schemaText()): Schema {
  return doc(t.metadata(kind), {
    type: 'object',
    required: ['name'],
    properties: {
      name: doc(t.name(kind), { type: 'string', minLength: 1 }),
      namespace: doc(t.namespace, { type: 'string' }),
      labels: options.labels,
      annotations: options.annotations,
      finalizers: doc(t.finalizers(ISVC_FINALIZER), { type: ['array', 'null'], items: { type: 'string' } }),
      ownerReferences: options.ownerReferences,
      deletionTimestamp: doc(t.deletionTimestamp, { type: ['string', 'null'] }),
      uid: noise(t, t.uidNote),
      resourceVersion: noise(t),
      generation: noise(t),
      creationTimestamp: noise(t),
      managedFields: noise(t),
      selfLink: noise(t),
      deletionGracePeriodSeconds: noise(t),
    },
  });
}

/** Top-level fields kubectl prints besides apiVersion/kind/metadata/spec. */
export function topLevelNoise(t: SchemaText = schemaText()): Record<string, Schema> {
  return { status: noise(t, t.statusNote) };
}

/** A `kind: List` document (kubectl get … -o yaml for several objects) whose items follow `item`. */
export function listSchema(item: Schema, itemKind: string, t: SchemaText = schemaText()): Schema {
  return doc(t.list(itemKind), {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: doc(t.listApiVersion, { type: 'string' }),
      kind: doc(t.listKind, { const: 'List' }),
      items: doc(t.listItems(itemKind), { type: 'array', items: item }),
      metadata: noise(t),
    },
  });
}

/**
 * Top-level dispatch: `kind: List` documents validate as lists, everything else as the object.
 * The object lives once under `definitions.object`; `definitions` may carry shared parts.
 */
export function withList(object: Schema, itemKind: string, definitions: Record<string, Schema> = {}, t: SchemaText = schemaText()): Schema {
  const ref: Schema = { $ref: '#/definitions/object' };
  // No top-level `title`: yaml-language-server would print it as the heading of every hover.
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `kserve-hpa-lab editor schema: one ${itemKind} per document, or a kind: List of them.`,
    type: 'object',
    if: { properties: { kind: { const: 'List' } }, required: ['kind'] },
    then: listSchema(ref, itemKind, t),
    else: ref,
    definitions: { ...definitions, object },
  };
}
