/**
 * The lifecycle on the initiative page (issue 4 §4): the current phase; the phases this user
 * may move it to, each with what is still missing before it (the gates, from the page's own
 * budget lines, benefits, allocations and history); a reason and, where the committee's
 * decision is needed, the decision; the change itself through `changePhase`. And the
 * governance: the committee's role and the standalone group's set-up and dissolution dates.
 */
import {
  Badge,
  Button,
  Dropdown,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  OptionGroup,
  Radio,
  RadioGroup,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import { type FormEvent, useId, useState } from "react";

import { type Ref } from "../../domain/common.js";
import { GOVERNANCE_FIELDS } from "../../domain/conflicts.js";
import type { DecisionId } from "../../domain/ids.js";
import {
  allowedTargets,
  DECISION_PHASES,
  mayMakeTransition,
  missingForPhase,
  ownsInitiative,
  parkedFromPhase,
  type TransitionFacts,
  transitionKind,
  type TransitionRefusal,
} from "../../domain/lifecycle.js";
import type { Initiative } from "../../domain/portfolio.js";
import { hasRole, type Me } from "../../domain/roles.js";
import { type Governance, GOVERNANCES, type Phase } from "../../domain/vocabulary.js";
import type { InitiativePage } from "../../use-cases/initiative.js";
import type { changePhase } from "../../use-cases/phase-change.js";
import { ProblemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { useVocabulary } from "../components/vocabulary.js";
import { useChangePhase, useRecentDecisions, useRefreshInitiative } from "../queries/initiative.js";
import { ConflictDialog } from "./ConflictDialog.js";
import { BenefitGateLink } from "./InitiativeBenefits.js";
import { DateField, ProblemList, problemProps } from "./inputs.js";
import { Section, useSectionStyles } from "./Sections.js";
import { useInitiativeFormat, useInitiativeSave } from "./useInitiative.js";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  target: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  missing: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 16rem), 1fr))",
    gap: tokens.spacingHorizontalL,
  },
});

/** The gates' facts are the page's own lists (what `loadTransitionFacts` reads, read once). */
export function factsOf(page: InitiativePage): TransitionFacts {
  return {
    budgetLines: page.budgetLines,
    benefits: page.benefits,
    allocations: page.allocations,
    history: page.phaseChanges,
  };
}

function needsDecision(from: Phase, to: Phase, parkedFrom: Phase | null): boolean {
  const kind = transitionKind(from, to, parkedFrom);
  return DECISION_PHASES.includes(to) && kind !== "resume" && kind !== "back";
}

