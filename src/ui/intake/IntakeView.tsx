import { ComingSoon } from "../components/ComingSoon.js";

/** Nyt forslag (issue 4 §1): placeholder until the intake form lands. */
export default function IntakeView(_props: { draft: number | null }) {
  return <ComingSoon title="Nyt forslag" description="Formularen til nye forslag." />;
}
