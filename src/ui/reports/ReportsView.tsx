import { ComingSoonView } from "../components/ComingSoon.js";

/** Rapporter: the Direktørforum status report and the year-one evaluation. Filled by a later issue; until then it says what will come. */
export default function ReportsView() {
  return <ComingSoonView view="reports" />;
}
