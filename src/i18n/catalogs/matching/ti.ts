/** Matching (issue 19), Tigrinya: the texts the person reads, drafted by the team (not yet reviewed). */
import type { matchingSv } from './sv.js';

export const matchingTi: Partial<Record<keyof typeof matchingSv, string>> = {
  'matching.title': 'ዝሰማምዑኻ ሞያታት',
  'matching.titleAds': 'ዝሰማምዑኻ ናይ ስራሕ መወዓውዒታት',
  'matching.intro':
    'ኣብቲ ትፈልጦ፣ ዝሰራሕካዮን እትደልዮን ዝተመርኮሱ ሓሳባት። ሓሳባት ጥራይ እዮም፡ ብኣውቶማቲክ ዝለኣኽ ወይ ዝውሰን ነገር የለን። ንስኻን እቲ ሓላፊ ሰራሕተኛን ብሓባር ትግምግምዎም።',
  'matching.nothingToMatch': 'ክሳብ ሕጂ ዝነጻጸር ነገር የለን፡ ፍልጠትካ፣ ናይ ቀደም ሞያታትካ ወይ ክትሰርሖ እትደሊ ወስኽ።',
  'matching.noMatches': 'ዝተረኽበ ሓሳብ የለን።',
  'matching.score': '{percent} % ይሰማማዕ',
  'matching.why': 'ስለምንታይ ይሰማማዕ?',
  'matching.steps': 'ዝቕጽሉ ስጉምትታት',
  'matching.draftNote': 'ረቂቕ ትርጉም',
  'matching.backOwn': 'ናብ ገጸይ ተመለስ',
};
