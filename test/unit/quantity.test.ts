/**
 * Kubernetes resource quantities (engine/k8s/quantity.ts): apimachinery's grammar, every suffix,
 * and exact value comparison, including the cases floating point gets wrong ("0.7" vs "700m"),
 * plus the quantity fields of semanticDeepEqual (engine/k8s/equality.ts).
 */
import { describe, expect, it } from 'vitest';
import { semanticDeepEqual } from '../../engine/k8s/equality.ts';
import {
  compareQuantities,
  MAX_EXPONENT,
  parseQuantity,
  quantitiesEqual,
  type Quantity,
} from '../../engine/k8s/quantity.ts';

function parse(text: string): Quantity {
  const quantity = parseQuantity(text);
  if (quantity === null) throw new Error(`not a quantity: ${JSON.stringify(text)}`);
  return quantity;
}

function equal(a: string, b: string): boolean {
  return quantitiesEqual(parse(a), parse(b));
}

describe('parseQuantity: suffixes', () => {
  it.each([
    ['1n', -9],
    ['1u', -6],
    ['1m', -3],
    ['1', 0],
    ['1k', 3],
    ['1M', 6],
    ['1G', 9],
    ['1T', 12],
    ['1P', 15],
    ['1E', 18],
  ])('decimal suffix %s is 10^%i', (text, exponent) => {
    expect(parseQuantity(text)).toEqual({ sign: 1, coefficient: 1n, exponent });
    expect(equal(text, `1e${exponent}`)).toBe(true);
  });

  it.each([
    ['1Ki', 1024n],
    ['1Mi', 1048576n],
    ['1Gi', 1073741824n],
    ['1Ti', 1099511627776n],
    ['1Pi', 1125899906842624n],
    ['1Ei', 1152921504606846976n],
  ])('binary suffix %s is %s', (text, bytes) => {
    expect(parseQuantity(text)).toEqual({ sign: 1, coefficient: bytes, exponent: 0 });
    expect(equal(text, bytes.toString())).toBe(true);
  });

  it.each([
    ['1e3', '1000'],
    ['1E3', '1000'],
    ['1e+3', '1000'],
    ['1E+3', '1000'],
    ['1e-3', '0.001'],
    ['1E-3', '0.001'],
    ['1e0', '1'],
    ['1e007', '10000000'],
    ['1.5e2', '150'],
    ['.5e1', '5'],
    ['-2e-1', '-200m'],
    ['12e-9', '12n'],
  ])('decimal exponent %s equals %s', (text, plain) => {
    expect(equal(text, plain)).toBe(true);
  });

  it('reads the number forms of the grammar: signs, "1.", ".5", leading zeros', () => {
    expect(parseQuantity('+1.5')).toEqual({ sign: 1, coefficient: 15n, exponent: -1 });
    expect(parseQuantity('-1.5Ki')).toEqual({ sign: -1, coefficient: 1536n, exponent: 0 });
    expect(equal('1.', '1')).toBe(true);
    expect(equal('1.G', '1G')).toBe(true);
    expect(equal('.5', '500m')).toBe(true);
    expect(equal('007.50', '7.5')).toBe(true);
  });

  it('ignores surrounding whitespace, as Quantity JSON decoding trims it', () => {
    expect(equal(' 700m\n', '0.7')).toBe(true);
  });

  it('reads every spelling of zero as the one zero', () => {
    for (const text of ['0', '-0', '+0', '0.000', '.0', '0Ki', '0e999', '-0n']) {
      expect(parseQuantity(text), text).toEqual({ sign: 0, coefficient: 0n, exponent: 0 });
    }
  });

  it('rounds values finer than a nano up, away from zero, as apimachinery does', () => {
    expect(equal('0.1n', '1n')).toBe(true);
    expect(equal('1e-10', '1n')).toBe(true);
    expect(equal('1.1n', '2n')).toBe(true);
    expect(equal('-1e-12', '-1n')).toBe(true);
    expect(equal('0.000000000001Ki', '2n')).toBe(true); // 1.024n
    expect(equal('1.000000001', '1')).toBe(false); // exactly 1 + 1n: representable, kept
  });
});

