/**
 * Save at every step (issue 18): a form marked `data-autosave` is posted in the background shortly
 * after each change, and its answers are kept in sessionStorage until the server has them. When the
 * connection drops, nothing typed is lost: the status line says so, the answers stay in the tab, are
 * filled in again when the page is loaded again, and are sent when the connection is back.
 * sessionStorage (not localStorage) so nothing personal outlives the tab on a shared computer.
 * A draft remembers the saved version it was typed over (`data-version`, the inventory's updatedAt):
 * a page showing a newer version has the answers already, and the draft is dropped.
 */
const DELAY_MS = 500;

function serialise(form: HTMLFormElement): string {
  const data = new FormData(form);
  data.delete('op');
  return new URLSearchParams(data as unknown as Record<string, string>).toString();
}

function restore(form: HTMLFormElement, saved: string): void {
  const values = new URLSearchParams(saved);
  for (const element of Array.from(form.elements)) {
    const field = element as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (!field.name || field.name === '_csrf' || field.type === 'submit' || field.type === 'hidden') continue;
    const all = values.getAll(field.name);
    if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio'))
      field.checked = all.includes(field.value);
    else if (all[0] !== undefined) field.value = all[0];
  }
}

function initForm(form: HTMLFormElement): void {
  const key = `etablera-draft:${form.dataset.autosave}`;
  const status = form.querySelector<HTMLElement>('.autosave-status');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  let timer: number | undefined;
  let sending = false;

  let base = form.dataset.version ?? '';
  const stored = (): { base: string; body: string } | null => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? 'null');
    } catch {
      return null;
    }
  };
  const store = () => sessionStorage.setItem(key, JSON.stringify({ base, body: serialise(form) }));

  async function send(): Promise<void> {
    const draft = stored();
    if (draft === null || sending) return;
    const body = draft.body;
    sending = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-etablera-autosave': '1',
          accept: 'application/json',
        },
        body,
        credentials: 'same-origin',
      });
      const reply = (await res.json()) as { savedAt?: string; error?: string };
      if (res.ok && reply.savedAt) {
        base = reply.savedAt;
        if (stored()?.body === body) sessionStorage.removeItem(key);
        else store();
        const time = new Date(reply.savedAt).toLocaleTimeString(document.documentElement.lang);
        say((status?.dataset.saved ?? '{time}').replace('{time}', time));
      } else if (reply.error) {
        // Bad input is the server's to name; the draft stays for the person to correct.
        say(reply.error);
      }
    } catch {
      say(status?.dataset.offline ?? '');
    } finally {
      sending = false;
    }
  }

  const changed = () => {
    store();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void send(), DELAY_MS);
  };
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);
  form.addEventListener('submit', (event) => {
    store();
    // Offline the navigation would fail and show the browser's error page: keep the page instead.
    if (!navigator.onLine) {
      event.preventDefault();
      say(status?.dataset.offline ?? '');
    }
  });
  window.addEventListener('online', () => void send());

  const draft = stored();
  if (draft !== null && draft.base === base && draft.body !== serialise(form)) {
    restore(form, draft.body);
    say(status?.dataset.restored ?? '');
    void send();
  } else if (draft !== null) sessionStorage.removeItem(key);

  // Enter in the search field searches (rather than the form's first button).
  const search = form.querySelector<HTMLInputElement>('input[name="q"]');
  search?.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    form.querySelector<HTMLButtonElement>('button[value="search"]')?.click();
  });
}

export function initAutosave(): void {
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-autosave]')))
    initForm(form);
}
