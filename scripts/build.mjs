// Bundles the Action (dist/index.js), the CLI (dist/cli.js), the lint worker (dist/lint-worker.js), the
// audit worker (dist/audit-worker.js) and the export's worker (dist/export-audit-worker.js) into
// self-contained ES modules. Deterministic (no
// timestamps; the build id is a hash of the sources), so CI can fail when the committed dist/ is stale.
import { createHash } from 'node:crypto'
import { copyFileSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort()
}

const buildId = createHash('sha256')
sourceFiles('src').forEach((file) => buildId.update(file).update(readFileSync(file)))
buildId.update(readFileSync('package-lock.json'))

const banner = [
  "import { createRequire as __rlCreateRequire } from 'node:module';",
  'const require = __rlCreateRequire(import.meta.url);'
].join('\n')

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  charset: 'utf8',
  define: { __RL_BUILD_ID__: JSON.stringify(buildId.digest('hex').slice(0, 16)) }
}

// The Action exports to BigQuery and Snowflake only: DuckDB's native binary stays out of its bundle too.
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', external: ['@duckdb/node-api'], banner: { js: banner } })
// The CLI is split: dist/cli.js loads the chunk of the mode it runs (dist/cli-<hash>.js) and nothing else, so
// a `lint` in a pre-commit hook does not compile the tracker, GitHub and Redis clients. Old chunks go first.
for (const file of readdirSync('dist')) if (/^cli-[A-Z0-9]+\.js$/.test(file)) rmSync(join('dist', file))
// DuckDB (export) is an optional native dependency of the CLI: never bundled, imported from node_modules on use.
await build({ ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', splitting: true, chunkNames: 'cli-[hash]', external: ['@duckdb/node-api'], banner: { js: `#!/usr/bin/env node\n${banner}` } })
await build({ ...common, entryPoints: ['src/io/lint-worker.ts'], outfile: 'dist/lint-worker.js', banner: { js: banner } })
await build({ ...common, entryPoints: ['src/io/audit-worker.ts'], outfile: 'dist/audit-worker.js', banner: { js: banner } })
await build({ ...common, entryPoints: ['src/io/export-audit-worker.ts'], outfile: 'dist/export-audit-worker.js', banner: { js: banner } })
// Chart rendering reads resvg's WebAssembly and the chart font at run time (src/report/charts/assets.ts looks
// beside the bundle first): copied, so dist/ stays self-contained.
copyFileSync('node_modules/@resvg/resvg-wasm/index_bg.wasm', 'dist/resvg.wasm')
copyFileSync('assets/fonts/Inter-Regular.ttf', 'dist/Inter-Regular.ttf')
