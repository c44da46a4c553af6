/**
 * `npx tsx bench/matching/write-template-ads.ts`: writes bench/matching/template-ads.json, the
 * template ads of the matching benchmark (compared beside the hand-written ones): 120 ads in JobTech's ad shape that we wrote ourselves
 * from sentence templates, each about a real occupation name and naming 3–6 real skills of its SSYK
 * group (their ids are the label), among sentences about the employer, hours and benefits that name no
 * skill on purpose. Half the headlines name the occupation, half do not. Seeded: the same file every run.
 */
import { writeFileSync } from 'node:fs';
import { sample, seeded } from '../../src/domain/process/matching/seeded-random.js';
import { readSnapshot } from '../../src/domain/process/taxonomy/snapshot.js';

const snapshot = readSnapshot();
const byId = new Map(snapshot.concepts.map((c) => [c[0], c]));
const groupSkills = new Map<string, string[]>();
const nameGroup = new Map<string, string>();
for (const [kind, from, to] of snapshot.relations) {
  if (kind === 'related' && byId.get(from)?.[1] === 'ssyk-level-4' && byId.get(to)?.[1] === 'skill')
    groupSkills.set(from, [...(groupSkills.get(from) ?? []), to]);
  if (kind === 'broader' && byId.get(from)?.[1] === 'occupation-name' && !byId.get(from)?.[5])
    nameGroup.set(from, to);
}
const names = [...nameGroup.keys()]
  .filter((n) => (groupSkills.get(nameGroup.get(n) as string)?.length ?? 0) >= 6)
  .sort();
const random = seeded(2026);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;

const INTRO = [
  'Vi är ett växande företag i Norrbotten och söker nu en ny kollega.',
  'Till vår verksamhet i centrala Luleå söker vi dig som vill utvecklas med oss.',
  'Kommunen växer och vi behöver fler medarbetare.',
  'Vi är ett familjeägt bolag med 40 anställda.',
];
const SKILL_SENTENCES = [
  (l: string) => `Du har erfarenhet av ${l}.`,
  (l: string) => `I arbetet ingår ${l}.`,
  (l: string) => `Vi ser gärna att du har kunskaper i ${l}.`,
  (l: string) => `Meriterande är ${l}.`,
  (l: string) => `Du kommer att arbeta med ${l} i ett team.`,
];
const OUTRO = [
  'Tjänsten är en tillsvidareanställning på heltid med start enligt överenskommelse.',
  'Vi erbjuder kollektivavtal, friskvårdsbidrag och goda möjligheter att växa.',
  'Urval sker löpande, så skicka in din ansökan redan idag.',
  'Arbetstiden är dagtid måndag till fredag.',
];
const GENERIC = ['Vi söker förstärkning', 'Ny kollega sökes', 'Bli en av oss!', 'Sommarjobb och fast tjänst'];

const ads = [];
for (let i = 0; i < 120; i++) {
  const name = pick(names);
  const group = nameGroup.get(name) as string;
  const skills = sample(groupSkills.get(group) as string[], 3 + Math.floor(random() * 4), random).sort();
  const sentences = [
    pick(INTRO),
    ...skills.map((s) => pick(SKILL_SENTENCES)(String(byId.get(s)?.[2]).toLowerCase())),
    pick(OUTRO),
  ];
  ads.push({
    id: `bench-${String(i + 1).padStart(3, '0')}`,
    headline: i % 2 === 0 ? `${byId.get(name)?.[2]} till vårt team` : pick(GENERIC),
    description: { text: sentences.join(' ') },
    occupation: { concept_id: name, label: byId.get(name)?.[2] },
    must_have: { skills: [], languages: [], work_experiences: [] },
    nice_to_have: { skills: [], languages: [], work_experiences: [] },
    publication_date: '2026-11-01T08:00:00',
    label: { skills },
  });
}
writeFileSync(new URL('./template-ads.json', import.meta.url), `${JSON.stringify(ads, null, 2)}\n`);
console.log(`wrote ${ads.length} labelled ads`);
