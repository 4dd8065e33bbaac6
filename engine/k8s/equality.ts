import { parseQuantity, quantitiesEqual } from './quantity.ts';

/** The autoscaling/v2 fields typed resource.Quantity; only these compare by value. */
const QUANTITY_FIELDS = new Set(['averageValue', 'value']);

/**
 * apimachinery's `equality.Semantic.DeepEqual`, for plain JSON: like a deep equal, except that
 * an absent, null or empty list/map equals another absent, null or empty one, and quantity
 * fields compare by exact value ("1Gi" = "1024Mi", "0.7" = "700m"); every other string compares
 * byte for byte. A quantity field that does not parse equals only the identical string.
 * Not modelled: resource.Quantity in numeric (non-string) form.
 */
export function semanticDeepEqual(a: unknown, b: unknown, key: string | null = null): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    if (key === null || !QUANTITY_FIELDS.has(key)) return false;
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    return qa !== null && qb !== null && quantitiesEqual(qa, qb);
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => semanticDeepEqual(item, b[index], key));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticDeepEqual(a[k], b[k], k)) return false;
    return true;
  }
  return a === b;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go zero values: a nil pointer, slice or map (absent here) and an empty slice or map. */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
