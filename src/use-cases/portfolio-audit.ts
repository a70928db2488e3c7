/**
 * The portfolio's trust checks through the ports: who holds which role (the site groups'
 * membership, a fact the server keeps), and every portfolio irregularity — gates written
 * around the committee's record, budget lines, status reports and benefit measurements
 * written by someone not allowed to, or invalid when read — for the "Uregelmæssigheder" page
 * and `npm run audit`; and the portfolio views' initiatives with their valid gates.
 */
import type { OnItemsRead } from "../domain/audit.js";
import type { Clock } from "../domain/clock.js";
import type { Person } from "../domain/common.js";
import { isStoreError } from "../domain/errors.js";
import type { Irregularity } from "../domain/irregularities.js";
import { withValidGates } from "../domain/lifecycle.js";
import {
  checkGates,
  checkPortfolio,
  type PortfolioCheck,
  type PortfolioRule,
} from "../domain/portfolio-trust.js";
import {
  type PortfolioField,
  type PortfolioFilters,
  type PortfolioRow,
  serverWhere,
} from "../domain/portfolio-view.js";
import { type Role, ROLE_GROUPS, type Roster, rosterFrom } from "../domain/roles.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";

/** What the checks read besides the lists: the site groups. */
export interface TrustPorts {
  repositories: Repositories;
  people: SitePeople;
}

/**
 * The roster of the committee's roles from the site groups (Formand, Sekretariat, Medlemmer,
 * Bidragydere). A group the site does not have (`NotFound`) has no members; any other failure
 * (e.g. `Forbidden`: the groups' membership is hidden) rejects, because without it no author
 * can be judged. Without `groupMembers` (a port that cannot list groups) it rejects too.
 */
export async function loadRoster(people: SitePeople): Promise<Roster> {
  const groupMembers = people.groupMembers?.bind(people);
  if (!groupMembers) {
    throw new Error("loadRoster: the SitePeople port cannot read the site groups' members");
  }
  const roles = Object.entries(ROLE_GROUPS) as [Exclude<Role, "owner">, string][];
  const members = await Promise.all(
    roles.map(async ([, group]) => {
      try {
        return await groupMembers(group);
      } catch (e) {
        if (isStoreError(e, "NotFound")) return [] as Person[];
        throw e;
      }
    }),
  );
  return rosterFrom(Object.fromEntries(roles.map(([role], k) => [role, members[k] ?? []])));
}

/**
 * Reads the whole portfolio (initiatives with the fields the checks need, every change record,
 * budget line, status report, benefit and measurement, and the roster) and checks it. `onRead`
 * is handed what was read (the audit dates and places its findings).
 */
export async function loadPortfolioCheck(
  ports: TrustPorts & { clock: Clock },
  onRead?: OnItemsRead,
): Promise<PortfolioCheck> {
  const r = ports.repositories;
  const [roster, initiatives, phaseChanges, budgetLines, statusReports, benefits, measurements] =
    await Promise.all([
      loadRoster(ports.people),
      r.initiatives.list({
        fields: [
          "title",
          "owner",
          "projectLead",
          "phase",
          "priority",
          "priorityScore",
          "mandatory",
          "createdBy",
          "modifiedBy",
          "created",
          "modified",
        ],
      }),
      r.phaseChanges.list(),
      r.budgetLines.list(),
      r.statusReports.list(),
      r.benefits.list(),
      r.benefitMeasurements.list(),
    ]);
  onRead?.("Initiatives", initiatives);
  onRead?.("PhaseChanges", phaseChanges);
  onRead?.("BudgetLines", budgetLines);
  onRead?.("StatusReports", statusReports);
  onRead?.("Benefits", benefits);
  onRead?.("BenefitMeasurements", measurements);
  return checkPortfolio({
    initiatives,
    phaseChanges,
    budgetLines,
    statusReports,
    benefits,
    benefitMeasurements: measurements,
    roster,
    now: ports.clock.now(),
  });
}

/**
 * Every irregularity of the portfolio's lists (Initiatives, PhaseChanges, BudgetLines,
 * StatusReports, BenefitMeasurements), sorted by list, item and rule, each naming who wrote it.
 */
export async function loadPortfolioIrregularities(
  ports: TrustPorts & { clock: Clock },
  onRead?: OnItemsRead,
): Promise<Irregularity<PortfolioRule>[]> {
  return (await loadPortfolioCheck(ports, onRead)).irregular;
}

// ---------------------------------------------------------------- portfolio views

/** What the gate replay reads of every initiative, whatever the view shows. */
const GATE_FIELDS: readonly PortfolioField[] = [
  "phase",
  "priority",
  "priorityScore",
  "mandatory",
  "owner",
  "modifiedBy",
];

/** The view's fields plus the ones the gate replay needs. */
export function withGateFields(fields: readonly PortfolioField[]): PortfolioField[] {
  return [...new Set([...fields, ...GATE_FIELDS])];
}

/** The store's share of the filters: none on the gates, whose stored values may be irregular. */
export function gateFreeWhere(filters: PortfolioFilters) {
  const { phase: _phase, mandatory: _mandatory, ...where } = serverWhere(filters);
  return where;
}

/**
 * Initiatives with these fields (for a portfolio view), their gates replaced by the valid ones:
 * the recorded changes replayed with the site groups' roster.
 */
export async function loadCheckedRows(
  ports: TrustPorts,
  fields: readonly PortfolioField[],
  where: ReturnType<typeof gateFreeWhere>,
  onProgress?: (progress: { read: number }) => void,
): Promise<PortfolioRow[]> {
  const [rows, records, roster] = await Promise.all([
    ports.repositories.initiatives.list({
      fields: withGateFields(fields),
      where,
      ...(onProgress ? { onProgress } : {}),
    }),
    ports.repositories.phaseChanges.list(),
    loadRoster(ports.people),
  ]);
  const { gates } = checkGates(rows, records, roster);
  return rows.map((r) => {
    const replay = gates.get(r.id);
    return replay ? withValidGates(r, replay) : r;
  });
}
