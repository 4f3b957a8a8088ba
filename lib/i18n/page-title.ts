import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/**
 * A page's generateMetadata: its title is `<namespace>.title` in the reader's language (the root
 * layout's template adds "· Saldo"). `export const generateMetadata = pageTitle("wallet");`
 */
export function pageTitle(namespace: string): () => Promise<Metadata> {
  return async () => ({ title: (await getTranslations(namespace))("title") });
}
