/**
 * Kubernetes resource quantities ("700m", "1.5Gi", "2e3"), parsed and compared by value as
 * apimachinery's resource.ParseQuantity and Quantity.Cmp do, so "1Gi" = "1024Mi" and "0.7" = "700m".
 * Arithmetic is exact (BigInt), never floating point: as floats 700 × 1e-3 is 0.7000000000000001,
 * which made "0.7" ≠ "700m".
 */

/**
 * An exact quantity: sign × coefficient × 10^exponent.
 *
 * Canonical, so equal values have equal fields: the coefficient is positive and not a multiple of
 * 10 (zero is sign 0, coefficient 0n, exponent 0), and exponent ≥ -9 because apimachinery rounds
 * every quantity up, away from zero, to a whole number of nano units (1e-9): "0.1n" is "1n".
 */
export interface Quantity {
  readonly sign: -1 | 0 | 1;
  readonly coefficient: bigint;
  readonly exponent: number;
}

/**
 * Largest |exponent| accepted in "<number>e<exponent>". apimachinery reads the exponent into an
 * int32 and silently wraps larger ones ("1e4294967296" becomes 1); those are rejected here rather
 * than wrapped. Exponents are kept as plain numbers and never expanded into 10^exponent, so even
 * "1e2147483647" parses and compares instantly.
 */
export const MAX_EXPONENT = 2 ** 31 - 1;

/** Nano (1e-9) is the finest precision apimachinery keeps. */
const NANO_EXPONENT = -9;

const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * sign, digits ("1", "1.", "1.5", ".5"), then an exponent or a suffix. "1E" is exa and "1E3" an
 * exponent; the regex tries the exponent first, so both read correctly.
 */
const SYNTAX = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

const ZERO: Quantity = { sign: 0, coefficient: 0n, exponent: 0 };

/**
 * The quantity `text` denotes, or null if it is not one. Surrounding whitespace is ignored, as
 * Quantity's JSON decoding trims it. Stricter than ParseQuantity: a number is required, whereas
 * apimachinery reads "Gi", "." or "-" as zero (the documented grammar requires digits), and see
 * MAX_EXPONENT.
 * Not modelled: apimachinery clamps some binary-suffixed values above 2^63-1; here they stay exact.
 */
export function parseQuantity(text: string): Quantity | null {
  const match = SYNTAX.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '', pointFraction, bareFraction, exponentText, suffix = ''] = match;
  const fraction = pointFraction ?? bareFraction ?? '';

  let power10: number;
  let power2 = 0;
  if (exponentText !== undefined) {
    power10 = Number(exponentText);
    if (Math.abs(power10) > MAX_EXPONENT) return null;
  } else if (suffix in BINARY_SUFFIX) {
    power10 = 0;
    power2 = BINARY_SUFFIX[suffix] ?? 0;
  } else {
    power10 = DECIMAL_SUFFIX[suffix] ?? 0;
  }

  // The written digits as an integer, the decimal point moved into the exponent.
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return ZERO; // "-0" is zero too
  let magnitude = BigInt(digits) << BigInt(power2);
  let exponent = power10 - fraction.length;

  if (exponent < NANO_EXPONENT) {
    // Finer than nano: round up to the next whole nano, as apimachinery does. A number with fewer
    // digits than the places to drop is below 1n, so becomes 1n without computing 10^places.
    const places = NANO_EXPONENT - exponent;
    if (places > magnitude.toString().length) {
      magnitude = 1n;
    } else {
      const divisor = 10n ** BigInt(places);
      magnitude = (magnitude + divisor - 1n) / divisor;
    }
    exponent = NANO_EXPONENT;
  }
  return canonical(sign === '-' ? -1 : 1, magnitude, exponent);
}

/** Moves trailing decimal zeros of the coefficient into the exponent. */
function canonical(sign: -1 | 1, magnitude: bigint, exponent: number): Quantity {
  const text = magnitude.toString();
  const zeros = text.length - text.replace(/0+$/, '').length;
  if (zeros === 0) return { sign, coefficient: magnitude, exponent };
  return { sign, coefficient: BigInt(text.slice(0, -zeros)), exponent: exponent + zeros };
}

/** -1, 0 or 1 as a is less than, equal to or greater than b (Quantity.Cmp). */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  const magnitude = compareMagnitudes(a, b);
  return a.sign === 1 ? magnitude : ((-magnitude) as -1 | 0 | 1);
}

/** Whether a and b denote the same value ("1Gi" and "1024Mi", "0.7" and "700m"). */
export function quantitiesEqual(a: Quantity, b: Quantity): boolean {
  return compareQuantities(a, b) === 0;
}

function compareMagnitudes(a: Quantity, b: Quantity): -1 | 0 | 1 {
  // Compare the number of digits before the decimal point first; only when that ties are the
  // coefficients aligned, and then the exponents differ by less than a coefficient's length,
  // so the power of ten multiplied in stays small.
  const aLength = a.coefficient.toString().length;
  const bLength = b.coefficient.toString().length;
  const aOrder = aLength + a.exponent;
  const bOrder = bLength + b.exponent;
  if (aOrder !== bOrder) return aOrder < bOrder ? -1 : 1;
  let x = a.coefficient;
  let y = b.coefficient;
  if (a.exponent > b.exponent) x *= 10n ** BigInt(a.exponent - b.exponent);
  else if (b.exponent > a.exponent) y *= 10n ** BigInt(b.exponent - a.exponent);
  return x === y ? 0 : x < y ? -1 : 1;
}
