/** Matching (issue 19), Somali: the texts the person reads, drafted by the team (not yet reviewed). */
import type { matchingSv } from './sv.js';

export const matchingSo: Partial<Record<keyof typeof matchingSv, string>> = {
  'matching.title': 'Shaqooyin kugu habboon',
  'matching.titleAds': 'Xayeysiisyo shaqo oo kugu habboon',
  'matching.intro':
    'Soo jeedinno ku salaysan waxa aad taqaan, shaqada aad qabatay iyo waxa aad rabto. Waa soo jeedinno keliya: waxba si toos ah looma diro lagamana go’aamiyo. Adiga iyo shaqaalaha kaa mas’uulka ah ayaa wada qiimeynaya.',
  'matching.nothingToMatch':
    'Weli ma jiraan wax la isbarbar dhigo: ku dar aqoontaada, shaqooyinkii hore ama waxa aad rabto inaad ka shaqeyso.',
  'matching.noMatches': 'Wax soo jeedin ah lama helin.',
  'matching.score': 'Ku habboon {percent} %',
  'matching.why': 'Maxay kuugu habboon tahay?',
  'matching.skillsSentence':
    'Waxaad haysaa {matched} ka mid ah {required} aqoon ee shaqadu inta badan u baahan tahay.',
  'matching.matchedSkills': 'Waxa aad horey u taqaan',
  'matching.missingSkills': 'Waxa maqan (kuwa ugu muhiimsan marka hore)',
  'matching.steps': 'Tallaabooyinka xiga',
  'matching.draftNote': 'Turjumaad qabyo ah',
  'matching.backOwn': 'Ku noqo boggayga',
};
