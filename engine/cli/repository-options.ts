/** The repository options of `check` (`--exclude`, `--values`, `--release-name`) read from argv, and what gates its exit code. */
import type { CheckReport } from '../explore/check.ts';
import type { ReadOptions, Values } from './load.ts';

const list = (value: Values[string]): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []);

export function readOptions(values: Values): ReadOptions {
  return {
    exclude: list(values.exclude),
    values: list(values.values),
    ...(typeof values['release-name'] === 'string' ? { release: values['release-name'] } : {}),
  };
}

/** Some release refuses some InferenceService: applying it there fails. */
export const refusedAnywhere = (report: CheckReport): boolean => report.checked.some((c) => c.ranges.some((r) => !r.result.found && r.result.refused !== undefined));
