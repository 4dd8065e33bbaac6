/**
 * The commands of `hpa-lab` as data: name, synopsis, what it does, and its options. `main` parses
 * argv against this table, and every `--help` text is written from it.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown after the flag in help, e.g. "<tags>". */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  synopsis: string;
  summary: string;
  /** Paragraphs after the option list. */
  details?: string;
  options: Readonly<Record<string, OptionSpec>>;
}

const common = {
  versions: { type: 'string', value: '<tags>', help: 'KServe releases to compare, comma-separated (v0.14.1 or 0.14.1)' },
  'start-release': { type: 'string', value: '<tag>', help: 'every compared release starts on this one until controller-upgraded' },
  'no-defaulting': { type: 'boolean', help: 'no autoscaling/v2 defaulting by the API server (as KServe\'s unit tests)' },
  lang: { type: 'string', value: 'en|zh-cn', help: 'language of the results (default en)' },
} as const satisfies Record<string, OptionSpec>;

const help = { type: 'boolean', short: 'h', help: 'show this help' } as const satisfies OptionSpec;

export const EVENT_HELP = `Event words: pod-created, pod-deleted, hpa-scaled:<n>, resync, controller-restarted,
controller-upgraded[:<tag>], gitops-sync, isvc-annotate:<key>=<value>, isvc-annotate:<key>-,
hpa-delete:[<ns>/]<name>, hpa-remove-finalizer:[<ns>/]<name>/<finalizer>, isvc-delete.
Events about one InferenceService take @<name> or @<namespace>/<name> when there are several.`;

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'run',
    synopsis: 'hpa-lab run <files…> [--events e1,e2,…] [--versions …] [--start-release <tag>] [--trace] [--json | --markdown]',
    summary: 'Run a scenario: what each release decides at each step, and what happens to your HPAs.',
    details: `Files are YAML streams of InferenceService and HorizontalPodAutoscaler objects as
\`kubectl get -o yaml\` prints them (kind: List too), and optionally one hpa-lab/v1 Scenario document.
Use - to read standard input.\n\n${EVENT_HELP}`,
    options: {
      events: { type: 'string', value: '<e1,e2,…>', help: 'replace the scenario\'s events' },
      ...common,
      trace: { type: 'boolean', help: 'show every check behind every decision, with upstream source links' },
      json: { type: 'boolean', help: 'JSON with stable field names (sentences rendered, message ids beside them)' },
      markdown: { type: 'boolean', help: 'an issue-ready comment with a playground link' },
      help,
    },
  },
  {
    name: 'link',
    synopsis: 'hpa-lab link <files…> [--events …] [--versions …] [--start-release <tag>]',
    summary: 'Print a playground link that opens the scenario at the first step where the releases disagree.',
    options: { events: { type: 'string', value: '<e1,e2,…>', help: 'replace the scenario\'s events' }, versions: common.versions, 'start-release': common['start-release'], 'no-defaulting': common['no-defaulting'], help },
  },
  {
    name: 'check',
    synopsis: 'hpa-lab check <files or directories…> [--versions …] [--format text|json|github] [--include-edits]',
    summary: 'For CI: can any release bring a user HPA to harm? Exit 0 safe, 1 possible harm, 2 input errors.',
    details: `Directories are walked for *.yaml and *.yml; YAML that is not an InferenceService,
HorizontalPodAutoscaler, List or Scenario is skipped with a note. Each InferenceService is judged with
the HPAs of its namespace that bear one of its component names or scale one of its Deployments.

By default every release from v0.13.0-rc1 (the first with the bug) to the newest is judged, reported
as ranges of releases with the same answer; --versions narrows it. Harms: deleted, left Terminating,
overwritten, two HPAs on one Deployment, scaling undone. The search covers what the cluster does by
itself (pod churn, HPA scaling, resyncs, restarts, GitOps syncs, a pending upgrade); your own edits
(class switches) only with --include-edits.

--format github prints workflow annotations (::error file=…,line=…,col=…::…) at the HPA at risk.`,
    options: {
      versions: common.versions,
      'start-release': common['start-release'],
      depth: { type: 'string', value: '<n>', help: 'events to search after the objects (default 6, at most 12)' },
      format: { type: 'string', value: 'text|json|github', help: 'output format (default text)' },
      'include-edits': { type: 'boolean', help: 'also explore your own class switches' },
      'no-gitops': { type: 'boolean', help: 'the objects are not re-applied by a GitOps tool' },
      'no-fixes': { type: 'boolean', help: 'skip the search for the smallest safe change (faster)' },
      'default-mode': { type: 'string', value: 'RawDeployment|Serverless', help: 'the cluster\'s default deployment mode (inferenceservice-config, key deploy); default Serverless, as KServe ships it' },
      'no-defaulting': common['no-defaulting'],
      lang: common.lang,
      help,
    },
  },
  {
    name: 'explore',
    synopsis: 'hpa-lab explore <files…> [--versions …] [--depth N] [--include-edits] [--json]',
    summary: 'The shortest way to harm each user HPA in each release, and the fewest edits that prevent it.',
    options: {
      versions: common.versions,
      'start-release': common['start-release'],
      depth: { type: 'string', value: '<n>', help: 'events to search after the objects (default 6, at most 12)' },
      'include-edits': { type: 'boolean', help: 'also explore your own class switches' },
      'no-gitops': { type: 'boolean', help: 'the objects are not re-applied by a GitOps tool' },
      'no-defaulting': common['no-defaulting'],
      json: { type: 'boolean', help: 'JSON output' },
      lang: common.lang,
      help,
    },
  },
  {
    name: 'redact',
    synopsis: 'hpa-lab redact <files…> [--rename] [--link | --markdown]',
    summary: 'Print the scenario with only the fields the model reads, verified to decide exactly the same.',
    details: `Everything else goes: status, managedFields, last-applied-configuration, labels, images,
storage URIs, env values, comments, and annotations the model does not read. --rename also replaces
namespaces, InferenceService and HPA names consistently (ns-1, model-1, …), keeping every relationship
the decisions depend on. The original and the redacted scenario are both run; if any decision or
verdict differs, nothing is printed and the command exits 1 with the first differing step.`,
    options: {
      rename: { type: 'boolean', help: 'replace names and namespaces consistently' },
      link: { type: 'boolean', help: 'print a playground link to the redacted scenario instead' },
      markdown: { type: 'boolean', help: 'print an issue-ready comment for the redacted scenario instead' },
      versions: common.versions,
      lang: common.lang,
      help,
    },
  },
  {
    name: 'releases',
    synopsis: 'hpa-lab releases',
    summary: 'Every modelled KServe tag, its commit and its behaviour.',
    options: { lang: common.lang, help },
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function commandHelp(spec: CommandSpec): string {
  const flags = Object.entries(spec.options).map(([name, option]) => ({
    flag: `${option.short ? `-${option.short}, ` : '    '}--${name}${option.value ? ` ${option.value}` : ''}`,
    help: option.help,
  }));
  const width = Math.max(...flags.map((f) => f.flag.length));
  return [
    `Usage: ${spec.synopsis}`,
    '',
    spec.summary,
    '',
    'Options:',
    ...flags.map((f) => `  ${f.flag.padEnd(width)}  ${f.help}`),
    ...(spec.details ? ['', spec.details] : []),
  ].join('\n');
}

export function usage(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `hpa-lab ${version} — what each KServe release does to your HorizontalPodAutoscalers`,
    '',
    'Usage: hpa-lab <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'hpa-lab <command> --help shows a command\'s options. hpa-lab --version prints the version.',
    'Exit codes: 0 success, 1 check found a possible harm (or redaction changed a decision), 2 input error.',
  ].join('\n');
}
