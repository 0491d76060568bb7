// Writes src/config/schema.json (what editors read for completion) from src/config/schema.ts (what the
// code validates with). A test fails when the two differ; run `npm run schema` after changing schema.ts.
import { writeFileSync } from 'node:fs'
import { build } from 'esbuild'

const out = await build({ entryPoints: ['src/config/schema.ts'], bundle: true, format: 'esm', platform: 'node', write: false, logLevel: 'warning' })
const url = `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
const { configSchema } = await import(url)
writeFileSync('src/config/schema.json', `${JSON.stringify(configSchema, null, 2)}\n`)
