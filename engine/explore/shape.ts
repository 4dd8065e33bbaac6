/**
 * Judge each shape once: InferenceServices that differ only in their names (a namespace of a
 * hundred models deployed from one template) are searched once. A part's names, namespaces and
 * uids are replaced by tokens; parts with the same canonical objects share one search, whose
 * answer gets each part's own names back by replacing the tokens. KServe's decisions depend on
 * names only through equality and the component suffixes (`<isvc>-predictor`), which the tokens
 * keep; a property test compares this path with a search per InferenceService. Parts whose names
 * could matter otherwise (v0.20 predictor names, canaries, names that are not plain DNS labels)
 * are searched as they are.
 */
import { COMPONENTS, type ComponentSpec, type KubeObject } from '../k8s/types.ts';
import type { Scenario, ScenarioObject } from '../scenario/scenario.ts';

/** A DNS-1035 label of modest length that YAML writes unquoted. */
const PLAIN_NAME = /^[a-z]([-a-z0-9]{0,40}[a-z0-9])?$/;
const YAML_WORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null']);
const TOKEN = /zq[nihus]\d+zq/;
/**
 * A storage URI that JSON and YAML both write as it is (scheme://path, no quotes, spaces, `#` or
 * `:` after the scheme). Within one part KServe only compares URIs for equality (the pod template's
 * source-URI annotation, the v0.20 rename rule) and the explorer never sets one, so a token keeps
 * every decision while parts that differ only in their model paths share one search.
 */
const PLAIN_URI = /^[a-z][a-z0-9+.-]{0,15}:\/\/[A-Za-z0-9._~/-]{0,200}$/;

export interface CanonicalPart {
  /** Equal for parts that differ only in names. */
  key: string;
  scenario: Scenario;
  /** A value computed on `scenario`, with the part's own names back. */
  restore: <T>(value: T) => T;
}

export function canonicalPart(scenario: Scenario, isvcName: string): CanonicalPart | null {
  const tokens = new Map<string, string>();
  const counts = { n: 0, i: 0, h: 0, u: 0, s: 0 };
  let plain = true;
  const tokenOf = (kind: 'n' | 'h' | 'u' | 's', value: string): string => {
    const found = tokens.get(`${kind}:${value}`);
    if (found) return found;
    const made = `zq${kind}${counts[kind]++}zq`;
    tokens.set(`${kind}:${value}`, made);
    return made;
  };
  const isvcToken = 'zqi0zq';
  /** A name: the InferenceService's own, one derived from it (`<isvc>-predictor`), or another. */
  const name = (value: string): string => {
    if (!PLAIN_NAME.test(value) || YAML_WORDS.has(value)) plain = false;
    if (value === isvcName) return isvcToken;
    if (value.startsWith(`${isvcName}-`)) return `${isvcToken}${value.slice(isvcName.length)}`;
    return tokenOf('h', value);
  };
  const namespace = (value: string): string => {
    if (!PLAIN_NAME.test(value) || YAML_WORDS.has(value)) plain = false;
    return tokenOf('n', value);
  };
  const uid = (value: string): string => tokenOf('u', value);
  const uri = (value: string): string => {
    if (!PLAIN_URI.test(value)) plain = false;
    return tokenOf('s', value);
  };
  const withUri = (component: ComponentSpec | undefined): ComponentSpec | undefined =>
    (component?.storageUri === undefined ? component : { ...component, storageUri: uri(component.storageUri) });

  const canonical = (object: KubeObject): KubeObject => {
    const metadata = {
      ...object.metadata,
      name: name(object.metadata.name),
      namespace: namespace(object.metadata.namespace),
      uid: uid(object.metadata.uid),
      ...(object.metadata.ownerReferences ? { ownerReferences: object.metadata.ownerReferences.map((ref) => ({ ...ref, name: name(ref.name), uid: uid(ref.uid) })) } : {}),
    };
    if (object.kind === 'HorizontalPodAutoscaler') {
      return { ...object, metadata, spec: { ...object.spec, scaleTargetRef: { ...object.spec.scaleTargetRef, name: name(object.spec.scaleTargetRef.name) } } };
    }
    if (object.kind === 'ScaledObject') {
      const hpaName = object.spec.advanced?.horizontalPodAutoscalerConfig?.name;
      return {
        ...object,
        metadata,
        spec: {
          ...object.spec,
          scaleTargetRef: { ...object.spec.scaleTargetRef, name: name(object.spec.scaleTargetRef.name) },
          ...(hpaName ? { advanced: { horizontalPodAutoscalerConfig: { name: name(hpaName) } } } : {}),
        },
      };
    }
    const spec = object.spec as unknown as Record<string, unknown>;
    const named = ['predictor', 'transformer', 'explainer'].some((c) => typeof (spec[c] as { name?: unknown } | undefined)?.name === 'string');
    if (named || spec.canary !== undefined) plain = false;
    const components = Object.fromEntries(COMPONENTS.flatMap((c) => (object.spec[c] ? [[c, withUri(object.spec[c])]] : [])));
    return { ...object, metadata, spec: { ...object.spec, ...components } } as KubeObject;
  };

  if (TOKEN.test(JSON.stringify(scenario.objects.map((o) => o.object)))) return null;
  const objects: ScenarioObject[] = scenario.objects.map((o) => ({ ...o, object: canonical(o.object) }));
  if (!plain) return null;
  const { name: _name, title: _title, description: _description, i18n: _i18n, ...settings } = scenario.settings;
  const back = new Map<string, string>([[isvcToken, isvcName], ...[...tokens].map(([key, token]) => [token, key.slice(2)] as [string, string])]);
  const pattern = new RegExp([...back.keys()].join('|'), 'g');
  return {
    key: JSON.stringify([objects.map((o) => o.object), settings]),
    scenario: { ...scenario, objects },
    restore: <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(pattern, (token) => back.get(token)!)) as T,
  };
}
