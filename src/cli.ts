// The `reliability-loop` executable (bundled to dist/cli.js). Everything else is in src/cli/main.ts.
import module from 'node:module'

// Node 22.1 and later keep V8's compiled code of the bundle on disk (os.tmpdir()/node-compile-cache, or
// NODE_COMPILE_CACHE), so later runs skip compiling a megabyte of JavaScript: about 0.06 s of each start.
// A no-op on Node 20. Before main is imported, so that every chunk of the bundle is covered.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
const { main } = await import('./cli/main.js')

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
