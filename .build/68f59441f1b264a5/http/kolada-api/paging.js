function pageUrl(request, publicBaseUrl, page) {
  const base = publicBaseUrl || `${request.protocol}://${request.host}`;
  const url = new URL(request.url, "http://placeholder");
  url.searchParams.set("page", String(page));
  return `${base}${url.pathname}${url.search}`;
}
function envelope(version, request, publicBaseUrl, values, page, hasMore) {
  const next = hasMore ? pageUrl(request, publicBaseUrl, page + 1) : null;
  const previous = page > 1 ? pageUrl(request, publicBaseUrl, page - 1) : null;
  if (version === "v3") return { values, count: values.length, next_url: next, previous_url: previous };
  return {
    values,
    count: values.length,
    ...next ? { next_page: next } : {},
    ...previous ? { previous_page: previous } : {}
  };
}
export {
  envelope
};
//# sourceMappingURL=paging.js.map
