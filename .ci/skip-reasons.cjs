// A Jest reporter for .ci/run: which test files skipped tests or said they skipped something, and why.
// Jest prints no console output for a file whose tests are all skipped, so the "Skipping …" warnings that
// explain a skip are collected here from each file's console buffer and written as JSON to the file named
// by $SKIP_REASONS_FILE.
const { writeFileSync } = require('node:fs')
const { relative } = require('node:path')

const SAYS_SKIPPED = /\bskip(ped|ping)?\b/i

class SkipReasons {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir
    this.rows = []
  }

  onTestResult(_test, result) {
    const skipped = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0)
    const reasons = [...new Set((result.console ?? []).filter((entry) => entry.type === 'warn' && SAYS_SKIPPED.test(entry.message)).map((entry) => entry.message.trim()))]
    if (skipped > 0 || reasons.length > 0) this.rows.push({ file: relative(this.rootDir, result.testFilePath), skipped, reasons })
  }

  onRunComplete() {
    if (process.env.SKIP_REASONS_FILE) writeFileSync(process.env.SKIP_REASONS_FILE, JSON.stringify(this.rows, null, 2))
  }
}

module.exports = SkipReasons
