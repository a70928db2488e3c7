import type { DirectoryPerson } from "../../domain/communication.js";
import type { Directory } from "../../ports/directory.js";
import { GraphHttp } from "./graph-http.js";

/**
 * Directory on Microsoft Graph users and groups (User.ReadBasic.All, GroupMember.Read.All):
 * `GET /me`, `GET /users?$filter=startswith(...)`, `GET /groups/{id}/members` with paging,
 * and `$batch` to look several people up in one round trip
 * (https://learn.microsoft.com/graph/api/user-list, .../group-list-members).
 */

interface GraphUser {
  "@odata.type"?: string;
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  jobTitle?: string | null;
  department?: string | null;
}

const SELECT = "id,displayName,mail,userPrincipalName,jobTitle,department";

function toPerson(u: GraphUser): DirectoryPerson {
  return {
    directoryId: u.id,
    name: u.displayName ?? "",
    email: u.mail ?? u.userPrincipalName ?? "",
    ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
    ...(u.department ? { department: u.department } : {}),
  };
}

/** An OData string literal: single quotes doubled (https://learn.microsoft.com/graph/query-parameters#escaping-single-quotes). */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export class GraphDirectory implements Directory {
  constructor(private readonly http: GraphHttp) {}

  async me(): Promise<DirectoryPerson> {
    return toPerson(await this.http.get<GraphUser>(`/me?$select=${SELECT}`));
  }

  async findPeople(text: string, limit = 25): Promise<DirectoryPerson[]> {
    const q = text.trim();
    if (!q) return [];
    const filter = `startswith(displayName,${literal(q)}) or startswith(mail,${literal(q)})`;
    const top = Math.max(1, Math.min(999, limit));
    const users = await this.http.all<GraphUser>(
      `/users?$filter=${encodeURIComponent(filter)}&$select=${SELECT}&$top=${top}`,
      limit,
    );
    return users.map(toPerson);
  }

  async membersOf(groupId: string): Promise<DirectoryPerson[]> {
    const members = await this.http.all<GraphUser>(
      `/groups/${encodeURIComponent(groupId)}/members?$select=${SELECT}&$top=100`,
    );
    return members
      .filter((m) => (m["@odata.type"] ?? "#microsoft.graph.user") === "#microsoft.graph.user")
      .map(toPerson);
  }

  /**
   * People by e-mail (UPN) in one `$batch` round trip per 20; unknown addresses give
   * `undefined` in their place. Throttled parts are retried by the batch runner.
   */
  async lookup(emails: string[]): Promise<(DirectoryPerson | undefined)[]> {
    const outcomes = await this.http.batch(
      emails.map((e) => ({
        method: "GET" as const,
        url: `/users/${encodeURIComponent(e)}?$select=${SELECT}`,
      })),
    );
    return outcomes.map((o) => {
      if (o.status === 404) return undefined;
      GraphHttp.check(o);
      return toPerson(o.body as GraphUser);
    });
  }
}
