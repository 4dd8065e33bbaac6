/**
 * No recursion that input can deepen (issue 21, item 2): a message nested tens of thousands deep
 * renders, a long history builds a shallow message, and `run` takes its full 5,000 events. And
 * `check --format json` escapes bidi and C1 controls as the other JSON outputs do (item 7).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryCli } from '../support/memory-cli.ts';
import { msg, type Message, type MessageParam } from '../../engine/i18n/message.ts';
import { renderMessage } from '../../engine/i18n/render.ts';
import { LIMITS } from '../../engine/scenario/source.ts';
import { historyMessage } from '../../engine/verdict.ts';

const GITOPS = readFileSync(new URL('../../content/scenarios/gitops-loop.yaml', import.meta.url), 'utf8');

/** Levels of messages (objects with an id) from the top down the deepest branch, counted without recursion. */
function depth(root: MessageParam): number {
  let deepest = 0;
  const stack: [MessageParam, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node as readonly MessageParam[]) stack.push([item, level]);
      continue;
    }
    const message = node as Message;
    deepest = Math.max(deepest, level + 1);
    for (const value of Object.values(message.params ?? {})) stack.push([value, level + 1]);
  }
  return deepest;
}

const entry = (step: number): Message => msg('history.entry', { kind: msg('history.deleted'), step });

const cli = memoryCli;

describe('rendering without recursion', () => {
  it('a message nested 50,000 deep renders, in both languages', () => {
    let chain: Message = entry(0);
    for (let step = 1; step < 50_000; step++) chain = msg('history.then', { before: chain, after: entry(step) });
    expect(depth(chain)).toBe(50_001);
    const en = renderMessage(chain, 'en');
    expect(en.startsWith('deleted at step 0, deleted at step 1, ')).toBe(true);
    expect(en.endsWith(', deleted at step 49999')).toBe(true);
    expect(en.split(', ')).toHaveLength(50_000);
    // Nested the other way (each message in the `after` of the one before) and in a list.
    let right: Message = msg('history.restored');
    for (let i = 1; i < 50_000; i++) right = msg('history.then', { before: msg('history.deleted'), after: right });
    const zh = renderMessage(msg('ci.notChecked', { hpas: [right, 'x'] }), 'zh-cn');
    expect(zh.split('，')).toHaveLength(50_001);
  });

  it('a 50,000-entry history builds a message a few levels deep that reads as the entries in order', () => {
    const entries = Array.from({ length: 50_000 }, (_, step) => entry(step));
    const history = historyMessage(entries);
    expect(depth(history)).toBeLessThan(300);
    expect(renderMessage(history, 'en')).toBe(entries.map((e) => renderMessage(e, 'en')).join(', '));
    expect(renderMessage(history, 'zh-cn')).toBe(entries.map((e) => renderMessage(e, 'zh-cn')).join('，'));
    // Short histories keep the shape they always had: 'history.then' nested to the left.
    const three = historyMessage([entry(1), entry(2), entry(3)]);
    expect(three).toEqual(msg('history.then', { before: msg('history.then', { before: entry(1), after: entry(2) }), after: entry(3) }));
  });
});

describe(`run takes its full ${LIMITS.events} events`, () => {
  const events = Array.from({ length: LIMITS.events / 2 }, () => '  - pod-created\n  - gitops-sync\n').join('');
  const scenario = `${GITOPS.slice(0, GITOPS.indexOf('\nevents:'))}\nevents:\n${events}`;

  it('as text, without throwing', async () => {
    const outcome = await cli(['run', 'long.yaml', '--versions', 'v0.14.1'], { 'long.yaml': scenario });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/deleted at step \d+, .*restored by GitOps at step \d+/);
  }, 60_000);

  it('as JSON, with a shallow summary message', async () => {
    const outcome = await cli(['run', 'long.yaml', '--versions', 'v0.14.1', '--json'], { 'long.yaml': scenario });
    expect(outcome.code, outcome.stderr).toBe(0);
    const report = JSON.parse(outcome.stdout) as { versions: { verdicts: { summary: string; summaryMessage: Message }[] }[] };
    const verdict = report.versions[0]!.verdicts[0]!;
    expect(verdict.summary.split(', ').length).toBeGreaterThan(1000);
    expect(depth(verdict.summaryMessage)).toBeLessThan(300);
    expect(renderMessage(verdict.summaryMessage, 'en')).toBe(verdict.summary);
  }, 60_000);
});

describe('check --format json escapes bidi and C1 controls', () => {
  it('U+202E, U+2066 and U+0085 in a file name come out as \\u escapes, the same JSON value', async () => {
    const isvc = GITOPS.slice(0, GITOPS.indexOf('\n---\n'));
    const name = 'deploy/a\u202eb\u2066c\u0085d.yaml';
    const outcome = await cli(['check', 'deploy', '--format', 'json', '--versions', 'v0.14.1'], { [name]: isvc, 'deploy/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n' });
    expect(outcome.code, outcome.stderr).toBeLessThan(2);
    expect(outcome.stdout).not.toMatch(/[\u0085\u202e\u2066]/);
    expect(outcome.stdout).toContain('a\\u202eb\\u2066c\\u0085d.yaml');
    const report = JSON.parse(outcome.stdout) as { inferenceServices: { file: string }[] };
    expect(report.inferenceServices[0]!.file).toBe(name);
  });
});
