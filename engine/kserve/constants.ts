/** Annotation keys, values and names as KServe spells them (pkg/constants/constants.go). */
export const ANNOTATION = {
  autoscalerClass: 'serving.kserve.io/autoscalerClass',
  deploymentMode: 'serving.kserve.io/deploymentMode',
  targetUtilizationPercentage: 'serving.kserve.io/targetUtilizationPercentage',
  metrics: 'serving.kserve.io/metrics',
  stop: 'serving.kserve.io/stop',
  /** Knative's class annotation (package knative.dev/serving/pkg/apis/autoscaling: ClassAnnotationKey); KServe's webhook reads it. */
  knativeClass: 'autoscaling.knative.dev/class',
} as const;

/** The Knative class value for the Kubernetes HPA (package knative.dev/serving/pkg/apis/autoscaling: HPA). */
export const KNATIVE_HPA_CLASS = 'hpa.autoscaling.knative.dev';

export const LABEL = {
  inferenceService: 'serving.kserve.io/inferenceservice',
  component: 'component',
} as const;

export const DEFAULT_AUTOSCALER_CLASS = 'hpa';
export const DEFAULT_MIN_REPLICAS = 1;
export const DEFAULT_CPU_UTILIZATION = 80;
export const ISVC_FINALIZER = 'inferenceservice.finalizers';
export const ISVC_API_VERSION = 'serving.kserve.io/v1beta1';
/** shouldDeleteHPA accepts any ownerReference whose apiVersion starts with this. */
export const INFERENCE_SERVICE_GROUP_PREFIX = 'serving.kserve.io';

/** Component annotations KServe never copies onto the objects it builds. */
export const DISALLOWED_ANNOTATIONS = [
  'autoscaling.knative.dev/min-scale',
  'autoscaling.knative.dev/max-scale',
  'internal.serving.kserve.io/storage-initializer-sourceuri',
  'kubectl.kubernetes.io/last-applied-configuration',
] as const;

/** The model's names; v0.16+ spells RawDeployment `Standard` and Serverless `Knative`. */
export type DeploymentMode = 'RawDeployment' | 'Serverless' | 'ModelMesh';
