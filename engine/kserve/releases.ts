/**
 * KServe releases as data. Each row of CHANGES is one upstream commit that changed what the HPA
 * path decides, with the first tag that contains it; a release's behaviour is the fold of every
 * change up to its tag. The tag list itself comes from the source map read off the repository.
 * A branch pin there (`master@<commit>`) is an unreleased entry: the default branch at a commit
 * newer than the newest tag, modelled so a reader can see what the next release will do. It is in
 * the table (RELEASE_TABLE) but never among the releases (RELEASES, KNOWN_TAGS) that the tools
 * compare, check or advise on unless it is asked for by name.
 */
import { TAG_SOURCES, type TagSource } from './source-map.ts';
import { canonicalTag, compareTags, parseBranchPin, parseTag } from './tags.ts';
import type { DeploymentMode } from './constants.ts';
import { msg, type Message, type MessageId } from '../i18n/message.ts';
import { renderMessage } from '../i18n/render.ts';
import { REPRESENTATIVE_RELEASES } from '../vocabulary.ts';

export type Dispatch = 'HPAReconciler' | 'KedaReconciler' | 'NoOpAutoscaler';
export type ShouldCreateRule = 'always' | 'classIsHpa' | 'classIsHpaAndNotStopped';
export type ShouldDeleteRule = 'never' | 'desiredClassIsExternal' | 'ownedAndClassIsExternalOrNone' | 'ownedAndStoppedOrClassIsExternalOrNone';
export type BehaviourId = 'noop-external' | 'delete-on-annotation' | 'owner-checked' | 'delete-check-first';

