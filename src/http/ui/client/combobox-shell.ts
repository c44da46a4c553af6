/**
 * The parts every search-as-you-type box shares (WAI-ARIA combobox with a listbox): the list under
 * the input, a polite live region for the count, and the input's combobox attributes. The boxes
 * differ in where their suggestions come from, so each keeps its own filling and keys.
 */
export function comboboxShell(input: HTMLInputElement): { list: HTMLUListElement; live: HTMLDivElement } {
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
  return { list, live };
}
