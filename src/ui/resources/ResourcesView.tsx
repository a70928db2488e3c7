import { ComingSoonView } from "../components/ComingSoon.js";

/** Ressourcer: people with specialist knowledge, capacity and allocations. Filled by a later issue; until then it says what will come. */
export default function ResourcesView() {
  return <ComingSoonView view="resources" />;
}
