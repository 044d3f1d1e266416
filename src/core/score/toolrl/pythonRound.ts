/** The exact value of a finite double as `mantissa × 2^exponent`. */
function exactParts(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // Subnormals have no implicit leading 1 and the smallest exponent.
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  return { mantissa: sign * mantissa, exponent: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * Python's `round(x, digits)` for a finite float: the exact binary value rounded half to even at
 * that decimal place, then the double nearest that decimal (so `round(2.675, 2)` is 2.67, because
 * 2.675 is stored as 2.67499…). `Math.round(x * 100) / 100` rounds the inexact product instead.
 * Exact while |x| × 10^digits stays below 2^53, far above the word-count ratios it rounds here.
 */
export function pyRound(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const { mantissa, exponent } = exactParts(x);
  const scale = 10n ** BigInt(digits);
  const numerator = mantissa * scale * (exponent > 0 ? 2n ** BigInt(exponent) : 1n);
  const denominator = exponent < 0 ? 2n ** BigInt(-exponent) : 1n;
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = 2n * (magnitude % denominator);
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient++;
  const rounded = Number(negative ? -quotient : quotient) / Number(scale);
  return rounded === 0 && negative ? -0 : rounded;
}
