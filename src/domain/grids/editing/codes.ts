/**
 * Grid codes (DOMAIN.md): 15 digits = the community's 12 + a 3-digit sequence 001–999.
 * Rules the operations follow:
 *   - a new grid (drawn, or the smaller part of a split) takes the smallest free sequence of
 *     its community (`nextFreeCode`, the caller asks for it and passes it in);
 *   - a split keeps the code (and version, attributes) on the larger part by geodesic area;
 *   - a merge keeps the code of the largest grid, or of the one the user chooses (`keep`);
 *   - a delete hands the area to a neighbour, whose code stays.
 * Sequence 000 is not a code (bad-code rule of the validator).
 */
import { BAD_CODE, CODE_TAKEN, COMMUNITY_NOT_IN_SCOPE, refuse } from './reasons.ts'
import type { EditScope, GridOperationRefusal, GridSet } from './types.ts'

export const SEQUENCE_MAX = 999

export function sequenceOf(code: string): number {
  return Number(code.slice(12))
}

export function codeFor(communityCode: string, sequence: number): string {
  return `${communityCode}${String(sequence).padStart(3, '0')}`
}

/** The smallest free code 001–999 of the community; throws when all 999 are taken. */
export function nextFreeCode(takenCodes: Iterable<string>, communityCode: string): string {
  const taken = new Set<number>()
  for (const code of takenCodes) if (code.length === 15 && code.startsWith(communityCode)) taken.add(sequenceOf(code))
  for (let sequence = 1; sequence <= SEQUENCE_MAX; sequence++) if (!taken.has(sequence)) return codeFor(communityCode, sequence)
  throw new Error(`社区 ${communityCode} 的网格顺序码已用满（001–999）`)
}

/** Why a code cannot be given to a new grid of the community, or null. */
export function newCodeProblem(grids: GridSet, scope: EditScope, code: string, communityCode: string): GridOperationRefusal | null {
  if (!/^\d{12}$/.test(communityCode) || !/^\d{15}$/.test(code) || !code.startsWith(communityCode) || code.endsWith('000')) return refuse(BAD_CODE, code)
  if (grids.has(code)) return refuse(CODE_TAKEN, code)
  if (!scope.communities.some((community) => community.code === communityCode)) return refuse(COMMUNITY_NOT_IN_SCOPE, communityCode)
  return null
}
