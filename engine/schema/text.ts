/**
 * The hover and completion texts of the editor schemas, per language (Markdown; `{…}` values are
 * filled by the builders). The Chinese follows the site's glossary (/zh-cn/reference/glossary/):
 * kinds, fields, annotation keys, class values and results stay in English. Release-dependent
 * parts are folded from the engine's release table by release-notes.ts in either language.
 */
import type { Locale } from '../i18n/render.ts';

export interface SchemaText {
  // meta.ts
  ignored: string;
  ownerReferences: (deleteNote: string) => string;
  owner: { apiVersion: string; kind: string; name: string; uid: string; controller: string; blockOwnerDeletion: string };
  finalizers: (finalizer: string) => string;
  metadata: (kind: string) => string;
  name: (kind: string) => string;
  namespace: string;
  deletionTimestamp: string;
  uidNote: string;
  statusNote: string;
  list: (itemKind: string) => string;
  listApiVersion: string;
  listKind: string;
  listItems: (itemKind: string) => string;
  // release-notes.ts
  from: (tag: string) => string;
  and: string;
  never: string;
  refusedEverywhere: string;
  acceptedOldest: (spans: string) => string;
  acceptedFrom: (spans: string) => string;
  refusedByWebhook: string;
  noAutoscaler: string;
  noop: string;
  keda: string;
  createsAndOverwrites: (name: string, stopAware: boolean) => string;
  createsNone: string;
  deletesAny: (name: string) => string;
  deletesOwned: (name: string) => string;
  overwritesExisting: (name: string) => string;
  deletesOwnWhenStopped: string;
  holdsReplicas: string;
  classSummary: string;
  classWebhook: (first: string, last: string) => string;
  modeMeaning: { RawDeployment: string; Serverless: string; ModelMesh: string };
  modeUnknown: string;
  modeSummary: string;
  // inferenceservice.ts
  componentNote: string;
  stop: (releases: string, note: string) => string;
  targetUtilization: string;
  targetUtilizationA: (fallback: number) => string;
  targetUtilizationB: string;
  webhookChecksInteger: string;
  webhookIgnores: string;
  wholeNumber: string;
  metrics: string;
  metricsAccepts: (values: string) => string;
  isvcAnnotations: string;
  componentAnnotations: string;
  replicasHeld: (klass: string) => string;
  noReplicasHeld: string;
  minReplicas: (fallback: number, kept: string) => string;
  maxReplicas: string;
  scaleTarget: string;
  scaleTargetA: (fallback: number) => string;
  scaleTargetB: (fallback: number) => string;
  scaleMetric: string;
  autoScaling: string;
  autoScalingA: string;
  autoScalingB: string;
  autoScalingMetrics: string;
  metricType: string;
  metricResource: string;
  resourceName: string;
  resourceTarget: string;
  componentLabels: string;
  component: (name: string) => string;
  isvc: string;
  isvcApiVersion: (version: string) => string;
  isvcApiVersionError: (version: string) => string;
  isvcKind: string;
  isvcLabels: string;
  isvcSpec: string;
  // hpa.ts
  target: string;
  targetType: string;
  targetTypes: [string, string, string];
  averageUtilization: string;
  averageValue: string;
  value: string;
  resourceMetric: string;
  resourceMetricName: string;
  metric: string;
  metricSource: string;
  metricSources: [string, string, string, string, string];
  scaling: (direction: 'up' | 'down') => string;
  stabilization: string;
  selectPolicy: string;
  tolerance: string;
  policies: string;
  policyType: string;
  policyValue: string;
  periodSeconds: string;
  ownerNote: string;
  ownerNever: string;
  ownerIgnoredExternal: string;
  ownerDeletesOwned: string;
  hpa: string;
  hpaApiVersion: string;
  hpaKind: string;
  scaledObject: string;
  scaledObjectTarget: string;
  scaledObjectMin: string;
  scaledObjectMax: string;
  scaledObjectHpaName: string;
  scaledObjectTriggers: string;
  hpaLabels: string;
  hpaAnnotations: string;
  hpaSpec: string;
  scaleTargetRef: string;
  scaleTargetRefApiVersion: string;
  scaleTargetRefKind: string;
  scaleTargetRefName: string;
  hpaMinReplicas: string;
  hpaMaxReplicas: string;
  hpaMetrics: string;
  behavior: string;
  targetCPU: string;
}

