#!/usr/bin/env node
/**
 * Regenerates engine/kserve/source-map.ts from a git mirror of kserve/kserve:
 *
 *   node bin/source-map.ts <kserve-git-dir> [tag …]
 *
 * Without tags it regenerates the tags the committed file already has (add a tag by naming them
 * all). A tag may also be a branch pin, `master@<first 12 hex digits of a commit>`: an unreleased
 * commit, which must be on that branch of the mirror. For each tag it records the peeled commit,
 * its date, and where each anchor lives, found by the rules in ANCHORS. gofmt puts a function's closing brace alone at column 0 and a block's
 * at its opening line's indentation, which is what the rules rely on.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnchorId, SourceAnchor, TagSource } from '../engine/kserve/source-map.ts';
import { parseBranchPin } from '../engine/kserve/tags.ts';

const RECONCILERS = 'pkg/controller/v1beta1/inferenceservice/reconcilers';
const CONTROLLER = 'pkg/controller/v1beta1/inferenceservice/controller.go';
const HPA = `${RECONCILERS}/hpa/hpa_reconciler.go`;
const RAW = `${RECONCILERS}/raw/raw_kube_reconciler.go`;

/**
 * How each anchor is found. `func` names a Go function (with its receiver, if any), which runs to
 * its closing brace. `from` starts a block of statements at that line, which runs to the closing
 * brace (at the same indentation) of the block opened at or after `until`.
 */
type Rule = { path: string } & ({ func: string } | { from: RegExp; until: RegExp });

