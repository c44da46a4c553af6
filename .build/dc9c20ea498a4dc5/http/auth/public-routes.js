const PUBLIC_ROUTES = [
  // CORS preflight (answers headers only)
  "*",
  // The Kolada-compatible API and its documents
  "/v3*",
  "/v2*",
  // Position's pages (and their .json/.csv/.xlsx) and assets
  "/",
  "/index*",
  "/kommun/*",
  "/nyckeltal/*",
  "/jamfor*",
  "/analys*",
  "/assets/*",
  // Public JSON
  "/api/health",
  "/api/status",
  "/api/analys/*",
  "/api/openapi.json",
  // Signing in, and what a person who is not signed in yet needs (invitation, reset, IdP callback)
  "/logga-in*",
  "/logga-ut",
  "/konto/inbjudan*",
  "/konto/aterstall*"
];
function isPublicRoute(url) {
  return PUBLIC_ROUTES.some(
    (p) => p.endsWith("*") && p !== "*" ? url.startsWith(p.slice(0, -1)) : url === p
  );
}
export {
  PUBLIC_ROUTES,
  isPublicRoute
};
//# sourceMappingURL=public-routes.js.map
