import { ComingSoon } from "../../components/ComingSoon.js";

/** Scenarier og optimering (issue 5): placeholder until the page lands. */
export default function ScenariosView(_props: { id: number | null }) {
  return (
    <ComingSoon
      title="Scenarier og optimering"
      description="Scenarier og optimering kommer med prioriteringen."
    />
  );
}
