/**
 * Ballots (Stemmesedler) on SharePoint: the list's generic repository. Nothing here changes
 * permissions: a ballot's owner is its author (Created By), one ballot per member per round and
 * a ballot's standing after close are decided when the ballots are read (src/domain/tally.ts),
 * from Created, Modified, the version and the author, which SharePoint sets.
 */
import type { BallotId } from "../../domain/ids.js";
import type { Ballot, BallotDraft } from "../../domain/prioritization.js";
import type { BallotRepository } from "../../ports/repositories.js";
import { ballotAdapter } from "./maps.js";
import { SpListRepository } from "./repository.js";
import type { SpSite } from "./sp.js";

export class SpBallotRepository
  extends SpListRepository<Ballot, BallotId, BallotDraft>
  implements BallotRepository
{
  constructor(site: SpSite) {
    super(site, ballotAdapter);
  }
}
