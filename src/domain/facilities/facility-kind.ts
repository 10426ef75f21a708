/** The waste facilities the district manages (public.facilities.kind). */
export const FACILITY_KINDS = ['compactor_station', 'transfer_station', 'collection_point', 'public_toilet'] as const
export type FacilityKind = (typeof FACILITY_KINDS)[number]