export interface Behaviour {
  id: BehaviourId;
  /** Classes the admission webhook accepts on the InferenceService annotation. */
  webhookClasses: readonly string[];
  /** What `createAutoscaler` builds per class; a class missing here is an error. */
  dispatch: Readonly<Record<string, Dispatch>>;
  shouldCreate: ShouldCreateRule;
  shouldDelete: ShouldDeleteRule;
  /** v0.16+: shouldDeleteHPA runs before semanticHPAEquals. */
  deleteCheckedFirst: boolean;
  /** Before #3650 equality compared specs only; after, the class annotation too. */
  equalityComparesClass: boolean;
  /** Desired-HPA metrics: A = scaleMetric/scaleTarget/annotation, B = autoScaling.metrics (#4349). */
  builder: 'A' | 'B';
  /** v0.16.0-rc1+: a missing component extension gets defaults instead of a nil dereference. */
  toleratesNilComponentExtension: boolean;
  /** The class for which the Deployment reconciler keeps spec.replicas at minReplicas. */
  keepReplicasClass: string | null;
  /**
   * What a Deployment write after a spec change (a rollout) sends as replicas for every class but
   * the pinning one: the API server's default of 1 that the dry-run update filled into KServe's
   * desired object (`apiDefault`: v0.12–v0.13's full Update, v0.15.0-rc0…v0.15.0's merged desired
   * document), or nothing, so the live count stays (`kept`: v0.14's patch on the existing object,
   * v0.15.1+'s two-way patch without replicas).
   */
  rolloutReplicas: 'apiDefault' | 'kept';
  /** Webhook: serving.kserve.io/targetUtilizationPercentage must be an integer 1–100 (dropped in v0.15.0). */
  webhookChecksTargetUtilization: boolean;
  /** Webhook: values serving.kserve.io/metrics may take when the class is exactly hpa; null = not checked. */
  webhookMetricValues: readonly string[] | null;
  /**
   * Webhook, per component (validateAutoScalingCompExtension): how it picks the HPA, KPA or KEDA
   * rules from the InferenceService's annotations. `rawOrKnativeHpa`: HPA rules when the
   * deploymentMode annotation is the release's RawDeployment spelling or the Knative class is
   * HPA, else KPA. `rawOrKnativeHpaElseKeda` (v0.15.0-rc1): the same, with class keda taking the
   * KEDA rules outside that. `rawByClass` (v0.15.0+): with the RawDeployment spelling, class hpa
   * → HPA rules, keda → KEDA rules, any other class (or none) → no rules; otherwise as before.
   */
  scalingRuleChoice: 'rawOrKnativeHpa' | 'rawOrKnativeHpaElseKeda' | 'rawByClass';
  /** The scaleMetric values the HPA rules accept (unset means cpu). */
  hpaRuleMetrics: readonly string[];
  /** v0.15.0+: the HPA rules also want every autoScaling.metrics[] entry of type Resource with `resource` set. */
  hpaRulesCheckAutoScaling: boolean;
  /** The KEDA rules on scaleMetric/scaleTarget: v0.15.0-rc1 checks the target as the HPA rules do; v0.15.0+ refuse any scaleMetric. */
  kedaRules: 'none' | 'targetAsHpa' | 'noScaleMetric';
  /** deploymentMode annotation values GetDeploymentMode understands (exact, case-sensitive); others fall back to the default. */
  modeNames: Readonly<Record<string, DeploymentMode>>;
  /** How this release spells each mode where it writes one: in status and in the annotation its webhook adds. */
  modeSpelling: Readonly<Record<DeploymentMode, string>>;
  /** v0.15.1+: the controller records the resolved mode in status.deploymentMode. */
  writesStatusMode: boolean;
  /**
   * How GetDeploymentMode reads a non-empty status.deploymentMode, which it puts first: not at all
   * (before v0.15.1), verbatim (v0.15.1 … v0.18.1, so a legacy `RawDeployment` is not `Standard`),
   * or through ParseDeploymentMode (v0.19.0-rc0+, #5427).
   */
  statusRead: 'ignored' | 'verbatim' | 'parsed';
  /**
   * validateDeploymentMode (v0.15.1+): the annotation of an update may not differ from status.
   * `parsed` runs the status through ParseDeploymentMode first; `emptyIsStandard` (v0.19.x only)
   * parses an empty status to Standard, so a first update with any other annotation is refused.
   */
  modeCheck: 'none' | 'verbatim' | 'parsed' | 'parsed, emptyIsStandard';
  /** v0.17.0-rc0+: the mutating webhook rewrites RawDeployment → Standard and Serverless → Knative. */
  mutatingNormalizesLegacyMode: boolean;
  /** What the validating webhook still checks on an update of an InferenceService being deleted. */
  webhookWhileDeleting: 'everything' | 'all but the mode check' | 'nothing';
  /**
   * v0.17.0-rc0+ (#4922): the raw reconciler parses the component's own deploymentMode annotation
   * strictly; anything but absent, Standard or RawDeployment fails the component before any write.
   */
  workloadModeParse: 'none' | 'strict';
  /** v0.20.0-rc0+ (#5672): spec.predictor.name names the predictor `<isvc>-<name>-predictor`. */
  predictorNameFromSpec: boolean;
  /**
   * v0.17.0-rc0+ (#5114): when the mode is Knative and Knative Serving is not installed, the
   * controller writes its status before it stops (ServerlessModeRejected); earlier releases return
   * before updateStatus. The model reconciles as if Knative Serving were installed.
   */
  knativeAbortWritesStatus: boolean;
  /** v0.16.0-rc0+ (#4455): serving.kserve.io/stop deletes the component's Deployment (and Service). */
  stopDeletesDeployment: boolean;
  /**
   * Unreleased (#5934): the raw reconciler makes the InferenceService controller of everything it
   * applies, so a canary's HPA is owned like the stable one. In v0.20 the canary path sets it on the
   * canary's Deployment and Service only (v0.20.0 predictor.go:946-951).
   */
  canaryAutoscalerOwned: boolean;
  /**
   * Unreleased (#5984): the canaries are reconciled before the stable predictor, and only a canary
   * whose Deployment has an available replica lowers the stable minReplicas, which is left as
   * written while none is (master predictor.go:227-237, :877-900, :957-979). v0.20 lowers it by
   * every canary's replicas, to at least 1, after the stable reconcile (v0.20.0 predictor.go:794-803).
   */
  canaryReadinessGated: boolean;
}

export interface Change {
  firstTag: string;
  commit: string;
  pr: number;
  title: string;
  set: Partial<Behaviour>;
}

