/**
 * Ballots (Stemmesedler) on SharePoint, with locking: when a round closes, each ballot gets
 * permissions of its own (SP.SecurableObject on the list item,
 * https://learn.microsoft.com/sharepoint/dev/sp-add-ins/set-custom-permissions-on-a-list-by-using-the-rest-interface):
 *
 * - `items(<id>)/breakroleinheritance(copyroleassignments=false, clearsubscopes=true)` (PnPjs
 *   `item.breakRoleInheritance(false, true)`): nothing is copied from the list, where Medlemmer
 *   have Contribute; SharePoint leaves the caller with Full Control;
 * - the owners group, Formand and Sekretariat get Full Control (so either of the two who may
 *   close a round can finish an interrupted close), the voter Read (they still read their own
 *   ballot); any other assignment on the item, such as the caller's own, is removed last.
 *
 * Breaking an item's inheritance needs Manage Permissions on it, which the Edit level lacks:
 * Formand and Sekretariat have Full Control of the Ballots list (lists-schema/Ballots.json).
 * Groups are found by name and permission levels by RoleTypeKind (5 Administrator = Full
 * Control, 2 Reader), which unlike their names are the same on a Danish site.
 */
import { spPost, SPQueryable } from "@pnp/sp";
import type { IItem } from "@pnp/sp/items/types.js";
import { RoleAssignments, RoleDefinitions } from "@pnp/sp/security/types.js";
import { SiteGroups } from "@pnp/sp/site-groups/types.js";

import type { BallotId } from "../../domain/ids.js";
import type { BallotDraft } from "../../domain/prioritization.js";
import type { Ballot } from "../../domain/prioritization.js";
import type { BallotRepository } from "../../ports/repositories.js";
import { mapErrors } from "./errors.js";
import { ballotAdapter } from "./maps.js";
import { SpListRepository } from "./repository.js";
import type { SpSite } from "./sp.js";

const ROLE_TYPE = { read: 2, full: 5 } as const;
/** The site groups that keep Full Control of a locked ballot, besides the owners group. */
const MANAGING_GROUPS = ["Formand", "Sekretariat"] as const;
/** How many ballots are locked at the same time. */
const PARALLEL = 4;

interface LockPrincipals {
  /** Principal id → the one permission level (role definition id) it should hold. */
  managers: Map<number, number>;
  read: number;
}

interface RoleAssignmentRow {
  PrincipalId: number;
  RoleDefinitionBindings?: { Id: number }[] | { results: { Id: number }[] };
}

export class SpBallotRepository
  extends SpListRepository<Ballot, BallotId, BallotDraft>
  implements BallotRepository
{
  constructor(site: SpSite) {
    super(site, ballotAdapter);
  }

  async lock(ballots: readonly Pick<Ballot, "id" | "voter">[]): Promise<void> {
    if (ballots.length === 0) return;
    const principals = await mapErrors(this.ctx("Stemmesedlernes rettigheder"), () =>
      this.lockPrincipals(),
    );
    // A few at a time; after a failure no new ballot is started, the ones under way finish,
    // and the first failure is thrown (closing again picks up where this stopped).
    const queue = [...ballots];
    const failures: unknown[] = [];
    const worker = async () => {
      for (let b = queue.shift(); b && failures.length === 0; b = queue.shift()) {
        try {
          await this.lockOne(b, principals);
        } catch (e) {
          failures.push(e);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, queue.length) }, worker));
    if (failures.length > 0) throw failures[0];
  }

  private async lockPrincipals(): Promise<LockPrincipals> {
    const web = this.site.web;
    const [full, read, owners, ...groups] = await Promise.all([
      RoleDefinitions(web).getByType(ROLE_TYPE.full).select("Id")<{ Id: number }>(),
      RoleDefinitions(web).getByType(ROLE_TYPE.read).select("Id")<{ Id: number }>(),
      SPQueryable(web, "associatedownergroup").select("Id")<{ Id: number }>(),
      ...MANAGING_GROUPS.map((name) =>
        SiteGroups(web).getByName(name).select("Id")<{ Id: number }>(),
      ),
    ]);
    const managers = new Map<number, number>([[owners.Id, full.Id]]);
    for (const g of groups) managers.set(g.Id, full.Id);
    return { managers, read: read.Id };
  }

  private async lockOne(
    ballot: Pick<Ballot, "id" | "voter">,
    principals: LockPrincipals,
  ): Promise<void> {
    await mapErrors(this.ctx(`${this.adapter.noun} ${ballot.id}`), async () => {
      const item = this.items().getById(ballot.id);
      const { HasUniqueRoleAssignments: unique } = await item.select("HasUniqueRoleAssignments")<{
        HasUniqueRoleAssignments?: boolean;
      }>();
      if (unique !== true) {
        await spPost(
          SPQueryable(item, "breakroleinheritance(copyroleassignments=false, clearsubscopes=true)"),
        );
      }
      const wanted = new Map(principals.managers);
      if (ballot.voter && !wanted.has(ballot.voter.id)) {
        wanted.set(ballot.voter.id, principals.read);
      }
      const have = await this.assignments(item);
      for (const [principal, role] of wanted) {
        if (!have.get(principal)?.has(role)) {
          await RoleAssignments(item).add(principal, role);
        }
      }
      for (const [principal, roles] of have) {
        for (const role of roles) {
          if (wanted.get(principal) !== role) {
            await RoleAssignments(item).remove(principal, role);
          }
        }
      }
    });
  }

  private async assignments(item: IItem): Promise<Map<number, Set<number>>> {
    const rows =
      await RoleAssignments(item).expand("RoleDefinitionBindings")<RoleAssignmentRow[]>();
    const out = new Map<number, Set<number>>();
    for (const r of rows) {
      const raw = r.RoleDefinitionBindings ?? [];
      const bindings = Array.isArray(raw) ? raw : raw.results;
      out.set(r.PrincipalId, new Set(bindings.map((b) => b.Id)));
    }
    return out;
  }
}