export function LifecyclePanel({ page, me }: { page: InitiativePage; me: Me }) {
  const vocab = useVocabulary();
  const { t } = useInitiativeFormat();
  const { initiative } = page;
  const mayGovern = hasRole(me, "secretary") || hasRole(me, "chair");
  const { stored, valid } = page.gates;
  return (
    <Section title={t("initiative.sections.lifecycle")}>
      <div className={useStyles().row}>
        <Text>{t("initiative.lifecycle.current")}</Text>
        <Badge appearance="filled" shape="rounded" size="large">
          {vocab.phase(initiative.phase)}
        </Badge>
      </div>
      {mayGovern && stored.phase !== valid.phase ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("initiative.lifecycle.irregularPhase.title")}</MessageBarTitle>
            {t("initiative.lifecycle.irregularPhase.body", {
              stored: vocab.phase(stored.phase),
              valid: vocab.phase(valid.phase),
              by: initiative.modifiedBy?.name ?? t("initiative.unknownPerson"),
            })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <PhaseChange page={page} me={me} />
      <GovernanceEditor initiative={initiative} editable={mayGovern} />
    </Section>
  );
}

function PhaseChange({ page, me }: { page: InitiativePage; me: Me }) {
  const vocab = useVocabulary();
  const { t } = useInitiativeFormat();
  const styles = useStyles();
  const section = useSectionStyles();
  const refreshPage = useRefreshInitiative(page.initiative.id);
  const headingId = useId();
  const { initiative } = page;
  const facts = factsOf(page);
  const parkedFrom = initiative.phase === "Parkeret" ? parkedFromPhase(facts.history) : null;
  const targets = allowedTargets(initiative.phase, parkedFrom).filter((to) =>
    mayMakeTransition(initiative.phase, to, me, ownsInitiative(initiative, me)),
  );
  const [to, setTo] = useState<Phase | null>(null);
  const [reason, setReason] = useState("");
  const [decision, setDecision] = useState<Ref<DecisionId> | null>(null);
  const [refusal, setRefusal] = useState<TransitionRefusal | null>(null);
  const [done, setDone] = useState<string>("");
  const decisionNeeded = to !== null && needsDecision(initiative.phase, to, parkedFrom);
  const decisions = useRecentDecisions(decisionNeeded);
  const changing = useChangePhase(initiative.id);
  const onChanged = (result: Awaited<ReturnType<typeof changePhase>>, target: Phase) => {
    if (!result.ok) {
      setRefusal(result.error);
      return;
    }
    setRefusal(null);
    setTo(null);
    setReason("");
    setDecision(null);
    setDone(t("initiative.lifecycle.changed", { phase: vocab.phase(target) }));
  };
  const mutation = {
    ...changing,
    mutate: (target: Phase) =>
      changing.mutate(
        { initiative, to: target, reason, decision, facts },
        { onSuccess: (result) => onChanged(result, target) },
      ),
  };

  if (targets.length === 0) {
    return <Text as="p">{t("initiative.lifecycle.noTargets")}</Text>;
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    if (to) mutation.mutate(to);
  };
  const own = page.decisions;
  const others = (decisions.data ?? []).filter((d) => !own.some((o) => o.id === d.id));
  return (
    <form className={styles.form} onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId} className={section.heading}>
        <Text weight="semibold">{t("initiative.lifecycle.change")}</Text>
      </h3>
      <Field label={t("initiative.lifecycle.target")}>
        <RadioGroup
          value={to ?? ""}
          onChange={(_e, d) => {
            setTo(d.value as Phase);
            setRefusal(null);
          }}
        >
          {targets.map((target) => {
            const missing = missingForPhase(initiative, facts, target);
            const listId = `missing-${target.replace(/\W+/g, "-")}`;
            return (
              <div key={target} className={styles.target}>
                <Radio value={target} label={vocab.phase(target)} aria-describedby={listId} />
                <div id={listId}>
                  {missing.length === 0 ? (
                    <Text size={200}>{t("initiative.lifecycle.ready")}</Text>
                  ) : (
                    <>
                      <Text size={200}>
                        {t("initiative.lifecycle.missing", { count: missing.length })}
                      </Text>
                      <ul
                        className={styles.missing}
                        aria-label={t("initiative.lifecycle.missingFor", {
                          phase: vocab.phase(target),
                        })}
                      >
                        {missing.map((m, i) => (
                          <li key={`${m.field}:${m.code}:${i}`}>
                            <Text size={200}>
                              <ProblemText problem={m} />
                            </Text>
                            <BenefitGateLink problem={m} initiative={initiative.id} />
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              </div>
            );
          })}
        </RadioGroup>
      </Field>
      <Field label={t("initiative.lifecycle.reason")} hint={t("initiative.lifecycle.reasonHint")}>
        <Textarea value={reason} resize="vertical" onChange={(_e, d) => setReason(d.value)} />
      </Field>
      {decisionNeeded ? (
        <Field label={t("initiative.lifecycle.decision")} required>
          <Dropdown
            placeholder={t("initiative.lifecycle.chooseDecision")}
            value={decision?.title ?? ""}
            selectedOptions={decision ? [String(decision.id)] : []}
            onOptionSelect={(_e, d) => {
              const all = [...own, ...others];
              const picked = all.find((x) => String(x.id) === d.optionValue);
              setDecision(picked ? { id: picked.id, title: picked.title } : null);
            }}
          >
            {own.length > 0 ? (
              <OptionGroup label={t("initiative.lifecycle.ownDecisions")}>
                {own.map((d) => (
                  <Option key={d.id} value={String(d.id)}>
                    {d.title}
                  </Option>
                ))}
              </OptionGroup>
            ) : null}
            {others.length > 0 ? (
              <OptionGroup label={t("initiative.lifecycle.otherDecisions")}>
                {others.map((d) => (
                  <Option key={d.id} value={String(d.id)}>
                    {d.title}
                  </Option>
                ))}
              </OptionGroup>
            ) : null}
          </Dropdown>
        </Field>
      ) : null}
      {refusal ? (
        refusal.kind === "gate" ? (
          <ProblemList title={refusal.message} problems={refusal.missing} />
        ) : (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{refusal.message}</MessageBarBody>
          </MessageBar>
        )
      ) : null}
      {mutation.isError ? (
        <StoreErrorMessage
          title={t("initiative.lifecycle.failed")}
          error={mutation.error}
          onRetry={() => void refreshPage()}
        />
      ) : null}
      <div className={styles.row}>
        <Button type="submit" appearance="primary" disabled={!to || mutation.isPending}>
          {to
            ? t("initiative.lifecycle.submitTo", { phase: vocab.phase(to) })
            : t("initiative.lifecycle.submit")}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {done ? <Text>{done}</Text> : null}
      </div>
    </form>
  );
}

const HAS_GROUP: readonly Governance[] = [
  "Styregruppe indtil selvstændig styregruppe",
  "Selvstændig styregruppe",
];

function GovernanceEditor(props: { initiative: Initiative; editable: boolean }) {
  const vocab = useVocabulary();
  const { t, date } = useInitiativeFormat();
  const styles = useStyles();
  const section = useSectionStyles();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [base, setBase] = useState(props.initiative);
  const [mine, setMine] = useState(props.initiative);
  const saver = useInitiativeSave(props.initiative.id, GOVERNANCE_FIELDS);
  const problems = saver.state.kind === "invalid" ? saver.state.problems : [];
  const i = props.initiative;
  const none = t("initiative.none");

  const start = () => {
    setBase(props.initiative);
    setMine(props.initiative);
    saver.reset();
    setEditing(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await saver.save(base, mine)) setEditing(false);
  };
  const hasGroup = mine.governance !== null && HAS_GROUP.includes(mine.governance);

  return (
    <div className={styles.form}>
      <h3 id={headingId} className={section.heading}>
        <Text weight="semibold">{t("initiative.governance.title")}</Text>
      </h3>
      {!editing ? (
        <>
          <Text as="p">
            {i.governance ?? t("initiative.governance.notChosen")}
            {i.standaloneGroupFrom
              ? ` · ${t("initiative.governance.setUp", { date: date(i.standaloneGroupFrom) })}`
              : ""}
            {i.standaloneGroupTo
              ? ` · ${t("initiative.governance.dissolved", { date: date(i.standaloneGroupTo) })}`
              : ""}
          </Text>
          {saver.state.kind === "saved" ? (
            <div role="status">
              <Text>{t("initiative.governance.saved")}</Text>
            </div>
          ) : null}
          {props.editable ? (
            <div>
              <Button onClick={start}>{t("initiative.governance.edit")}</Button>
            </div>
          ) : null}
        </>
      ) : (
        <form
          className={styles.form}
          onSubmit={(e) => void submit(e)}
          aria-labelledby={headingId}
          noValidate
        >
          <div className={styles.grid}>
            <Field
              label={t("initiative.fields.governance")}
              {...problemProps(problems, "governance")}
            >
              <Dropdown
                value={mine.governance ? vocab.governance(mine.governance) : none}
                selectedOptions={[mine.governance ?? ""]}
                onOptionSelect={(_e, d) =>
                  setMine((m) => ({
                    ...m,
                    governance: d.optionValue ? (d.optionValue as Governance) : null,
                  }))
                }
              >
                <Option value="">{none}</Option>
                {GOVERNANCES.map((g) => (
                  <Option key={g} value={g} text={vocab.governance(g)}>
                    {vocab.governance(g)}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            {hasGroup || mine.standaloneGroupFrom || mine.standaloneGroupTo ? (
              <>
                <DateField
                  label={t("initiative.fields.standaloneGroupFrom")}
                  field="standaloneGroupFrom"
                  value={mine.standaloneGroupFrom}
                  onChange={(v) => setMine((m) => ({ ...m, standaloneGroupFrom: v }))}
                  problems={problems}
                />
                <DateField
                  label={t("initiative.fields.standaloneGroupTo")}
                  field="standaloneGroupTo"
                  value={mine.standaloneGroupTo}
                  onChange={(v) => setMine((m) => ({ ...m, standaloneGroupTo: v }))}
                  problems={problems}
                />
              </>
            ) : null}
          </div>
          {saver.state.kind === "invalid" ? (
            <ProblemList title={t("initiative.form.invalid")} problems={problems} />
          ) : null}
          {saver.state.kind === "failed" ? (
            <StoreErrorMessage title={t("initiative.form.failed")} error={saver.state.error} />
          ) : null}
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={saver.pending}>
              {t("initiative.governance.save")}
            </Button>
            <Button onClick={() => setEditing(false)} disabled={saver.pending}>
              {t("initiative.form.cancel")}
            </Button>
          </div>
        </form>
      )}
      {saver.state.kind === "conflict" ? (
        <ConflictDialog
          conflict={saver.state.conflict}
          busy={saver.pending}
          onKeepMine={() => {
            void saver.keepMine().then((saved) => {
              if (saved) setEditing(false);
            });
          }}
          onUseStored={() => {
            void saver.useStored();
            setEditing(false);
          }}
          onCancel={saver.keepEditing}
        />
      ) : null}
    </div>
  );
}
