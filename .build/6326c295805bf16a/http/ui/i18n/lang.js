const LANGS = ["sv", "en"];
const LANG_COOKIE = "etablera_lang";
function isLang(v) {
  return v === "sv" || v === "en";
}
function resolveLang(query, cookieHeader) {
  const q = query?.lang;
  if (isLang(q)) return { lang: q, fromQuery: true };
  const cookie = readCookie(cookieHeader, LANG_COOKIE);
  return { lang: isLang(cookie) ? cookie : "sv", fromQuery: false };
}
function readCookie(header, name) {
  if (!header) return void 0;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return void 0;
}
function langCookie(lang) {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
export {
  LANGS,
  LANG_COOKIE,
  isLang,
  langCookie,
  resolveLang
};
//# sourceMappingURL=lang.js.map
