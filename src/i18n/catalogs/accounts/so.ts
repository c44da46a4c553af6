/**
 * Somali drafts of the account pages' texts (sign-in, code, account, invitation, reset, IdP sign-in),
 * written by the team: a draft until someone who knows the language reviews it (the catalog is `draft`).
 */
import type { MessageKey } from '../../catalog.js';

export const accountsSo: Partial<Record<MessageKey, string>> = {
  'account.signIn': 'Gal',
  'account.signInLead': 'Ku gal koontadaada si aad uga shaqeyso qorshayaasha iyo la-socodka.',
  'account.signInWith': 'Ku gal {idp}',
  'account.signInLocal': 'Ama cinwaanka iimaylka iyo furaha sirta ah',
  'account.oidcFailedTitle': 'Galitaanku ma shaqayn',
  'account.oidcFailed.state':
    'Galitaanka laguma bilaabin biraawsarkan, ama wuu dheeraaday. Ka bilow mar kale bogga galitaanka.',
  'account.oidcFailed.idpError': '{idp} ayaa joojiyay galitaanka. Isku day mar kale.',
  'account.oidcFailed.token':
    'Jawaabta {idp} lama aqbali karin (tusaale ahaan kood horey loo isticmaalay ama galitaan dhacay). Bilow mar kale.',
  'account.oidcFailed.notAdmitted':
    'Koontadaada {idp} kuma siinayso oggolaansho Etablera. Weydii maamulaha ururkaaga.',
  'account.oidcFailed.unavailable':
    '{idp} hadda lama heli karo. Isku day mar dambe, ama ku gal furaha sirta ah.',
  'account.email': 'Cinwaanka iimaylka',
  'account.password': 'Furaha sirta ah',
  'account.signInFailed': 'Cinwaanka iimaylka ama furaha sirta ah waa khalad, ama koontadu ma shaqeyso.',
  'account.throttled':
    'Isku day galitaan oo badan oo guuldarreystay. Isku day mar kale {minutes, plural, one {# daqiiqo} other {# daqiiqo}} kadib.',
  'account.signOut': 'Ka bax',
  'account.signOutEverywhere': 'Ka bax meel kasta',
  'account.signOutEverywhereHint': 'Waxay dhammaynaysaa dhammaan fadhiyadaada, qalab kasta.',
  'account.account': 'Koontadayda',
  'account.signedInAs': 'Waxaad u gashay sida',
  'account.memberships': 'Ururada iyo doorarka',
  'account.organisation': 'Urur',
  'account.role': 'Door',
  'account.tokens': 'Furayaasha API',
  'account.tokensLead':
    'Furayaal loogu talagalay qoraallada: waxaa loo diraa sida "Authorization: Bearer …" waxayna leeyihiin doorarkaaga.',
  'account.tokenName': 'Magaca furaha',
  'account.tokenExpires': 'Ansax ilaa',
  'account.tokenCreate': 'Samee fure',
  'account.tokenCreated': 'Furahaaga cusub. Hadda koobi – hal mar uun baa la tusayaa:',
  'account.tokenRevoke': 'Ka noqo',
  'account.tokenRevoked': 'laga noqday',
  'account.never': 'weligii',
  'account.created': 'La sameeyay',
  'account.lastUsed': 'Markii ugu dambaysay ee la isticmaalay',
  'account.noTokens': 'Ma lihid furayaal API.',
  'account.changePassword': 'Beddel furaha sirta ah',
  'account.currentPassword': 'Furaha sirta ah ee hadda',
  'account.newPassword': 'Furaha sirta ah ee cusub',
  'account.passwordHint':
    'Ugu yaraan 12 xaraf. Dhowr eray oo isku xiga ayaa fiican; furayaasha caadiga ah lama aqbalo.',
  'account.passwordChanged': 'Furaha sirta ah waa la beddelay.',
  'account.wrongPassword': 'Furaha sirta ah ee hadda waa khalad.',
  'account.signedOutEverywhere':
    '{count, plural, one {# fadhi ayaa la dhammeeyay} other {# fadhi ayaa la dhammeeyay}}.',
  'account.expiry.30d': '30 maalmood',
  'account.expiry.90d': '90 maalmood',
  'account.expiry.365d': 'hal sano',
  'account.expiry.never': 'ilaa laga noqdo',
  'account.secondFactor': 'Xaqiijinta laba-tallaabo',
  'account.codeLead': 'Geli koodka ka yimid barnaamijka xaqiijinta, ama mid ka mid ah koodhadhka kaydka.',
  'account.code': 'Kood',
  'account.codeHint': 'Lix god, ama koodh kayd ah sida abcd-2345.',
  'account.verify': 'Sii wad',
  'account.codeWrong': 'Koodku waa khalad, ama horey ayaa loo isticmaalay.',
  'account.codeLocked': 'Koodh khaldan oo badan. Isku day mar dambe.',
  'account.enrolLead':
    'Doorkaagu wuxuu u baahan yahay xaqiijin laba-tallaabo ah. Ku dar furaha hoose barnaamij xaqiijin (tusaale FreeOTP ama Microsoft Authenticator) oo geli koodka uu muujiyo.',
  'account.enrolSecret': 'Furaha aad ku qorayso barnaamijka',
  'account.enrolUri': 'Ama ku fur xiriirkan taleefankaaga',
  'account.enrolDone':
    'Xaqiijinta laba-tallaabo waa shaqaynaysaa. Ku kaydi koodhadhka kaydka ee hoose meel ammaan ah – hadda uun baa la tusayaa, kood kastana hal mar buu shaqeeyaa:',
  'account.enrolled': 'Xaqiijinta laba-tallaabo waxay shaqaynaysay tan iyo',
  'account.continue': 'U gudub Etablera',
  'account.members': 'Xubnaha',
  'account.status': 'Xaalad',
  'account.statuses.active': 'firfircoon',
  'account.statuses.invited': 'la casuumay',
  'account.statuses.disabled': 'la joojiyay',
  'account.addMember': 'Ku dar ama beddel xubin',
  'account.addMemberHint':
    'Qof cusub wuxuu helayaa xiriir casuumaad; xubin jirta waxay helaysaa doorka la doortay.',
  'account.save': 'Kaydi',
  'account.invitationLink': 'Xiriirka casuumaadda (ansax 7 maalmood, hal mar):',
  'account.memberSaved': 'Xubinta waa la kaydiyay.',
  'account.roleName.admin': 'maamule',
  'account.roleName.strategist': 'istaraatiijiyeeye',
  'account.roleName.reporter': 'warbixiye',
  'account.roleName.caseworker': 'shaqaale kiis',
  'account.roleName.processAdmin': 'maamulaha Process',
  'account.roleName.reader': 'akhriste',
  'account.roleName.newcomer': 'soo-galooti cusub',
  'account.roleName.regional': 'isku-duwaha gobolka',
  'account.draft': 'Qabyo tarjumaad',
  'mail.page.invitationTitle': 'Hawlgeli koontadaada',
  'mail.page.invitationLead': 'U dooro furaha sirta ah {email}. Kadib waad geli kartaa.',
  'mail.page.resetTitle': 'Furaha sirta ah ee cusub',
  'mail.page.resetRequestLead':
    'Geli cinwaanka iimaylka koontadaada. Haddii koontadu jirto, waxaan halkaas u diraynaa xiriir aad ku dooranayso furaha sirta ah ee cusub.',
  'mail.page.resetSend': 'Dir xiriirka',
  'mail.page.resetSent':
    'Haddii ay jirto koonto cinwaankaas leh, xiriir ayaa loo diray. Wuxuu ansax yahay hal saac. Sidoo kale eeg galka spam-ka.',
  'mail.page.resetNewLead': 'U dooro furaha sirta ah ee cusub {email}.',
  'mail.page.setPassword': 'Kaydi furaha sirta ah',
  'mail.page.linkInvalid':
    'Xiriirku ma shaqeynayo: horey ayaa loo isticmaalay, wuu dhacay ama waa dhiman yahay. Codso mid cusub.',
  'mail.page.passwordSet': 'Furaha sirta ah waa la kaydiyay. Hadda waad geli kartaa.',
  'mail.page.mailOff':
    'Iimaylka laguma habeyn server-kan, sidaas darteed xiriir lama diri karo. Caawimaad ka weydii maamulaha ururkaaga.',
  'mail.page.forgot': 'Ma ilowday furaha sirta ah?',
  'mail.page.throttled': 'Codsiyo badan oo halkan ka yimid. Isku day mar dambe.',
};
