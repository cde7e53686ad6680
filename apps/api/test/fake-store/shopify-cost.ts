// Shopify's calculated query cost, before execution (requested) and after it (actual), by the
// documented defaults: scalars and enums 0, an object 1, a connection 2 + (first or last) × the
// cost of one node, a mutation 10. A query may cost at most 1,000 (MAX_COST_EXCEEDED), and the
// app's leaky bucket (maximumAvailable, restoreRate per second) must hold the requested cost,
// else THROTTLED. Lists that are not connections count as one object (a lower bound).
import {
  getArgumentValues, getNamedType, isInterfaceType, isLeafType, isObjectType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from "graphql";

type Composite = GraphQLObjectType | GraphQLInterfaceType;

interface CostContext {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

export const MUTATION_COST = 10;
export const MAX_SINGLE_QUERY_COST = 1_000;

/** The fields of a selection set with the type each is selected on (fragments flattened). */
function collect(ctx: CostContext, selectionSet: SelectionSetNode | undefined, type: Composite, out: { field: FieldNode; type: Composite }[] = []) {
  for (const sel of selectionSet?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push({ field: sel, type });
    else if (sel.kind === Kind.INLINE_FRAGMENT) collect(ctx, sel.selectionSet, conditionType(ctx, sel.typeCondition?.name.value) ?? type, out);
    else {
      const fragment = ctx.fragments[sel.name.value];
      if (fragment) collect(ctx, fragment.selectionSet, conditionType(ctx, fragment.typeCondition.name.value) ?? type, out);
    }
  }
  return out;
}

function conditionType(ctx: CostContext, name: string | undefined): Composite | undefined {
  const t = name ? ctx.schema.getType(name) : undefined;
  return t && (isObjectType(t) || isInterfaceType(t)) ? t : undefined;
}

const isConnection = (t: unknown): t is GraphQLObjectType => isObjectType(t) && t.name.endsWith("Connection") && "pageInfo" in t.getFields();

function fieldDef(type: Composite, field: FieldNode): GraphQLField<unknown, unknown> | undefined {
  return type.getFields()[field.name.value];
}

function pageSize(ctx: CostContext, def: GraphQLField<unknown, unknown>, field: FieldNode): number {
  try {
    const args = getArgumentValues(def, field, ctx.variables) as { first?: number | null; last?: number | null };
    return args.first ?? args.last ?? 0;
  } catch {
    return 0;
  }
}

/** The selections made on one node of a connection (through `nodes` or `edges { node }`). */
function nodeSelections(ctx: CostContext, conn: GraphQLObjectType, field: FieldNode): { selectionSet: SelectionSetNode | undefined; type: Composite; via: "nodes" | "edges" }[] {
  const nodeType = getNamedType(conn.getFields().nodes!.type) as Composite;
  const out: { selectionSet: SelectionSetNode | undefined; type: Composite; via: "nodes" | "edges" }[] = [];
  for (const { field: sub } of collect(ctx, field.selectionSet, conn)) {
    if (sub.name.value === "nodes") out.push({ selectionSet: sub.selectionSet, type: nodeType, via: "nodes" });
    if (sub.name.value === "edges") {
      const edgeType = getNamedType(conn.getFields().edges!.type) as Composite;
      for (const { field: e } of collect(ctx, sub.selectionSet, edgeType)) if (e.name.value === "node") out.push({ selectionSet: e.selectionSet, type: nodeType, via: "edges" });
    }
  }
  return out;
}

function requestedFields(ctx: CostContext, selectionSet: SelectionSetNode | undefined, type: Composite): number {
  let sum = 0;
  for (const { field, type: on } of collect(ctx, selectionSet, type)) {
    const def = fieldDef(on, field);
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named)) continue;
    if (isConnection(named)) {
      const perNode = Math.max(0, ...nodeSelections(ctx, named, field).map((s) => 1 + requestedFields(ctx, s.selectionSet, s.type)));
      sum += 2 + pageSize(ctx, def, field) * perNode;
    } else sum += 1 + requestedFields(ctx, field.selectionSet, named as Composite);
  }
  return sum;
}

