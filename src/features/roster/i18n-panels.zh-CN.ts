/** Strings of the 人员、设施包干 and 以克论净 panels, Chinese (the default). */
export const panelsZhCN = {
  people: {},
  facilities: {},
  inspections: {},
}