const en: SchemaText = {
  ignored: 'Set by the API server; `kubectl get -o yaml` prints it. The lab ignores it.',
  ownerReferences: (deleteNote) => 'Objects this one belongs to. When every owner is gone, the garbage collector deletes it. ' +
    `KServe sets one controller reference to the InferenceService on the HPAs it creates. ${deleteNote}`.trim(),
  owner: {
    apiVersion: 'The owner’s API group and version, e.g. `serving.kserve.io/v1beta1`.',
    kind: 'The owner’s kind, e.g. `InferenceService`.',
    name: 'The owner’s name.',
    uid: 'The owner’s UID. The lab invents one when missing.',
    controller: 'True for the one managing controller of this object.',
    blockOwnerDeletion: 'With foreground deletion, the owner waits until this object is gone.',
  },
  finalizers: (finalizer) => 'Keys that block deletion. `kubectl delete` (or a controller’s Delete) only sets `deletionTimestamp` while any ' +
    'finalizer remains: the object stays, shown as Terminating, until whoever owns each key removes it; ' +
    'the API server then deletes the object. A finalizer nobody removes keeps it forever. ' +
    `KServe puts \`${finalizer}\` on InferenceServices.`,
  metadata: (kind) => `Standard object metadata of the ${kind}.`,
  name: (kind) => `The ${kind}’s name: lowercase letters, digits, \`-\` and \`.\`.`,
  namespace: 'The namespace; `default` when missing. KServe only looks at HPAs in the InferenceService’s namespace.',
  deletionTimestamp: 'When set, the object is being deleted and waits for its finalizers. The lab keeps it only when finalizers remain.',
  uidNote: ' Owner references match on it; the lab invents one when missing.',
  statusNote: ' Only `spec` and `metadata` feed the model.',
  list: (itemKind) => `A \`kind: List\` from \`kubectl get … -o yaml\`; each item is a ${itemKind}.`,
  listApiVersion: '`v1` for lists printed by kubectl.',
  listKind: '`List`: the lab unwraps its items.',
  listItems: (itemKind) => `The ${itemKind}s.`,

  from: (tag) => `from ${tag}`,
  and: ' and ',
  never: 'never',
  refusedEverywhere: 'refused by every modelled release',
  acceptedOldest: (spans) => `accepted ${spans} (the oldest release modelled here)`,
  acceptedFrom: (spans) => `accepted ${spans}; refused before`,
  refusedByWebhook: 'refused by the webhook',
  noAutoscaler: 'accepted, but the controller has no autoscaler for it: the reconcile fails',
  noop: 'no-op autoscaler: KServe creates no HPA and never touches one',
  keda: 'KEDA reconciler: KServe manages a KEDA ScaledObject; the HPA reconciler does not run',
  createsAndOverwrites: (name, stopAware) => `HPA reconciler: KServe creates the HPA ${name}${stopAware ? ' (not while the model is stopped)' : ''} and overwrites it to match the spec`,
  createsNone: 'HPA reconciler: KServe creates no HPA',
  deletesAny: (name) => `deletes any HPA named ${name}, even one you created`,
  deletesOwned: (name) => `deletes an HPA named ${name} only if an InferenceService owns it; one it does not own is overwritten`,
  overwritesExisting: (name) => `overwrites an existing HPA named ${name}`,
  deletesOwnWhenStopped: 'deletes its own HPA when the model is stopped',
  holdsReplicas: 'the Deployment’s replicas are held at minReplicas',
  classSummary: 'Which autoscaler KServe runs for each component; unset means `hpa`. Read only in raw deployment mode (`Standard` from v0.16).',
  classWebhook: (first, last) => `**Webhook, per release** (${first} – ${last} modelled): an InferenceService with a value its release does not accept is refused.`,
  modeMeaning: {
    RawDeployment: 'raw deployment: a Deployment plus the HPA reconciler (where this bug lives)',
    Serverless: 'Knative: KServe never runs its HPA reconciler',
    ModelMesh: 'ModelMesh: no per-InferenceService Deployment and no HPA reconciler',
  },
  modeUnknown: 'unknown, so the cluster default applies',
  modeSummary: 'How KServe deploys this InferenceService. A value the release does not know falls back to the cluster default ' +
    '(the `inferenceservice` ConfigMap ships `Serverless`). Per release, each name means:',

  componentNote: 'Here on a component it overrides the InferenceService’s value for that component only; the webhook does not check component annotations.',
  stop: (releases, note) => `\`"true"\` stops the model: KServe creates no HPA and deletes the one an InferenceService owns. Honoured ${releases}; other releases ignore it. Quote the value: annotations are strings.${note}`,
  targetUtilization: 'CPU utilization target for the HPA KServe builds, as a quoted integer.',
  targetUtilizationA: (fallback) => `the HPA uses it unless \`scaleTarget\` is set (default ${fallback})`,
  targetUtilizationB: 'not read: the HPA takes `scaleTarget` or `autoScaling.metrics`',
  webhookChecksInteger: 'the webhook requires an integer 1–100',
  webhookIgnores: 'the webhook does not check it',
  wholeNumber: 'A quoted whole number such as "80".',
  metrics: 'The metric for class `hpa`.',
  metricsAccepts: (values) => `with class \`hpa\` the webhook accepts ${values}`,
  isvcAnnotations: 'Annotations of the InferenceService. KServe copies them onto every object of every component, HPAs included; the admission webhook checks the autoscaling ones.',
  componentAnnotations: 'Annotations of this component; they overlay the InferenceService’s annotations on its objects.',
  replicasHeld: (klass) => `with class \`${klass}\` the Deployment’s replicas are held at minReplicas`,
  noReplicasHeld: 'no class holds the Deployment’s replicas',
  minReplicas: (fallback, kept) => `Lowest replica count; below 1 (or unset) becomes ${fallback}.\n\n${kept}`,
  maxReplicas: 'Highest replica count of the HPA KServe builds; below minReplicas (unset counts as 0) becomes minReplicas.',
  scaleTarget: 'Target of the scale metric (percent for Utilization).',
  scaleTargetA: (fallback) => `overrides \`serving.kserve.io/targetUtilizationPercentage\`; default ${fallback}`,
  scaleTargetB: (fallback) => `used when \`autoScaling\` is absent; default ${fallback} for cpu, and memory without it gives no metric`,
  scaleMetric: 'The resource to scale on; `concurrency` and `rps` are Knative (Serverless) metrics.',
  autoScaling: 'Metrics for the HPA (`autoScaling.metrics`).',
  autoScalingA: 'ignored: the HPA is built from scaleMetric/scaleTarget',
  autoScalingB: 'when present, the HPA gets one metric per Resource cpu/memory entry; others are dropped',
  autoScalingMetrics: 'Like the HPA’s metrics: `type: Resource` with `resource.name` cpu or memory and a `target`.',
  metricType: '`Resource` is the type the lab models.',
  metricResource: 'cpu (target averageUtilization, default 80) or memory (Utilization or AverageValue).',
  resourceName: '`cpu` or `memory`.',
  resourceTarget: '`type` Utilization with `averageUtilization`, or AverageValue with `averageValue`.',
  componentLabels: 'Labels of this component; they overlay the InferenceService’s labels on its objects.',
  component: (name) => `The ${name}. KServe names its Deployment and HPA \`<isvc>-${name}\`.`,
  isvc: 'A KServe InferenceService.',
  isvcApiVersion: (version) => `\`${version}\`.`,
  isvcApiVersionError: (version) => `An InferenceService has apiVersion ${version}.`,
  isvcKind: '`InferenceService`, or `List` for several.',
  isvcLabels: 'Labels. KServe copies them onto every object of every component.',
  isvcSpec: 'The components. Only the predictor is required.',

  target: 'The value the HPA steers towards.',
  targetType: 'How the metric is compared.',
  targetTypes: [
    'Percent of the pods’ resource *request*, averaged over pods (`averageUtilization`).',
    'Raw value averaged over pods (`averageValue`, e.g. `500Mi`).',
    'Raw value of the whole target (`value`); Object and External metrics only.',
  ],
  averageUtilization: 'Target percent of the request, e.g. `80`.',
  averageValue: 'Target average per pod, a quantity such as `500Mi` or `200m`.',
  value: 'Target total value, a quantity.',
  resourceMetric: 'A resource metric of the scaled pods (the only kind KServe builds).',
  resourceMetricName: 'The resource: `cpu` or `memory` (the lab models these two).',
  metric: 'One metric the HPA scales on; the HPA takes the largest replica count any metric proposes.',
  metricSource: 'The metric source.',
  metricSources: [
    'CPU or memory of the pods (`resource`). This is what KServe writes.',
    'CPU or memory of one container (`containerResource`).',
    'A per-pod custom metric (`pods`).',
    'A metric of another object (`object`).',
    'A metric from outside the cluster (`external`).',
  ],
  scaling: (direction) => `How fast the HPA may scale ${direction}.`,
  stabilization: 'Look-back window of recommendations; the HPA uses the most conservative one in it.',
  selectPolicy: 'Which policy wins when several apply.',
  tolerance: 'Relative difference ignored before scaling (alpha in Kubernetes 1.33).',
  policies: 'Allowed changes per period.',
  policyType: '`Pods`: absolute count; `Percent`: of current replicas.',
  policyValue: 'How many pods or percent per period.',
  periodSeconds: 'Length of the period.',
  ownerNote: 'What KServe’s HPA reconciler does with an HPA that has its component’s name depends on these:',
  ownerNever: 'KServe never deletes HPAs.',
  ownerIgnoredExternal: 'ignored: under `external` KServe deletes the HPA whoever owns it.',
  ownerDeletesOwned: 'KServe deletes the HPA only when an ownerReference points at an InferenceService (apiVersion `serving.kserve.io/…`).',
  hpa: 'A HorizontalPodAutoscaler (autoscaling/v2).',
  hpaApiVersion: '`autoscaling/v2`. The lab also reads `autoscaling/v2beta2`, and converts `autoscaling/v1`.',
  hpaKind: '`HorizontalPodAutoscaler`, or `List` for several.',
  scaledObject: 'A KEDA ScaledObject. KEDA creates and owns an HPA for it, named `keda-hpa-<name>` unless `spec.advanced.horizontalPodAutoscalerConfig.name` says otherwise; KServe treats that HPA like any other.',
  scaledObjectTarget: 'The workload KEDA scales (a Deployment unless `kind` says otherwise): for KServe, `<isvc>-predictor`.',
  scaledObjectMin: 'The HPA’s minReplicas (1 when unset or 0).',
  scaledObjectMax: 'The HPA’s maxReplicas (100 when unset).',
  scaledObjectHpaName: 'The name of KEDA’s HPA. `<isvc>-predictor` is the name KServe looks up: leave it unset.',
  scaledObjectTriggers: 'KEDA’s CRD requires at least one trigger.',
  hpaLabels: 'Labels. KServe copies the InferenceService’s and the component’s labels onto the HPAs it builds.',
  hpaAnnotations: 'Annotations. KServe’s HPAs carry the InferenceService’s annotations, including `serving.kserve.io/autoscalerClass`.',
  hpaSpec: 'What to scale and how.',
  scaleTargetRef: 'The workload to scale. KServe points it at the component’s Deployment, `<isvc>-predictor` for the predictor.',
  scaleTargetRefApiVersion: '`apps/v1` for a Deployment.',
  scaleTargetRefKind: '`Deployment` for KServe components.',
  scaleTargetRefName: 'The Deployment’s name.',
  hpaMinReplicas: 'Lowest replica count; 1 when missing.',
  hpaMaxReplicas: 'Highest replica count. Required.',
  hpaMetrics: 'What to measure. KServe writes one Resource metric (CPU 80% unless the InferenceService says otherwise).',
  behavior: 'Scaling speed limits (autoscaling/v2). KServe writes an empty one.',
  targetCPU: 'autoscaling/v1 only: the CPU target; the lab converts it to a Resource metric.',
};

