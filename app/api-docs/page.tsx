import type { Metadata } from "next";
import { ScrollTable, TableHead } from "@/components/Table";
import { openApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API" };

type Schema = {
  $ref?: string;
  type?: string | string[];
  items?: Schema;
  prefixItems?: Schema[];
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  description?: string;
  default?: unknown;
  pattern?: string;
};
interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: Schema;
}
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Schema } } }>;
}
interface Document {
  info: { title: string; version: string; description: string };
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const refName = (ref: string) => ref.split("/").at(-1)!;

/** A description with its `code` spans set as code. */
function Prose({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, i) =>
        part.startsWith("`") && part.endsWith("`") ? (
          <code key={i} className="font-mono text-[0.9em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

/** A schema in one line: a link for a named one, `T[]`, `A | B`, quoted enum values. */
function TypeOf({ s }: { s: Schema }) {
  if (s.$ref)
    return (
      <a className="text-sky-400 underline decoration-sky-400/40 underline-offset-2 hover:decoration-sky-400" href={`#schema-${refName(s.$ref)}`}>
        {refName(s.$ref)}
      </a>
    );
  if (s.anyOf)
    return (
      <>
        {s.anyOf.map((x, i) => (
          <span key={i}>
            {i > 0 && " | "}
            <TypeOf s={x} />
          </span>
        ))}
      </>
    );
  if (s.enum) return <>{s.enum.map((v) => JSON.stringify(v)).join(" | ")}</>;
  if (s.const !== undefined) return <>{JSON.stringify(s.const)}</>;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes("array") && s.prefixItems)
    return (
      <>
        [
        {s.prefixItems.map((x, i) => (
          <span key={i}>
            {i > 0 && ", "}
            <TypeOf s={x} />
          </span>
        ))}
        ]
      </>
    );
  if (types.includes("array") && s.items)
    return (
      <>
        <TypeOf s={s.items} />
        []{types.includes("null") && " | null"}
      </>
    );
  if (types.includes("object") && typeof s.additionalProperties === "object") return <>map of {<TypeOf s={s.additionalProperties} />}</>;
  return <>{types.length ? types.join(" | ") : "any"}</>;
}

const METHOD_CLASS: Record<string, string> = { get: "bg-sky-950 text-sky-300", post: "bg-emerald-950 text-emerald-300" };

/** The API reference, rendered from the same OpenAPI document GET /api/openapi.json serves. */
export default function ApiDocsPage() {
  const doc = openApiDocument() as unknown as Document;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <div className="space-y-10">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">
          {doc.info.title} <span className="text-base font-normal text-slate-400">v{doc.info.version}</span>
        </h1>
        <p className="max-w-3xl text-slate-300">
          <Prose text={doc.info.description} />
        </p>
        <p className="text-sm">
          <a className="text-sky-400 hover:underline" href="/api/openapi.json">
            OpenAPI 3.1 document (JSON)
          </a>
        </p>
      </header>
      {doc.tags.map((tag) => {
        const ops = operations.filter((o) => o.op.tags.includes(tag.name));
        if (ops.length === 0) return null;
        return (
          <section key={tag.name} className="space-y-4" aria-labelledby={`tag-${tag.name}`}>
            <h2 id={`tag-${tag.name}`} className="text-xl font-semibold">
              {tag.name} <span className="text-sm font-normal text-slate-400">{tag.description}</span>
            </h2>
            {ops.map(({ path, method, op }) => (
              <article key={op.operationId} id={op.operationId} className="space-y-3 rounded-lg border border-slate-800 p-4" data-testid="api-operation">
                <h3 className="flex flex-wrap items-baseline gap-3">
                  <span className={`rounded px-2 py-0.5 font-mono text-xs uppercase ${METHOD_CLASS[method] ?? ""}`}>{method}</span>
                  <code className="break-all font-mono text-sm">{path}</code>
                </h3>
                <p className="text-slate-300">{op.summary}</p>
                {op.description && (
                  <p className="text-sm text-slate-400">
                    <Prose text={op.description} />
                  </p>
                )}
                {op.parameters && (
                  <ScrollTable label={`${method.toUpperCase()} ${path} parameters`}>
                    <table className="stack-sm w-full text-sm">
                      <TableHead columns={["parameter", "in", "type", "default", "description"]} />
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="border-t border-slate-800">
                            <td className="py-1 font-mono">
                              {p.name}
                              {p.required && <span title="required"> *</span>}
                            </td>
                            <td className="text-slate-400">{p.in}</td>
                            <td className="font-mono text-xs">
                              <TypeOf s={p.schema} />
                            </td>
                            <td className="font-mono text-xs">{p.schema.default === undefined ? "" : String(p.schema.default)}</td>
                            <td className="stack-wide whitespace-normal text-slate-400">
                              <Prose text={p.description} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </ScrollTable>
                )}
                {op.requestBody && (
                  <p className="text-sm">
                    Body: <TypeOf s={op.requestBody.content["application/json"].schema} />
                  </p>
                )}
                <ul className="space-y-1 text-sm" aria-label={`${method.toUpperCase()} ${path} responses`}>
                  {Object.entries(op.responses).map(([status, r]) => (
                    <li key={status}>
                      <span className={`font-mono ${status.startsWith("2") ? "text-emerald-400" : "text-slate-400"}`}>{status}</span> {r.description}
                      {r.content && (
                        <>
                          {" "}
                          → <TypeOf s={r.content["application/json"].schema} />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>
        );
      })}
      <section className="space-y-4" aria-labelledby="schemas">
        <h2 id="schemas" className="text-xl font-semibold">
          Schemas
        </h2>
        {Object.entries(doc.components.schemas).map(([name, s]) => (
          <article key={name} id={`schema-${name}`} className="space-y-2 rounded-lg border border-slate-800 p-4" data-testid="api-schema">
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            {s.description && (
              <p className="text-sm text-slate-400">
                <Prose text={s.description} />
              </p>
            )}
            {s.properties ? (
              <ScrollTable label={`${name} fields`}>
                <table className="stack-sm w-full text-sm">
                  <TableHead columns={["field", "type", "description"]} />
                  <tbody>
                    {Object.entries(s.properties).map(([field, f]) => (
                      <tr key={field} className="border-t border-slate-800">
                        <td className="py-1 font-mono">
                          {field}
                          {!s.required?.includes(field) && <span className="text-slate-500" title="optional">?</span>}
                        </td>
                        <td className="font-mono text-xs">
                          <TypeOf s={f} />
                        </td>
                        <td className="stack-wide whitespace-normal text-slate-400">
                          <Prose text={f.description} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            ) : (
              <p className="font-mono text-xs">
                <TypeOf s={s} />
              </p>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
