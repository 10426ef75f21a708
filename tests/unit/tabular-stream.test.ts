import { describe, expect, it } from 'vitest'
import { CsvRecordSplitter, encodeGbk, readCsv, streamCsv, TableError, type CsvStreamProgress } from '../../src/domain/tabular/index.ts'

const PHRASES = ['小区门口垃圾堆放，无人清理', '道路不洁，多处有油污', '摊贩占用人行道，"早市"时段', '施工工地夜间\n噪音扰民', '垃圾桶满溢']

/** A hotline-like CSV of about `megabytes` MB with quoted commas, quotes and line breaks in cells. */
function bigCsv(megabytes: number): string {
  const lines = ['工单编号,经度,纬度,问题描述,受理时间']
  let size = 0
  for (let index = 0; size < megabytes * 1e6; index++) {
    const phrase = PHRASES[index % PHRASES.length]
    const line = `RX-${index},${(119.9 + (index % 997) / 1e4).toFixed(6)},${(32.4 + (index % 991) / 1e4).toFixed(6)},"${phrase.replace(/"/g, '""')}",2026-03-05 08:${String(index % 60).padStart(2, '0')}:00`
    lines.push(line)
    if (index % 1000 === 999) lines.push('') // blank rows as Excel sometimes leaves them
    size += line.length * 2
  }
  return lines.join('\r\n') + '\r\n'
}

async function collect(blob: Blob, chunkBytes: number, signal?: AbortSignal) {
  const rows: Record<string, string>[] = []
  const rowNumbers: number[] = []
  const progress: CsvStreamProgress[] = []
  const result = await streamCsv(blob, {
    chunkBytes,
    signal,
    onRows: (batch, step, numbers) => {
      rows.push(...batch)
      rowNumbers.push(...numbers)
      progress.push(step)
    },
  })
  return { rows, rowNumbers, progress, result }
}

describe('CsvRecordSplitter', () => {
  it('cuts only outside quotes and keeps every record whatever the chunk size', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,"say ""hi"""\r\n\r\n3,z'
    for (const size of [1, 2, 3, 5, 7, 100]) {
      const splitter = new CsvRecordSplitter()
      const records: string[][] = []
      for (let start = 0; start < text.length; start += size) records.push(...splitter.push(text.slice(start, start + size)).map((record) => record.cells))
      records.push(...splitter.finish().map((record) => record.cells))
      expect(records, `chunk size ${size}`).toEqual([['a', 'b'], ['1', 'x\r\ny'], ['2', 'say "hi"'], [''], ['3', 'z']])
    }
  })
})

describe('streamCsv', () => {
  it('a multi-MB GBK file read in odd-sized slices equals the whole-file reader', async () => {
    const bytes = encodeGbk(bigCsv(4))
    expect(bytes.length).toBeGreaterThan(2_000_000)
    const whole = readCsv(bytes)
    // 65,537 bytes: slices end in the middle of two-byte GBK characters.
    const { rows, rowNumbers, progress, result } = await collect(new Blob([bytes]), 65_537)
    expect(result.encoding).toBe('gb18030')
    expect(result.rowsRead).toBe(whole.rows.length)
    expect(rows).toEqual(whole.rows)
    expect(rowNumbers).toEqual(whole.rowNumbers)
    expect(progress.length).toBeGreaterThan(20)
    for (let index = 1; index < progress.length; index++) {
      expect(progress[index].bytesRead).toBeGreaterThan(progress[index - 1].bytesRead)
    }
    expect(progress.at(-1)).toMatchObject({ bytesRead: bytes.length, totalBytes: bytes.length, rowsRead: whole.rows.length })
  })

  it('UTF-8 with a BOM, slices cutting three-byte characters', async () => {
    const text = bigCsv(0.5)
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])
    const { rows, result } = await collect(new Blob([bytes]), 4099)
    expect(result.encoding).toBe('utf-8')
    expect(result.columns[0]).toBe('工单编号')
    expect(rows).toEqual(readCsv(bytes).rows)
  })

  it('switches to GBK when Chinese text first appears after a plain-ASCII first slice', async () => {
    const text = 'id,note\r\n' + Array.from({ length: 2000 }, (_unused, index) => `${index},ok`).join('\r\n') + '\r\n9999,经度纬度\r\n'
    const bytes = encodeGbk(text)
    const { rows, result } = await collect(new Blob([bytes]), 4096)
    expect(result.encoding).toBe('gb18030')
    expect(rows.at(-1)).toEqual({ id: '9999', note: '经度纬度' })
  })

  it('stops when cancelled and says so', async () => {
    const bytes = encodeGbk(bigCsv(1))
    const controller = new AbortController()
    let delivered = 0
    const error = await streamCsv(new Blob([bytes]), {
      chunkBytes: 50_000,
      signal: controller.signal,
      onRows: (batch) => {
        delivered += batch.length
        if (delivered > 0) controller.abort()
      },
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(TableError)
    expect((error as TableError).code).toBe('aborted')
    expect(delivered).toBeGreaterThan(0)
    expect(delivered).toBeLessThan(readCsv(bytes).rows.length / 5)
  })

  it('empty file and header-only file', async () => {
    await expect(streamCsv(new Blob([]), { onRows: () => {} })).rejects.toMatchObject({ code: 'empty_file' })
    await expect(streamCsv(new Blob(['经度,纬度\r\n']), { onRows: () => {} })).rejects.toMatchObject({ code: 'no_rows' })
  })
})
