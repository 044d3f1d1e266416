export interface Counts {
  passed: number;
  failed: number;
}

/** The line CI reads as the last line of `npm test`. */
export const summaryLine = ({ passed, failed }: Counts) => `${passed} passed, ${failed} failed`;
