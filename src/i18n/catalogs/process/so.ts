/** Somali texts of the Process pages the person sees or hears: drafts by the team, not yet reviewed. */
import type { sv } from '../sv.js';
import type { processSv } from './sv.js';

type Key = keyof typeof processSv | Extract<keyof typeof sv, `process.information.${string}`>;

export const processSo: Partial<Record<Key, string>> = {
  'process.information.title': 'Macluumaad ku saabsan xogtaada shakhsiga ah',
  'process.information.what':
    'Waxaan diiwaangelinaynaa magacaaga (ama magac kale oo degmadu doorato), luqaddaada, xiriirkaaga iyo waxa aad naga sheegto waxbarashadaada, shaqadaada, aqoontaada, luqadahaaga iyo liisanka darawalnimada, adigoo adeegsanaya erayadaada.',
  'process.information.why':
    "Xogta waxaa loo isticmaalaa in lagugu hago shaqo ama waxbarasho iyo in qorshe lala sameeyo adiga. Go'aan toos ah lama gaaro.",
  'process.information.basis': 'Saldhigga sharciga: {basis}.',
  'process.information.basisNotSet': "saldhigga ay degmadu go'aamisay (weli laguma qorin Etablera)",
  'process.information.retention':
    'Xogta waxaa la hayaa {days} maalmood kadib marka kiiskaaga la xiro. Kadib waa la tirtiraa.',
  'process.information.access':
    'Kaliya shaqaalahaaga iyo maamulaha Process ee degmada ayaa akhriyi kara xogta. Mar kasta oo la akhriyo waa la diiwaangeliyaa.',
  'process.information.rights':
    'Waxaad xaq u leedahay inaad aragto wax kasta oo lagaa hayo, in khaladaadka la saxo, in xogta la tirtiro iyo inaad diido habaynta. Weydii shaqaalahaaga ama sarkaalka ilaalinta xogta ee degmada.',
  'process.information.sensitive':
    'Ha noo sheegin caafimaadka, diinta, asalka qowmiyadeed, fikradaha siyaasadeed ama nolosha galmada. Halkan looma baahna.',
  'process.interview.wholeSection': 'Jawaab qaybta oo dhan',
  'process.interview.answered': 'wuu jawaabayaa',
  'process.interview.remove': 'Ka saar',
  'process.interview.choose': '– dooro –',
  'process.interview.save': 'Kaydi',
  'process.interview.saveNext': 'Kaydi oo sii wad',
  'process.interview.savedAt': 'Waa la kaydiyay {time}',
  'process.interview.offline':
    'Xiriir ma jiro: jawaabaha waxay ku jiraan biraawsarka waxaana la kaydin doonaa marka xiriirku soo noqdo.',
  'process.interview.freeTextWarning':
    'Ha qorin caafimaadka, asalka qowmiyadeed, diinta, fikradaha siyaasadeed ama nolosha galmada.',
  'process.interview.search': 'Raadi',
  'process.interview.searchOccupation': 'Raadi xirfad (luqaddaada ama iswiidhish)',
  'process.interview.searchSkill': 'Raadi xirfad-aqooneed',
  'process.interview.results': 'Natiijooyinka: calaamadee waxa ku habboon oo kaydi',
  'process.interview.noResults': 'Wax natiijo ah ma jiraan.',
  'process.interview.suggested': 'Xirfado laga soo jeediyay shaqooyinka la doortay: hay waxa ku habboon',
  'process.interview.draftLabel': 'qabyo',
  'process.answer.unknown': 'Ma garanayo',
  'process.answer.declined': 'Ma rabo inaan ka jawaabo',
  'process.answer.yes': 'Haa',
  'process.answer.no': 'Maya',
  'process.section.education': 'Waxbarasho',
  'process.section.work': 'Khibrad shaqo',
  'process.section.skills': 'Xirfado',
  'process.section.languages': 'Luqado',
  'process.section.licences': 'Liisanka darawalnimada',
  'process.section.digital': 'Xirfadaha dhijitaalka',
  'process.section.goals': 'Xiisaha iyo hadafyada',
  'process.section.constraints': 'Xaaladaha',
  'process.section.freeText': 'Kale',
  'process.q.educationLevel': 'Waa heerkee waxbarashadu?',
  'process.q.educationField': 'Qaybtee?',
  'process.q.country': 'Waddankee?',
  'process.q.educationYears': 'Immisa sano?',
  'process.q.school': 'Dugsiga ama barnaamijka (sida qofku u qoro)',
  'process.q.documentsSeen': 'Shaqaaluhu ma arkay dukumentiyada waxbarashada?',
  'process.q.occupation': 'Xirfad',
  'process.q.workYears': 'Immisa khibrad ah?',
  'process.q.tasks': 'Hawlaha (sida qofku u sharxo)',
  'process.q.language': 'Luqad',
  'process.q.listening': 'Dhegaysi',
  'process.q.reading': 'Akhris',
  'process.q.speaking': 'Hadal',
  'process.q.writing': 'Qoris',
  'process.q.swedish': 'Iswiidhish: sfi ama iswiidhish luqad labaad ahaan',
  'process.q.licences': 'Liisamo darawalnimo noocee ah ayuu qofku haystaa?',
  'process.q.digital': 'Intee qofku u yaqaan kombiyuutarka iyo taleefanka?',
  'process.q.interests': 'Xiisaha',
  'process.q.goals': 'Hadafyada: shaqo ama waxbarasho uu qofku rabo',
  'process.q.constraints': 'Xaalado uu qofku isagu rabo inuu sheego',
  'process.q.freeText': 'Kale, luqad kasta',
  'process.own.title': 'Xogtayda',
  'process.own.intro':
    'Halkan waxaad ku aragtaa waxa lagaa diiwaangeliyay waxaadna buuxin kartaa ama saxi kartaa. Shaqaalahaagu wuxuu arkayaa waxa aad bedeshay.',
  'process.own.download': 'Soo deji xogtayda',
  'process.own.edit': 'Bedel',
  'process.own.back': 'Ku noqo xogtayda',
  'process.code.title': 'Fur xogtaada',
  'process.code.intro': 'Qor koodhka aad ka heshay shaqaalahaaga.',
  'process.code.label': 'Koodh',
  'process.code.submit': 'Fur',
  'process.code.invalid':
    'Koodhku ma shaqaynayo (khalad, hore loo isticmaalay ama waa duugoobay). Shaqaalahaaga weydii mid cusub.',
  'process.person.profilePdf': 'Muuqaalka xirfadaha (PDF)',
  'process.done.saved': 'Waa la kaydiyay.',
};
