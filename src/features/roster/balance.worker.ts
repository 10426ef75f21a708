/**
 * The balancer off the main thread: one call, one answer (domain/roster/balance). comlink
 * carries the input and result; errors (a BalanceError with its Chinese message) come back
 * as rejections.
 */
import { expose } from 'comlink'
import { balance } from '../../domain/roster/balance/index.ts'

expose({ balance })
