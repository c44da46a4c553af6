import { ApiInputError } from "./params.js";
function body(message, parameter, location, type) {
  return {
    error: message,
    ...parameter ? { parameter } : {},
    detail: [{ loc: parameter ? [location, parameter] : [location], msg: message, type }]
  };
}
const LIMIT_PARAMETERS = /* @__PURE__ */ new Set(["page", "per_page"]);
function koladaErrorHandler(error, request, reply) {
  if (error instanceof ApiInputError) {
    const location = error.parameter in request.params ? "path" : "query";
    reply.code(error.status).send(
      body(
        error.message,
        error.parameter,
        location,
        error.status === 422 ? "value_error.limit" : "value_error"
      )
    );
    return;
  }
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0];
    const missing = first.params.missingProperty;
    const parameter = first.instancePath.replace(/^\//, "").split("/")[0] || missing || "request";
    const overLimit = first.keyword === "maximum" && LIMIT_PARAMETERS.has(parameter);
    const location = error.validationContext === "params" ? "path" : "query";
    reply.code(overLimit ? 422 : 400).send(
      body(
        `${parameter} ${first.message ?? "is invalid"}`,
        parameter,
        location,
        overLimit ? "value_error.limit" : "value_error"
      )
    );
    return;
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    reply.code(status).send(body(error.message, void 0, "request", "request_error"));
    return;
  }
  request.log.error({ err: error }, "Kolada API request failed");
  reply.code(500).send(body("Internal error in Etablera", void 0, "server", "server_error"));
}
function koladaNotFound(request, reply) {
  const path = request.url.split("?")[0] ?? "";
  reply.code(404).send(
    body(
      `No such route: ${request.method} ${path.length > 200 ? `${path.slice(0, 200)}\u2026` : path}`,
      void 0,
      "path",
      "not_found"
    )
  );
}
function koladaFrameworkError(error, _request, reply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  reply.code(status).send(
    body(
      error.code === "FST_ERR_BAD_URL" ? "The URL is not valid: it has a malformed %-encoding" : `The request is not valid: ${error.message}`,
      void 0,
      "path",
      "url_error"
    )
  );
}
export {
  koladaErrorHandler,
  koladaFrameworkError,
  koladaNotFound
};
//# sourceMappingURL=errors.js.map
