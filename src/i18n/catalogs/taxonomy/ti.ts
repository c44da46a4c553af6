import type { taxonomySv } from './sv.js';

/** Tigrinya: the newcomer-facing texts (search and occupation page), drafted by the team (catalog draft). */
export const taxonomyTi: Partial<Record<keyof typeof taxonomySv, string>> = {
  'taxonomy.searchTitle': 'ሞያ ወይ ክእለት ድለ',
  'taxonomy.searchLabel': 'ሞያ ወይ ክእለት',
  'taxonomy.searchButton': 'ድለ',
  'taxonomy.suggestions': 'ሓሳባት',
  'taxonomy.typeLabel': 'ዓይነት',
  'taxonomy.typeAll': 'ኩሉ',
  'taxonomy.type.occupationName': 'ሞያ',
  'taxonomy.type.skill': 'ክእለት',
  'taxonomy.type.language': 'ቋንቋ',
  'taxonomy.onlySwedish': 'ሽወደንኛ ጥራይ',
  'taxonomy.draft': 'ንድፊ',
  'taxonomy.draftExplained': 'ንድፊ: እቲ ትርጉም ገና ኣይተመርመረን።',
  'taxonomy.swedishName': 'ብሽወደንኛ',
  'taxonomy.description': 'መግለጺ',
  'taxonomy.group': 'ጉጅለ ሞያ',
  'taxonomy.skills': 'ክእለታት ኣብቲ ጉጅለ ሞያ',
  'taxonomy.similar': 'ተመሳሰልቲ ሞያታት',
  'taxonomy.demand': 'ድሌት',
  'taxonomy.demandLevel.stor': 'ዓቢ ድሌት',
  'taxonomy.demandLevel.medelstor': 'ማእከላይ ድሌት',
  'taxonomy.demandLevel.liten': 'ንኡስ ድሌት',
  'taxonomy.source': 'ምንጪ: {source}',
  'taxonomy.showButton': 'ኣርኢ',
  'taxonomy.nav': 'ሞያታት',
};
