// GraphQL errors as Shopify (graphql-ruby) words them: the common validation failures get
// Shopify's message and `extensions.code` (undefinedField, argumentNotAccepted,
// missingRequiredArguments, …) and a path that starts with the operation ("query Name"); bad
// variables get "Variable $x of type T was provided invalid value …" with `problems`. Others keep
// graphql-js's wording. All come back with HTTP 200 and no data, as Shopify answers.
import { visit, type ASTNode, type DocumentNode, type GraphQLError } from "graphql";

export interface ShopifyError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

type Rewrite = (m: RegExpExecArray) => { message: string; extensions: Record<string, unknown> };

const REWRITES: [RegExp, Rewrite][] = [
  [/^Cannot query field "(\w+)" on type "(\w+)"\./, (m) => ({ message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`, extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] } })],
  [/^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./, (m) => ({ message: `Field '${m[2]}' doesn't accept argument '${m[1]}'`, extensions: { code: "argumentNotAccepted", name: m[2], typeName: "Field", argumentName: m[1] } })],
  [/^Unknown argument "(\w+)" on directive "@(\w+)"\./, (m) => ({ message: `Directive '${m[2]}' doesn't accept argument '${m[1]}'`, extensions: { code: "argumentNotAccepted", name: m[2], typeName: "Directive", argumentName: m[1] } })],
  [/^Field "\w+\.(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./, (m) => ({ message: `Field '${m[1]}' is missing required arguments: ${m[2]}`, extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] } })],
  [/^Directive "@(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./, (m) => ({ message: `Directive '${m[1]}' is missing required arguments: ${m[2]}`, extensions: { code: "missingRequiredArguments", className: "Directive", name: m[1], arguments: m[2] } })],
  [/^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./, (m) => {
    const type = (m[2] ?? "").replace(/[[\]!]/g, "");
    return { message: `Field must have selections (field '${m[1]}' returns ${type} but has no selections. Did you mean '${m[1]} { ... }'?)`, extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName: type } };
  }],
  [/^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./, (m) => ({ message: `Selections can't be made on scalars (field '${m[1]}' returns ${m[2]} but has selections)`, extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName: m[2] } })],
  [/^Variable "\$(\w+)" is not defined by operation "(\w+)"\./, (m) => ({ message: `Variable $${m[1]} is used by ${m[2]} but not declared`, extensions: { code: "variableNotDefined", variableName: m[1] } })],
  [/^Variable "\$(\w+)" is never used in operation "(\w+)"\./, (m) => ({ message: `Variable $${m[1]} is declared by ${m[2]} but not used`, extensions: { code: "variableNotUsed", variableName: m[1] } })],
  [/^Unknown type "(\w+)"\./, (m) => ({ message: `${m[1]} isn't a defined input type`, extensions: { code: "variableRequiresValidType", typeName: m[1] } })],
  [/^Unknown directive "@(\w+)"\./, (m) => ({ message: `Directive @${m[1]} is not defined`, extensions: { code: "undefinedDirective", directiveName: m[1] } })],
  [/^Must provide operation name if query contains multiple operations\./, () => ({ message: "An operation name is required", extensions: { code: "operationNameRequired" } })],
  [/^Unknown operation named "(\w+)"\./, (m) => ({ message: `No operation named "${m[1]}"`, extensions: { code: "operationNotFound" } })],
];

/** The path from the operation ("query Name") to `target`, as graphql-ruby reports validation errors. */
function pathTo(document: DocumentNode, target: ASTNode | undefined): string[] | undefined {
  if (!target) return undefined;
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    enter(node) {
      if (found) return false;
      if (node.kind === "OperationDefinition") stack.push(`${node.operation}${node.name ? " " + node.name.value : ""}`);
      else if (node.kind === "FragmentDefinition") stack.push(`fragment ${node.name.value}`);
      else if (node.kind === "Field") stack.push(node.name.value);
      if (node === target) found = [...stack];
      return undefined;
    },
    leave(node) {
      if (node.kind === "OperationDefinition" || node.kind === "FragmentDefinition" || node.kind === "Field") stack.pop();
    },
  });
  return found;
}

export function validationErrorToShopify(error: GraphQLError, document: DocumentNode): ShopifyError {
  for (const [re, rewrite] of REWRITES) {
    const m = re.exec(error.message);
    if (m) {
      const out = rewrite(m);
      return { message: out.message, locations: error.locations?.map((l) => ({ line: l.line, column: l.column })), path: pathTo(document, error.nodes?.[0]), extensions: out.extensions };
    }
  }
  return { message: error.message, locations: error.locations?.map((l) => ({ line: l.line, column: l.column })), path: pathTo(document, error.nodes?.[0]), extensions: { code: "validationFailed" } };
}

export function syntaxErrorToShopify(error: GraphQLError): ShopifyError {
  const at = error.locations?.[0];
  const detail = error.message.replace(/^Syntax Error: /, "");
  return { message: `syntax error, ${detail}${at ? ` at [${at.line}, ${at.column}]` : ""}`, locations: error.locations?.map((l) => ({ line: l.line, column: l.column })) };
}

/** graphql-js variable coercion errors ('Variable "$input" got invalid value …; Field "x" …') in Shopify's words. */
export function variableErrorToShopify(error: GraphQLError, typeOf: (name: string) => string | undefined, values: Record<string, unknown>): ShopifyError {
  const m = /^Variable "\$(\w+)" (?:got invalid value .*?(?:at "\w+((?:\.\w+|\[\d+\])*)")?; (.*)|of required type "([^"]+)" was not provided\.|of non-null type "([^"]+)" must not be null\.)$/s.exec(error.message);
  if (!m) return { message: error.message, locations: error.locations?.map((l) => ({ line: l.line, column: l.column })), extensions: { code: "INVALID_VARIABLE" } };
  const [, name, at, reason, required, nonNull] = m;
  const type = typeOf(name!) ?? required ?? nonNull ?? "";
  if (required || nonNull) return { message: `Variable $${name} of type ${type} was provided invalid value`, locations: error.locations?.map((l) => ({ line: l.line, column: l.column })), extensions: { value: null, problems: [{ path: [], explanation: "Expected value to not be null" }] } };
  const base = (at ?? "").split(/\.|\[|\]/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let explanation = reason ?? "Invalid value";
  let path = base;
  const notDefined = /^Field "(\w+)" is not defined by type "(\w+)"\./.exec(explanation);
  const missing = /^Field "(\w+)" of required type "([^"]+)" was not provided\./.exec(explanation);
  if (notDefined) {
    path = [...base, notDefined[1]!];
    explanation = `Field is not defined on ${notDefined[2]}`;
  } else if (missing) {
    path = [...base, missing[1]!];
    explanation = "Expected value to not be null";
  }
  return {
    message: `Variable $${name} of type ${type} was provided invalid value${path.length ? ` for ${path.join(".")}` : ""} (${explanation})`,
    locations: error.locations?.map((l) => ({ line: l.line, column: l.column })),
    extensions: { value: values[name!] ?? null, problems: [{ path, explanation }] },
  };
}

/** An error raised while resolving a field (graphql-js execution), with its response path. */
export function executionErrorToShopify(error: GraphQLError): ShopifyError {
  return {
    message: error.message,
    locations: error.locations?.map((l) => ({ line: l.line, column: l.column })),
    path: error.path ? [...error.path] : undefined,
    ...(error.extensions && Object.keys(error.extensions).length ? { extensions: { ...error.extensions } } : {}),
  };
}
