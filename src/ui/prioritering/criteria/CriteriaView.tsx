import { ComingSoon } from "../../components/ComingSoon.js";

/** Kriterier og vægte (issue 5): placeholder until the page lands. */
export default function CriteriaView(_props: { id: number | null }) {
  return (
    <ComingSoon
      title="Kriterier og vægte"
      description="Kriterier og vægte kommer med prioriteringen."
    />
  );
}
