const regionCodePattern = /^\d{6}$/;

/**
 * Whether region `code` lies within region `ancestor` (a region is within itself).
 * 行政区划代码 nest by prefix: a province ends in `0000` (its first 2 digits are significant),
 * a prefecture-level city ends in `00` (first 4), anything else is a county-level code (all 6).
 * So 650102 is within 650100, which is within 650000. Malformed codes are within nothing.
 */
export const isWithinRegion = (code: string, ancestor: string): boolean => {
  if (!regionCodePattern.test(code) || !regionCodePattern.test(ancestor)) return false;
  return code.startsWith(significantPrefix(ancestor));
};

const significantPrefix = (regionCode: string): string => {
  if (regionCode.endsWith('0000')) return regionCode.slice(0, 2);
  if (regionCode.endsWith('00')) return regionCode.slice(0, 4);
  return regionCode;
};