describe('parseQuantity: rejects what is not a quantity', () => {
  it.each([
    '',
    ' ',
    '1 Gi',
    '1 000',
    '- 1',
    '1.2.3',
    'Gi',
    'Ki',
    'm',
    '.',
    '-',
    '+',
    '1e',
    '1e+',
    '1E-',
    'e5',
    '1e1.5',
    '1e3Ki',
    '1Ki5',
    '1m5',
    '1KI',
    '1ki',
    '1K',
    '1i',
    '1b',
    '1Mb',
    '--1',
    '+-1',
    '0x10',
    '1_000',
    'Infinity',
    'NaN',
    '١',
    `1e${MAX_EXPONENT + 1}`,
    '1e-2147483649',
    '1e9223372036854775808',
  ])('%j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe('quantitiesEqual and compareQuantities: exact value', () => {
  it.each([
    ['0.7', '700m'],
    ['1Gi', '1024Mi'],
    ['1e3', '1k'],
    ['1000m', '1'],
    ['0.5Gi', '512Mi'],
    ['-0', '0'],
    ['1Mi', '1024Ki'],
    ['1Ei', '1024Pi'],
    ['1E', '1000P'],
    ['1M', '1000000000000u'],
    ['1u', '1000n'],
    ['1.5', '1500m'],
    ['2.5k', '2500'],
    ['1Ki', '1.024k'],
    ['8Ki', '8192'],
    ['5Ki', '5.12k'],
  ])('%s = %s', (a, b) => {
    expect(equal(a, b)).toBe(true);
    expect(equal(b, a)).toBe(true);
    expect(compareQuantities(parse(a), parse(b))).toBe(0);
  });

  // The old float parser (number × suffix) called every one of these unequal: 700 × 1e-3 is
  // 0.7000000000000001, 3 × 10^-1 is 0.30000000000000004, and past 2^53 integers round.
  it.each([
    ['0.7', '700m'],
    ['0.7', '7e-1'],
    ['0.3', '3e-1'],
    ['0.57', '570m'],
    ['3.3', '3300m'],
    ['0.7Gi', '751619276800m'],
    ['3.3Ki', '3379200m'],
    ['123456789123456789', '123456789123456789000m'],
  ])('%s = %s exactly, where floats slip', (a, b) => {
    expect(equal(a, b)).toBe(true);
  });

  // Exact in any arithmetic, listed so the fractional-binary cases stay covered.
  it.each([
    ['0.3', '300m'],
    ['0.1', '100000000n'],
    ['1.1Gi', '1126.4Mi'],
    ['1.1Gi', '1153433.6Ki'],
    ['1.1Gi', '1181116006.4'],
    ['1.1Gi', '1181116006400m'],
  ])('%s = %s', (a, b) => {
    expect(equal(a, b)).toBe(true);
  });

  it.each([
    ['1Ki', '1k'],
    ['1m', '1M'],
    ['1Mi', '1M'],
    ['1', '-1'],
    ['1e3', '1e4'],
    ['1n', '0'],
    ['123456789123456789', '123456789123456788'], // one double to floats
    ['9007199254740993', '9007199254740992'], // 2^53 + 1 and 2^53, ditto
    ['0.30000000000000004', '0.3'],
    ['1.1Gi', '1181116006'],
    ['1e999999999', '1e999999998'],
  ])('%s ≠ %s', (a, b) => {
    expect(equal(a, b)).toBe(false);
    expect(equal(b, a)).toBe(false);
    expect(compareQuantities(parse(a), parse(b))).not.toBe(0);
  });

  it.each([
    ['1k', '1Ki'],
    ['999m', '1'],
    ['-1', '0'],
    ['-1Ki', '-1k'],
    ['0', '1n'],
    ['123456789123456788', '123456789123456789'],
    ['9e999999998', '1e999999999'],
    ['99', '1e2'],
    ['1.5', '15'],
  ])('%s < %s', (a, b) => {
    expect(compareQuantities(parse(a), parse(b))).toBe(-1);
    expect(compareQuantities(parse(b), parse(a))).toBe(1);
  });

  it('compares huge exponents fast, without expanding 10^exponent', () => {
    const start = performance.now();
    expect(equal('1e999999999', '10e999999998')).toBe(true);
    expect(equal(`1e${MAX_EXPONENT}`, `0.1e${MAX_EXPONENT}`)).toBe(false);
    expect(equal('1e-999999999', '1n')).toBe(true); // rounds up to the smallest quantity
    expect(equal(`-1e-${MAX_EXPONENT}`, '-1n')).toBe(true);
    expect(compareQuantities(parse(`1e${MAX_EXPONENT}`), parse('1Ei'))).toBe(1);
    expect(parseQuantity('1e999999999')).toEqual({ sign: 1, coefficient: 1n, exponent: 999999999 });
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('costs time in proportion to the text, not to the value it denotes', () => {
    const tiny = `0.${'0'.repeat(20_000)}1`;
    const long = `1${'0'.repeat(20_000)}`;
    const start = performance.now();
    expect(equal(tiny, '1n')).toBe(true);
    expect(equal(long, '1e20000')).toBe(true);
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});

describe('semanticDeepEqual: quantity fields compare by value', () => {
  function podsMetric(name: string, averageValue: string) {
    return {
      type: 'Pods',
      pods: { metric: { name }, target: { type: 'AverageValue', averageValue } },
    };
  }

  it('treats averageValue "0.7" and "700m" as equal', () => {
    expect(semanticDeepEqual({ metrics: [podsMetric('rps', '0.7')] }, { metrics: [podsMetric('rps', '700m')] })).toBe(true);
  });

  it('treats value "1Gi" and "1024Mi" as equal', () => {
    const hpa = (value: string) => ({ metrics: [{ type: 'Object', object: { target: { type: 'Value', value } } }] });
    expect(semanticDeepEqual(hpa('1Gi'), hpa('1024Mi'))).toBe(true);
    expect(semanticDeepEqual(hpa('1Gi'), hpa('1G'))).toBe(false);
  });

  it('compares any other field byte for byte, even when it reads as a quantity', () => {
    expect(semanticDeepEqual({ metrics: [podsMetric('0.7', '1')] }, { metrics: [podsMetric('700m', '1')] })).toBe(false);
    expect(semanticDeepEqual({ name: '0.7' }, { name: '700m' })).toBe(false);
  });

  it('equals an unparsable quantity field only to the identical string', () => {
    expect(semanticDeepEqual({ averageValue: '1.2.3' }, { averageValue: '1.2.3' })).toBe(true);
    expect(semanticDeepEqual({ averageValue: 'Gi' }, { averageValue: '0' })).toBe(false);
  });
});
