/**
 * What a rollout's capacity drop says about the HPA's climb back. The HPA controller's
 * reconcileAutoscaler (kubernetes pkg/controller/podautoscaler/horizontal.go) sets a Deployment
 * below the HPA's minReplicas straight to minReplicas, before it reads a metric or applies a
 * behavior; at or above minReplicas it goes by metrics, which the model does not evaluate. So the
 * drop names the number only in the first case. Expectations derived by hand from that branch and
 * from v0.13.1's full Update of the dry-run-filled Deployment (source notes §11.3).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../engine/i18n/render.ts';
import { capacityDropMessage, runScenario } from '../../engine/run.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { formatInputError } from '../../engine/scenario/source.ts';

const PRESET = readFileSync(new URL('../../content/scenarios/rollout-capacity-drop.yaml', import.meta.url), 'utf8');

function drops(text: string) {
  const parsed = parseScenario([{ name: 'rollout.yaml', text }]);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => formatInputError(e)).join('\n'));
  return runScenario(parsed.scenario, { versions: ['v0.13.1'] }).versions[0]!.capacityDrops;
}

describe('the climb back after a rollout dropped the capacity (v0.13.1)', () => {
  it('minReplicas 4, dropped to 1: the next sync sets it back to 4 whatever the load', () => {
    const [first] = drops(PRESET);
    expect(first).toMatchObject({ step: 3, from: 4, to: 1, restore: { hpa: 'my-isvc-predictor', minReplicas: 4 } });
    expect(renderMessage(capacityDropMessage(first!), 'zh-cn')).toContain('先把它恢复到 minReplicas 4');
  });

  it('minReplicas 1, scaled to 4 by load and dropped to 1: no number is promised, only metrics bring it back', () => {
    const text = PRESET.replace('minReplicas: 4', 'minReplicas: 1');
    expect(text).not.toBe(PRESET);
    const [first] = drops(text);
    expect(first).toMatchObject({ step: 3, from: 4, to: 1, hpa: 'my-isvc-predictor', restore: null });
    expect(renderMessage(capacityDropMessage(first!), 'en')).toBe('my-isvc-predictor: capacity dropped from 4 to 1 at step 3 (rollout; HPA my-isvc-predictor had scaled it, and climbs back only as far as its metrics ask)');
  });
});
