/**
 * Somali drafts of the site header and footer (the layout every page shares), written by the team:
 * a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const layoutSo: Partial<Record<MessageKey, string>> = {
  'layout.tagline': 'Tilmaamayaasha muhiimka ah ee is-dhexgalka',
  'layout.skipToContent': 'U gudub nuxurka',
  'layout.mainNav': 'Liiska ugu weyn',
  'layout.languageMenu': 'Luqadda',
  'layout.navSearch': 'Raadi degmo',
  'layout.navCompare': 'Isbarbar dhig',
  'layout.navAnalysis': 'Falanqayn',
  'layout.navFollowup': 'Dabagal',
  'layout.demoBanner': 'Xog tijaabo ah – maaha qiimayaal dhab ah',
  'layout.demoBannerDetail':
    'Etablera kama helin xogta Kolada, waxayna muujinaysaa qiimayaal tusaale ah oo la sameeyay. Ha u isticmaalin go’aan gaarid.',
  'layout.emptyStore': 'Weli xog ma jirto. Ka bilow isku-xidhka Kolada ama soo geli faylal.',
  'layout.syncRunning': 'Xogta waxaa laga soo qaadayaa Kolada',
  'layout.sourceKolada': 'Isha: Kolada',
  'layout.sourceDemo': 'Xog tijaabo ah',
  'layout.footerSource':
    'Isha: Kolada (RKA). Tirooyinka isbarbardhigga (celceliska, kaalinta, midabada) waxaa xisaabiya Etablera.',
  'layout.footerDataAt': 'Xogta la soo geliyay',
  'layout.downloads': 'Soo deji',
  'layout.show': 'Muuji',
};