export const ANCHORS: Readonly<Record<AnchorId, Rule>> = {
  getAutoscalerClass: { path: `${RECONCILERS}/autoscaler/autoscaler_reconciler.go`, func: 'getAutoscalerClass' },
  createAutoscaler: { path: `${RECONCILERS}/autoscaler/autoscaler_reconciler.go`, func: 'createAutoscaler' },
  validateAutoscalerClass: { path: 'pkg/apis/serving/v1beta1/inference_service_validation.go', func: 'validateInferenceServiceAutoscaler' },
  // buildObjectMeta from v0.15.0-rc1; before it, the inline block in Predictor.Reconcile (see the file's header).
  componentMeta: { path: 'pkg/controller/v1beta1/inferenceservice/components/predictor.go', func: '(p *Predictor) buildObjectMeta' },
  setControllerReferences: { path: HPA, func: '(r *HPAReconciler) SetControllerReferences' },
  createHPA: { path: HPA, func: 'createHPA' },
  getHPAMetrics: { path: HPA, func: 'getHPAMetrics' },
  semanticHPAEquals: { path: HPA, func: 'semanticHPAEquals' },
  shouldCreateHPA: { path: HPA, func: 'shouldCreateHPA' },
  shouldDeleteHPA: { path: HPA, func: 'shouldDeleteHPA' },
  checkHPAExist: { path: HPA, func: '(r *HPAReconciler) checkHPAExist' },
  hpaReconcile: { path: HPA, func: '(r *HPAReconciler) Reconcile' },
  rawReconcilerAutoscaler: { path: RAW, func: '(r *RawKubeReconciler) Reconcile' },
  setupWithManager: { path: CONTROLLER, func: '(r *InferenceServiceReconciler) SetupWithManager' },
  isvcFinalizer: { path: CONTROLLER, from: /^\tfinalizerName := "inferenceservice\.finalizers"$/, until: /DeletionTimestamp\.IsZero\(\) \{$/ },
  deploymentModeResolve: { path: 'pkg/controller/v1beta1/inferenceservice/utils/utils.go', func: 'GetDeploymentMode' },
  deploymentReplicas: { path: `${RECONCILERS}/deployment/deployment_reconciler.go`, from: /^\s*if (componentExt != nil && )?componentExt\.MinReplicas != nil && deployment\.Annotations\[constants\.AutoscalerClass\] == string\(constants\.AutoscalerClass(External|None)\) \{$/, until: /\{$/ },
  workloadModeParse: { path: RAW, from: /^\s*deploymentMode := constants\.ParseDeploymentMode\(componentMeta\.Annotations\[constants\.DeploymentMode\]\)$/, until: /:= factory\.CreateWorkloadReconciler\($/ },
  kedaReconcile: { path: `${RECONCILERS}/keda/keda_reconciler.go`, func: '(r *KedaReconciler) Reconcile' },
};

/** The inline object meta of older tags: from `predictorName := …` to the end of the `objectMeta` literal. */
const INLINE_COMPONENT_META: Rule = { path: ANCHORS.componentMeta.path, from: /^\tpredictorName := constants\.PredictorServiceName\(isvc\.Name\)$/, until: /^\tobjectMeta := metav1\.ObjectMeta\{$/ };

/** Lines `start`..`end` (1-based, inclusive) that the rule picks out of a file's lines, or null when the file has none. */
export function locate(lines: readonly string[], rule: Rule): { start: number; end: number } | null {
  if ('func' in rule) {
    const start = lines.findIndex((line) => line.startsWith(`func ${rule.func}(`));
    if (start === -1) return null;
    const end = lines.findIndex((line, i) => i > start && line === '}');
    return end === -1 ? null : { start: start + 1, end: end + 1 };
  }
  const start = lines.findIndex((line) => rule.from.test(line));
  if (start === -1) return null;
  const indent = /^\s*/.exec(lines[start]!)![0];
  const opened = lines.findIndex((line, i) => i >= start && rule.until.test(line));
  if (opened === -1) return null;
  const end = lines.findIndex((line, i) => i > opened && line === `${indent}}`);
  return end === -1 ? null : { start: start + 1, end: end + 1 };
}

/** Every anchor a tag's files have, in AnchorId order; `read` gives a file's text at the tag, or null. */
export function anchorsOf(read: (path: string) => string | null): Partial<Record<AnchorId, SourceAnchor>> {
  const files = new Map<string, string[] | null>();
  const lines = (path: string) => {
    if (!files.has(path)) files.set(path, read(path)?.split('\n') ?? null);
    return files.get(path)!;
  };
  const anchors: Partial<Record<AnchorId, SourceAnchor>> = {};
  for (const [id, rule] of Object.entries(ANCHORS) as [AnchorId, Rule][]) {
    const text = lines(rule.path);
    const found = text && (locate(text, rule) ?? (id === 'componentMeta' ? locate(text, INLINE_COMPONENT_META) : null));
    if (found) anchors[id] = { path: rule.path, ...found };
  }
  return anchors;
}

const HEADER = `/** Where each decision point lives in kserve/kserve at each release tag. Generated by reading the tags; line numbers are 1-based and inclusive. */
export type AnchorId =
  | 'getAutoscalerClass'      // reads serving.kserve.io/autoscalerClass, default hpa (autoscaler_reconciler.go)
  | 'createAutoscaler'        // class -> HPA / KEDA / NoOp / error dispatch (autoscaler_reconciler.go)
  | 'validateAutoscalerClass' // admission webhook check of the class value (inference_service_validation.go)
  | 'componentMeta'           // predictor object meta: name <isvc>-predictor, labels, annotations (components/predictor.go)
  | 'setControllerReferences' // controller ownerRef on the desired HPA
  | 'createHPA'               // desired HPA builder (hpa_reconciler.go)
  | 'getHPAMetrics'           // metrics builder (hpa_reconciler.go); in older tags the metrics part of createHPA
  | 'semanticHPAEquals'
  | 'shouldCreateHPA'         // absent before v0.13.0-rc1 -> omit for those tags
  | 'shouldDeleteHPA'         // absent before v0.13.0-rc1 -> omit
  | 'checkHPAExist'
  | 'hpaReconcile'            // HPAReconciler.Reconcile: the switch that issues Create/Update/Delete
  | 'rawReconcilerAutoscaler' // raw_kube_reconciler.go: where the autoscaler reconciler is built/called
  | 'setupWithManager'        // controller.go watches (For/Owns)
  | 'isvcFinalizer'           // controller.go: finalizer add/remove on the ISVC and early return when deleting
  | 'deploymentModeResolve'   // where RawDeployment vs Serverless is decided for an ISVC
  | 'deploymentReplicas'      // deployment_reconciler.go replicas special case (external in v0.15.0, none from v0.15.1); omit where absent
  | 'workloadModeParse'       // raw_kube_reconciler.go: strict parse of the component's deploymentMode + workload factory (v0.17.0-rc0+)
  | 'kedaReconcile';          // keda_reconciler.go: KedaReconciler.Reconcile, the ScaledObject's Get/Create/Update/Delete (v0.15.0-rc1+)

export interface SourceAnchor { readonly path: string; readonly start: number; readonly end: number }
export interface TagSource {
  readonly tag: string;      // e.g. 'v0.14.1', or a branch pin 'master@aaac4e294dae' (an unreleased commit)
  readonly commit: string;   // full 40-hex commit the tag points to (peeled)
  readonly date: string;     // commit date YYYY-MM-DD
  readonly anchors: Readonly<Partial<Record<AnchorId, SourceAnchor>>>;
}

// Generated by bin/source-map.ts from a kserve/kserve mirror (its ANCHORS say how each anchor is found).
// Do not edit by hand; regenerate from the kserve/kserve tags instead.
// Range conventions:
//   * functions: from the \`func\` line to its closing brace (doc comments excluded);
//   * componentMeta: predictor \`buildObjectMeta\` where it exists (v0.15.0-rc1+); in older tags the inline
//     block in Predictor.Reconcile from \`predictorName := ...\` (incl. the legacy \`-default\` lookup) to the end
//     of the \`objectMeta\` literal;
//   * rawReconcilerAutoscaler: RawKubeReconciler.Reconcile (runs the sub-reconcilers; the Scaler always last); the autoscaler
//     reconciler itself is *built* earlier, in NewRawKubeReconciler of the same file;
//   * isvcFinalizer: from \`finalizerName := "inferenceservice.finalizers"\` to the end of the
//     DeletionTimestamp if/else (which returns before any component is reconciled);
//   * deploymentModeResolve: utils.GetDeploymentMode (pkg/controller/v1beta1/inferenceservice/utils/utils.go);
//   * deploymentReplicas: the create-time block that sets Deployment spec.replicas = minReplicas for one class
//     (\`external\` v0.15.0-rc0..v0.15.0, \`none\` v0.15.1+); the matching "keep replica diffs" checks are in
//     checkDeploymentExist and Reconcile of the same file. Absent before v0.15.0-rc0.
//   * shouldCreateHPA / shouldDeleteHPA: absent before v0.13.0-rc1.
`;

/** The text of engine/kserve/source-map.ts for these tags. */
export function renderSourceMap(tags: readonly TagSource[]): string {
  const entry = (t: TagSource) => [
    '  {',
    `    tag: '${t.tag}',`,
    `    commit: '${t.commit}',`,
    `    date: '${t.date}',`,
    '    anchors: {',
    ...Object.entries(t.anchors).map(([id, a]) => `      ${`${id}:`.padEnd(24)} { path: '${a.path}', start: ${a.start}, end: ${a.end} },`),
    '    },',
    '  },',
  ].join('\n');
  return `${HEADER}\nexport const TAG_SOURCES: readonly TagSource[] = [\n${tags.map(entry).join('\n')}\n];\n`;
}

/** One tag (or branch pin) read from the mirror at `gitDir`. */
export function readTag(gitDir: string, tag: string): TagSource {
  const git = (...args: string[]): string => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pin = parseBranchPin(tag);
  const commit = git('rev-parse', `${pin ? pin.commit : tag}^{commit}`).trim();
  // A pin names an unreleased commit of its branch; one the branch never had is a typo, not a pin.
  if (pin) git('merge-base', '--is-ancestor', commit, `refs/heads/${pin.branch}`);
  const date = git('log', '-1', '--format=%cs', commit).trim();
  const read = (path: string): string | null => {
    try {
      return execFileSync('git', [`--git-dir=${gitDir}`, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return null;
    }
  };
  return { tag, commit, date, anchors: anchorsOf(read) };
}

if (import.meta.main) {
  const [gitDir, ...named] = process.argv.slice(2);
  if (!gitDir) {
    process.stderr.write('usage: node bin/source-map.ts <kserve-git-dir> [tag …]\n');
    process.exit(2);
  }
  const { TAG_SOURCES } = await import('../engine/kserve/source-map.ts');
  const tags = named.length > 0 ? named : TAG_SOURCES.map((t) => t.tag);
  const out = fileURLToPath(new URL('../engine/kserve/source-map.ts', import.meta.url));
  writeFileSync(out, renderSourceMap(tags.map((tag) => readTag(gitDir, tag))));
  process.stdout.write(`${out}: ${tags.length} tags\n`);
}
