/**
 * The municipality search as an ARIA 1.2 combobox (list autocomplete): type to filter (diacritics
 * ignored), arrows to move, Enter to open, Escape to close. Without JavaScript the form submits and
 * the server lists the matches.
 */
import { foldForSearch } from '../../../domain/comparison/search.js';
import { comboboxShell } from './combobox-shell.js';

export function initSearch(): void {
  const found = document.querySelector<HTMLInputElement>('input[data-kommuner]');
  if (!found) return;
  const input: HTMLInputElement = found;
  const kommuner = (JSON.parse(input.dataset.kommuner ?? '[]') as [string, string][]).map(([id, title]) => ({
    id,
    title,
    folded: foldForSearch(title),
  }));
  const base = input.dataset.profileBase ?? '/kommun/ID';

  const { list, live } = comboboxShell(input);

  let matches: typeof kommuner = [];
  let active = -1;

  const open = (url: string) => {
    window.location.href = url;
  };
  const urlOf = (id: string) => base.replace('ID', encodeURIComponent(id));

  function render(): void {
    list.replaceChildren();
    matches.forEach((m, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${m.id}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.textContent = `${m.title} `;
      const code = document.createElement('span');
      code.className = 'muted';
      code.textContent = m.id;
      li.append(code);
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        open(urlOf(m.id));
      });
      list.append(li);
    });
    const expanded = matches.length > 0;
    list.hidden = !expanded;
    input.setAttribute('aria-expanded', String(expanded));
    const current = matches[active];
    if (current) {
      input.setAttribute('aria-activedescendant', `${list.id}-${current.id}`);
      document.getElementById(`${list.id}-${current.id}`)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function update(): void {
    const q = foldForSearch(input.value);
    active = -1;
    if (!q) matches = [];
    else {
      const starts = kommuner.filter((k) => k.folded.startsWith(q) || k.id === q);
      const contains = kommuner.filter((k) => !k.folded.startsWith(q) && k.id !== q && k.folded.includes(q));
      matches = [...starts, ...contains].slice(0, 10);
    }
    live.textContent = q ? `${matches.length}` : '';
    render();
  }

  input.addEventListener('input', update);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (matches.length === 0) update();
      if (matches.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + matches.length) % matches.length;
      render();
    } else if (e.key === 'Enter' && matches[active]) {
      e.preventDefault();
      open(urlOf(matches[active]!.id));
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
