import { CircleCheck } from "lucide-react";

/** "Saved." beside a form's submit button; the live region is always there so it is announced. */
export function SaveStatus({ message }: { message: string | null }) {
  return (
    <p role="status" className="flex items-center gap-1.5 text-sm font-medium text-success">
      {message ? (
        <>
          <CircleCheck aria-hidden className="size-4" />
          {message}
        </>
      ) : null}
    </p>
  );
}