export const CHANGES: readonly Change[] = [
  {
    firstTag: 'v0.12.0', commit: '16f3da24732e011369288aa41ab2df4cada29012', pr: 3086,
    title: 'Allow disabling creation of the HPA in raw deployment mode',
    set: {
      id: 'noop-external', webhookClasses: ['hpa', 'external'],
      dispatch: { hpa: 'HPAReconciler', external: 'NoOpAutoscaler' },
      shouldCreate: 'always', shouldDelete: 'never', deleteCheckedFirst: false, equalityComparesClass: false,
      builder: 'A', toleratesNilComponentExtension: false, keepReplicasClass: null, rolloutReplicas: 'apiDefault',
      webhookChecksTargetUtilization: true, webhookMetricValues: ['cpu', 'memory'],
      scalingRuleChoice: 'rawOrKnativeHpa', hpaRuleMetrics: ['cpu', 'memory'], hpaRulesCheckAutoScaling: false, kedaRules: 'none',
      modeNames: { RawDeployment: 'RawDeployment', Serverless: 'Serverless', ModelMesh: 'ModelMesh' },
      modeSpelling: { RawDeployment: 'RawDeployment', Serverless: 'Serverless', ModelMesh: 'ModelMesh' },
      writesStatusMode: false, statusRead: 'ignored', modeCheck: 'none',
      mutatingNormalizesLegacyMode: false, webhookWhileDeleting: 'everything',
      workloadModeParse: 'none', predictorNameFromSpec: false, stopDeletesDeployment: false,
      knativeAbortWritesStatus: false, canaryAutoscalerOwned: false, canaryReadinessGated: false,
    },
  },
  {
    firstTag: 'v0.13.0-rc1', commit: '56a2940358ca14bf65e37b2c7a16bf5a85f73513', pr: 3650,
    title: 'fix: HPA equality check should include annotations',
    set: {
      id: 'delete-on-annotation', dispatch: { hpa: 'HPAReconciler', external: 'HPAReconciler' },
      shouldCreate: 'classIsHpa', shouldDelete: 'desiredClassIsExternal', equalityComparesClass: true,
    },
  },
  {
    firstTag: 'v0.14.0-rc0', commit: '7dd4ae2e5c6c821a4a3b875ffcc35a70b18a3234', pr: 3786,
    title: 'Fix issue with rolling update behavior (patch the existing Deployment without replicas)',
    set: { rolloutReplicas: 'kept' },
  },
  {
    firstTag: 'v0.15.0-rc0', commit: '6a651d1d38bc5928dab006c176150312fba59dd2', pr: 3972,
    title: 'Multi-Node Inference Implementation (the patch is built from the dry-run desired Deployment again)',
    set: { rolloutReplicas: 'apiDefault' },
  },
  {
    firstTag: 'v0.15.0-rc0', commit: '6653b8999969', pr: 4196,
    title: 'keep replicas when autoscaler set external',
    set: { keepReplicasClass: 'external' },
  },
  {
    firstTag: 'v0.15.0-rc1', commit: 'd78fd2510ed0', pr: 3652, title: 'KServe Keda Integration',
    set: {
      webhookClasses: ['hpa', 'external', 'keda'],
      dispatch: { hpa: 'HPAReconciler', external: 'HPAReconciler', keda: 'KedaReconciler' },
      webhookMetricValues: ['cpu', 'memory', 'prometheus'],
      scalingRuleChoice: 'rawOrKnativeHpaElseKeda', hpaRuleMetrics: ['cpu', 'memory', 'prometheus'], kedaRules: 'targetAsHpa',
    },
  },
  {
    firstTag: 'v0.15.0', commit: '4881bc5e6908', pr: 4295, title: 'Keda integration external scaler',
    set: { hpaRuleMetrics: ['cpu', 'memory'] },
  },
  {
    firstTag: 'v0.15.0', commit: 'd20d4228a8b2', pr: 4349, title: 'clean up autoscaling code for raw deployment',
    set: {
      builder: 'B', webhookChecksTargetUtilization: false, webhookMetricValues: null,
      scalingRuleChoice: 'rawByClass', hpaRulesCheckAutoScaling: true, kedaRules: 'noScaleMetric',
    },
  },
  {
    firstTag: 'v0.15.1', commit: 'd22b41b769ac8d786e7bcff95164e27785578ab2', pr: 4363,
    title: 'Feat should not NewHPARecroncile for external hpa.',
    set: {
      id: 'owner-checked', webhookClasses: ['hpa', 'external', 'keda', 'none'],
      dispatch: { hpa: 'HPAReconciler', external: 'HPAReconciler', keda: 'KedaReconciler', none: 'HPAReconciler' },
      shouldDelete: 'ownedAndClassIsExternalOrNone', keepReplicasClass: 'none',
    },
  },
  {
    firstTag: 'v0.15.1', commit: '1c05871642949e095c457dc25ac34656e083ac51', pr: 4445,
    title: 'Fix raw deployment update (a two-way patch of the existing and desired Deployment, replicas left out)',
    set: { rolloutReplicas: 'kept' },
  },
  {
    firstTag: 'v0.15.1', commit: 'cb755147a7f1aa38bfd812ea85cf0c6beac3be9c', pr: 4423,
    title: 'Add DeploymentMode to InferenceService status and prevent deploymentMode change',
    set: { writesStatusMode: true, statusRead: 'verbatim', modeCheck: 'verbatim' },
  },
  {
    firstTag: 'v0.16.0-rc0', commit: '6530d1e0bc0427cfb198d1d020042481f9b025d5', pr: 4455,
    title: 'Stop and resume a model [Raw Deployment]',
    set: {
      id: 'delete-check-first', deleteCheckedFirst: true,
      shouldCreate: 'classIsHpaAndNotStopped', shouldDelete: 'ownedAndStoppedOrClassIsExternalOrNone',
      stopDeletesDeployment: true,
    },
  },
  {
    firstTag: 'v0.16.0-rc0', commit: '92899a1f6ba2644bcfb7b828c00f22732c17f6be', pr: 4608,
    title: 'Refactor "RawDeployment" to "Standard" and "Serverless" to "Knative" (legacy names still accepted)',
    set: {
      modeNames: { Standard: 'RawDeployment', RawDeployment: 'RawDeployment', Knative: 'Serverless', Serverless: 'Serverless', ModelMesh: 'ModelMesh' },
      modeSpelling: { RawDeployment: 'Standard', Serverless: 'Knative', ModelMesh: 'ModelMesh' },
    },
  },
  {
    firstTag: 'v0.16.0-rc1', commit: '67a9d1319b37', pr: 4704, title: 'nil componentExt guards',
    set: { toleratesNilComponentExtension: true },
  },
  {
    firstTag: 'v0.17.0-rc0', commit: '93752a1ae49b2c5141192d4908bf36a78b9f60c1', pr: 5025,
    title: 'normalize deprecated deploymentMode annotations; allow deletion',
    set: { mutatingNormalizesLegacyMode: true, webhookWhileDeleting: 'all but the mode check' },
  },
  {
    firstTag: 'v0.17.0-rc0', commit: 'f650e311daac', pr: 5114,
    title: 'fix: surface failure conditions in InferenceService status',
    set: { knativeAbortWritesStatus: true },
  },
  {
    firstTag: 'v0.17.0-rc0', commit: 'e74e1a267b0ad4109368b2d2d19ae60c3fdad872', pr: 4922,
    title: 'refactor: interface + factory pattern for reconcilers (strict deployment-mode parsing in the raw path)',
    set: { workloadModeParse: 'strict' },
  },
  {
    firstTag: 'v0.19.0-rc0', commit: '85076650e7a7f03c7e5b43a1216baa7c5801c127', pr: 5427,
    title: 'fix: normalize legacy deploymentMode in status',
    set: { statusRead: 'parsed', modeCheck: 'parsed, emptyIsStandard' },
  },
  {
    firstTag: 'v0.19.0-rc0', commit: 'fc000125fdd95a839e61e22ef86a46cae3eae22b', pr: 5420,
    title: 'skip validation on update during deletion for all resource types',
    set: { webhookWhileDeleting: 'nothing' },
  },
  {
    firstTag: 'v0.20.0-rc0', commit: '43ec86b5eba3be6aadbc60dd372239a852cf9daf', pr: 5672,
    title: 'feat: add canary rollout support for RawDeployment mode (spec.predictor.name)',
    set: { predictorNameFromSpec: true },
  },
  {
    firstTag: 'v0.20.0-rc0', commit: '85065ab905e44febc1c5c96bc51be23ee9609ec6', pr: 5799,
    title: 'fix(webhook): allow first-reconcile update when DeploymentMode is empty',
    set: { modeCheck: 'parsed' },
  },
  {
    firstTag: 'master@aaac4e294dae', commit: '9ad560ec28f2df865c2d67cc8e803959abccebf9', pr: 5934,
    title: 'fix(reconcilers): set owner refs inside RawKubeReconciler.Reconcile',
    set: { canaryAutoscalerOwned: true },
  },
  {
    firstTag: 'master@aaac4e294dae', commit: '22cbd3788ca0e72bdcb896691c10cbcba29a4ea5', pr: 5984,
    title: 'fix(isvc): gate canary traffic on readiness (only Ready canaries lower the stable minReplicas)',
    set: { canaryReadinessGated: true },
  },
];

