import { access } from 'node:fs/promises';
import { UsageError } from './errors.js';

/** An integer flag value in [min, max], or a usage error that names the flag. */
export function integerOption(flag: string, text: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new UsageError(`${flag} must be an integer ${range}, got "${text}"`);
  }
  return value;
}

export function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
