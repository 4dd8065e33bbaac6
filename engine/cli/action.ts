/**
 * The GitHub Action (action.yml): `hpa-lab check` over the workflow's checkout, with one annotation
 * per InferenceService at risk, a job summary, SARIF for code scanning and step outputs. Inputs
 * come as INPUT_<NAME> variables (https://docs.github.com/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs);
 * the summary and outputs are files named by GITHUB_STEP_SUMMARY and GITHUB_OUTPUT.
 * Exit: 0 nothing fails, 1 a finding that `fail-on` fails on, 2 input that cannot be read.
 */
import { msg, type Message } from '../i18n/message.ts';
import { isLocale, renderMessage, type Locale } from '../i18n/render.ts';
import { checkScenario } from '../explore/check.ts';
import { checkSummary } from '../report/check-summary.ts';
import { reportFindings } from '../report/check-findings.ts';
import { checkSarif } from '../report/sarif.ts';
import type { InputError } from '../scenario/source.ts';
import { checkOutput, githubAnnotation, githubAnnotations } from './check-output.ts';
import { colourer } from './colour.ts';
import { InputFailure, load, type ReadOptions } from './load.ts';
import type { CliIo } from './main.ts';
import { printableLines, terminalSafeJson } from './text-report.ts';

export interface ActionFiles {
  appendFile: (path: string, text: string) => void;
  writeFile: (path: string, text: string) => void;
  /** A fresh token for ::stop-commands:: (random in production). */
  token?: () => string;
}

export const ACTION_INPUTS = ['paths', 'exclude', 'helm-values', 'helm-release-name', 'versions', 'include-edits', 'lang', 'fail-on', 'sarif-file', 'summary'] as const;
type ActionInput = (typeof ACTION_INPUTS)[number];
const FAIL_ON = ['harm', 'refused', 'never'] as const;
type FailOn = (typeof FAIL_ON)[number];

const inputError = (input: string, message: Message): InputError => ({ file: `input ${input}`, line: 1, column: 1, message });

interface Inputs {
  paths: string[];
  /** `check --exclude`, `--values`, `--release-name`. */
  read: ReadOptions;
  versions: string | undefined;
  includeEdits: boolean;
  locale: Locale;
  failOn: FailOn;
  sarifFile: string | null;
  summary: boolean;
}

/** actions/toolkit's getBooleanInput accepts the YAML 1.2 core schema's spellings. */
function booleanInput(name: ActionInput, value: string, fallback: boolean, errors: InputError[]): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  errors.push(inputError(name, msg('input.actionBoolean', { input: name, value })));
  return fallback;
}

