/**
 * The objects of kserve#4312 as a user pastes them (`kubectl get -o yaml`, trimmed): class external, and the
 * user's HPA named like the predictor Deployment. Shared by the unit and browser tests.
 */
export const ISSUE_4312_ISVC = `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: fraud-model
  namespace: ml
  annotations:
    serving.kserve.io/deploymentMode: RawDeployment
    serving.kserve.io/autoscalerClass: external
spec:
  predictor:
    minReplicas: 1
    maxReplicas: 4
    model:
      modelFormat: {name: sklearn}
      storageUri: gs://example/model
status:
  deploymentMode: RawDeployment
`;

export const ISSUE_4312_HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: fraud-model-predictor
  namespace: ml
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: fraud-model-predictor}
  minReplicas: 2
  maxReplicas: 8
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
`;
