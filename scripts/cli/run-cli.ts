/**
 * The entry of a command that writes its results to stdout (npm run assign, npm run hotspots):
 * usage without arguments, the run's exit code, a CliFailure's message and code, anything
 * else as an unexpected failure. A reader that closes the pipe early (`… | head`) made that
 * choice: EPIPE ends the command with success; another error writing stdout ends it with
 * `stdoutFailureExit`.
 */
import { CliFailure, EXIT, unexpectedFailureText, type ExitCode } from './exit-codes.ts'

const log = (line: string) => process.stderr.write(`${line}\n`)

export async function runCli<Options>(
  usage: string,
  readOptions: (argv: string[]) => Options | null,
  run: (options: Options) => Promise<ExitCode>,
  stdoutFailureExit: ExitCode,
): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok)
    log(unexpectedFailureText(error))
    process.exit(stdoutFailureExit)
  })
  try {
    const options = readOptions(process.argv.slice(2))
    if (!options) process.stdout.write(`${usage}\n`)
    else process.exitCode = await run(options)
  } catch (error) {
    if (error instanceof CliFailure) {
      log(error.message)
      process.exitCode = error.exitCode
    } else {
      log(unexpectedFailureText(error))
      process.exitCode = EXIT.unusable
    }
  }
}
