/**
 * The balancer's input and output (issue 18 item 4): lines split into K contiguous beats of
 * even workload. Measures (fromM, toM) are geodesic metres along the input line, as
 * turf.length / PostGIS `ST_Length(geography)`.
 */
export type LonLat = [number, number]

export interface BalanceLine {
  id: string
  /** WGS84 */
  coordinates: LonLat[]
  /** workload of the whole line; default its length in metres */
  weight?: number
}

export interface BalanceCurrentPiece {
  lineId: string
  fromM: number
  toM: number
  owner: string
}

export interface BalanceInput {
  lines: BalanceLine[]
  beats: number
  /** walking gap that still connects two lines, metres (30) */
  gapM?: number
  /** length = beats: the cleaners to pair with beats (beat i ↔ owners[i - 1]) */
  owners?: string[]
  /** existing assignments: keep as many as possible */
  current?: BalanceCurrentPiece[]
  /**
   * with `current`: 'repair' (default) starts from the current beats and only moves what the
   * tolerance needs; 'fresh' balances from scratch and pairs beats with owners by overlap
   * (Hungarian). Without `current` always 'fresh'.
   */
  mode?: 'repair' | 'fresh'
  /**
   * a component too light to be a beat of its own within the tolerance: 'join' (default) links
   * it to the nearest component, and the beat taking it is reported connected = false; 'own'
   * keeps every beat inside one component (the lower bound then says what that costs)
   */
  isolated?: 'join' | 'own'
  seed?: number
  /** every beat within ±tolerance of the mean is the goal (0.1) */
  tolerance?: number
}

export interface BalancePiece {
  lineId: string
  fromM: number
  toM: number
  /** 1..K */
  beat: number
  owner: string | null
  weight: number
  coordinates: LonLat[]
}

export interface BalanceBeat {
  beat: number
  owner: string | null
  weight: number
  lengthM: number
  pieces: number
  /** all pieces reachable from each other through shared end points or gaps ≤ gapM */
  connected: boolean
}

export interface BalanceStats {
  beats: number
  min: number
  mean: number
  max: number
  /** (max − min) / mean */
  spread: number
  /**
   * no partition whose beats each stay inside one group of components (a component, or one
   * joined with its light neighbours) can have a smaller spread; 0 when beats must span them
   */
  lowerBound: number
  /**
   * the lower bound for beats kept inside groups of components (null when K < groups); when it
   * exceeds twice the tolerance (isolated = 'join'), beats span groups instead and lowerBound is 0
   */
  connectedLowerBound: number | null
  /** connected components of the network (gapM) */
  components: number
  /**
   * beats were carved across components joined by walking links (light components joined, K <
   * groups, or connected beats could not come within the tolerance): beats using a link are
   * connected = false
   */
  beatsSpanComponents: boolean
  /** components linked to a neighbour because they were too light for a beat (isolated = 'join') */
  joinedComponents: number
  movedLengthM: number
  movedPieces: number
  /** the result returned: the repaired current beats, or a fresh partition paired by overlap */
  method: 'repair' | 'fresh'
  /**
   * repair was asked but the fresh partition came back: the repair missed the tolerance
   * ('tolerance'), left more beats disconnected ('connected') or moved more length ('moved')
   */
  fallback: 'tolerance' | 'connected' | 'moved' | null
  ms: number
}

export interface BalanceResult {
  pieces: BalancePiece[]
  beats: BalanceBeat[]
  stats: BalanceStats
}

export type BalanceErrorCode =
  | 'empty'
  | 'bad_beats'
  | 'too_many_beats'
  | 'bad_coordinates'
  | 'zero_length'
  | 'bad_weight'
  | 'duplicate_id'
  | 'bad_owners'
  | 'bad_current'
  | 'bad_option'

export class BalanceError extends Error {
  constructor(
    readonly code: BalanceErrorCode,
    readonly messageZh: string,
    /** 0-based index of the line at fault, when one is */
    readonly lineIndex: number | null = null,
    readonly field: string | null = null,
  ) {
    super(messageZh)
    this.name = 'BalanceError'
  }
}

/** The shortest piece a split may leave: K beyond what this allows is refused. */
export const MIN_PIECE_M = 5
