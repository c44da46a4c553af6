/**
 * The caseload's routes (inside the people API, so Process off answers 503 and the errors have the one
 * shape): a case worker's own people with what is overdue and due, and an organisation's caseload in
 * counts for its Process admin (no names; anyone else 404).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../accounts/actor.js';
import type { CaseloadService } from '../../../domain/process/plan/caseload.service.js';

const OrgParams = Type.Object({ org: Type.String({ maxLength: 60 }) });

export async function caseloadRoutes(app: FastifyInstance, deps: { caseload: () => CaseloadService }) {
  const tags = ['process'];
  app.get(
    '/api/caseload',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary:
          "The signed-in case worker's caseload: {today, people: [{personId, name, language, planState (none|open|done), planVersion, goal, level, overdue: [{id, type, title, due}], dueSoon (the next 14 days), followUpsDue: [{noteId, on}]}], summary}, the open people assigned to them and those lent to them by a live temporary access (lentUntil: when it ends; null for their own), most urgent first. Each person listed is one audit entry (part caseload; via temporary with its reason for a lent one).",
      },
    },
    async (request) => deps.caseload().mine(request.actor as Actor, { ip: request.ip }),
  );
  app.get<{ Params: Static<typeof OrgParams> }>(
    '/api/organisations/:org/caseload',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags,
        summary:
          "The organisation's open caseload in counts, for its Process admin (no names, no ids): {organisation, today, summary: {people, byLevel, byPlanState, stepsOverdue, peopleWithOverdue, stepsDueSoon, followUpsDue}}. Anyone else 404. Audited (caseload.summary).",
        params: OrgParams,
      },
    },
    async (request) =>
      deps.caseload().summary(request.actor as Actor, request.params.org, { ip: request.ip }),
  );
}