export interface Release {
  /** A tag (`v0.20.0`), or for an unreleased entry its branch pin (`master@aaac4e294dae`). */
  tag: string;
  commit: string;
  date: string;
  behaviour: Behaviour;
  /** The changes this release contains, oldest first. */
  changes: readonly Change[];
  source: TagSource;
  /** The branch of an unreleased entry (a pinned commit no tag contains yet); null for a release. */
  unreleased: { branch: string } | null;
}

/** The message that names each behaviour (rendered per language). */
export const BEHAVIOUR_LABEL: Readonly<Record<BehaviourId, MessageId>> = {
  'noop-external': 'behaviour.noopExternal',
  'delete-on-annotation': 'behaviour.deleteOnAnnotation',
  'owner-checked': 'behaviour.ownerChecked',
  'delete-check-first': 'behaviour.deleteCheckFirst',
};

/** The short name of each behaviour, for column headings and chips ("the bug", "the fix"). */
export const BEHAVIOUR_SHORT_LABEL: Readonly<Record<BehaviourId, MessageId>> = {
  'noop-external': 'behaviourShort.noopExternal',
  'delete-on-annotation': 'behaviourShort.deleteOnAnnotation',
  'owner-checked': 'behaviourShort.ownerChecked',
  'delete-check-first': 'behaviourShort.deleteCheckFirst',
};

