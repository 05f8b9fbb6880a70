import { describe, expect, it } from 'vitest';
import {
  canonicalCidr,
  cidrContains,
  cidrContainsAddress,
  cidrProblem,
  cidrsOverlap,
  firstFreeBlock,
  nthAddress,
  prefixOf,
  subnetAt,
} from '../../constructs/spec/cidr';

describe('cidr helpers', () => {
  it.each([
    ['10.0.0.0/16', undefined],
    ['10.0.0.1/16', 'has host bits set (the range starts at 10.0.0.0/16)'],
    ['10.0.0.0/33', expect.stringContaining('is not an IPv4 CIDR')],
    ['300.0.0.0/8', expect.stringContaining('is not an IPv4 CIDR')],
    ['10.0.0.0', expect.stringContaining('is not an IPv4 CIDR')],
    [42, 'is not a CIDR string'],
  ])('cidrProblem(%s)', (value, expected) => {
    expect(cidrProblem(value)).toEqual(expected);
  });

  it('canonicalises and measures', () => {
    expect(canonicalCidr('10.1.2.3/16')).toBe('10.1.0.0/16');
    expect(prefixOf('172.16.0.0/12')).toBe(12);
  });

  it('tests overlap and containment', () => {
    expect(cidrsOverlap('10.0.0.0/16', '10.0.255.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(cidrContains('10.0.0.0/8', '10.20.0.0/16')).toBe(true);
    expect(cidrContains('10.20.0.0/16', '10.0.0.0/8')).toBe(false);
    expect(cidrContainsAddress('172.20.0.0/16', '172.20.0.10')).toBe(true);
  });

  it('finds the n-th subnet and address', () => {
    expect(subnetAt('10.0.0.0/16', 19, 0)).toBe('10.0.0.0/19');
    expect(subnetAt('10.0.0.0/16', 19, 7)).toBe('10.0.224.0/19');
    expect(subnetAt('10.0.0.0/16', 19, 8)).toBeUndefined();
    expect(subnetAt('10.0.0.0/16', 15, 0)).toBeUndefined();
    expect(nthAddress('172.20.0.0/16', 10)).toBe('172.20.0.10');
  });

  it('suggests the first free block that avoids every taken range', () => {
    expect(firstFreeBlock(16, ['100.64.0.0/10'], ['100.64.0.0/14'])).toBe('100.68.0.0/16');
    expect(firstFreeBlock(16, ['10.0.0.0/8'], ['10.0.0.0/16', '10.1.0.0/16'])).toBe('10.2.0.0/16');
    expect(firstFreeBlock(8, ['192.168.0.0/16'], [])).toBeUndefined();
    expect(firstFreeBlock(16, ['192.168.0.0/16', '10.0.0.0/8'], ['192.168.0.0/16'])).toBe('10.0.0.0/16');
  });
});