function actualFields(ctx: CostContext, selectionSet: SelectionSetNode | undefined, type: Composite, data: Record<string, unknown> | null | undefined): number {
  if (!data) return 0;
  let sum = 0;
  for (const { field, type: on } of collect(ctx, selectionSet, type)) {
    const def = fieldDef(on, field);
    if (!def) continue;
    const named = getNamedType(def.type);
    if (isLeafType(named)) continue;
    const value = data[field.alias?.value ?? field.name.value];
    if (isConnection(named)) {
      const conn = (value ?? {}) as { nodes?: Record<string, unknown>[]; edges?: { node: Record<string, unknown> }[] };
      let perNodes = 0;
      for (const s of nodeSelections(ctx, named, field)) {
        const items = s.via === "nodes" ? (conn.nodes ?? []) : (conn.edges ?? []).map((e) => e.node);
        perNodes = Math.max(perNodes, items.reduce((acc, item) => acc + 1 + actualFields(ctx, s.selectionSet, s.type, item), 0));
      }
      sum += value ? 2 + perNodes : 0;
    } else if (Array.isArray(value)) sum += 1 + Math.max(0, ...value.map((v) => actualFields(ctx, field.selectionSet, named as Composite, v as Record<string, unknown>)));
    else sum += 1 + actualFields(ctx, field.selectionSet, named as Composite, value as Record<string, unknown> | null);
  }
  return sum;
}

function contextFor(schema: GraphQLSchema, fragments: FragmentDefinitionNode[], variables: Record<string, unknown>): CostContext {
  return { schema, fragments: Object.fromEntries(fragments.map((f) => [f.name.value, f])), variables };
}

export function requestedQueryCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: FragmentDefinitionNode[], variables: Record<string, unknown>): number {
  if (operation.operation === "mutation") return MUTATION_COST * operation.selectionSet.selections.length;
  const ctx = contextFor(schema, fragments, variables);
  return requestedFields(ctx, operation.selectionSet, schema.getQueryType()!);
}

export function actualQueryCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: FragmentDefinitionNode[], variables: Record<string, unknown>, data: Record<string, unknown> | null | undefined): number {
  if (operation.operation === "mutation") return MUTATION_COST * operation.selectionSet.selections.length;
  const ctx = contextFor(schema, fragments, variables);
  return actualFields(ctx, operation.selectionSet, schema.getQueryType()!, data);
}

/** The app's leaky bucket of cost points. */
export class CostBucket {
  private available: number;
  private at = Date.now();

  constructor(
    readonly maximumAvailable = 2_000,
    readonly restoreRate = 100,
    /** false: report the bucket but never refuse (tests that must not be throttled by cost). */
    readonly enforce = true,
  ) {
    this.available = maximumAvailable;
  }

  private refill() {
    const now = Date.now();
    this.available = Math.min(this.maximumAvailable, this.available + ((now - this.at) / 1000) * this.restoreRate);
    this.at = now;
  }

  status() {
    this.refill();
    return { maximumAvailable: this.maximumAvailable, currentlyAvailable: Math.floor(this.available), restoreRate: this.restoreRate };
  }

  /** Takes `cost` points if the bucket holds them. */
  take(cost: number): boolean {
    this.refill();
    const needed = Math.min(cost, this.maximumAvailable);
    if (needed > this.available && this.enforce) return false;
    this.available = Math.max(0, this.available - needed);
    return true;
  }

  /** Gives back what the query did not use (requested − actual). */
  refund(points: number) {
    this.refill();
    this.available = Math.min(this.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Empties the bucket to `left` points (to test throttling without sending a thousand queries). */
  drain(left = 0) {
    this.refill();
    this.available = left;
  }
}
