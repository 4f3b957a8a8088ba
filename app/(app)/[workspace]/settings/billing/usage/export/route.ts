import { requireWorkspace } from "@/lib/auth/session";
import { csvNumber, csvRow } from "@/lib/csv";
import { isAppError } from "@/lib/errors";
import { formatAmount } from "@/lib/money";
import { filterFromSearch, listUsage, usageSearchSchema } from "@/lib/usage/list";

// The Usage screen's CSV: the same filter as the page, every matching event, streamed in pages
// so a large month never sits in memory at once.
const PAGE = 1000;
const COLUMNS = ["occurred_at", "event_id", "channel", "direction", "quantity", "duration_seconds", "outcome", "source_type", "source_id", "charge", "trial_charge", "currency"];

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
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\r\n`));
      let cursor: string | undefined;
      do {
        const page = await listUsage(workspace.id, { ...filter, limit: PAGE, cursor });
        const lines = page.data.map((event) =>
          csvRow([
            event.occurredAt.toISOString(),
            event.externalId,
            event.channel,
            event.direction,
            csvNumber(event.quantity),
            event.durationSeconds === null ? null : csvNumber(event.durationSeconds),
            event.outcome,
            event.sourceType,
            event.sourceId,
            csvNumber(formatAmount(event.charge)),
            csvNumber(formatAmount(event.trialCharge)),
            workspace.currency,
          ]),
        );
        if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\r\n")}\r\n`));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      controller.close();
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="saldo-usage-${workspace.slug}-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
