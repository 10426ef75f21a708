/**
 * Whether one physical line, read on its own, is a complete CSV row of `cells` cells: quotes
 * only around whole fields and closed on the line. Used to tell a quoted cell that holds line
 * breaks from an unclosed quote that has swallowed the rows after it: inside a real cell the
 * lines are free text, inside a runaway quote they are rows.
 */
const QUOTE = 34

export function lineLooksLikeRow(text: string, start: number, end: number, delimiter: number, cells: number): boolean {
  let count = 0
  let index = start
  for (;;) {
    count++
    if (index < end && text.charCodeAt(index) === QUOTE) {
      index++
      for (;;) {
        const close = text.indexOf('"', index)
        if (close < 0 || close >= end) return false
        if (close + 1 < end && text.charCodeAt(close + 1) === QUOTE) {
          index = close + 2
          continue
        }
        index = close + 1
        break
      }
      if (index === end) return count === cells
      if (text.charCodeAt(index) !== delimiter) return false
      index++
      continue
    }
    while (index < end) {
      const code = text.charCodeAt(index)
      if (code === delimiter) break
      if (code === QUOTE) return false
      index++
    }
    if (index >= end) return count === cells
    index++
  }
}
