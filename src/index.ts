// The Action's bundle entry (dist/index.js).
import { run } from './main.js'

await run()
