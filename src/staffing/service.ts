// Staffing figures for the people who plan staff (supervisors, coordinators). Pure arithmetic on
// the numbers asked about: no region's data is read, so only the role is checked.
import { authorize } from '../platform/access/authorize.ts';
import type { ActorContext } from '../platform/access/principal.ts';
import { badRequest } from '../platform/errors.ts';
import { erlangA } from './erlang-a.ts';
import { erlangC, offeredLoad } from './erlang-c.ts';
import { requiredAgents } from './required.ts';
import type { ErlangAQuery, ErlangCQuery, RequiredQuery } from './schema.ts';

/** Beyond this the answers would take long to compute and mean nothing for one call centre. */
export const MAX_ERLANGS = 100_000;
/** λ × patience, the length of Erlang A's series when overloaded. */
export const MAX_PATIENT_CALLERS = 1_000_000;

function checkLoad(q: { calls: number; intervalSeconds: number; ahtSeconds: number }) {
  const a = offeredLoad(q);
  if (a > MAX_ERLANGS) {
    throw badRequest('staffing.load_too_large', `The offered load calls × ahtSeconds / intervalSeconds is ${Math.round(a)} Erlangs; at most ${MAX_ERLANGS} is supported.`, {
      errors: [{ path: 'query.calls', message: `load must be at most ${MAX_ERLANGS} Erlangs` }],
    });
  }
}

export const overloadNote =
  'agents ≤ offered load: calls arrive faster than the agents can answer them, so the queue grows without end; pWait is 1, sl 0, occupancy 1 and asa has no finite value (null).';

export class StaffingService {
  erlangC(actor: ActorContext, q: ErlangCQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    const r = erlangC(q);
    return {
      pWait: r.pWait,
      sl: r.sl,
      asa: Number.isFinite(r.asa) ? r.asa : null,
      occupancy: r.occupancy,
      erlangs: r.erlangs,
      overloaded: r.overloaded,
      ...(r.overloaded ? { note: overloadNote } : {}),
    };
  }

  required(actor: ActorContext, q: RequiredQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    return requiredAgents(q);
  }

  erlangA(actor: ActorContext, q: ErlangAQuery) {
    authorize(actor, 'staffing.read');
    checkLoad(q);
    if ((q.calls / q.intervalSeconds) * q.patienceSeconds > MAX_PATIENT_CALLERS) {
      throw badRequest('staffing.load_too_large', `calls / intervalSeconds × patienceSeconds must be at most ${MAX_PATIENT_CALLERS}.`, {
        errors: [{ path: 'query.patienceSeconds', message: 'too long for this many calls' }],
      });
    }
    return erlangA(q);
  }
}
