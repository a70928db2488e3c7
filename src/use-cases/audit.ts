/**
 * The site's audit: every irregular item of prioritization (ballots, comparisons, rounds), the
 * portfolio (gates, change records, budget lines, status reports, benefit measurements) and
 * the minutes (approvals, meetings that claim an approval), in one list sorted by list, item
 * and rule, each naming who wrote it, when, and the tab's page it belongs to. The
 * "Uregelmæssigheder" page and `npm run audit` both show this list.
 *
 * Complete only for a reader who reads every item: the chair and the secretariat ("Digistyr
 * Læs alle" or the editor level on the lists with item-level security) or the site's owners.
 * Any other reader is shown only their own ballots and comparisons by SharePoint.
 */
import { auditFindings, type Finding, ReadItems } from "../domain/audit.js";
import type { Clock } from "../domain/clock.js";
import type { SitePeople } from "../ports/current-user.js";
import type { Repositories } from "../ports/repositories.js";
import { minutesIrregularities } from "./minutes.js";
import { loadPortfolioIrregularities } from "./portfolio-audit.js";
import { prioritizationIrregularities } from "./prioritization-irregularities.js";

export type { Finding, FindingSubject } from "../domain/audit.js";

export interface AuditPorts {
  repositories: Repositories;
  /** The site groups' members: who holds which role (the roster every check judges by). */
  people: SitePeople;
  /** Now, for measurements dated in the future. */
  clock: Clock;
}

/**
 * Reads the site and returns every finding, sorted by list, item and rule, one per list, item
 * and rule. Rejects with the store's error when a list or a site group cannot be read.
 */
export async function auditSite(ports: AuditPorts): Promise<Finding[]> {
  const read = new ReadItems();
  const sources = await Promise.all([
    prioritizationIrregularities(ports, read.add),
    loadPortfolioIrregularities(ports, read.add),
    minutesIrregularities(ports, read.add),
  ]);
  return auditFindings(sources.flat(), read);
}

/** Findings by list, in the order of `auditSite` (for a page grouped by list). */
export function findingsByList(findings: readonly Finding[]): [Finding["list"], Finding[]][] {
  const groups = new Map<Finding["list"], Finding[]>();
  for (const f of findings) groups.set(f.list, [...(groups.get(f.list) ?? []), f]);
  return [...groups];
}
