/**
 * The directory the local Microsoft 365 serves: the demo tenant's people, the portfolio site's
 * SharePoint groups and the Microsoft 365 groups / Teams that Graph answers for. The data is the
 * shared demo tenant (`src/demo-tenant/directory.json`), which the tab server reads too.
 */
import { DEMO_USERS, type DemoUser } from "../demo-tenant/index.js";

export {
  DEMO_GROUPS,
  DEMO_USERS,
  type DemoGroup,
  type DemoUser,
  SITE_GROUPS,
  SITE_PATH,
  SITE_TITLE,
  type SiteGroupName,
  TENANT_DOMAIN,
  TENANT_ID,
} from "../demo-tenant/index.js";

export function findUserByUpn(upn: string): DemoUser | undefined {
  const wanted = upn.toLowerCase();
  return DEMO_USERS.find((u) => u.upn.toLowerCase() === wanted);
}
