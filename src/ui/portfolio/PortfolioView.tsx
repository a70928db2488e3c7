import { ComingSoonView } from "../components/ComingSoon.js";

/** Portefølje: every initiative with phase, source, area, budget and status. Filled by a later issue; until then it says what will come. */
export default function PortfolioView() {
  return <ComingSoonView view="portfolio" />;
}
