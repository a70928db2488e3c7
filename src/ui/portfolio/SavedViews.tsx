/**
 * The user's saved views: choose one to apply, save the current view under a new name, save
 * changes over the chosen one, delete it. Outcomes are announced politely; failures shown.
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
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { StoreErrorMessage } from "../components/StoreErrorMessage.js";
import type { useViewState } from "./useViewState.js";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    alignItems: "end",
  },
  field: { minWidth: "14rem" },
});

type Views = ReturnType<typeof useViewState>;

export function SavedViews({ views }: { views: Views }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState(false);
  const items = views.views.data ?? [];
  const active = items.find((v) => v.id === views.activeViewId) ?? null;
  const notice = views.notice;
  const writeError = views.saveAs.error ?? views.overwrite.error ?? views.remove.error;
  const busy = views.saveAs.isPending || views.overwrite.isPending || views.remove.isPending;

  return (
    <div role="group" aria-label={t("portfolio.views.label")}>
      <div className={styles.root}>
        <Field label={t("portfolio.views.current")} className={styles.field}>
          <Dropdown
            placeholder={t("portfolio.views.none")}
            value={active?.title ?? ""}
            selectedOptions={active ? [String(active.id)] : []}
            onOptionSelect={(_, d) => {
              const item = items.find((v) => String(v.id) === d.optionValue);
              if (item) views.apply(item);
            }}
            disabled={views.views.isPending}
          >
            {items.map((v) => (
              <Option key={v.id} value={String(v.id)}>
                {v.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Button
          onClick={() => {
            setName("");
            setNaming(true);
          }}
          disabled={busy}
        >
          {t("portfolio.views.saveAs")}
        </Button>
        <Button disabled={!active || busy} onClick={() => active && views.overwrite.mutate(active)}>
          {t("portfolio.views.overwrite")}
        </Button>
        <Button disabled={!active || busy} onClick={() => setDeleting(true)}>
          {t("portfolio.views.delete")}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {notice ? (
          <Text>
            {t(`portfolio.views.${notice.kind}`, {
              name: notice.name,
              parts: notice.kind === "partly" ? notice.parts.join(", ") : "",
            })}
          </Text>
        ) : null}
      </div>
      {views.views.isError ? (
        <StoreErrorMessage
          error={views.views.error}
          title={t("portfolio.views.loadErrorTitle")}
          onRetry={() => void views.views.refetch()}
        />
      ) : null}
      {writeError ? (
        <StoreErrorMessage error={writeError} title={t("portfolio.views.errorTitle")} />
      ) : null}
      <Dialog open={naming} onOpenChange={(_, d) => setNaming(d.open)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() === "") return;
              views.saveAs.mutate(name.trim());
              setNaming(false);
            }}
          >
            <DialogBody>
              <DialogTitle>{t("portfolio.views.saveAsTitle")}</DialogTitle>
              <DialogContent>
                <Field label={t("portfolio.views.name")} required>
                  <Input value={name} maxLength={255} onChange={(_, d) => setName(d.value)} />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" type="submit" disabled={name.trim() === ""}>
                  {t("portfolio.views.save")}
                </Button>
                <Button onClick={() => setNaming(false)}>{t("portfolio.views.cancel")}</Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
      <Dialog open={deleting} onOpenChange={(_, d) => setDeleting(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>
              {t("portfolio.views.deleteTitle", { name: active?.title ?? "" })}
            </DialogTitle>
            <DialogContent>{t("portfolio.views.deleteBody")}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  if (active) views.remove.mutate(active);
                  setDeleting(false);
                }}
              >
                {t("portfolio.views.delete")}
              </Button>
              <Button onClick={() => setDeleting(false)}>{t("portfolio.views.cancel")}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </div>
  );
}
