/**
 * Every rule the site's checks can report, in words, in the UI language: the prioritization
 * rules as the round and criteria pages say them (`rounds.rules.*`, led by what the item is),
 * the portfolio's as the initiative page says them (`irregularities.*`), the minutes' as the
 * minutes page says them (`minutes.irregular.*`). `RULE_FAMILY` names each code's family; its
 * type makes the compiler hold it complete, so a new rule without words does not build.
 */
import type { TFunction } from "i18next";

import type { Irregularity } from "../../domain/irregularities.js";
import type { MinutesIrregularityCode } from "../../domain/minutes.js";
import type { PortfolioRule } from "../../domain/portfolio-trust.js";
import type { Language } from "../../host/locale.js";
import type { PrioritizationRule } from "../../use-cases/prioritization-irregularities.js";
import { formatDate } from "../i18n/format.js";
import { irregularityText } from "../portfolio/irregularity-text.js";
import { displayParams } from "../prioritization/irregularities.js";

/** Every code the site's audit can report. */
export type AuditRule = PrioritizationRule | PortfolioRule | MinutesIrregularityCode;

/** Where a rule's words are. */
export type RuleFamily = "prioritization" | "portfolio" | "minutes";

/** Each rule's family: every code the checks can produce, none missing (the type says so). */
export const RULE_FAMILY: Readonly<Record<AuditRule, RuleFamily>> = {
  "ballot.malformed": "prioritization",
  "ballot.notCandidate": "prioritization",
  "ballot.duplicateCandidate": "prioritization",
  "ballot.unknownCriterion": "prioritization",
  "ballot.scoreOutOfRange": "prioritization",
  "ballot.rankMissing": "prioritization",
  "ballot.ranksNotConsecutive": "prioritization",
  "ballot.pointsInvalid": "prioritization",
  "ballot.pointsOverLimit": "prioritization",
  "ballot.noPrice": "prioritization",
  "ballot.overBudget": "prioritization",
  "ballot.objectionWithoutReason": "prioritization",
  "ballot.noRound": "prioritization",
  "ballot.noAuthor": "prioritization",
  "ballot.authorNotVoter": "prioritization",
  "ballot.voterMismatch": "prioritization",
  "ballot.keyMismatch": "prioritization",
  "ballot.createdBeforeOpen": "prioritization",
  "ballot.createdAfterClose": "prioritization",
  "ballot.extra": "prioritization",
  "ballot.editedByOther": "prioritization",
  "ballot.changedAfterClose": "prioritization",
  "ballot.deletedAfterClose": "prioritization",
  "ballot.notCountedAtClose": "prioritization",
  "ballot.roundNotCountable": "prioritization",
  "comparison.noAuthor": "prioritization",
  "comparison.authorNotVoter": "prioritization",
  "comparison.keyMismatch": "prioritization",
  "comparison.malformed": "prioritization",
  "comparison.sameCriterion": "prioritization",
  "comparison.extra": "prioritization",
  "comparison.editedByOther": "prioritization",
  "comparison.valueOutOfRange": "prioritization",
  "round.resultMissing": "prioritization",
  "round.resultInvalid": "prioritization",
  "initiative.phaseNotRecorded": "portfolio",
  "initiative.priorityNotRecorded": "portfolio",
  "initiative.mandatoryNotRecorded": "portfolio",
  "phaseChange.invalid": "portfolio",
  "phaseChange.edited": "portfolio",
  "phaseChange.notFromValidPhase": "portfolio",
  "phaseChange.notAllowed": "portfolio",
  "phaseChange.notPermitted": "portfolio",
  "phaseChange.reasonMissing": "portfolio",
  "phaseChange.decisionMissing": "portfolio",
  "phaseChange.gateNotPermitted": "portfolio",
  "phaseChange.noInitiative": "portfolio",
  "budgetLine.invalid": "portfolio",
  "budgetLine.noInitiative": "portfolio",
  "budgetLine.notPermitted": "portfolio",
  "statusReport.invalid": "portfolio",
  "statusReport.noInitiative": "portfolio",
  "statusReport.notPermitted": "portfolio",
  "benefitMeasurement.invalid": "portfolio",
  "benefitMeasurement.noBenefit": "portfolio",
  "benefitMeasurement.notPermitted": "portfolio",
  "benefitMeasurement.inFuture": "portfolio",
  "benefitMeasurement.beforeBaseline": "portfolio",
  "minutes.irregular.approvalByNonChair": "minutes",
  "minutes.irregular.approvalEditedByNonChair": "minutes",
  "minutes.irregular.approvalInvalid": "minutes",
  "minutes.irregular.approvedWithoutApproval": "minutes",
  "minutes.irregular.approvedButChanged": "minutes",
};

/** The translation key of a rule's words (for a prioritization rule, the part after the item). */
export function ruleKey(rule: AuditRule): string {
  switch (RULE_FAMILY[rule]) {
    case "prioritization":
      return `rounds.rules.${rule}`;
    case "portfolio":
      return `irregularities.${rule}`;
    case "minutes":
      return rule;
  }
}

function isAuditRule(rule: string): rule is AuditRule {
  return Object.hasOwn(RULE_FAMILY, rule);
}

/**
 * What is wrong with the item, as one sentence in the UI language, its parameters formatted
 * (times in the committee's time zone, yes/no, an empty value as a dash). A code without words
 * (from a newer version of the checks) reads as the code.
 */
export function ruleText(t: TFunction, language: Language, finding: Irregularity): string {
  const { rule } = finding;
  if (!isAuditRule(rule)) return rule;
  switch (RULE_FAMILY[rule]) {
    case "prioritization":
      return t(`irregularities.page.sentence.${finding.list}`, {
        what: t(ruleKey(rule), displayParams(finding, language, {})),
      });
    case "portfolio":
      return irregularityText(t, language, finding);
    case "minutes": {
      const approvedAt = finding.params?.approvedAt;
      return t(ruleKey(rule), {
        ...finding.params,
        approvedAt:
          typeof approvedAt === "string" ? formatDate(approvedAt, language, "dateTime") : "",
        by: finding.by?.name || t("minutes.irregular.unknownPerson"),
      });
    }
  }
}
