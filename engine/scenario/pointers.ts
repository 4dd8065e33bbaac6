/**
 * GitOps objects that point at manifests kept elsewhere (Argo CD Applications, Flux Kustomizations
 * and HelmReleases): what they point at, so that a repository walk can say so instead of judging
 * them. The manifests they point at are judged where they are.
 */
import { isRecord } from './validate.ts';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/** "repo path", "chart", or the path alone: what an Argo CD source names. */
function argoSource(source: unknown): string | null {
  if (!isRecord(source)) return null;
  const where = text(source.path) ?? text(source.chart);
  const repo = text(source.repoURL);
  return where && repo ? `${where} (${repo})` : where ?? repo;
}

/** What the object points at when it is an Argo CD or Flux object that does; null for anything else. */
export function pointerOf(value: unknown): { kind: string; target: string } | null {
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || !isRecord(value.spec)) return null;
  const group = value.apiVersion.split('/')[0];
  const spec = value.spec;
  if (group === 'argoproj.io' && value.kind === 'Application') {
    const sources = Array.isArray(spec.sources) ? spec.sources : [spec.source];
    const targets = sources.map(argoSource).filter((t): t is string => t !== null);
    return { kind: 'Application', target: targets.join(', ') || '?' };
  }
  if (group === 'kustomize.toolkit.fluxcd.io' && value.kind === 'Kustomization') return { kind: 'Kustomization', target: text(spec.path) ?? './' };
  if (group === 'helm.toolkit.fluxcd.io' && value.kind === 'HelmRelease') {
    const chart = isRecord(spec.chart) && isRecord(spec.chart.spec) ? text(spec.chart.spec.chart) : null;
    const ref = isRecord(spec.chartRef) ? text(spec.chartRef.name) : null;
    return { kind: 'HelmRelease', target: chart ?? ref ?? '?' };
  }
  return null;
}
