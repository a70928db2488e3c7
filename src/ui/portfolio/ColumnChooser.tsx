/** The table's column chooser: a menu of checkable columns, in the catalogue's order. */
import {
  Menu,
  MenuButton,
  MenuItemCheckbox,
  MenuList,
  MenuPopover,
  MenuTrigger,
} from "@fluentui/react-components";
import { ColumnTripleEditRegular } from "@fluentui/react-icons";
import { useTranslation } from "react-i18next";

import type { PortfolioColumnKey } from "../../domain/export-columns.js";
import { COLUMN_KEYS } from "../../domain/portfolio-view.js";

export function ColumnChooser({
  columns,
  onChange,
}: {
  columns: readonly PortfolioColumnKey[];
  onChange: (columns: PortfolioColumnKey[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu
      checkedValues={{ columns: [...columns] }}
      onCheckedValueChange={(_, data) => {
        const chosen = data.checkedItems as PortfolioColumnKey[];
        // Keep the catalogue's order; at least one column stays.
        if (chosen.length > 0) onChange(COLUMN_KEYS.filter((k) => chosen.includes(k)));
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <MenuButton icon={<ColumnTripleEditRegular />}>{t("portfolio.columns.choose")}</MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {COLUMN_KEYS.map((k) => (
            <MenuItemCheckbox key={k} name="columns" value={k}>
              {t(`portfolio.columns.${k}`)}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
