// `npm run demo`: runs every mode that exists on this repository's own example content, offline and
// without credentials, and shows what a user would see. Uses the committed bundle, as the Action does.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first.')
  process.exit(1)
}

let unexpected = 0
function step(title, args, expectedExit) {
  console.log(`\n\u001b[1m$ reliability-loop ${args.join(' ')}\u001b[0m   # ${title}`)
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } })
  const note = run.status === expectedExit ? 'as expected' : `expected ${expectedExit}`
  console.log(`(exit code ${run.status}: ${note})`)
  if (run.status !== expectedExit) unexpected++
}

console.log('reliability-loop demo: the lint mode on this repository\'s postmortems')
step('the example postmortems in docs/postmortems pass', ['lint', '--no-cache'], 0)
step('broken postmortems: what the linter catches', ['lint', '--no-cache', 'examples/broken'], 1)
step('the same findings as JSON, for scripts', ['lint', '--no-cache', '--format', 'json', 'examples/broken/PM-900.md'], 1)
if (unexpected > 0) {
  console.error(`\n${unexpected} demo step(s) did not behave as expected.`)
  process.exit(1)
}
console.log('\nNext: copy .github/workflows/reliability-lint.yml into your repository (see README).')
