/**
 * The tab's one toaster (Fluent UI `Toaster`, mounted by the shell, with its own live region):
 * a view can confirm something that outlives it, e.g. "Forslaget er sendt ind" shown on the
 * page the user is taken to. `useToastController(APP_TOASTER_ID).dispatchToast(...)`.
 */
export const APP_TOASTER_ID = "digistyr";
