/** Numbers as the roster shows them: metres without decimals (the unit is the sentence's), percentages with one (never 100.0 for less than all). */
export function formatMetres(metres: number): string {
  return Math.round(metres).toLocaleString('zh-CN')
}

export function formatPercent(percent: number): string {
  // 99.96 % is not "100.0 %": a shortfall must never read as full coverage.
  const value = percent < 100 ? Math.min(Math.floor(percent * 10) / 10, 99.9) : 100
  return `${value.toFixed(1)}%`
}

export function formatWorkload(value: number): string {
  return Math.round(value).toLocaleString('zh-CN')
}