function readInputs(env: Readonly<Record<string, string | undefined>>): { inputs: Inputs; errors: InputError[] } {
  const errors: InputError[] = [];
  const get = (name: ActionInput): string => (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
  const known = new Set(ACTION_INPUTS.map((name) => `INPUT_${name.toUpperCase()}`));
  for (const key of Object.keys(env).sort()) {
    if (key.startsWith('INPUT_') && !known.has(key)) errors.push(inputError(key.slice(6).toLowerCase(), msg('input.actionUnknown', { input: key.slice(6).toLowerCase(), known: [...ACTION_INPUTS] })));
  }
  const listOf = (name: ActionInput): string[] => get(name).split(/[\n,]/).map((p) => p.trim()).filter(Boolean);
  const paths = listOf('paths');
  const release = get('helm-release-name');
  const lang = get('lang').toLowerCase() || 'en';
  if (!isLocale(lang)) errors.push(inputError('lang', msg('input.cliLang', { value: get('lang') })));
  // The default matches the CLI's exit codes: a manifest the webhook refuses fails `kubectl apply`, so it fails the step.
  const failOn = get('fail-on') || 'refused';
  if (!(FAIL_ON as readonly string[]).includes(failOn)) errors.push(inputError('fail-on', msg('input.actionFailOn', { value: failOn })));
  const sarifFile = get('sarif-file');
  if (/[\r\n]/.test(sarifFile)) errors.push(inputError('sarif-file', msg('input.actionSarifPath')));
  return {
    inputs: {
      paths: paths.length > 0 ? paths : ['.'],
      read: { exclude: listOf('exclude'), values: listOf('helm-values'), ...(release ? { release } : {}) },
      versions: get('versions') || undefined,
      includeEdits: booleanInput('include-edits', get('include-edits'), false, errors),
      locale: isLocale(lang) ? lang : 'en',
      failOn: (FAIL_ON as readonly string[]).includes(failOn) ? (failOn as FailOn) : 'refused',
      sarifFile: sarifFile || null,
      summary: booleanInput('summary', get('summary'), true, errors),
    },
    errors,
  };
}

/** `name<<DELIMITER` form, so no value can add an output of its own. */
function outputLines(outputs: Record<string, string>, token: string): string {
  return Object.entries(outputs).map(([name, value]) => `${name}<<HPA_LAB_${token}\n${value}\nHPA_LAB_${token}\n`).join('');
}

export async function runAction(io: CliIo, files: ActionFiles): Promise<number> {
  const env = io.env ?? {};
  const token = files.token ?? (() => globalThis.crypto.randomUUID().replace(/-/g, ''));
  const { inputs, errors } = readInputs(env);
  const t = (m: Message) => renderMessage(m, inputs.locale);
  const setOutputs = (outputs: Record<string, string>): void => {
    if (env.GITHUB_OUTPUT) files.appendFile(env.GITHUB_OUTPUT, outputLines(outputs, token()));
  };
  const fail = (problems: InputError[]): number => {
    // The loader names option errors after the CLI flag (`--versions`); here they belong to the Action's input.
    for (const e of problems.map((p) => (p.file.startsWith('--') ? { ...p, file: `input ${p.file.slice(2)}` } : p))) io.stdout(githubAnnotation('error', e.file.startsWith('input ') ? null : e, 'hpa-lab', e.file.startsWith('input ') ? `${e.file}: ${t(e.message)}` : t(e.message)));
    setOutputs({ result: 'error', harmed: '0' });
    return 2;
  };
  if (errors.length > 0) return fail(errors);

  let loaded;
  try {
    loaded = load(inputs.paths, { versions: inputs.versions }, io, true, inputs.read);
  } catch (error) {
    if (error instanceof InputFailure) return fail(error.errors);
    throw error;
  }
  if (!loaded.scenario.objects.some((o) => o.object.kind === 'InferenceService')) {
    // A pull request that touches no InferenceService has nothing at risk: a notice, not a failure.
    const notes = loaded.notes ?? [];
    for (const note of notes.some((n) => n.id === 'ci.noIsvcHere') ? notes : [...notes, msg('ci.noIsvcHere')]) {
      io.stdout(githubAnnotation('notice', null, 'hpa-lab', t(note)));
    }
    setOutputs({ result: 'safe', harmed: '0', refused: '0' });
    return 0;
  }
  const report = checkScenario(loaded.scenario, {
    ...(inputs.versions ? { versions: loaded.scenario.settings.versions } : {}),
    includeEdits: inputs.includeEdits,
  });

  const findings = reportFindings(loaded.scenario, report);
  const harmed = new Set(findings.filter((f) => f.kind !== 'refused').map((f) => f.isvc)).size;
  const refused = new Set(findings.filter((f) => f.kind === 'refused').map((f) => f.isvc)).size;
  const outputs: Record<string, string> = { result: report.harm ? 'harm' : 'safe', harmed: String(harmed), refused: String(refused) };
  if (inputs.sarifFile) {
    try {
      files.writeFile(inputs.sarifFile, `${terminalSafeJson(JSON.stringify(checkSarif(report, loaded.scenario, { version: io.version ?? '0.0.0', locale: inputs.locale }), null, 2))}\n`);
      outputs['sarif-file'] = inputs.sarifFile;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unwritable';
      return fail([inputError('sarif-file', msg('input.actionSarifUnwritable', { path: inputs.sarifFile, code }))]);
    }
  }
  // The readable report goes to the log with workflow commands paused: nothing in it can be one.
  const pause = token();
  io.stdout(`::stop-commands::${pause}`);
  io.stdout(checkOutput(report, loaded, 'text', inputs.locale, colourer({ isTTY: false })));
  io.stdout(`::${pause}::`);
  for (const line of githubAnnotations(report, loaded, inputs.locale)) io.stdout(line);

  if (inputs.summary && env.GITHUB_STEP_SUMMARY) files.appendFile(env.GITHUB_STEP_SUMMARY, printableLines(await checkSummary(report, loaded.scenario, { locale: inputs.locale })));
  setOutputs(outputs);
  if (inputs.failOn === 'never') return 0;
  return harmed > 0 || (inputs.failOn === 'refused' && refused > 0) ? 1 : 0;
}
