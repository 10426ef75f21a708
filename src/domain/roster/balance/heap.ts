/** A binary max-heap of (key, value) pairs; ties broken by the smaller value, so order is deterministic. */
export class MaxHeap {
  private keys: number[] = []
  private values: number[] = []
  get size(): number {
    return this.keys.length
  }
  private above(i: number, j: number): boolean {
    return this.keys[i] > this.keys[j] || (this.keys[i] === this.keys[j] && this.values[i] < this.values[j])
  }
  private swap(i: number, j: number): void {
    ;[this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]]
    ;[this.values[i], this.values[j]] = [this.values[j], this.values[i]]
  }
  push(key: number, value: number): void {
    this.keys.push(key)
    this.values.push(value)
    let i = this.keys.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.above(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }
  peekKey(): number {
    return this.keys[0]
  }
  peekValue(): number {
    return this.values[0]
  }
  pop(): [number, number] {
    const top: [number, number] = [this.keys[0], this.values[0]]
    const lastKey = this.keys.pop()!
    const lastValue = this.values.pop()!
    if (this.keys.length > 0) {
      this.keys[0] = lastKey
      this.values[0] = lastValue
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let best = i
        if (left < this.keys.length && this.above(left, best)) best = left
        if (right < this.keys.length && this.above(right, best)) best = right
        if (best === i) break
        this.swap(i, best)
        i = best
      }
    }
    return top
  }
}
