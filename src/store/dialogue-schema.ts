/** Table types of the Dialogue module (migration 0090-dialogue). Booleans are 0/1 integers. */
import type { Generated } from 'kysely';

export type DialoguePhase = 'collect' | 'prioritise' | 'decide' | 'report';
export type IdeaSource = 'online' | 'workshop' | 'import' | 'round';
export type IdeaAnswer = 'genomfors' | 'delvis' | 'genomfors_inte' | 'gors_redan';
export type RoundMethod = 'dots' | 'pairwise';
export type RoundState = 'draft' | 'open' | 'closed';

export interface DialogueTable {
  id: Generated<number>;
  organisation_id: string;
  plan_id: number | null;
  title: string;
  purpose: string | null;
  created_at: string;
  created_by: string;
}

export interface DialoguePhaseTable {
  dialogue_id: number;
  phase: DialoguePhase;
  starts_on: string | null;
  ends_on: string | null;
}

export interface DialogueRoundTable {
  id: Generated<number>;
  dialogue_id: number;
  method: RoundMethod;
  title: string;
  dots: number | null;
  max_per_idea: number | null;
  hide_counts: number;
  allow_ideas: number;
  state: RoundState;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
}

export interface DialogueIdeaTable {
  id: Generated<number>;
  dialogue_id: number;
  text: string;
  language: string;
  source: IdeaSource;
  table_label: string | null;
  round_id: number | null;
  node_id: number | null;
  text_sv: string | null;
  text_sv_by: string | null;
  hidden_reason: string | null;
  hidden_by: string | null;
  hidden_at: string | null;
  merged_into: number | null;
  answer: IdeaAnswer | null;
  answer_reason: string | null;
  answer_by: string | null;
  answered_at: string | null;
  created_at: string;
}

export interface DialogueIdeaActionTable {
  idea_id: number;
  action_id: number;
}

export interface DialogueCodeTable {
  code: string;
  round_id: number;
  created_at: string;
}

export interface DialoguePairVoteTable {
  id: Generated<number>;
  round_id: number;
  voter: string;
  idea_a: number;
  idea_b: number;
  winner: number | null;
  created_at: string;
}

export interface DialogueBallotTable {
  round_id: number;
  voter: string;
  created_at: string;
}

export interface DialogueDotTable {
  round_id: number;
  voter: string;
  idea_id: number;
  dots: number;
}
