/** A small collector for validation problems that point at paths inside one YAML document of the input. */
import { msg, type Message } from '../i18n/message.ts';
import { LIMITS, locate, locateKey, type InputError, type LoadedDocument } from './source.ts';

export type Path = readonly (string | number)[];

export interface Checker {
  errors: InputError[];
  error(path: Path, message: Message): void;
  keyError(path: Path, message: Message): void;
}

export function createChecker(loaded: Pick<LoadedDocument, 'file' | 'doc' | 'lineCounter'>, errors: InputError[] = []): Checker {
  // Locating a problem scans its map, so an unbounded list of problems would cost quadratic time.
  const add = (where: () => Omit<InputError, 'message'>, message: Message): void => {
    if (errors.length > LIMITS.errors) return;
    errors.push({ ...where(), message: errors.length === LIMITS.errors ? msg('input.tooManyProblems', { limit: LIMITS.errors }) : message });
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
export function readStringMap(check: Checker, value: unknown, path: Path, what: 'label' | 'annotation'): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    check.error(path, msg(what === 'label' ? 'input.labelsNotMap' : 'input.annotationsNotMap'));
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      check.error([...path, key], msg(what === 'label' ? 'input.labelNotString' : 'input.annotationNotString', { key }));
      continue;
    }
    out[key] = item;
  }
  return out;
}

/** `field` is the field's name as written in YAML (it is shown as is in every language). */
export function readInteger(check: Checker, value: unknown, path: Path, field: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    check.error(path, msg('input.notInteger', { field }));
    return undefined;
  }
  if (value < min) {
    check.error(path, msg('input.tooSmall', { field, min }));
    return undefined;
  }
  return value;
}

export function readStringList(check: Checker, value: unknown, path: Path, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    check.error(path, msg('input.notStringList', { field }));
    return undefined;
  }
  return value as string[];
}
