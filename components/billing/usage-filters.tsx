import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CHANNELS, DIRECTIONS, OUTCOMES } from "@/lib/rating/channels";
import { SOURCE_TYPES } from "@/lib/usage/list";

type Values = { channel?: string; direction?: string; outcome?: string; source?: string; from?: string; to?: string };

/** A plain GET form: filters live in the URL, so a filtered view can be shared and works without JavaScript. */
export async function UsageFilters({ values, resetHref, view }: { values: Values; resetHref: string; /** The view the filters apply to, kept on submit. */ view?: string }) {
  const t = await getTranslations("usage.filters");
  const table = await getTranslations("usageTable");
  const channelNames = await getTranslations("channelNames");
  const select = (name: keyof Values, label: string, options: readonly string[], optionLabel: (value: string) => string) => (
    <div className="grid gap-2">
      <Label htmlFor={`filter-${name}`}>{label}</Label>
      <Select id={`filter-${name}`} name={name} defaultValue={values[name] ?? ""}>
        <option value="">{t("all")}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {optionLabel(option)}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <Card>
      <CardContent className="pt-6">
        <form method="get" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-6" aria-label={t("label")}>
          {view ? <input type="hidden" name="view" value={view} /> : null}
          {select("channel", t("channel"), CHANNELS, (value) => channelNames(value))}
          {select("direction", t("direction"), DIRECTIONS, (value) => table(`directions.${value}`))}
          {select("outcome", t("outcome"), OUTCOMES, (value) => table(`outcomes.${value}`))}
          {select("source", t("source"), SOURCE_TYPES, (value) => table(`sources.${value}`))}
          <DateRangeFields idPrefix="filter" labels={{ from: t("from"), to: t("to") }} from={values.from} to={values.to} />
          <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
            <Button type="submit">{t("apply")}</Button>
            <Button asChild variant="ghost">
              <a href={resetHref}>{t("reset")}</a>
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
