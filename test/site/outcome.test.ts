/**
 * The build-time outcome checks behind <Outcome>: outcome.ts is pure, so it runs here on presets
 * read from disk (the Vite glob in site/lib/presets.ts is not needed).
 */
import { describe, expect, it } from 'vitest';
import {
  assertOutcome,
  checkOutcome,
  OutcomeMismatchError,
  OutcomeQueryError,
  outcomeLabel,
  outcomeTone,
  siteLocale,
} from '../../site/lib/outcome.ts';
import { loadPreset } from '../support/presets.ts';

const issue = loadPreset('kserve-4312');
const HPA = 'my-isvc-predictor';

describe('checkOutcome: HPA verdicts', () => {
  it('accepts the engine summary for the buggy and the fixed release', () => {
    const buggy = checkOutcome({ scenario: issue, release: 'v0.14.1', hpa: HPA, expect: 'deleted at step 3' });
    expect(buggy).toMatchObject({ kind: 'summary', release: 'v0.14.1', actual: 'deleted at step 3', matches: true, linkStep: 3 });
    const fixed = checkOutcome({ scenario: issue, release: 'v0.15.2', hpa: HPA, expect: 'overwritten at step 3, deleted at step 4' });
    expect(fixed.matches).toBe(true);
  });

  it('reports a wrong expectation as a mismatch with the real value', () => {
    const check = checkOutcome({ scenario: issue, release: 'v0.14.1', hpa: HPA, expect: 'kept' });
    expect(check.kind).toBe('outcome');
    expect(check.matches).toBe(false);
    expect(check.actual).toBe('deleted');
    expect(check.judgement?.entries).toEqual([{ step: 3, kind: 'deleted' }]);
  });

  it('compares outcome words against the outcome, other text against the summary', () => {
    expect(checkOutcome({ scenario: issue, release: 'v0.15.2', hpa: HPA, expect: 'deleted' }).matches).toBe(true);
    expect(checkOutcome({ scenario: issue, release: 'v0.12.0', hpa: HPA, expect: 'kept' }).matches).toBe(true);
    const partial = checkOutcome({ scenario: issue, release: 'v0.15.2', hpa: HPA, expect: 'deleted at step 4' });
    expect(partial).toMatchObject({ kind: 'summary', matches: false, actual: 'overwritten at step 3, deleted at step 4' });
  });

  it('runs releases the preset does not list, and accepts a tag without the v', () => {
    const check = checkOutcome({ scenario: issue, release: '0.13.0-rc1', hpa: HPA, expect: 'deleted at step 3' });
    expect(check).toMatchObject({ release: 'v0.13.0-rc1', matches: true });
    expect(checkOutcome({ scenario: issue, release: 'v0.13.0-rc0', hpa: HPA, expect: 'kept' }).matches).toBe(true);
  });

  it('uses the only user HPA when none is named, and refuses to guess among several', () => {
    expect(checkOutcome({ scenario: issue, release: 'v0.14.1', expect: 'deleted at step 3' }).matches).toBe(true);
    const two = loadPreset('several-components');
    expect(() => checkOutcome({ scenario: two, release: 'v0.14.1', expect: 'kept' })).toThrow(/income-model-predictor, income-model-transformer/);
  });
});

describe('checkOutcome: step results', () => {
  it('compares against the step result of the predictor by default', () => {
    expect(checkOutcome({ scenario: issue, release: 'v0.14.1', step: 3, expect: 'Delete' })).toMatchObject({ kind: 'step', actual: 'Delete', matches: true });
    expect(checkOutcome({ scenario: issue, release: 'v0.15.2', step: 3, expect: 'Update' }).matches).toBe(true);
    expect(checkOutcome({ scenario: issue, release: 'v0.12.0', step: 3, expect: 'NotCalled' }).matches).toBe(true);
  });

  it('reads another component when asked', () => {
    const several = loadPreset('several-components');
    expect(checkOutcome({ scenario: several, release: 'v0.14.1', step: 4, component: 'transformer', expect: 'Delete' }).matches).toBe(true);
    expect(checkOutcome({ scenario: several, release: 'v0.14.1', step: 4, component: 'explainer', expect: 'Skipped' }).matches).toBe(true);
  });

  it('names steps without a reconcile and refused changes', () => {
    expect(checkOutcome({ scenario: issue, release: 'v0.14.1', step: 2, expect: 'none' }).matches).toBe(true);
    const none = loadPreset('switch-hpa-to-none');
    expect(checkOutcome({ scenario: none, release: 'v0.14.1', step: 2, expect: 'refused' }).matches).toBe(true);
    // The switch patches the pod template, so a second pass follows: NotFound, class none → Skipped (source notes §9.9).
    expect(checkOutcome({ scenario: none, release: 'v0.15.2', step: 2, expect: 'Delete, Skipped' }).matches).toBe(true);
  });
});

describe('checkOutcome: questions that cannot be asked', () => {
  it('rejects an unknown release, HPA, step or component', () => {
    expect(() => checkOutcome({ scenario: issue, release: 'v1.32.2', hpa: HPA, expect: 'kept' })).toThrow(OutcomeQueryError);
    expect(() => checkOutcome({ scenario: issue, release: 'v1.32.2', hpa: HPA, expect: 'kept' })).toThrow(/unknown KServe release "v1.32.2"/);
    expect(() => checkOutcome({ scenario: issue, release: 'v0.14.1', hpa: 'nope', expect: 'kept' })).toThrow(/no HPA named "nope".*user HPAs: my-isvc-predictor/);
    expect(() => checkOutcome({ scenario: issue, release: 'v0.14.1', step: 99, expect: 'Delete' })).toThrow(/steps 1–5/);
    expect(() => checkOutcome({ scenario: issue, release: 'v0.14.1', step: 3, component: 'router' as never, expect: 'Delete' })).toThrow(/unknown component/);
    expect(() => checkOutcome({ scenario: issue, release: 'v0.14.1', hpa: HPA, expect: '  ' })).toThrow(/expect is empty/);
  });
});

