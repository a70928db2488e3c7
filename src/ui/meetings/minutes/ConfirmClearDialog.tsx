/**
 * Asked before an edit of approved minutes is saved: saving clears the chair's approval (the
 * meeting goes back to Afholdt) and the minutes need a new approval.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export function ConfirmClearDialog(props: {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={props.open}
      modalType="alert"
      onOpenChange={(_e, data) => {
        if (!data.open) props.onCancel();
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{t("minutes.clear.title")}</DialogTitle>
          <DialogContent>{t("minutes.clear.body")}</DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={props.onConfirm}>
              {t("minutes.clear.confirm")}
            </Button>
            <Button onClick={props.onCancel}>{t("minutes.clear.cancel")}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/**
 * `run(save)` saves at once, or, when saving clears the approval, first asks (the dialog is
 * `dialog`, to be rendered by the caller).
 */
export function useConfirmClear(clears: boolean) {
  const [pending, setPending] = useState<(() => void) | null>(null);
  const run = (save: () => void) => {
    if (clears) setPending(() => save);
    else save();
  };
  const dialog = (
    <ConfirmClearDialog
      open={pending !== null}
      onConfirm={() => {
        const save = pending;
        setPending(null);
        save?.();
      }}
      onCancel={() => setPending(null)}
    />
  );
  return { run, dialog };
}
