/** Recently opened profiles, kept in localStorage and listed on the start page. */
const KEY = 'etablera.recent';
const MAX = 6;

interface Recent {
  id: string;
  title: string;
}

function load(): Recent[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((r): r is Recent => typeof r?.id === 'string' && typeof r?.title === 'string')
      : [];
  } catch {
    return [];
  }
}

export function initRecent(): void {
  const page = document.querySelector<HTMLElement>('[data-recent-id]');
  if (page?.dataset.recentId && page.dataset.recentTitle) {
    const entry = { id: page.dataset.recentId, title: page.dataset.recentTitle };
    const list = [entry, ...load().filter((r) => r.id !== entry.id)].slice(0, MAX);
    try {
      localStorage.setItem(KEY, JSON.stringify(list));
    } catch {
      // Private browsing may refuse storage; recent choices are a convenience only.
    }
  }
  const section = document.getElementById('recent');
  const ul = section?.querySelector('ul');
  const base = section?.dataset.profileBase;
  const recent = load();
  if (!section || !ul || !base || recent.length === 0) return;
  for (const r of recent) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = base.replace('ID', encodeURIComponent(r.id));
    a.textContent = r.title;
    li.append(a);
    ul.append(li);
  }
  section.hidden = false;
}
