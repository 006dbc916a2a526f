import { openApiDocument } from "@/lib/api/openapi";
import { internalError, otherMethods } from "@/lib/server/http";

/** GET /api/openapi.json: the API's OpenAPI 3.1 document, generated from the schemas the routes validate with. */
export function GET(): Response {
  try {
    return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=60" } });
  } catch (e) {
    return internalError(e, "openapi");
  }
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
