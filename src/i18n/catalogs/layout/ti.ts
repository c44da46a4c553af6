/**
 * Tigrinya drafts of the site header and footer (the layout every page shares), written by the team:
 * a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const layoutTi: Partial<Record<MessageKey, string>> = {
  'layout.tagline': 'ቀንዲ መመልከቲታት ንውህደት',
  'layout.skipToContent': 'ናብ ትሕዝቶ ሕለፍ',
  'layout.mainNav': 'ቀንዲ ዝርዝር',
  'layout.languageMenu': 'ቋንቋ',
  'layout.navSearch': 'ምምሕዳር ድለ',
  'layout.navCompare': 'ኣወዳድር',
  'layout.navAnalysis': 'ትንታነታት',
  'layout.navFollowup': 'ክትትል',
  'layout.demoBanner': 'ናይ ኣብነት ሓበሬታ – ሓቀኛ ዋጋታት ኣይኮኑን',
  'layout.demoBannerDetail': 'Etablera ካብ Kolada ሓበሬታ ክረክብ ኣይከኣለን፣ ስለዚ ናይ ኣብነት ዋጋታት የርኢ። ንውሳነ ኣይትጠቐመሉ።',
  'layout.emptyStore': 'ገና ሓበሬታ የለን። ካብ Kolada ምትእስሳር ጀምር ወይ ፋይላት ኣእቱ።',
  'layout.syncRunning': 'ሓበሬታ ካብ Kolada ይመጽእ ኣሎ',
  'layout.sourceKolada': 'ምንጪ: Kolada',
  'layout.sourceDemo': 'ናይ ኣብነት ሓበሬታ',
  'layout.footerSource': 'ምንጪ: Kolada (RKA)። ናይ ምውድዳር ኣሃዛት (ማእከላይ፣ ደረጃ፣ ሕብርታት) ብEtablera ይሕሰቡ።',
  'layout.footerDataAt': 'ሓበሬታ ዝኣተወሉ',
  'layout.downloads': 'ኣውርድ',
  'layout.show': 'ኣርኢ',
};
