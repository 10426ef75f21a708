/**
 * Mann–Kendall trend test against published values: pymannkendall's own test of
 * original_test (Bogra monthly rainfall 1981–2010, 353 values after its 7 gaps, many ties),
 * the MannKendall.jl test of 1…100 (same authors), and small series worked by hand below.
 */
import { describe, expect, it } from 'vitest'
import { mannKendall, MANN_KENDALL_ALPHA } from '../../src/domain/hotspots/index.ts'

/**
 * Column "Bogra" of pymannkendall's tests/data/Monthly Rainfall.csv (mm, January 1981 to
 * December 2010, one row a year); an empty field is a missing month, which original_test drops.
 */
const BOGRA_BY_YEAR = [
  '32,20,25,189,240,193,379,278,301,0,0,82',
  '0,4,,,121,234,360,262,120,30,11,1',
  '7,3,31,31,355,102,248,274,308,,5,26',
  '11,16,6,48,388,539,431,272,404,186,0,2',
  '0,4,1,54,272,459,235,164,365,135,2,',
  ',4,0,128,210,163,446,225,462,467,19,13',
  '0,3,17,132,178,338,525,623,145,31,19,3',
  '0,29,25,87,259,756,486,180,292,43,92,1',
  '0,16,2,0,130,253,594,111,273,30,0,4',
  '0,27,24,41,292,378,499,265,320,227,4,0',
  '4,14,8,48,416,240,404,207,733,105,0,112',
  '0,14,0,30,140,202,289,159,424,106,3,0',
  '65,3,14,58,268,466,432,266,240,95,1,0',
  '10,26,4,114,94,289,173,208,263,156,5,0',
  '16,16,14,0,111,475,534,432,471,117,70,1',
  '3,28,7,401,184,283,338,171,335,176,0,0',
  '10,11,9,140,102,208,298,245,220,29,2,27',
  '10,13,26,84,143,367,749,563,283,353,10,0',
  '0,0,0,9,246,265,343,429,168,133,17,0',
  '18,35,76,158,272,250,190,289,466,84,0,0',
  '0,0,0,22,217,299,185,115,344,203,8,',
  ',0,5,284,123,254,476,496,326,27,20,0',
  '4,53,72,113,214,364,219,220,156,264,0,13',
  '0,0,45,90,137,638,529,261,206,251,0,0',
  '5,9,58,72,138,130,471,328,356,523,0,1',
  '0,0,12,143,193,184,192,138,174,69,1,0',
  '0,18,25,28,92,732,320,256,302,131,15,0',
  '27,0,22,20,213,393,474,374,109,159,0,0',
  '0,3,3,49,205,128,194,570,169,89,0,0',
  '0,0,0,26,185,286,92,225,244,190,3,20',
]
const bogra = BOGRA_BY_YEAR.flatMap((year) => year.split(',')).filter((field) => field !== '').map(Number)

describe('Mann–Kendall (pymannkendall original_test)', () => {
  it('reproduces pymannkendall on the Bogra rainfall series (ties: many zero months)', () => {
    // tests/test_pymannkendall.py, test_original_test
    expect(bogra).toHaveLength(353)
    const result = mannKendall(bogra)
    expect(result.s).toBe(-1959)
    expect(result.varianceS).toBeCloseTo(4889800.333333333, 6)
    expect(Math.abs(result.z - -0.8854562842589916)).toBeLessThan(1e-9)
    expect(Math.abs(result.p - 0.37591058740506833)).toBeLessThan(1e-9)
    expect(Math.abs(result.tau - -0.03153167653875869)).toBeLessThan(1e-9)
    expect(result.direction).toBe('none')
  })

  it('reproduces MannKendall.jl on 1…100 (no ties)', () => {
    // test/runtests.jl: s 4950, var_s 112750, z 14.73869998208331, τ 1, p 0
    const result = mannKendall(Array.from({ length: 100 }, (_, k) => k + 1))
    expect(result.s).toBe(4950)
    expect(result.varianceS).toBe(112750)
    expect(Math.abs(result.z - 14.73869998208331)).toBeLessThan(1e-9)
    expect(result.tau).toBe(1)
    expect(result.p).toBeLessThan(1e-9)
    expect(result.direction).toBe('increasing')
  })

  it('works a short series with one pair of ties by hand', () => {
    // 3 1 4 1 5: from 3: −+−+ = 0; from 1: +0+ = 2; from 4: −+ = 0; from 1: + = 1 → S = 3.
    // Var = (5·4·15 − 2·1·9)/18 = 282/18; z = (3 − 1)/√(282/18) = 0.5052911526399114;
    // p = erfc(z/√2) = 0.6133543559547467; τ = 3/10.
    const result = mannKendall([3, 1, 4, 1, 5])
    expect(result.s).toBe(3)
    expect(result.varianceS).toBeCloseTo(282 / 18, 12)
    expect(Math.abs(result.z - 0.5052911526399114)).toBeLessThan(1e-9)
    expect(Math.abs(result.p - 0.6133543559547467)).toBeLessThan(1e-9)
    expect(result.tau).toBeCloseTo(0.3, 15)
    expect(result.direction).toBe('none')
  })

  it('works a decreasing series with four groups of ties by hand', () => {
    // 5 5 5 4 4 3 2 2 1 1: 45 pairs, 3 + 1 + 1 + 1 = 6 tied, the other 39 decrease → S = −39.
    // Var = (10·9·25 − (3·2·11 + 3·2·1·9))/18 = (2250 − 66 − 54)/18 = 2130/18;
    // z = (−39 + 1)/√(2130/18) = −3.493253054304605, p = 0.0004771740932767443, τ = −39/45.
    const result = mannKendall([5, 5, 5, 4, 4, 3, 2, 2, 1, 1])
    expect(result.s).toBe(-39)
    expect(result.varianceS).toBeCloseTo(2130 / 18, 12)
    expect(Math.abs(result.z - -3.493253054304605)).toBeLessThan(1e-9)
    expect(Math.abs(result.p - 0.0004771740932767443)).toBeLessThan(1e-9)
    expect(result.tau).toBeCloseTo(-39 / 45, 15)
    expect(result.direction).toBe('decreasing')
  })

  it('gives no trend for a constant series (every pair tied: Var(S) = 0, z = 0, p = 1)', () => {
    const result = mannKendall([2, 2, 2, 2])
    expect(result).toMatchObject({ n: 4, s: 0, varianceS: 0, z: 0, p: 1, tau: 0, direction: 'none' })
  })

  it('calls a trend only at p ≤ alpha (default 0.05)', () => {
    expect(MANN_KENDALL_ALPHA).toBe(0.05)
    // 1 2 3 4: S = 6, Var = 4·3·13/18 = 26/3, z = 5/√(26/3) = 1.698, p = 0.0894 — a trend at 0.10, not at 0.05
    const rising = mannKendall([1, 2, 3, 4])
    expect(rising.p).toBeCloseTo(0.0894, 4)
    expect(rising.direction).toBe('none')
    expect(mannKendall([1, 2, 3, 4], 0.1).direction).toBe('increasing')
    expect(mannKendall([4, 3, 2, 1], 0.1).direction).toBe('decreasing')
  })

  it('refuses fewer than 2 values and values that are not finite numbers', () => {
    expect(() => mannKendall([1])).toThrow(RangeError)
    expect(() => mannKendall([1, Number.NaN, 3])).toThrow(/value 1/)
    expect(() => mannKendall([1, Infinity])).toThrow(RangeError)
  })
})
