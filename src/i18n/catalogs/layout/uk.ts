/**
 * Ukrainian drafts of the site header and footer (the layout every page shares), written by the team:
 * a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const layoutUk: Partial<Record<MessageKey, string>> = {
  'layout.tagline': 'Ключові показники інтеграції',
  'layout.skipToContent': 'Перейти до вмісту',
  'layout.mainNav': 'Головне меню',
  'layout.languageMenu': 'Мова',
  'layout.navSearch': 'Знайти муніципалітет',
  'layout.navCompare': 'Порівняти',
  'layout.navAnalysis': 'Аналітика',
  'layout.navFollowup': 'Моніторинг',
  'layout.demoBanner': 'Демонстраційні дані – не реальні значення',
  'layout.demoBannerDetail':
    'Etablera не вдалося отримати дані з Kolada, тому показано згенеровані приклади значень. Не використовуйте їх для ухвалення рішень.',
  'layout.emptyStore': 'Даних ще немає. Запустіть синхронізацію з Kolada або імпортуйте файли.',
  'layout.syncRunning': 'Отримання даних із Kolada',
  'layout.sourceKolada': 'Джерело: Kolada',
  'layout.sourceDemo': 'Демонстраційні дані',
  'layout.footerSource':
    'Джерело: Kolada (RKA). Порівняльні показники (середні, рейтинги, кольори) обчислює Etablera.',
  'layout.footerDataAt': 'Дані завантажено',
  'layout.downloads': 'Завантажити',
  'layout.show': 'Показати',
};
