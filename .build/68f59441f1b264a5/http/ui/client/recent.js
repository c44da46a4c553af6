const KEY = "etablera.recent";
const MAX = 6;
function load() {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((r) => typeof r?.id === "string" && typeof r?.title === "string") : [];
  } catch {
    return [];
  }
}
function initRecent() {
  const page = document.querySelector("[data-recent-id]");
  if (page?.dataset.recentId && page.dataset.recentTitle) {
    const entry = { id: page.dataset.recentId, title: page.dataset.recentTitle };
    const list = [entry, ...load().filter((r) => r.id !== entry.id)].slice(0, MAX);
    try {
      localStorage.setItem(KEY, JSON.stringify(list));
    } catch {
    }
  }
  const section = document.getElementById("recent");
  const ul = section?.querySelector("ul");
  const base = section?.dataset.profileBase;
  const recent = load();
  if (!section || !ul || !base || recent.length === 0) return;
  for (const r of recent) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = base.replace("ID", encodeURIComponent(r.id));
    a.textContent = r.title;
    li.append(a);
    ul.append(li);
  }
  section.hidden = false;
}
export {
  initRecent
};
//# sourceMappingURL=recent.js.map
