/**
 * The UI's import point for the tab's routes. Reading an address is pure and shared with the
 * host (Teams deep links), so it lives in the domain (`domain/routes.ts`).
 */
export {
  DECISION_LOG_PATH,
  FRAME_KIND_PATHS,
  type FrameKind,
  hrefFor,
  hrefForDecisionLog,
  hrefForFundingFrame,
  hrefForInitiative,
  hrefForIrregularities,
  hrefForMeeting,
  hrefForPage,
  hrefForPrioritization,
  hrefForSystemCheck,
  IRREGULARITIES_PATH,
  MEETING_PAGE_PATHS,
  MEETING_PAGES,
  type MeetingPage,
  parseRoute,
  PORTFOLIO_PAGE_PATHS,
  PORTFOLIO_PAGES,
  type PortfolioPage,
  PRIORITIZATION_PAGE_PATHS,
  PRIORITIZATION_PAGES,
  type PrioritizationPage,
  type Route,
  SYSTEM_CHECK_PATH,
  VIEW_KEYS,
  VIEW_PATHS,
  type ViewKey,
} from "../../domain/routes.js";
