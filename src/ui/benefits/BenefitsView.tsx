import { ComingSoonView } from "../components/ComingSoon.js";

/** Gevinster: benefits, baselines, targets and measurements. Filled by a later issue; until then it says what will come. */
export default function BenefitsView() {
  return <ComingSoonView view="benefits" />;
}
