import { ComingSoon } from "../components/ComingSoon.js";

/** Import (issue 4 §6): placeholder until the import page lands. */
export default function ImportView() {
  return <ComingSoon title="Import" description="Import af tiltag fra CSV og Excel." />;
}
