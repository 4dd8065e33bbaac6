/**
 * KServe release tags: parsing, ordering and lenient lookup ("0.14.1" finds "v0.14.1"), and the one
 * other kind of release name, a pinned commit of a branch that no tag contains yet
 * (`master@aaac4e294dae`: the branch, `@`, the commit's first 12 hex digits).
 */
export interface TagParts {
  major: number;
  minor: number;
  patch: number;
  /** Release candidate number; a final release sorts after every rc. */
  rc: number;
}

const TAG = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc(\d+))?$/;
const BRANCH_PIN = /^([A-Za-z0-9][A-Za-z0-9._-]*)@([0-9a-f]{12})$/;

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

export interface BranchPin {
  branch: string;
  /** The commit's first 12 hex digits. */
  commit: string;
}

/** `master@aaac4e294dae` → its branch and commit; anything else → null. */
export function parseBranchPin(text: string): BranchPin | null {
  const match = BRANCH_PIN.exec(text.trim());
  return match ? { branch: match[1]!, commit: match[2]! } : null;
}

/**
 * Release order. A branch pin sorts after every tag: the table pins a branch only at a commit newer
 * than the newest tag it models. Two pins sort by name (the table has at most one per branch).
 */
export function compareTags(a: string, b: string): number {
  const pinA = parseBranchPin(a) !== null;
  const pinB = parseBranchPin(b) !== null;
  if (pinA || pinB) {
    if (pinA && pinB) return a < b ? -1 : a > b ? 1 : 0;
    if (!parseTag(pinA ? b : a)) throw new Error(`not a release tag: ${pinA ? b : a}`);
    return pinA ? 1 : -1;
  }
  const pa = parseTag(a);
  const pb = parseTag(b);
  if (!pa || !pb) throw new Error(`not a release tag: ${pa ? b : a}`);
  return pa.major - pb.major || pa.minor - pb.minor || pa.patch - pb.patch || (pa.rc === pb.rc ? 0 : pa.rc < pb.rc ? -1 : 1);
}

/** The canonical spelling of a tag: always with the leading "v" (a branch pin is left as it is). */
export function canonicalTag(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('v') || parseBranchPin(trimmed) ? trimmed : `v${trimmed}`;
}
