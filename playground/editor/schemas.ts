/**
 * The JSON Schemas the Monaco editor validates and documents YAML against, as plain objects built
 * from the engine's release table, so hover docs stay true per release. DOM-free: the unit tests
 * and any build-time tool can import it.
 */
import { RELEASES, type Release } from '../../engine/kserve/releases.ts';
import { buildHpaSchema } from '../../engine/schema/hpa.ts';
import { buildInferenceServiceSchema } from '../../engine/schema/inferenceservice.ts';
import type { Schema } from '../../engine/schema/meta.ts';
import { schemaText } from '../../engine/schema/text.ts';
import type { Locale } from '../../engine/i18n/render.ts';

export type { Schema } from '../../engine/schema/meta.ts';
export { buildHpaSchema } from '../../engine/schema/hpa.ts';
export { buildInferenceServiceSchema } from '../../engine/schema/inferenceservice.ts';

export type SchemaId = 'inferenceservice' | 'hpa';

export interface EditorSchema {
  id: SchemaId;
  /** Shown as the schema's name; never fetched (`enableSchemaRequest: false`). */
  uri: string;
  /** Models whose URI ends in `.<id>.yaml` get this schema (see `modelFileName`). */
  fileMatch: string[];
  schema: Schema;
}

/** The file name part of a model URI for editor number `n` and a schema. */
export function modelFileName(n: number, id: SchemaId): string {
  return `editor-${n}.${id}.yaml`;
}

/** Both editor schemas, for one release table (the engine's by default), with hovers in `locale`. */
export function buildEditorSchemas(releases: readonly Release[] = RELEASES, locale: Locale = 'en'): EditorSchema[] {
  const t = schemaText(locale);
  const build: Record<SchemaId, () => Schema> = {
    inferenceservice: () => buildInferenceServiceSchema(releases, t),
    hpa: () => buildHpaSchema(releases, t),
  };
  return (Object.keys(build) as SchemaId[]).map((id) => ({
    id,
    uri: `https://kserve-hpa-lab.invalid/schemas/${id}.json`,
    fileMatch: [`**/*.${id}.yaml`],
    schema: build[id](),
  }));
}
