import { bulk, double, type Protocol } from '../reply/replies';
import type { RespReply } from '@weir/codecs';

/**
 * A score as redis-server 7.0 prints it in RESP2 (ZSCORE, ZINCRBY, WITHSCORES):
 * C's `%.17g`, i.e. 17 significant digits, trailing zeros dropped, exponent
 * form below 1e-4 or from 1e17 up (`0.10000000000000001`, `1e+20`, `inf`).
 * Checked against a real redis-server 7.0.15. (Redis 7.2 switched to the
 * shortest round-trip digits; clients read both the same.)
 */
export function formatScore(score: number): string {
  if (Number.isNaN(score)) return 'nan';
  if (!Number.isFinite(score)) return score > 0 ? 'inf' : '-inf';
  if (score === 0) return Object.is(score, -0) ? '-0' : '0';
  const [digits, exponentText] = score.toExponential(16).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 17) {
    const mantissa = trimZeros(digits);
    const sign = exponent < 0 ? '-' : '+';
    const magnitude = Math.abs(exponent);
    return `${mantissa}e${sign}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  return trimZeros(score.toFixed(16 - exponent));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** A score reply: a RESP3 double, or its `%.17g` text as a bulk string in RESP2. */
export function scoreReply(score: number, proto: Protocol): RespReply {
  return proto === 3 ? double(score, 3) : bulk(formatScore(score));
}
