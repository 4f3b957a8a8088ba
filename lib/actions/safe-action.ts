import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import type { z } from "zod";
import { recordAudit, type AuditContext } from "@/lib/audit/record";
import { staffAudit } from "@/lib/auth/impersonation";
import type { Permission } from "@/lib/auth/roles";
import {
  currentImpersonation,
  currentRequest,
  requireStaff,
  requireUser,
  requireWorkspace,
  type CurrentUser,
  type WorkspaceContext,
} from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, formatMessageValues, InvalidFields, isAppError } from "@/lib/errors";

export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/**
 * The one wrapper for server actions: validates the input with zod, checks the session (and,
 * for workspace actions, membership and role) again on the server, and turns expected errors
 * into translated values. Anything unexpected is logged and shown as a generic failure.
 * Expected errors come from the domain as AppError; this only translates them.
 */
async function run<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  authorize: () => Promise<void>,
  handler: (data: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const t = await getTranslations("errors");
  try {
    await authorize();
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".") || "_form";
        fieldErrors[field] ??= t.has(issue.message) ? t(issue.message) : t("invalid_field");
      }
      return { ok: false, error: { code: "invalid_field", message: t("fix_fields"), fieldErrors } };
    }
    return { ok: true, data: await handler(parsed.data) };
  } catch (error) {
    if (isAppError(error)) {
      const locale = await getLocale();
      const translate = ({ code, message, translation }: AppError) => {
        const key = translation.key ?? code;
        return t.has(key) ? t(key, formatMessageValues(translation.values, locale)) : message;
      };
      if (error instanceof InvalidFields) {
        const fieldErrors: Record<string, string> = {};
        for (const problem of error.problems) fieldErrors[problem.field ?? "_form"] ??= translate(problem);
        return { ok: false, error: { code: error.code, message: t("fix_fields"), fieldErrors } };
      }
      const message = translate(error);
      return {
        ok: false,
        error: { code: error.code, message, ...(error.field ? { fieldErrors: { [error.field]: message } } : {}) },
      };
    }
    console.error(error);
    return { ok: false, error: { code: "internal", message: t("internal") } };
  }
}

/** An action anyone may call (sign-up). */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>) => Promise<T>) {
  return (input: z.input<S>) => run(schema, input, async () => {}, handler);
}

/** An action of a signed-in user, outside any workspace (language preference). */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser) => Promise<T>,
) {
  return (input: z.input<S>) => {
    let user: CurrentUser;
    return run(schema, input, async () => void (user = await requireUser()), (data) => handler(data, user));
  };
}

/**
 * An action inside a workspace, allowed only to roles holding `permission` (lib/auth/roles.ts;
 * a staff member viewing the workspace counts as its owner, minus the permissions refused while
 * viewing). The handler gets `context.audit` for the one call to recordAudit it makes in the
 * transaction of its change. A refused attempt while viewing is itself audited
 * (`impersonation.refused`), so the owner sees what support tried.
 */
export function workspaceAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  handler: (input: z.output<S>, context: WorkspaceContext) => Promise<T>,
) {
  return (workspaceSlug: string, input: z.input<S>) => {
    let context: WorkspaceContext;
    return run(
      schema,
      input,
      async () => {
        if (typeof workspaceSlug !== "string") throw new AppError("not_found");
        try {
          context = await requireWorkspace(workspaceSlug, permission);
        } catch (error) {
          if (isAppError(error) && (error.code === "viewing_refuses_money" || error.code === "viewing_refuses_access")) await auditRefusal(permission);
          throw error;
        }
      },
      (data) => handler(data, context),
    );
  };
}

async function auditRefusal(permission: Permission) {
  const [user, impersonation, request] = await Promise.all([requireUser(), currentImpersonation(), currentRequest()]);
  if (!impersonation) return;
  // Nothing else changes, so the row is written on its own.
  await recordAudit(db, staffAudit(user, request, impersonation.workspace.id, impersonation.id), {
    action: "impersonation.refused",
    target: permission,
  });
}

export type StaffContext = {
  user: Awaited<ReturnType<typeof requireStaff>>;
  /** The staff member as actor, no workspace yet: name it with inWorkspace (lib/audit/record.ts). */
  audit: AuditContext;
};

/** A support console action: SUPPORT and ADMIN staff only; anyone else gets not_found. */
export function staffAction<S extends z.ZodType, T>(schema: S, handler: (input: z.output<S>, context: StaffContext) => Promise<T>) {
  return (input: z.input<S>) => {
    let context: StaffContext;
    return run(
      schema,
      input,
      async () => {
        const user = await requireStaff();
        context = { user, audit: staffAudit(user, await currentRequest()) };
      },
      (data) => handler(data, context),
    );
  };
}
