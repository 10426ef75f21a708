/**
 * `npm run bench [-- <name>…]`: runs every bench/*.bench.ts (or those whose bench names
 * start with the given prefixes) and prints one JSON line per figure on stdout; progress
 * goes to stderr. Results are recorded by hand in docs/benchmarks.md.
 */
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Bench } from './bench.ts'

const directory = fileURLToPath(new URL('.', import.meta.url))
const filters = process.argv.slice(2).filter((argument) => !argument.startsWith('-'))
const log = (message: string) => process.stderr.write(`${message}\n`)

const files = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort()
let ran = 0
for (const file of files) {
  const module = (await import(new URL(file, import.meta.url).href)) as { benches: Bench[] }
  for (const bench of module.benches) {
    if (filters.length > 0 && !filters.some((filter) => bench.name.startsWith(filter))) continue
    log(`▶ ${bench.name}`)
    for (const figure of await bench.run(log)) {
      process.stdout.write(`${JSON.stringify(figure)}\n`)
    }
    ran += 1
  }
}
if (ran === 0) {
  log(`no bench matches ${filters.join(', ')}`)
  process.exit(1)
}
