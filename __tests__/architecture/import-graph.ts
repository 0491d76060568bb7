// Reads what the architecture test checks from the sources alone: every import of every file (static,
// type-only, re-exports, dynamic `import()`, `import('x').T` types, `require`) and every read of the global
// `process`. Parsing only (TypeScript's parser, no type checking), so it runs in about a second and on any
// set of files given as text, which is how its own test plants breaches.

import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative, sep } from 'node:path'
import ts from 'typescript'

export interface ImportEdge {
  /** The importing file, relative to the root with `/` separators (`src/gates/sev1-actions.ts`). */
  from: string
  /** The imported file (same form) for relative imports; the bare specifier (`node:fs`, `@actions/core`) otherwise. */
  to: string
  /** `import type`, `export type … from`, an all-type import, or an `import('x')` type: nothing loaded at run time. */
  typeOnly: boolean
  line: number
}

export interface ProcessRead {
  file: string
  line: number
  /** The expression read (`process.env`, `process.exitCode`, `import 'node:process'`). */
  text: string
}

export interface SourceGraph {
  files: string[]
  imports: ImportEdge[]
  processReads: ProcessRead[]
  /**
   * Files that only re-export (`export * from`, `export { x } from`; comments aside): aliases left where a
   * module used to live. The layer rules look through them to what they re-export.
   */
  aliases: string[]
}

/** Every .ts file below `dir` (relative to `root`), read from disk. */
export function readSourceGraph(root: string, dir: string): SourceGraph {
  const sources = new Map<string, string>()
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) sources.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'))
    }
  }
  walk(join(root, dir))
  return analyseSources(sources)
}

/** The graph of a set of files given as path → text (paths relative to one root, `/`-separated). */
export function analyseSources(sources: ReadonlyMap<string, string>): SourceGraph {
  const files = [...sources.keys()].sort()
  const known = new Set(files)
  const imports: ImportEdge[] = []
  const processReads: ProcessRead[] = []
  const aliases: string[] = []
  for (const file of files) {
    const source = ts.createSourceFile(file, sources.get(file) ?? '', ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
    if (source.statements.length > 0 && source.statements.every((s) => ts.isExportDeclaration(s) && s.moduleSpecifier !== undefined)) aliases.push(file)
    const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
    const add = (specifier: string, typeOnly: boolean, node: ts.Node) => {
      const to = resolveSpecifier(file, specifier, known)
      imports.push({ from: file, to, typeOnly, line: lineOf(node) })
      if (to === 'process' || to === 'node:process') processReads.push({ file, line: lineOf(node), text: `import '${specifier}'` })
    }
    const localProcess = scopesDeclaringProcess(source)
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, isTypeOnlyImport(node), node)
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        add(node.moduleSpecifier.text, node.isTypeOnly, node)
      } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
        add(node.moduleReference.expression.text, node.isTypeOnly, node)
      } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteralLike(node.arguments[0]!)) {
        const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword
        const required = ts.isIdentifier(node.expression) && node.expression.text === 'require'
        if (dynamic || required) add(node.arguments[0].text, false, node)
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, true, node)
      } else if (ts.isIdentifier(node) && node.text === 'process' && readsGlobalProcess(node, localProcess)) {
        processReads.push({ file, line: lineOf(node), text: readExpression(node, source) })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { files, imports, processReads, aliases }
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause
  if (!clause) return false // `import './x.js'`: loaded for its effects
  if (clause.isTypeOnly) return true
  if (clause.name) return false
  const bindings = clause.namedBindings
  return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly)
}

/** `./x.js` from `src/a/b.ts` → `src/a/x.ts` (NodeNext: the .js names the .ts); a package stays as written. */
function resolveSpecifier(from: string, specifier: string, known: ReadonlySet<string>): string {
  if (!specifier.startsWith('.')) return specifier
  const base = posix.normalize(posix.join(posix.dirname(from), specifier))
  const stem = base.replace(/\.(js|mjs|cjs|ts)$/, '')
  for (const candidate of [`${stem}.ts`, `${stem}.mts`, `${base}/index.ts`, base]) if (known.has(candidate)) return candidate
  return base
}

/** The nodes (function bodies, blocks, the file) inside which a local binding named `process` hides the global. */
function scopesDeclaringProcess(source: ts.SourceFile): ts.Node[] {
  const scopes: ts.Node[] = []
  const visit = (node: ts.Node): void => {
    const declared =
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) &&
      node.name !== undefined &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'process'
    const imported = (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node)) && node.name?.text === 'process'
    if (imported) scopes.push(source)
    else if (declared) {
      let scope: ts.Node = node.parent
      while (!ts.isSourceFile(scope) && !ts.isFunctionLike(scope) && !ts.isBlock(scope)) scope = scope.parent
      scopes.push(scope)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return scopes
}

function readsGlobalProcess(node: ts.Identifier, localScopes: readonly ts.Node[]): boolean {
  const parent = node.parent
  // A name, not a reference: `x.process`, `{ process: … }`, a declaration's own name, an imported name.
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return isGlobalThis(parent.expression)
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent)) && parent.name === node) return false
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent) || ts.isQualifiedName(parent)) return false
  // In a type (`typeof process.env`) nothing is read at run time.
  for (let n: ts.Node = parent; !ts.isSourceFile(n); n = n.parent) if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return false
  return !localScopes.some((scope) => node.pos >= scope.pos && node.end <= scope.end)
}

function isGlobalThis(expression: ts.Expression): boolean {
  return ts.isIdentifier(expression) && (expression.text === 'globalThis' || expression.text === 'global')
}

/** `process.env.X` → `process.env`: the member read, enough to say what the code reached for. */
function readExpression(node: ts.Identifier, source: ts.SourceFile): string {
  const parent = node.parent
  if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return parent.getText(source)
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return parent.getText(source)
  return 'process'
}

/** The import cycles: strongly connected components of more than one file, and files importing themselves. */
export function importCycles(graph: SourceGraph): string[][] {
  const internal = new Set(graph.files)
  const next = new Map<string, Set<string>>()
  for (const file of graph.files) next.set(file, new Set())
  for (const edge of graph.imports) if (internal.has(edge.to)) next.get(edge.from)?.add(edge.to)
  // Tarjan's algorithm, iterative (no recursion limit on long import chains).
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  for (const start of graph.files) {
    if (index.has(start)) continue
    const work: Array<{ node: string; children: string[]; i: number }> = []
    const open = (node: string) => {
      index.set(node, counter)
      low.set(node, counter++)
      stack.push(node)
      onStack.add(node)
      work.push({ node, children: [...(next.get(node) ?? [])].sort(), i: 0 })
    }
    open(start)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      if (frame.i < frame.children.length) {
        const child = frame.children[frame.i++]!
        if (!index.has(child)) open(child)
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!))
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!))
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.node)
        if (component.length > 1 || next.get(frame.node)?.has(frame.node)) components.push(component.sort())
      }
    }
  }
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!))
}
