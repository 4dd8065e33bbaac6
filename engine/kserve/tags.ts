/** KServe release tags: parsing, ordering and lenient lookup ("0.14.1" finds "v0.14.1"). */
export interface TagParts {
  major: number;
  minor: number;
  patch: number;
  /** Release candidate number; a final release sorts after every rc. */
  rc: number;
}

const TAG = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc(\d+))?$/;

export function parseTag(text: string): TagParts | null {
  const match = TAG.exec(text.trim());
  if (!match) return null;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    rc: match[4] === undefined ? Number.POSITIVE_INFINITY : Number(match[4]),
  };
}

export function compareTags(a: string, b: string): number {
  const pa = parseTag(a);
  const pb = parseTag(b);
  if (!pa || !pb) throw new Error(`not a release tag: ${pa ? b : a}`);
  return pa.major - pb.major || pa.minor - pb.minor || pa.patch - pb.patch || (pa.rc === pb.rc ? 0 : pa.rc < pb.rc ? -1 : 1);
}

/** The canonical spelling of a tag: always with the leading "v". */
export function canonicalTag(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('v') ? trimmed : `v${trimmed}`;
}