describe('assertOutcome: what <Outcome> runs at build time', () => {
  it('returns the check when the engine agrees', () => {
    const check = assertOutcome({ preset: 'kserve-4312', scenario: issue, release: 'v0.14.1', hpa: HPA, expect: 'deleted at step 3' });
    expect(check.actual).toBe('deleted at step 3');
  });

  it('a ScaledObject KEDA\'s webhook refuses is refused, not an HPA deleted: the HPA KEDA would keep never existed', () => {
    const scenario = loadPreset('matrix/keda-class-hpa');
    expect(assertOutcome({ preset: 'matrix/keda-class-hpa', scenario, release: 'v0.16.0', expect: 'refused' }).actual).toBe('refused');
  });

  it('throws for a wrong claim, naming preset, release and both values', () => {
    let thrown: unknown;
    try {
      assertOutcome({ preset: 'kserve-4312', scenario: issue, release: 'v0.14.1', hpa: HPA, expect: 'kept' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutcomeMismatchError);
    const message = (thrown as Error).message;
    expect(message).toContain('preset "kserve-4312"');
    expect(message).toContain('release v0.14.1');
    expect(message).toContain('HPA my-isvc-predictor');
    expect(message).toContain('the article says "kept"');
    expect(message).toContain('the engine computes "deleted"');
    expect((thrown as OutcomeMismatchError).check.judgement?.outcome).toBe('deleted');
  });

  it('throws for a wrong step claim with the step and component in the message', () => {
    expect(() => assertOutcome({ preset: 'kserve-4312', scenario: issue, release: 'v0.15.2', step: 3, expect: 'Delete' }))
      .toThrow(/preset "kserve-4312", release v0.15.2, step 3 \(predictor\): the article says "Delete" but the engine computes "Update"/);
  });

  it('wraps query errors with the preset and release too', () => {
    expect(() => assertOutcome({ preset: 'kserve-4312', scenario: issue, release: 'v9.9.9', hpa: HPA, expect: 'kept' }))
      .toThrow(/preset "kserve-4312", release v9.9.9, HPA my-isvc-predictor: unknown KServe release/);
  });
});

describe('labels', () => {
  it('renders the engine value in English and Chinese', () => {
    const fixed = checkOutcome({ scenario: issue, release: 'v0.15.2', hpa: HPA, expect: 'overwritten at step 3, deleted at step 4' });
    expect(outcomeLabel(fixed, 'en')).toBe('v0.15.2: overwritten at step 3, deleted at step 4');
    expect(outcomeLabel(fixed, 'zh-cn')).toBe('v0.15.2：第 3 步被覆盖，第 4 步被删除');
    const step = checkOutcome({ scenario: issue, release: 'v0.14.1', step: 3, expect: 'Delete' });
    expect(outcomeLabel(step, 'en')).toBe('v0.14.1, step 3: Delete');
    expect(outcomeLabel(step, 'zh-cn')).toBe('v0.14.1 第 3 步：Delete 删除');
  });

  it('names the new harms with the engine’s words and tones, in both languages', () => {
    const renamed = loadPreset('matrix/external-other-name');
    const fought = checkOutcome({ scenario: renamed, release: 'v0.15.0', expect: 'scaling-fought' });
    expect(fought.matches).toBe(true);
    expect(outcomeTone(fought)).toBe('warn');
    expect(outcomeLabel(fought, 'en')).toBe('v0.15.0: scaling fought');
    expect(outcomeLabel(fought, 'zh-cn')).toBe('v0.15.0：扩缩被抵消');
    const conflict = checkOutcome({ scenario: loadPreset('matrix/hpa-class-other-name'), release: 'v0.20.0', expect: 'conflict' });
    expect(conflict.matches).toBe(true);
    expect(outcomeTone(conflict)).toBe('warn');
    expect(outcomeTone(checkOutcome({ scenario: issue, release: 'v0.14.1', hpa: HPA, expect: 'deleted' }))).toBe('loss');
  });

  it('judges KServe’s own HPA when the preset has no user HPA', () => {
    const own = checkOutcome({ scenario: loadPreset('matrix/hpa-class'), release: 'v0.15.2', expect: 'managed' });
    expect(own).toMatchObject({ kind: 'outcome', matches: true });
    expect(outcomeLabel(own, 'en')).toBe('v0.15.2: managed by KServe');
    expect(checkOutcome({ scenario: loadPreset('matrix/none-same-name'), release: 'v0.14.1', expect: 'refused' }).matches).toBe(true);
  });

  it('maps Astro locales and paths to the two site locales', () => {
    expect(siteLocale('zh-CN')).toBe('zh-cn');
    expect(siteLocale('en')).toBe('en');
    expect(siteLocale(undefined, '/zh-cn/guides/analysis/')).toBe('zh-cn');
    expect(siteLocale(undefined, '/guides/analysis/')).toBe('en');
  });
});
