/** The playground's words now live in the shared UI catalog (site/i18n); these names stay for its modules. */
import { localeOf, ui, type Locale, type UiCatalog } from '../../site/i18n/index.ts';

export type { Locale };
export { localeOf };

export type Strings = UiCatalog['playground'];

export function stringsFor(locale: string | null | undefined): Strings {
  return ui(localeOf(locale)).playground;
}
