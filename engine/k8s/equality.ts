import { parseQuantity } from './quantity.ts';

/**
 * apimachinery's `equality.Semantic.DeepEqual`, for plain JSON: like a deep equal, except that
 * an absent, null or empty list/map equals another absent, null or empty one, and quantity
 * strings compare by value. Not modelled: resource.Quantity in numeric (non-string) form.
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a === 'string' && typeof b === 'string') {
    if (a === b) return true;
    const qa = parseQuantity(a);
    const qb = parseQuantity(b);
    return qa !== null && qb !== null && qa === qb;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => semanticDeepEqual(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!semanticDeepEqual(a[key], b[key])) return false;
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
