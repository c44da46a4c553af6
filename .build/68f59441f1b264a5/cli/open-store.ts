import { loadSettings } from '../config/settings.js';
import { openStore, type Store } from '../store/database.js';

/** Opens the store the settings point at, so every command agrees on where data lives. */
export async function openConfiguredStore(): Promise<Store> {
  const settings = loadSettings();
  return openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
}
