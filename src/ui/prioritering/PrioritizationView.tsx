import { ComingSoonView } from "../components/ComingSoon.js";

/** Prioritering: criteria weights (AHP), priority rounds and the portfolio optimizer. Filled by a later issue; until then it says what will come. */
export default function PrioritizationView() {
  return <ComingSoonView view="prioritization" />;
}
