/**
 * The site's own words (the build-time tables, badges, links, page head and social images), in
 * English. `{name}` is a parameter (site/lib/fill.ts). Outcome words and explanations are not here:
 * they are the engine's messages (engine/i18n), rendered with renderMessage.
 */
import type { AnchorId } from '../../../engine/kserve/source-map.ts';
import type { Tone } from '../../../engine/vocabulary.ts';

export const site = {
  // Punctuation that differs between the languages.
  'punct.colon': ': ',
  'punct.separator': '; ',
  'punct.paren': ' ({text})',
  'punct.range': '{from} … {to}',


  // Tones, for legends.
  'tone.loss': 'Your HPA is deleted (or taken over, then deleted)',
  'tone.warn': 'The HPA survives but not as you meant it: overwritten, stuck Terminating, its scaling undone by KServe, sharing its Deployment with another HPA (then neither scales), or KServe’s old HPA left behind unmanaged',
  'tone.safe': 'As intended: your HPA untouched; KServe’s own HPA managed by it, or cleaned up after a switch',
  'tone.refused': 'This release’s admission webhook refuses the InferenceService (it does not know the class): nothing runs',

  // Wide content that may scroll.
  'wide.hint': 'Scroll sideways to see every column',
  'wide.region': 'Wide content',

  // The version matrix (VersionMatrix.astro).
  'matrix.caption': 'What each KServe release does to the HPA of each setup',
  'matrix.setup': 'Setup',
  'matrix.compare': 'compare them in the playground',
  'matrix.legend': 'Legend',
  'matrix.region': 'Version matrix',
  'matrix.subjectUser': 'your HPA {hpa}',
  'matrix.subjectKserve': 'KServe’s HPA {hpa}',
  'matrix.detail': 'KServe {tag}, {subject}: {history}.',
  'matrix.refusedDetail': 'KServe {tag}: the admission webhook refuses the InferenceService ({reason}), so nothing is reconciled.',
  'matrix.rangesCaption': 'The same setups for all {count} modelled tags. Releases next to each other that give the same answer in every row share a column.',
  'matrix.rangeTags': '{count} tags',
  'matrix.rangeTag': '1 tag',
  'matrix.rangeDetail': '{range} ({count} tags), {subject}: {history}. Opens {tag} in the playground.',

  // The upgrade table (UpgradeTable.astro).
  'upgrade.caption': 'What an upgrade does, from the release you run to a newer one',
  'upgrade.intro': 'Each cell runs the row’s start release, a pod event, the controller upgrade (a restart that reconciles every InferenceService) and a pod event on the new release. Follow a cell to step through it in the playground.',
  'upgrade.from': 'You run',
  'upgrade.to': 'Upgrade to',
  'upgrade.before': 'before the upgrade',
  'upgrade.restart': 'at the restart',
  'upgrade.after': 'after',
  'upgrade.region': 'Upgrade table',
  'upgrade.detail': 'Upgrading KServe from {from} to {to}, {subject}: {history}. Opens the playground at step {step}.',

  // The advice table (AdviceTable.astro).
  'advice.releases': 'Releases',
  'advice.region': 'Advice by release',
  'advice.checked': 'checked in each of its {count} tags',
  'advice.checkedOne': 'checked in its only tag',
  'advice.detail': '{column}, {range}: the simulator computes {outcome} in each of the {count} tags ({tags}). Opens {tag} in the playground.',

  // The gallery (Gallery.astro).
  'gallery.jump': 'Presets',
  'gallery.releases': 'Releases compared',
  'gallery.outcomes': 'Outcome per release (computed by the simulator at build time)',
  'gallery.cli': 'Run it in a terminal:',
  'gallery.refusedOne': 'the webhook refuses step {steps}',
  'gallery.refusedMany': 'the webhook refuses steps {steps}',
  'gallery.kserveHpa': 'KServe’s HPA {hpa}',
  'gallery.noHpa': 'no HPA',

  // The release tables (ReleaseTable.astro).
  'releases.changesCaption': 'Upstream commits that changed a decision on the HPA path, by the first tag that contains them',
  'releases.firstTag': 'First tag',
  'releases.pr': 'PR',
  'releases.commit': 'Commit',
  'releases.title': 'PR title / change',
  'releases.sets': 'Model fields it sets',
  'releases.releasesCaption': 'All {count} modelled KServe tags',
  'releases.tag': 'Tag',
  'releases.date': 'Commit date',
  'releases.behaviour': 'Behaviour',
  'releases.classes': 'Classes the webhook accepts',
  'releases.contains': 'Changes it contains',
  'releases.new': 'new',
  'releases.unreleased': 'unreleased',

  // The checks and source table (CheckSourceTable.astro).
  'checks.graphCaption': 'The decision graph: each node runs one check and follows the edge named by its outcome',
  'checks.node': 'Node · check (engine) → KServe code',
  'checks.kserve': 'KServe code',
  'checks.next': 'Outcome → next',
  'checks.entry': 'entry',
  'checks.absent': 'not in this release',
  'checks.unreached': 'not on this release’s path',
  'checks.structural': 'Model routing: which of two checks inside checkHPAExist comes first in this release',
  'checks.otherCaption': 'Other upstream code the model follows',
  'checks.what': 'What it does · where the engine models it',
  'checks.any': 'any',
  'anchor.getAutoscalerClass': 'Reads the autoscalerClass annotation; no annotation means hpa',
  'anchor.createAutoscaler': 'Picks the autoscaler reconciler for the class (HPA, KEDA, no-op, or an error)',
  'anchor.validateAutoscalerClass': 'Admission webhook: which class values an InferenceService may carry',
  'anchor.componentMeta': 'Component name, labels and annotations (the desired HPA’s metadata)',
  'anchor.setControllerReferences': 'The InferenceService controller ownerReference on every HPA KServe writes',
  'anchor.createHPA': 'Desired HPA: scaleTargetRef, min/max replicas, empty behavior',
  'anchor.getHPAMetrics': 'Desired HPA metrics',
  'anchor.semanticHPAEquals': 'Whether the existing HPA already matches the desired one',
  'anchor.shouldCreateHPA': 'Whether KServe creates an HPA when none has the name',
  'anchor.shouldDeleteHPA': 'Whether KServe deletes the HPA that has the name',
  'anchor.checkHPAExist': 'Looks the HPA up by name and decides Create, Existed, Delete or Update',
  'anchor.hpaReconcile': 'The switch that issues Create / Update / Delete',
  'anchor.rawReconcilerAutoscaler': 'Order inside a RawDeployment component: the autoscaler runs last',
  'anchor.setupWithManager': 'Watches: what wakes the controller (Deployments yes, HPAs never)',
  'anchor.isvcFinalizer': 'Finalizer handling; a deleting InferenceService reconciles no component',
  'anchor.deploymentModeResolve': 'Raw deployment or Serverless: the annotation, the status and the cluster default',
  'anchor.deploymentReplicas': 'Deployment spec.replicas held at minReplicas for one class',
  'anchor.kedaReconcile': 'The KEDA reconciler: gets, creates, updates or (v0.16.0-rc0 on, when stopped) deletes the component’s ScaledObject (v0.15.0-rc1 on)',
  'anchor.workloadModeParse': 'Strict parse of the component’s deploymentMode before the workload is built (v0.17.0-rc0 on)',

  // Links to the playground (OpenInPlayground.astro).
  'open.label': 'Open in the playground',
  'open.where': ': {title}',
  'open.whereStep': ': {title}, step {step}',

  // Outcome badges (Outcome.astro).
  'outcome.label': '{release}: {text}',
  'outcome.stepLabel': '{release}, step {step}: {text}',
  'outcome.stepComponentLabel': '{release}, step {step}, {component}: {text}',
  'outcome.subjectHpa': 'what happens to HPA {hpa}',
  'outcome.subjectStep': 'the {component}’s reconcile result',
  'outcome.description': 'Computed by the simulator at build time: {subject} (preset {preset}, KServe {release}). Opens in the playground at step {step}.',

  // The page head and social preview images (Head.astro, pages/og, site/og).
  'head.ogAlt': '{title}: title, summary and computed outcomes',
  'og.site': 'kserve-hpa-lab',
  'og.description': 'Why KServe deleted user HPAs under autoscalerClass: external, release by release.',
  'og.tagline': 'KServe and HPAs under autoscalerClass: external, release by release',
} as const satisfies Record<string, string>
  & Record<`tone.${Tone}`, string>
  & Record<`anchor.${AnchorId}`, string>;
