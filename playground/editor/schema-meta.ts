/**
 * JSON Schema pieces shared by the InferenceService and HPA schemas: object metadata, and the
 * server-side fields `kubectl get -o yaml` prints. Those are documented (hover says the lab ignores
 * them) but never flagged, and never offered by completion.
 */
import type { JSONSchema } from 'monaco-yaml';
import { ISVC_FINALIZER } from '../../engine/kserve/constants.ts';

export type Schema = JSONSchema;

/** A property with the same text for plain and Markdown hovers. */
export function doc(markdown: string, schema: Schema = {}): Schema {
  return { ...schema, description: markdown.replace(/`/g, ''), markdownDescription: markdown };
}

const IGNORED = 'Set by the API server; `kubectl get -o yaml` prints it. The lab ignores it.';

/** Server-side fields, allowed anywhere kubectl prints them. */
function noise(extra = ''): Schema {
  return doc(`${IGNORED}${extra}`, { doNotSuggest: true });
}

export const stringMap = (markdown: string, properties: Record<string, Schema> = {}): Schema =>
  doc(markdown, { type: ['object', 'null'], properties, additionalProperties: { type: 'string' } });

export function ownerReferencesSchema(deleteNote: string): Schema {
  return doc(
    'Objects this one belongs to. When every owner is gone, the garbage collector deletes it. ' +
      `KServe sets one controller reference to the InferenceService on the HPAs it creates. ${deleteNote}`.trim(),
    {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['apiVersion', 'kind', 'name'],
        properties: {
          apiVersion: doc('The owner’s API group and version, e.g. `serving.kserve.io/v1beta1`.', { type: 'string' }),
          kind: doc('The owner’s kind, e.g. `InferenceService`.', { type: 'string' }),
          name: doc('The owner’s name.', { type: 'string' }),
          uid: doc('The owner’s UID. The lab invents one when missing.', { type: 'string' }),
          controller: doc('True for the one managing controller of this object.', { type: 'boolean' }),
          blockOwnerDeletion: doc('With foreground deletion, the owner waits until this object is gone.', { type: 'boolean' }),
        },
      },
    },
  );
}

export const FINALIZERS_DOC =
  'Keys that block deletion. `kubectl delete` (or a controller’s Delete) only sets `deletionTimestamp` while any ' +
  'finalizer remains: the object stays, shown as Terminating, until whoever owns each key removes it; ' +
  'the API server then deletes the object. A finalizer nobody removes keeps it forever. ' +
  `KServe puts \`${ISVC_FINALIZER}\` on InferenceServices.`;

export interface MetaOptions {
  annotations: Schema;
  labels: Schema;
  ownerReferences: Schema;
}

export function objectMetaSchema(kind: string, options: MetaOptions): Schema {
  return doc(`Standard object metadata of the ${kind}.`, {
    type: 'object',
    required: ['name'],
    properties: {
      name: doc(`The ${kind}’s name: lowercase letters, digits, \`-\` and \`.\`.`, { type: 'string', minLength: 1 }),
      namespace: doc('The namespace; `default` when missing. KServe only looks at HPAs in the InferenceService’s namespace.', { type: 'string' }),
      labels: options.labels,
      annotations: options.annotations,
      finalizers: doc(FINALIZERS_DOC, { type: ['array', 'null'], items: { type: 'string' } }),
      ownerReferences: options.ownerReferences,
      deletionTimestamp: doc('When set, the object is being deleted and waits for its finalizers. The lab keeps it only when finalizers remain.', { type: ['string', 'null'] }),
      uid: noise(' Owner references match on it; the lab invents one when missing.'),
      resourceVersion: noise(),
      generation: noise(),
      creationTimestamp: noise(),
      managedFields: noise(),
      selfLink: noise(),
      deletionGracePeriodSeconds: noise(),
    },
  });
}

/** Top-level fields kubectl prints besides apiVersion/kind/metadata/spec. */
export const TOP_LEVEL_NOISE: Record<string, Schema> = {
  status: noise(' Only `spec` and `metadata` feed the model.'),
};

/** A `kind: List` document (kubectl get … -o yaml for several objects) whose items follow `item`. */
export function listSchema(item: Schema, itemKind: string): Schema {
  return doc(`A \`kind: List\` from \`kubectl get … -o yaml\`; each item is a ${itemKind}.`, {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: doc('`v1` for lists printed by kubectl.', { type: 'string' }),
      kind: doc('`List`: the lab unwraps its items.', { const: 'List' }),
      items: doc(`The ${itemKind}s.`, { type: 'array', items: item }),
      metadata: noise(),
    },
  });
}

/**
 * Top-level dispatch: `kind: List` documents validate as lists, everything else as the object.
 * The object lives once under `definitions.object`; `definitions` may carry shared parts.
 */
export function withList(object: Schema, itemKind: string, definitions: Record<string, Schema> = {}): Schema {
  const ref: Schema = { $ref: '#/definitions/object' };
  // No top-level `title`: yaml-language-server would print it as the heading of every hover.
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `kserve-hpa-lab editor schema: one ${itemKind} per document, or a kind: List of them.`,
    type: 'object',
    if: { properties: { kind: { const: 'List' } }, required: ['kind'] },
    then: listSchema(ref, itemKind),
    else: ref,
    definitions: { ...definitions, object },
  };
}
