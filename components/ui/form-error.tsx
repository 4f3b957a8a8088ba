import type { ComponentProps, ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";

/**
 * What went wrong with the form as a whole (a field's own error sits under the field): a
 * destructive alert, announced at once; nothing while there is no message.
 */
export function FormError({ message, ...props }: { message: ReactNode } & Omit<ComponentProps<typeof Alert>, "children" | "variant" | "role">) {
  if (!message) return null;
  return (
    <Alert variant="destructive" role="alert" {...props}>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
