/**
 * Editing one field of one object inside YAML text the user wrote, through the YAML document
 * tree, so comments and layout elsewhere survive. Only the edited document is re-printed.
 */
import { isMap, isSeq, parseAllDocuments, type Document } from 'yaml';

/** `metadata.annotations["serving.kserve.io/x"]` → ['metadata', 'annotations', 'serving.kserve.io/x']. */
export function fieldPath(field: string): string[] {
  const path: string[] = [];
  const pattern = /([^.[\]]+)|\["((?:[^"\\]|\\.)*)"\]/g;
  for (const match of field.matchAll(pattern)) path.push(match[1] ?? JSON.parse(`"${match[2]}"`));
  return path;
}

/** Where an object (by kind and name) sits: its document and the path prefix inside it (List items). */
function findObject(docs: Document.Parsed[], kind: string, name: string): { index: number; prefix: (string | number)[] } | null {
  for (const [index, doc] of docs.entries()) {
    const contents = doc.contents;
    if (!isMap(contents)) continue;
    const docKind: unknown = doc.get('kind');
    if (docKind === kind && doc.getIn(['metadata', 'name']) === name) return { index, prefix: [] };
    const items = contents.get('items', true);
    if (docKind === 'List' && isSeq(items)) {
      for (const [i, item] of items.items.entries()) {
        if (isMap(item) && doc.getIn(['items', i, 'kind']) === kind && doc.getIn(['items', i, 'metadata', 'name']) === name) return { index, prefix: ['items', i] };
      }
    }
  }
  return null;
}

/**
 * Sets (or, with `value === undefined`, removes) a field of the object `Kind/name` in `text`.
 * Returns the new text, or null when the object is not in this text.
 */
export function editField(text: string, object: string, path: readonly string[], value: unknown): string | null {
  const slash = object.indexOf('/');
  const kind = object.slice(0, slash);
  const name = object.slice(slash + 1);
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  const found = findObject(docs, kind, name);
  if (!found) return null;
  const doc = docs[found.index]!;
  const full = [...found.prefix, ...path];
  if (value === undefined) doc.deleteIn(full);
  else doc.setIn(full, value);
  const start = found.index === 0 ? 0 : docs[found.index - 1]!.range[2];
  return text.slice(0, start) + doc.toString() + text.slice(doc.range[2]);
}
