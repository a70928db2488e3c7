/**
 * What a board move says: a dialog asking for the reason and/or the committee's decision when
 * the move needs them, a dialog listing exactly what is missing at a gate (with a link to the
 * initiative), the refusal of a move that is not allowed, a conflict (someone else changed it;
 * the board reloads), any other failure, and a polite announcement of a finished move.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  Textarea,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { Ref } from "../../domain/common.js";
import type { DecisionId } from "../../domain/ids.js";
import type { Decision } from "../../domain/meetings.js";
import { ProblemText } from "../components/ProblemMessage.js";
import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import { formatDate } from "../i18n/format.js";
import { useDecisionChoices } from "../queries/portfolio.js";
import { hrefForInitiative } from "../shell/routes.js";
import type { MoveState } from "./useMove.js";

type Ask = Extract<MoveState, { kind: "ask" }>;

function AskDialog({
  state,
  onConfirm,
  onClose,
}: {
  state: Ask;
  onConfirm: (reason: string, decision: Ref<DecisionId> | null) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === "en" ? "en" : "da";
  const [reason, setReason] = useState("");
  const [decision, setDecision] = useState<Decision | null>(null);
  const decisions = useDecisionChoices(state.needsDecision);
  // This initiative's decisions first, then the newest.
  const options = [...(decisions.data ?? [])].sort(
    (a, b) =>
      Number(b.initiative?.id === state.card.id) - Number(a.initiative?.id === state.card.id) ||
      b.decidedAt.localeCompare(a.decidedAt),
  );
  const label = (d: Decision) => `${d.title} (${formatDate(d.decidedAt, language, "short")})`;
  const ready =
    (!state.needsReason || reason.trim() !== "") && (!state.needsDecision || decision !== null);
  const phase = t(`portfolio.phases.${state.to}`);
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) {
              onConfirm(reason, decision ? { id: decision.id, title: decision.title } : null);
            }
          }}
        >
          <DialogBody>
            <DialogTitle>
              {t("portfolio.move.askTitle", { title: state.card.title, phase })}
            </DialogTitle>
            <DialogContent>
              {state.needsReason ? (
                <Field
                  label={t("portfolio.move.reason")}
                  hint={t("portfolio.move.reasonHint")}
                  required
                >
                  <Textarea
                    value={reason}
                    onChange={(_, d) => setReason(d.value)}
                    resize="vertical"
                  />
                </Field>
              ) : null}
              {state.needsDecision ? (
                decisions.isError ? (
                  <StoreErrorMessage
                    error={decisions.error}
                    title={t("portfolio.move.decisionsErrorTitle")}
                    onRetry={() => void decisions.refetch()}
                  />
                ) : decisions.data && options.length === 0 ? (
                  <Text as="p">{t("portfolio.move.noDecisions")}</Text>
                ) : (
                  <Field label={t("portfolio.move.decision")} required>
                    <Dropdown
                      placeholder={t("portfolio.move.decisionPlaceholder")}
                      value={decision ? label(decision) : ""}
                      selectedOptions={decision ? [String(decision.id)] : []}
                      onOptionSelect={(_, d) =>
                        setDecision(options.find((o) => String(o.id) === d.optionValue) ?? null)
                      }
                    >
                      {options.map((d) => (
                        <Option key={d.id} value={String(d.id)} text={label(d)}>
                          {label(d)}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                )
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!ready}>
                {t("portfolio.move.confirm")}
              </Button>
              <Button onClick={onClose}>{t("portfolio.move.cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

export interface MoveDialogsProps {
  state: MoveState;
  onConfirm: (reason: string, decision: Ref<DecisionId> | null) => void;
  onClose: () => void;
}

export function MoveDialogs({ state, onConfirm, onClose }: MoveDialogsProps) {
  const { t } = useTranslation();
  const phaseOf = (p: string) => t(`portfolio.phases.${p}`);
  return (
    <>
      <div role="status" aria-live="polite">
        {state.kind === "working" ? (
          <Text>
            {t("portfolio.board.moving", { title: state.card.title, phase: phaseOf(state.to) })}
          </Text>
        ) : state.kind === "moved" ? (
          <Text>
            {t("portfolio.board.moved", { title: state.card.title, phase: phaseOf(state.to) })}
          </Text>
        ) : null}
      </div>
      {state.kind === "ask" ? (
        <AskDialog
          key={`${state.card.id}-${state.to}`}
          state={state}
          onConfirm={onConfirm}
          onClose={onClose}
        />
      ) : null}
      {state.kind === "gate" || state.kind === "refused" ? (
        <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>
                {state.kind === "gate"
                  ? t("portfolio.move.gateTitle", {
                      title: state.card.title,
                      phase: phaseOf(state.to),
                    })
                  : t("portfolio.move.refusedTitle")}
              </DialogTitle>
              <DialogContent>
                {state.kind === "gate" ? (
                  <>
                    <Text as="p">{t("portfolio.move.gateIntro")}</Text>
                    <ul>
                      {state.missing.map((m, i) => (
                        <li key={`${m.field}-${i}`}>
                          <ProblemText problem={m} />
                        </li>
                      ))}
                    </ul>
                    <Link href={hrefForInitiative(state.card.id)}>
                      {t("portfolio.move.openInitiative")}
                    </Link>
                  </>
                ) : (
                  <Text as="p">{state.message}</Text>
                )}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={onClose}>
                  {t("portfolio.move.close")}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
      {state.kind === "conflict" ? (
        <MessageBar intent="warning" role="alert" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t("portfolio.move.conflictTitle")}</MessageBarTitle>
            {t("portfolio.move.conflictBody", { title: state.card.title })}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.kind === "error" ? (
        <StoreErrorMessage error={state.error} title={t("portfolio.move.errorTitle")} />
      ) : null}
    </>
  );
}
