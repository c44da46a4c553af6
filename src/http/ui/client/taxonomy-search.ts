/**
 * The taxonomy search field as an ARIA 1.2 combobox: as one types, it asks `/api/taxonomy/search`
 * (debounced, the last answer wins) and lists occupations and skills in the chosen language, drafted
 * labels marked; arrows move, Enter opens, Escape closes. Without JavaScript the form submits to the
 * results page (/taxonomi/sok).
 */
interface Hit {
  id: string;
  type: string;
  label: string;
  labelLang: string;
  labelSv: string;
  draft: boolean;
}

export function initTaxonomySearch(): void {
  const found = document.querySelector<HTMLInputElement>('input[data-taxonomy-search]');
  if (!found) return;
  const input: HTMLInputElement = found;
  const api = input.dataset.taxonomySearch ?? '/api/taxonomy/search';
  const base = input.dataset.pageBase ?? '/yrken/';
  const form = input.form;
  const langOf = () =>
    form?.querySelector<HTMLSelectElement>('select[name="visa"]')?.value || input.dataset.lang || 'sv';
  const typeOf = () => form?.querySelector<HTMLSelectElement>('select[name="typ"]')?.value ?? '';

  const list = document.createElement('ul');
  list.id = `${input.id}-listbox`;
  list.className = 'combobox__list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', input.dataset.suggestionsLabel ?? '');
  list.hidden = true;
  input.after(list);
  const live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  input.after(live);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let matches: Hit[] = [];
  let active = -1;
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const pageLang = document.documentElement.lang;
  const urlOf = (id: string) => {
    const q = new URLSearchParams();
    if (langOf() !== pageLang) q.set('visa', langOf());
    if (pageLang !== 'sv') q.set('lang', pageLang);
    const s = q.toString();
    return `${base}${encodeURIComponent(id)}${s ? `?${s}` : ''}`;
  };

  function render(): void {
    list.replaceChildren();
    matches.forEach((m, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      const label = document.createElement('span');
      label.lang = m.labelLang;
      label.dir = m.labelLang === 'ar' || m.labelLang === 'prs' ? 'rtl' : 'ltr';
      label.textContent = m.label;
      li.append(label);
      if (m.draft) {
        const mark = document.createElement('span');
        mark.className = 'draft-mark';
        mark.textContent = input.dataset.draft ?? 'utkast';
        li.append(' ', mark);
      }
      if (m.labelLang !== 'sv') {
        const sv = document.createElement('span');
        sv.className = 'muted';
        sv.lang = 'sv';
        sv.textContent = ` (${m.labelSv})`;
        li.append(sv);
      }
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        window.location.href = urlOf(m.id);
      });
      list.append(li);
    });
    const expanded = matches.length > 0;
    list.hidden = !expanded;
    input.setAttribute('aria-expanded', String(expanded));
    if (matches[active]) input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }

  async function update(): Promise<void> {
    const q = input.value.trim();
    const mine = ++asked;
    active = -1;
    if (q.length < 2) {
      matches = [];
      live.textContent = '';
      render();
      return;
    }
    const params = new URLSearchParams({ q, lang: langOf(), limit: '8' });
    if (typeOf()) params.set('type', typeOf());
    try {
      const res = await fetch(`${api}?${params}`, { headers: { accept: 'application/json' } });
      if (mine !== asked) return;
      matches = res.ok ? ((await res.json()) as { results: Hit[] }).results : [];
    } catch {
      matches = [];
    }
    if (mine !== asked) return;
    live.textContent = String(matches.length);
    render();
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 150);
  });
  input.addEventListener('keydown', (e) => {
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && matches.length > 0) {
      e.preventDefault();
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      render();
    } else if (e.key === 'Enter' && matches[active]) {
      e.preventDefault();
      window.location.href = urlOf(matches[active]?.id ?? '');
    } else if (e.key === 'Escape') {
      matches = [];
      active = -1;
      render();
    }
  });
  input.addEventListener('blur', () => {
    matches = [];
    active = -1;
    render();
  });
}
