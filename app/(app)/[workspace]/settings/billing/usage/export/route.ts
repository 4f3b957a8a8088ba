import { requireWorkspace } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { usageCsvStream } from "@/lib/usage/export";
import { filterFromSearch, usageSearchSchema } from "@/lib/usage/list";

// The Usage screen's CSV: the same filter as the page, every matching event, streamed from a
// server-side cursor at the client's pace (lib/usage/export.ts).
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  let workspace;
  try {
    ({ workspace } = await requireWorkspace(slug, "viewBilling"));
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  const url = new URL(request.url);
  const search = usageSearchSchema.parse(Object.fromEntries(url.searchParams));
  const filter = filterFromSearch({ ...search, cursor: undefined }, workspace.timeZone);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(usageCsvStream(workspace.id, workspace.currency, filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="saldo-usage-${workspace.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
