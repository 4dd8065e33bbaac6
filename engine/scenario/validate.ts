/** A small collector for validation problems that point at paths inside one YAML document of the input. */
import { LIMITS, locate, locateKey, type InputError, type LoadedDocument } from './source.ts';

export type Path = readonly (string | number)[];

export interface Checker {
  errors: InputError[];
  error(path: Path, message: string): void;
  keyError(path: Path, message: string): void;
}

export function createChecker(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, errors: InputError[] = []): Checker {
  // Locating a problem scans its map, so an unbounded list of problems would cost quadratic time.
  const add = (where: () => Omit<InputError, 'message'>, message: string): void => {
    if (errors.length > LIMITS.errors) return;
    errors.push({ ...where(), message: errors.length === LIMITS.errors ? `more than ${LIMITS.errors} problems; fix these first` : message });
  };
  return {
    errors,
    error: (path, message) => add(() => locate(loaded, path), message),
    keyError: (path, message) => add(() => locateKey(loaded, path), message),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map of strings (labels, annotations); reports non-string values, which kubectl would refuse. */
export function readStringMap(check: Checker, value: unknown, path: Path, what: string): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    check.error(path, `${what} must be a map of strings`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      check.error([...path, key], `${what} "${key}" must be a string; quote the value`);
      continue;
    }
    out[key] = item;
  }
  return out;
}

export function readInteger(check: Checker, value: unknown, path: Path, what: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    check.error(path, `${what} must be an integer`);
    return undefined;
  }
  if (value < min) {
    check.error(path, `${what} must be at least ${min}`);
    return undefined;
  }
  return value;
}

export function readStringList(check: Checker, value: unknown, path: Path, what: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    check.error(path, `${what} must be a list of strings`);
    return undefined;
  }
  return value as string[];
}
