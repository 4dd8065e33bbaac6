/** Links from a trace step to the exact upstream lines at a release's commit. */
import { getRelease } from './releases.ts';
import type { AnchorId } from './source-map.ts';

export const UPSTREAM_REPO = 'https://github.com/kserve/kserve';

export function sourceUrl(tag: string, anchor: AnchorId): string | null {
  const release = getRelease(tag);
  const where = release.source.anchors[anchor];
  if (!where) return null;
  return `${UPSTREAM_REPO}/blob/${release.commit}/${where.path}#L${where.start}-L${where.end}`;
}

export function commitUrl(commit: string): string {
  return `${UPSTREAM_REPO}/commit/${commit}`;
}

export function pullUrl(pr: number): string {
  return `${UPSTREAM_REPO}/pull/${pr}`;
}