const zhCn: SchemaText = {
  ignored: '由 API 服务器设置；`kubectl get -o yaml` 会打印它。本实验室忽略这个字段。',
  ownerReferences: (deleteNote) => '这个对象所属的对象。所有属主都不存在时，垃圾收集器会删除它。' +
    `KServe 在它创建的 HPA 上设置一个指向 InferenceService 的控制器属主引用。${deleteNote}`.trim(),
  owner: {
    apiVersion: '属主的 API 组和版本，例如 `serving.kserve.io/v1beta1`。',
    kind: '属主的种类，例如 `InferenceService`。',
    name: '属主的名称。',
    uid: '属主的 UID。缺失时本实验室会生成一个。',
    controller: '为 true 表示它是管理这个对象的那个控制器。',
    blockOwnerDeletion: '前台删除时，属主会等到这个对象消失后才被删除。',
  },
  finalizers: (finalizer) => '阻止删除的键。只要还有终结器，`kubectl delete`（或控制器的 Delete）只会设置 `deletionTimestamp`：' +
    '对象保留下来并显示为 Terminating（终止中），直到每个键的负责方把它移除；之后 API 服务器才删除对象。' +
    '没有人移除的终结器会让对象永远留着。' +
    `KServe 会在 InferenceService 上加 \`${finalizer}\`。`,
  metadata: (kind) => `${kind} 的标准对象元数据。`,
  name: (kind) => `${kind} 的名称：小写字母、数字、\`-\` 和 \`.\`。`,
  namespace: '命名空间；缺失时为 `default`。KServe 只在 InferenceService 所在的命名空间里查找 HPA。',
  deletionTimestamp: '设置后表示对象正在被删除，正在等待终结器。只有还有终结器时，本实验室才保留这个字段。',
  uidNote: '属主引用按它匹配；缺失时本实验室会生成一个。',
  statusNote: '只有 `spec` 和 `metadata` 会输入模型。',
  list: (itemKind) => `\`kubectl get … -o yaml\` 输出的 \`kind: List\`；每一项是一个 ${itemKind}。`,
  listApiVersion: 'kubectl 打印的列表为 `v1`。',
  listKind: '`List`：本实验室会把其中的各项拆开。',
  listItems: (itemKind) => `各个 ${itemKind}。`,

  from: (tag) => `从 ${tag} 起`,
  and: '，以及',
  never: '任何版本都不',
  refusedEverywhere: '所有建模的版本都拒绝',
  acceptedOldest: (spans) => `${spans}接受（这里建模的最早版本即已接受）`,
  acceptedFrom: (spans) => `${spans}接受；更早的版本拒绝`,
  refusedByWebhook: '被 Webhook 拒绝',
  noAutoscaler: '接受，但控制器没有对应的自动扩缩器：调和失败',
  noop: '空操作自动扩缩器：KServe 不创建 HPA，也从不动任何 HPA',
  keda: 'KEDA 调和器：KServe 管理一个 KEDA ScaledObject；HPA 调和器不运行',
  createsAndOverwrites: (name, stopAware) => `HPA 调和器：KServe 创建 HPA ${name}${stopAware ? '（模型停止时不创建）' : ''}，并覆盖它以符合 spec`,
  createsNone: 'HPA 调和器：KServe 不创建 HPA',
  deletesAny: (name) => `删除任何名为 ${name} 的 HPA，包括你自己创建的`,
  deletesOwned: (name) => `只有当属主为 InferenceService 时才删除名为 ${name} 的 HPA；不属于它的会被覆盖`,
  overwritesExisting: (name) => `覆盖已有的名为 ${name} 的 HPA`,
  deletesOwnWhenStopped: '模型停止时删除自己的 HPA',
  holdsReplicas: 'Deployment 的副本数被固定在 minReplicas',
  classSummary: 'KServe 为每个组件运行哪种自动扩缩器；不设置即为 `hpa`。只在原始部署模式下读取（v0.16 起为 `Standard`）。',
  classWebhook: (first, last) => `**各版本的 Webhook**（建模范围 ${first} – ${last}）：取值不被该版本接受的 InferenceService 会被拒绝。`,
  modeMeaning: {
    RawDeployment: '原始部署：一个 Deployment 加上 HPA 调和器（这个问题所在之处）',
    Serverless: 'Knative：KServe 从不运行它的 HPA 调和器',
    ModelMesh: 'ModelMesh：没有每个 InferenceService 自己的 Deployment，也没有 HPA 调和器',
  },
  modeUnknown: '不认识，因此使用集群默认值',
  modeSummary: 'KServe 如何部署这个 InferenceService。该版本不认识的取值会退回到集群默认值' +
    '（`inferenceservice` ConfigMap 默认是 `Serverless`）。各版本中每个名称的含义：',

  componentNote: '写在组件上时，它只覆盖该组件的 InferenceService 取值；Webhook 不检查组件上的注解。',
  stop: (releases, note) => `\`"true"\` 表示停止模型：KServe 不创建 HPA，并删除属主为 InferenceService 的 HPA。${releases}遵守；其他版本忽略它。值要加引号：注解都是字符串。${note}`,
  targetUtilization: 'KServe 生成的 HPA 的 CPU 利用率目标，写成带引号的整数。',
  targetUtilizationA: (fallback) => `除非设置了 \`scaleTarget\`，HPA 使用它（默认 ${fallback}）`,
  targetUtilizationB: '不读取：HPA 取 `scaleTarget` 或 `autoScaling.metrics`',
  webhookChecksInteger: 'Webhook 要求是 1–100 的整数',
  webhookIgnores: 'Webhook 不检查它',
  wholeNumber: '带引号的整数，例如 "80"。',
  metrics: '类别 `hpa` 使用的指标。',
  metricsAccepts: (values) => `类别为 \`hpa\` 时，Webhook 接受 ${values}`,
  isvcAnnotations: 'InferenceService 的注解。KServe 把它们复制到每个组件的每个对象上，包括 HPA；准入 Webhook 检查与自动扩缩有关的那些。',
  componentAnnotations: '这个组件的注解；它们叠加在 InferenceService 的注解之上，写到组件的对象上。',
  replicasHeld: (klass) => `类别为 \`${klass}\` 时，Deployment 的副本数被固定在 minReplicas`,
  noReplicasHeld: '没有哪个类别会固定 Deployment 的副本数',
  minReplicas: (fallback, kept) => `最少副本数；小于 1（或不设置）时为 ${fallback}。\n\n${kept}`,
  maxReplicas: 'KServe 生成的 HPA 的最多副本数；小于 minReplicas（不设置按 0 计）时取 minReplicas。',
  scaleTarget: '扩缩指标的目标值（Utilization 为百分比）。',
  scaleTargetA: (fallback) => `覆盖 \`serving.kserve.io/targetUtilizationPercentage\`；默认 ${fallback}`,
  scaleTargetB: (fallback) => `没有 \`autoScaling\` 时使用；cpu 默认 ${fallback}，memory 不设置它则没有指标`,
  scaleMetric: '按哪种资源扩缩；`concurrency` 和 `rps` 是 Knative（Serverless）的指标。',
  autoScaling: 'HPA 的指标（`autoScaling.metrics`）。',
  autoScalingA: '忽略：HPA 由 scaleMetric/scaleTarget 生成',
  autoScalingB: '存在时，每个 Resource 类型的 cpu/memory 条目生成 HPA 的一个指标；其他条目被丢弃',
  autoScalingMetrics: '与 HPA 的 metrics 相同：`type: Resource`，`resource.name` 为 cpu 或 memory，加上 `target`。',
  metricType: '本实验室建模的类型是 `Resource`。',
  metricResource: 'cpu（目标 averageUtilization，默认 80）或 memory（Utilization 或 AverageValue）。',
  resourceName: '`cpu` 或 `memory`。',
  resourceTarget: '`type` 为 Utilization 并给出 `averageUtilization`，或为 AverageValue 并给出 `averageValue`。',
  componentLabels: '这个组件的标签；它们叠加在 InferenceService 的标签之上，写到组件的对象上。',
  component: (name) => `${name} 组件。KServe 把它的 Deployment 和 HPA 命名为 \`<isvc>-${name}\`。`,
  isvc: 'KServe 的 InferenceService。',
  isvcApiVersion: (version) => `\`${version}\`。`,
  isvcApiVersionError: (version) => `InferenceService 的 apiVersion 是 ${version}。`,
  isvcKind: '`InferenceService`，多个时为 `List`。',
  isvcLabels: '标签。KServe 把它们复制到每个组件的每个对象上。',
  isvcSpec: '各个组件。只有 predictor 是必需的。',

  target: 'HPA 追踪的目标值。',
  targetType: '指标的比较方式。',
  targetTypes: [
    'Pod 资源*请求*的百分比，按 Pod 取平均（`averageUtilization`）。',
    '按 Pod 取平均的原始值（`averageValue`，例如 `500Mi`）。',
    '整个目标的原始值（`value`）；仅用于 Object 和 External 指标。',
  ],
  averageUtilization: '请求的目标百分比，例如 `80`。',
  averageValue: '每个 Pod 的目标平均值，一个数量，例如 `500Mi` 或 `200m`。',
  value: '目标总值，一个数量。',
  resourceMetric: '被扩缩 Pod 的资源指标（KServe 只生成这一种）。',
  resourceMetricName: '资源：`cpu` 或 `memory`（本实验室建模这两种）。',
  metric: 'HPA 据以扩缩的一个指标；HPA 取各指标建议的副本数中的最大值。',
  metricSource: '指标来源。',
  metricSources: [
    'Pod 的 CPU 或内存（`resource`）。KServe 写的就是这种。',
    '某一个容器的 CPU 或内存（`containerResource`）。',
    '按 Pod 的自定义指标（`pods`）。',
    '另一个对象的指标（`object`）。',
    '来自集群外部的指标（`external`）。',
  ],
  scaling: (direction) => (direction === 'up' ? 'HPA 扩容的速度上限。' : 'HPA 缩容的速度上限。'),
  stabilization: '建议值的回看窗口；HPA 采用窗口内最保守的那个。',
  selectPolicy: '多条策略同时适用时哪条胜出。',
  tolerance: '扩缩前忽略的相对差异（Kubernetes 1.33 中为 alpha）。',
  policies: '每个周期允许的变化。',
  policyType: '`Pods`：绝对数量；`Percent`：当前副本数的百分比。',
  policyValue: '每个周期多少个 Pod 或多少百分比。',
  periodSeconds: '周期长度。',
  ownerNote: 'KServe 的 HPA 调和器如何处理与其组件同名的 HPA，取决于这里：',
  ownerNever: 'KServe 从不删除 HPA。',
  ownerIgnoredExternal: '忽略：在 `external` 下，不论属主是谁，KServe 都会删除这个 HPA。',
  ownerDeletesOwned: '只有当某个属主引用指向 InferenceService（apiVersion `serving.kserve.io/…`）时，KServe 才删除这个 HPA。',
  hpa: '水平 Pod 自动扩缩器 HorizontalPodAutoscaler（autoscaling/v2）。',
  hpaApiVersion: '`autoscaling/v2`。本实验室也读取 `autoscaling/v2beta2`，并转换 `autoscaling/v1`。',
  hpaKind: '`HorizontalPodAutoscaler`，多个时为 `List`。',
  scaledObject: 'KEDA 的 ScaledObject。KEDA 为它创建并拥有一个 HPA，名为 `keda-hpa-<name>`，除非 `spec.advanced.horizontalPodAutoscalerConfig.name` 另有指定；KServe 像对待其他 HPA 一样对待它。',
  scaledObjectTarget: 'KEDA 扩缩的工作负载（除非 `kind` 另有指定，否则是 Deployment）：对 KServe 来说是 `<isvc>-predictor`。',
  scaledObjectMin: 'HPA 的 minReplicas（未设置或为 0 时为 1）。',
  scaledObjectMax: 'HPA 的 maxReplicas（未设置时为 100）。',
  scaledObjectHpaName: 'KEDA 的 HPA 的名字。`<isvc>-predictor` 正是 KServe 查找的名字：不要设置它。',
  scaledObjectTriggers: 'KEDA 的 CRD 要求至少有一个 trigger。',
  hpaLabels: '标签。KServe 把 InferenceService 和组件的标签复制到它生成的 HPA 上。',
  hpaAnnotations: '注解。KServe 的 HPA 带有 InferenceService 的注解，包括 `serving.kserve.io/autoscalerClass`。',
  hpaSpec: '扩缩什么、如何扩缩。',
  scaleTargetRef: '要扩缩的工作负载。KServe 让它指向组件的 Deployment，predictor 的是 `<isvc>-predictor`。',
  scaleTargetRefApiVersion: 'Deployment 为 `apps/v1`。',
  scaleTargetRefKind: 'KServe 组件为 `Deployment`。',
  scaleTargetRefName: 'Deployment 的名称。',
  hpaMinReplicas: '最少副本数；缺失时为 1。',
  hpaMaxReplicas: '最多副本数。必需。',
  hpaMetrics: '测量什么。KServe 写一个 Resource 指标（CPU 80%，除非 InferenceService 另有设置）。',
  behavior: '扩缩速度限制（autoscaling/v2）。KServe 写一个空的。',
  targetCPU: '仅用于 autoscaling/v1：CPU 目标；本实验室把它转换为 Resource 指标。',
};

export const SCHEMA_TEXT: Readonly<Record<Locale, SchemaText>> = { en, 'zh-cn': zhCn };

export function schemaText(locale: Locale = 'en'): SchemaText {
  return SCHEMA_TEXT[locale];
}
