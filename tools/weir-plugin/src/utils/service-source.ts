import * as ts from 'typescript';
import { codecByFactory, type CodecName } from './codecs';
import { GeneratorInputError } from './validation';

// Reading and editing a service's TypeScript through the compiler's syntax
// tree, so an edit lands in the right array however the file is laid out
// (comments, strings that mention `plugins`, several lines or one).

function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** `plugins: [...]` in an object literal, or `const plugins = [...]` (used as `{ plugins }`). */
function pluginLists(source: ts.SourceFile): ts.ArrayLiteralExpression[] {
  const lists: ts.ArrayLiteralExpression[] = [];
  visit(source, (node) => {
    if (
      (ts.isPropertyAssignment(node) || ts.isVariableDeclaration(node)) &&
      node.initializer !== undefined &&
      ts.isArrayLiteralExpression(node.initializer) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === 'plugins'
    ) {
      lists.push(node.initializer);
    }
  });
  return lists;
}

/** How many `plugins` array literals the file has (the plugin generator needs exactly one in the project). */
export function countPluginLists(fileName: string, text: string): number {
  return text.includes('plugins') ? pluginLists(parse(fileName, text)).length : 0;
}

/** The codecs whose `@weir/codecs` factory the file calls (`linesCodec()` → lines). */
export function codecsCalled(fileName: string, text: string): CodecName[] {
  const found = new Set<CodecName>();
  visit(parse(fileName, text), (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const codec = codecByFactory(node.expression.text);
      if (codec) found.add(codec);
    }
  });
  return [...found];
}

export interface HandledRoute {
  readonly route: string;
  readonly className: string;
}

/** Route keys the file's classes claim with `@Handle('KEY', ...)`. */
export function handledRoutes(fileName: string, text: string): HandledRoute[] {
  if (!text.includes('Handle')) return [];
  const routes: HandledRoute[] = [];
  visit(parse(fileName, text), (node) => {
    if (!ts.isDecorator(node) || !ts.isCallExpression(node.expression)) return;
    const call = node.expression;
    if (!ts.isIdentifier(call.expression) || call.expression.text !== 'Handle') return;
    const owner = node.parent.parent;
    const className = owner && ts.isClassDeclaration(owner) && owner.name ? owner.name.text : '(anonymous class)';
    for (const arg of call.arguments) {
      if (ts.isStringLiteralLike(arg)) routes.push({ route: arg.text, className });
    }
  });
  return routes;
}

/** Top-level names the file declares or imports, so a new import cannot shadow one. */
function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
      }
    }
  }
  return names;
}

interface TextEdit {
  readonly at: number;
  readonly insert: string;
}

/**
 * Adds `className` to the file's one `plugins: [...]` array and imports it
 * from `importPath`. Returns the new text; throws GeneratorInputError if the
 * file has no such array, several, or a name `className` would clash with.
 */
export function registerPlugin(fileName: string, text: string, className: string, importPath: string): string {
  const source = parse(fileName, text);
  const lists = pluginLists(source);
  if (lists.length !== 1) {
    throw new GeneratorInputError(
      lists.length === 0
        ? `${fileName} has no 'plugins: [...]' array to add ${className} to`
        : `${fileName} has ${lists.length} 'plugins: [...]' arrays; cannot tell which one ${className} belongs in`,
    );
  }
  if (declaredNames(source).has(className)) {
    throw new GeneratorInputError(`${fileName} already has something named ${className}; pick another plugin --name`);
  }
  const list = lists[0];
  const edits: TextEdit[] = [listEdit(source, list, className), importEdit(source, className, importPath)];
  let result = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) {
    result = result.slice(0, edit.at) + edit.insert + result.slice(edit.at);
  }
  assertParses(fileName, result);
  return result;
}

/** Appends to the array, keeping its layout: one line, or one element a line with or without a trailing comma. */
function listEdit(source: ts.SourceFile, list: ts.ArrayLiteralExpression, className: string): TextEdit {
  const elements = list.elements;
  if (elements.length === 0) {
    return { at: list.getEnd() - 1, insert: className };
  }
  const last = elements[elements.length - 1];
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line;
  const multiline = lineOf(elements[0].getStart(source)) !== lineOf(list.getStart(source));
  const trailingComma = elements.hasTrailingComma;
  if (!multiline) return { at: last.getEnd(), insert: `, ${className}` };
  const lineStart = source.getPositionOfLineAndCharacter(lineOf(last.getStart(source)), 0);
  const indent = /^[ \t]*/.exec(source.text.slice(lineStart))?.[0] ?? '';
  // With a trailing comma the new element goes after it, and keeps the style.
  const at = trailingComma ? source.text.indexOf(',', last.getEnd()) + 1 : last.getEnd();
  return { at, insert: trailingComma ? `\n${indent}${className},` : `,\n${indent}${className}` };
}

/** `import { X } from './x.plugin';` after the file's last import (or first, if it has none). */
function importEdit(source: ts.SourceFile, className: string, importPath: string): TextEdit {
  const declaration = `import { ${className} } from '${importPath}';`;
  const imports = source.statements.filter(ts.isImportDeclaration);
  if (imports.length === 0) return { at: 0, insert: `${declaration}\n` };
  return { at: imports[imports.length - 1].getEnd(), insert: `\n${declaration}` };
}

/** The edit must leave valid TypeScript; if it would not, nothing is written. */
function assertParses(fileName: string, text: string): void {
  const { diagnostics } = ts.transpileModule(text, { fileName, reportDiagnostics: true });
  const syntax = (diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntax.length > 0) {
    const reason = ts.flattenDiagnosticMessageText(syntax[0].messageText, '\n');
    throw new Error(`registering the plugin in ${fileName} would break it (${reason}); please add it by hand`);
  }
}
