/**
 * Pictograms for the inventory's main sections: simple line drawings (own work, 24×24), decorative
 * (aria-hidden) since the section's name always stands beside them.
 */
import type { Section } from '../../../domain/process/people/inventory-sections.js';

const PATHS: Record<Section, string> = {
  education: 'M2 9l10-5 10 5-10 5zM6 11v5c3 2 9 2 12 0v-5M22 9v6',
  work: 'M3 8h18v11H3zM8 8V5h8v3M3 13h18',
  skills: 'M14 4l6 6-9 9H5v-6zM12 6l6 6',
  languages: 'M3 5h12v8H8l-4 3v-3H3zM17 9h4v8h-1v3l-3-3h-5v-2',
  licences: 'M3 6h18v12H3zM7 10h4M7 14h8M15 10h2',
  digital: 'M7 3h10v18H7zM11 18h2',
  goals: 'M12 3a9 9 0 1 0 .01 0M12 7a5 5 0 1 0 .01 0M12 11a1 1 0 1 0 .01 0',
  constraints: 'M12 3l9 16H3zM12 10v4M12 17v.5',
  freeText: 'M4 4h16v12H9l-5 4zM8 8h8M8 12h5',
};

export function Pictogram({ section }: { section: Section }) {
  return (
    <svg
      class="pictogram"
      viewBox="0 0 24 24"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[section]} />
    </svg>
  );
}
