/**
 * The ports the UI works through, handed down by the composition root (`src/main.tsx`). Hooks
 * read them with `useServices()`; components never see an adapter.
 */
import { createContext, type ReactNode, useContext } from "react";

import type { Clock } from "../domain/clock.js";
import type { MeetingCalendar } from "../ports/calendar.js";
import type { ChannelPoster } from "../ports/channel.js";
import type { CurrentUser, SitePeople } from "../ports/current-user.js";
import type { Directory } from "../ports/directory.js";
import type { DocumentFiles, SpreadsheetFiles } from "../ports/files.js";
import type { Mailer } from "../ports/mail.js";
import type { Repositories } from "../ports/repositories.js";
import type { RetryNotices } from "../ports/retry-notices.js";
import type { PortfolioSolver } from "../ports/solver.js";
import type { TabLinks } from "../ports/tab-links.js";
import type { TeamsCatalog } from "../ports/teams.js";
import type { SystemCheck } from "../use-cases/doctor.js";

export interface AppServices {
  currentUser: CurrentUser;
  people: SitePeople;
  repositories: Repositories;
  calendar: MeetingCalendar;
  channel: ChannelPoster;
  mailer: Mailer;
  directory: Directory;
  clock: Clock;
  /** CSV/Excel in and out (import, export of a table view); the library loads on first use. */
  files: SpreadsheetFiles;
  /** Word documents (financing proposals); absent where nothing exports them. */
  documents?: DocumentFiles;
  /**
   * The portfolio optimizer (scenarios page); HiGHS loads on the first solve. Optional only so
   * tests of other pages need not fake it: the app always has one.
   */
  solver?: PortfolioSolver;
  /** Links to places in the tab for posts and mails (Teams deep links inside Teams). */
  links?: TabLinks;
  /** The adapters' waits before retrying (throttling), shown in the shell; absent in some tests. */
  retries?: RetryNotices;
  /**
   * The doctor's checks with the tab's own tokens (the Systemtjek page, for site owners);
   * composed in `src/main.tsx`. Absent in tests of other pages.
   */
  systemCheck?: SystemCheck;
  /** The signed-in user's teams and channels (Indstillinger); absent in tests of other pages. */
  teams?: TeamsCatalog;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider(props: { services: AppServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={props.services}>{props.children}</ServicesContext.Provider>
  );
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices() outside <ServicesProvider>");
  return services;
}
