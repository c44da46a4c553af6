/**
 * The gap to one occupation as steps a plan can hold, each tied to the missing items it closes:
 *   swedish     sfi (below B1) or Svenska som andraspråk at Komvux — closes the language gate;
 *   validering  of the previous occupation (same group or a substitute) — closes the missing skills
 *               that occupation's group also lists: the person likely has them, unrecorded;
 *   licence     a driving licence — closes the licence gate;
 *   course      a course type for the remaining missing skills: YH for occupations at ISCO skill level
 *               3, Komvux (gymnasial vuxenutbildning) for level 2, arbetsmarknadsutbildning when the
 *               occupation is in demand (forecast ≥ 4) at level 2–3; higher education (högskola) for
 *               level 4 is named as such;
 *   praktik     a work placement — closes the experience factor (no Swedish experience yet).
 * Only the skills the person lacks are listed, at most 10 per step, the most distinctive first.
 */
import type { Match, OccupationMatcher, SkillRef } from './occupation-matcher.js';
import type { Profile } from './profile.js';

export type StepKind = 'swedish' | 'validering' | 'drivingLicence' | 'course' | 'praktik';
export type CourseType = 'komvux' | 'yh' | 'arbetsmarknadsutbildning' | 'hogskola';

export interface NextStep {
  kind: StepKind;
  /** For swedish: sfi | svenskaSomAndrasprak; for course: the course type. */
  variant: string | null;
  closes: { gates: string[]; skills: SkillRef[]; factors: string[] };
}

const STEP_SKILLS = 10;

export function nextSteps(matcher: OccupationMatcher, profile: Profile, match: Match): NextStep[] {
  const model = matcher.model;
  const group = model.groups.get(match.group.id);
  if (!group) return [];
  const have = new Set(profile.skills);
  const missing = group.skills
    .filter((s) => !have.has(s))
    .sort((a, b) => (model.idf.get(b) ?? 0) - (model.idf.get(a) ?? 0) || (a < b ? -1 : 1));
  const steps: NextStep[] = [];
  for (const gate of match.gates) {
    if (gate.kind === 'language')
      steps.push({
        kind: 'swedish',
        variant: gate.lift === 'svenskaSomAndrasprak' ? 'svenskaSomAndrasprak' : 'sfi',
        closes: { gates: ['language'], skills: [], factors: [] },
      });
    if (gate.kind === 'driving-licence')
      steps.push({
        kind: 'drivingLicence',
        variant: gate.requirement,
        closes: { gates: ['driving-licence'], skills: [], factors: [] },
      });
  }
  const experience = match.breakdown.find((b) => b.factor === 'experience');
  const from = (experience?.detail.from as { id: string } | null | undefined)?.id;
  const covered = new Set<string>();
  if (from && (experience?.value ?? 0) >= 0.5) {
    const previousGroup = model.groups.get(model.names.get(from)?.group ?? '');
    const validated = missing.filter((s) => previousGroup?.skills.includes(s));
    for (const s of validated) covered.add(s);
    steps.push({
      kind: 'validering',
      variant: from,
      closes: {
        gates: [],
        skills: validated.slice(0, STEP_SKILLS).map((s) => matcher.ref(s)),
        factors: ['experience'],
      },
    });
  }
  const rest = missing.filter((s) => !covered.has(s));
  if (rest.length > 0) {
    const level = group.code[0] === '2' || group.code[0] === '1' ? 4 : group.code[0] === '3' ? 3 : 2;
    const inDemand = (match.demand?.value ?? 0) >= 4;
    const course: CourseType =
      level === 4 ? 'hogskola' : inDemand ? 'arbetsmarknadsutbildning' : level === 3 ? 'yh' : 'komvux';
    steps.push({
      kind: 'course',
      variant: course,
      closes: {
        gates: [],
        skills: rest.slice(0, STEP_SKILLS).map((s) => matcher.ref(s)),
        factors: ['skills'],
      },
    });
  }
  if ((experience?.value ?? 0) < 1)
    steps.push({
      kind: 'praktik',
      variant: null,
      closes: { gates: [], skills: [], factors: ['experience'] },
    });
  return steps;
}
