/**
 * One item of BFCL's `error` list: a message, or (for parallel calls) a
 * `{"Model Result Index i": {sub_error, sub_error_type, ...}}` object, exactly as BFCL
 * writes it into score files.
 */
export type BfclErrorItem = string | { [key: string]: unknown };

/** What BFCL's checkers return, plus a sentence for a person. */
export interface CheckResult {
  valid: boolean;
  error: BfclErrorItem[];
  error_type?: string;
  explanation?: string;
}

export const VALID: CheckResult = { valid: true, error: [] };

export function invalid(error_type: string, error: BfclErrorItem[], explanation: string): CheckResult {
  return { valid: false, error, error_type, explanation };
}
