import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * A card that lists rows: its title, a description and an optional link or button beside them,
 * then the table edge to edge under a rule — or, when there are no rows, the `empty` state in its
 * place — and an optional footer (pagination).
 */
export function TableCard({
  title,
  description,
  action,
  empty,
  footer,
  testId,
  className,
  children,
}: {
  title: string;
  description: string;
  action?: ReactNode;
  /** Shown instead of the table; null when there are rows. */
  empty: ReactNode | null;
  footer?: ReactNode;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const heading = (
    <>
      <CardTitle>{title}</CardTitle>
      <CardDescription>{description}</CardDescription>
    </>
  );
  return (
    <Card className={className} data-testid={testId}>
      {action ? (
        <CardHeader className="flex-row flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1.5">{heading}</div>
          {action}
        </CardHeader>
      ) : (
        <CardHeader>{heading}</CardHeader>
      )}
      {empty ? <CardContent>{empty}</CardContent> : <div className="border-t border-border">{children}</div>}
      {footer}
    </Card>
  );
}
