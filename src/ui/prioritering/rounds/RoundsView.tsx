import { ComingSoon } from "../../components/ComingSoon.js";

/** Prioriteringsrunder (issue 5): placeholder until the page lands. */
export default function RoundsView(_props: { id: number | null }) {
  return (
    <ComingSoon
      title="Prioriteringsrunder"
      description="Prioriteringsrunder kommer med prioriteringen."
    />
  );
}
