/**
 * The UI kit: the pieces every view builds on (Fluent UI v9 underneath, texts in the UI
 * language): DataTable, QueryBoundary, Stack, form fields, ConfirmDialog and the error message.
 */
export { ConfirmDialog, type ConfirmDialogProps } from "./ConfirmDialog.js";
export {
  type DataColumn,
  nextSort,
  sortRows,
  type SortState,
  type SortValue,
  visibleColumns,
} from "./data-table-model.js";
export { DataTable, type DataTableProps } from "./DataTable.js";
export {
  CharacterCount,
  characterCount,
  FormField,
  type FormFieldProps,
  HintWithCount,
  TextField,
  type TextFieldProps,
} from "./fields.js";
export {
  type HeatCell,
  HeatGrid,
  type HeatGridProps,
  type HeatLevel,
  type HeatRow,
} from "./HeatGrid.js";
export {
  ProblemMessage,
  type ProblemMessageProps,
  problemText,
  useProblemText,
} from "./ProblemMessage.js";
export { QueryBoundary, type QueryBoundaryProps, type QueryState } from "./QueryBoundary.js";
export { Stack, type StackGap, type StackProps } from "./Stack.js";
export { StoreErrorMessage, type StoreErrorMessageProps } from "./StoreErrorMessage.js";
export { useVocabulary, type Vocabulary } from "./vocabulary.js";
