import { ComingSoonView } from "../components/ComingSoon.js";

/** Strategi: goals, action plans, needs analyses, barriers and the learning log; until built it says what will come. */
export default function StrategyView() {
  return <ComingSoonView view="strategy" />;
}
