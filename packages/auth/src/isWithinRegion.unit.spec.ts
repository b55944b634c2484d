import { describe, expect, it } from 'vitest';
import { isWithinRegion } from './isWithinRegion.ts';

describe('isWithinRegion', () => {
  it.each<[code: string, ancestor: string, within: boolean]>([
    ['650000', '650000', true], // a region is within itself
    ['650100', '650000', true], // city within province
    ['650102', '650000', true], // district within province
    ['650102', '650100', true], // district within city
    ['659001', '650000', true], // 自治区直辖县级市 within the province
    ['650102', '650102', true],
    ['650000', '650100', false], // a province is not within its city
    ['650200', '650100', false], // sibling cities
    ['650202', '650100', false],
    ['650103', '650102', false], // sibling districts
    ['110101', '650000', false], // other province
    ['65010', '650000', false], // malformed
    ['650100', '6500', false],
  ])('%s within %s → %s', (code, ancestor, within) => {
    expect(isWithinRegion(code, ancestor)).toBe(within);
  });
});
