import { ComingSoonView } from "../components/ComingSoon.js";

/** Finansiering: funding proposals and budget frames. Filled by a later issue; until then it says what will come. */
export default function FundingView() {
  return <ComingSoonView view="funding" />;
}
