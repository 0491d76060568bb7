// The `reliability-loop` executable (bundled to dist/cli.js). Everything else is in src/cli/main.ts.
import { main } from './cli/main.js'

// `reliability-loop lint --format json | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`error: cannot write to stdout: ${error.message}\n`)
    process.exitCode = 3
  }
})

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
  stdinIsTTY: process.stdin.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {})
})
