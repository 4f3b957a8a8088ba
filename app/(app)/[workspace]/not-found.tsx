import { FileQuestion } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/app/empty-state";

export default async function WorkspaceNotFound() {
  const t = await getTranslations("notFound");
  return (
    <div className="mt-6">
      <h1 className="sr-only">{t("title")}</h1>
      <EmptyState icon={FileQuestion} title={t("title")} description={t("pageBody")} />
    </div>
  );
}
