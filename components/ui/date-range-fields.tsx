import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";

/**
 * The "from" and "to" days of a filter form sent by GET (`from`, `to`: yyyy-mm-dd, as a date input
 * sends them), with the values the page was opened with.
 */
export function DateRangeFields({ idPrefix, labels, from, to }: { idPrefix: string; labels: { from: string; to: string }; from?: string; to?: string }) {
  return (
    <>
      <FormField id={`${idPrefix}-from`} label={labels.from}>
        {(props) => <Input {...props} name="from" type="date" defaultValue={from} />}
      </FormField>
      <FormField id={`${idPrefix}-to`} label={labels.to}>
        {(props) => <Input {...props} name="to" type="date" defaultValue={to} />}
      </FormField>
    </>
  );
}
