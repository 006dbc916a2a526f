/**
 * The OpenAPI 3.1 document (GET /api/openapi.json), generated from lib/api/endpoints.ts: the
 * components are the named DTO schemas of lib/dto.ts (zod's JSON Schema, draft 2020-12, which
 * OpenAPI 3.1 uses as is), the parameters are the schemas the routes parse with.
 */
import { z } from "zod";
import { errorSchema, namedSchemas } from "../dto";
import { ENDPOINTS, type Endpoint } from "./endpoints";
import { ENGINE } from "../chain/version";

const REF = (id: string) => `#/components/schemas/${id}`;
type JsonSchema = Record<string, unknown>;

function idOf(schema: z.ZodType): string {
  const id = namedSchemas.get(schema)?.id;
  if (!id) throw new Error("every answer and body schema of lib/api/endpoints.ts must be named (lib/dto.ts's named())");
  return id;
}

/** A parameter's JSON Schema as the URL carries it (a string), with its description and default. */
function parameterSchema(schema: z.ZodType): { schema: JsonSchema; description?: string } {
  const { $schema: _, description, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const inner = schema instanceof z.ZodDefault ? schema : null;
  const fallback = inner ? (inner.def.defaultValue as unknown) : undefined;
  return { schema: { ...rest, ...(fallback !== undefined ? { default: String(fallback) } : {}) }, ...(typeof description === "string" ? { description } : {}) };
}

function operation(e: Endpoint): JsonSchema {
  const parameters: JsonSchema[] = [];
  for (const [name, p] of Object.entries(e.pathParams ?? {})) parameters.push({ name, in: "path", required: true, description: p.description, schema: parameterSchema(p.schema).schema });
  for (const [name, s] of Object.entries(e.query ?? {})) {
    const schema = s as z.ZodType;
    const { schema: js, description } = parameterSchema(schema);
    parameters.push({ name, in: "query", required: !schema.safeParse(undefined).success, ...(description ? { description } : {}), schema: js });
  }
  const error = (description: string) => ({ description, content: { "application/json": { schema: { $ref: REF("Error") } } } });
  const responses: JsonSchema = {
    [e.ok.status]: { description: e.ok.description, content: { "application/json": { schema: { $ref: REF(idOf(e.ok.schema)) } } } },
    400: error("bad input: the error names the field, what it may hold and what it held"),
  };
  for (const [status, answer] of Object.entries(e.errors ?? {}))
    responses[status] = typeof answer === "string" ? error(answer) : { description: answer.description, content: { "application/json": { schema: { $ref: REF(idOf(answer.schema)) } } } };
  responses[500] = error("an internal error: a generic sentence and the request id of the server's log line");
  return {
    operationId: `${e.method}${e.path.replace(/\{(\w+)\}/g, (_, p: string) => `By${p[0]!.toUpperCase()}${p.slice(1)}`).replace(/[^A-Za-z0-9]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    tags: [e.tag],
    summary: e.summary,
    ...(e.description ? { description: e.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(e.body ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: REF(idOf(e.body)) } } } } } : {}),
    responses,
  };
}

let built: JsonSchema | null = null;

/** The document: every endpoint, and every named schema they use (built once per process: the schemas do not change). */
export function openApiDocument(): JsonSchema {
  return (built ??= buildDocument());
}

function buildDocument(): JsonSchema {
  idOf(errorSchema);
  const { schemas } = z.toJSONSchema(namedSchemas, { uri: REF }) as { schemas: Record<string, JsonSchema> };
  const components: Record<string, JsonSchema> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _, $id: _ref, id: _id, ...rest } = s;
    components[id] = rest;
  }
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const e of ENDPOINTS) (paths[e.path] ??= {})[e.method] = operation(e);
  return {
    openapi: "3.1.0",
    info: {
      title: "Taoscope API",
      version: ENGINE.version,
      description:
        "A local Bittensor network's chain and explorer data. Amounts are rao (10^-9 τ or α) as decimal strings; u16 consensus figures are raw (65535 = 1.0); block numbers are decimal strings; lists are keyset-paginated (`next` is the cursor for `before`). Errors answer `{ error }` naming what was wrong.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    tags: [
      { name: "Chain", description: "Blocks, extrinsics and events" },
      { name: "Accounts", description: "Accounts, stake and validators" },
      { name: "Explorer", description: "Search" },
      { name: "Subnets", description: "Subnets, metagraphs and uids" },
      { name: "Analytics", description: "Distributions, flows, tokenomics and the epoch explained" },
      { name: "Mempool", description: "Submitting extrinsics and following them" },
      { name: "Node", description: "The node itself" },
    ],
    paths,
    components: { schemas: components },
  };
}
