/**
 * Lints as a report lists them: a namespace dump gives the same lint for many objects (30 models
 * with the old RawDeployment annotation give 30 "v0.16.0 will refuse every update of …"), which
 * would bury the one lint that is about the HPA at risk. Lints that differ only in the object they
 * are about become one group, worded once for all of them ("30 InferenceServices: …"); a lint
 * alone keeps its own words. Every front end lists lints through this, so the grouping is decided
 * here once.
 */
import { msg, type Message, type MessageId, type MessageParam } from './i18n/message.ts';
import type { Lint, LintId, LintSubject } from './lint.ts';

export interface LintGroup {
  /** Stable while the lints stay alike (it leaves their objects out): for a disclosure's open state. */
  key: string;
  id: LintId;
  severity: Lint['severity'];
  kind: LintSubject['kind'];
  /** A lint alone: its own message; several: "30 InferenceServices: …", worded without the objects. */
  message: Message;
  detail: Message;
  /** In input order; each keeps its own position and quick fix. */
  lints: readonly Lint[];
}

/** The parameter that names the lint's own object, per kind (lint.ts words every message this way). */
const SUBJECT_PARAM: Record<LintSubject['kind'], string> = { InferenceService: 'isvc', HorizontalPodAutoscaler: 'hpa' };

/** Messages that name their object, reworded for several objects at once (the object's parameter left out). */
const FOR_SEVERAL: Partial<Record<MessageId, MessageId>> = {
  'lint.namedLikeComponent': 'lint.namedLikeComponent.many',
  'lint.targetsOther': 'lint.targetsOther.many',
  'lint.classMisspelt': 'lint.classMisspelt.many',
  'lint.serverlessClass': 'lint.serverlessClass.many',
  'lint.serverless': 'lint.serverless.many',
  'lint.legacyMode': 'lint.legacyMode.many',
  'lint.workloadMode': 'lint.workloadMode.many',
  'lint.canary': 'lint.canary.many',
  'lint.predictorName.detail': 'lint.predictorName.detail.many',
};

const GROUP_WORDS: Record<LintSubject['kind'], MessageId> = { InferenceService: 'lint.group.isvcs', HorizontalPodAutoscaler: 'lint.group.hpas' };

/** A short stable name for a group's likeness (FNV-1a), so a disclosure's key stays small. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

const SEVERITY_RANK: Record<Lint['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * The message worded for several objects, or null when it names its object and has no such
 * wording (then each lint stays alone rather than read as if about one object).
 */
function forSeveral(message: Message, param: string): Message | null {
  const params = message.params ?? {};
  if (!(param in params)) return message;
  const id = FOR_SEVERAL[message.id];
  if (!id) return null;
  const rest: Record<string, MessageParam> = {};
  for (const [name, value] of Object.entries(params)) if (name !== param) rest[name] = value;
  return msg(id, rest);
}

/** Groups lints alike but for their object: lints alone first, then the groups, each by severity, else in input order. */
export function groupLints(lints: readonly Lint[]): LintGroup[] {
  const groups = new Map<string, { key: string; first: Lint; message: Message | null; detail: Message | null; lints: Lint[] }>();
  lints.forEach((lint, i) => {
    const param = SUBJECT_PARAM[lint.subject.kind];
    const message = forSeveral(lint.message, param);
    const detail = forSeveral(lint.detail, param);
    const alike = message && detail
      ? JSON.stringify([lint.id, lint.severity, lint.subject.kind, message, detail, lint.fix?.label ?? null])
      : `${i}`; // cannot be worded for several: its own group
    const group = groups.get(alike);
    if (group) group.lints.push(lint);
    else groups.set(alike, { key: `${lint.id}-${hash(alike)}`, first: lint, message, detail, lints: [lint] });
  });
  const out = [...groups.values()].map((g): LintGroup => {
    const several = g.lints.length > 1;
    return {
      key: g.key,
      id: g.first.id,
      severity: g.first.severity,
      kind: g.first.subject.kind,
      message: several ? msg(GROUP_WORDS[g.first.subject.kind], { count: g.lints.length, what: g.message! }) : g.first.message,
      detail: several ? g.detail! : g.first.detail,
      lints: g.lints,
    };
  });
  // Array.prototype.sort is stable, so equal ranks keep the input's order.
  return out.sort((a, b) => Number(a.lints.length > 1) - Number(b.lints.length > 1) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
}