function buildRelease(source: TagSource): Release {
  const changes = CHANGES.filter((change) => compareTags(change.firstTag, source.tag) <= 0);
  const behaviour = Object.assign({}, ...changes.map((change) => change.set)) as Behaviour;
  const pin = parseBranchPin(source.tag);
  return { tag: source.tag, commit: source.commit, date: source.date, behaviour, changes, source, unreleased: pin ? { branch: pin.branch } : null };
}

/** The whole table, oldest first: every modelled release, then the unreleased entries. */
export const RELEASE_TABLE: readonly Release[] = TAG_SOURCES
  .filter((source) => compareTags(source.tag, CHANGES[0]!.firstTag) >= 0)
  .map(buildRelease);

/** Every modelled release, oldest first (no unreleased entry). */
export const RELEASES: readonly Release[] = RELEASE_TABLE.filter((release) => release.unreleased === null);

/** The unreleased entries: a branch at a pinned commit, newer than every release. */
export const UNRELEASED: readonly Release[] = RELEASE_TABLE.filter((release) => release.unreleased !== null);

const BY_TAG = new Map(RELEASE_TABLE.map((release) => [release.tag, release]));
// An unreleased entry may also be asked for by its branch's name alone ("master").
const BY_BRANCH = new Map(UNRELEASED.map((release) => [release.unreleased!.branch, release]));

/** The tags of the releases, oldest first: what the tools offer, compare and check by default. */
export const KNOWN_TAGS: readonly string[] = RELEASES.map((release) => release.tag);

/** Every name in the table, the unreleased entries last: what a user may ask for by name. */
export const TABLE_TAGS: readonly string[] = RELEASE_TABLE.map((release) => release.tag);

export function isUnreleased(tag: string): boolean {
  return parseBranchPin(tag) !== null;
}

/** The releases the tools compare when the user names none: one with the bug, one with the fix. */
export const DEFAULT_TAGS: readonly string[] = REPRESENTATIVE_RELEASES.compare;

export type ReleaseLookup = { ok: true; release: Release } | { ok: false; message: Message };

/**
 * Accepts "v0.14.1" and "0.14.1", and an unreleased entry by its pin ("master@aaac4e294dae") or
 * its branch ("master"); anything else is an input error listing the known names.
 */
export function findRelease(text: string): ReleaseLookup {
  const trimmed = text.trim();
  const release = parseTag(trimmed) || parseBranchPin(trimmed) ? BY_TAG.get(canonicalTag(trimmed)) : BY_BRANCH.get(trimmed);
  if (release) return { ok: true, release };
  return { ok: false, message: msg('input.unknownRelease', { tag: text, known: TABLE_TAGS.join(', ') }) };
}

/** What a reader must be told wherever an unreleased entry shows ("not a release"); null for a release. */
export function unreleasedNote(release: Release): Message | null {
  return release.unreleased
    ? msg('release.unreleased', { tag: release.tag, branch: release.unreleased.branch, commit: release.commit.slice(0, 12), date: release.date })
    : null;
}

/** The notes for the unreleased entries among these tags, in their order (none for releases only). */
export function unreleasedNotes(tags: readonly string[]): Message[] {
  return tags.map((tag) => unreleasedNote(getRelease(tag))).filter((note): note is Message => note !== null);
}

export function getRelease(tag: string): Release {
  // The machine asks for its release on every transition, always spelled canonically.
  const exact = BY_TAG.get(tag);
  if (exact) return exact;
  const found = findRelease(tag);
  if (!found.ok) throw new Error(renderMessage(found.message));
  return found.release;
}
