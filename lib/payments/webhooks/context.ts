import "server-only";
import type Stripe from "stripe";
import { db, type Prisma } from "@/lib/db";
import { withWallet, type WalletSession } from "@/lib/ledger/post";

// What a webhook handler may do: commit its effect ONCE, in one transaction that also records
// the event id (so a replay finds it and changes nothing, and a failure rolls both back), and
// queue work for after the commit that may be lost without harm (e-mail delivery: the e-mail's
// row committed, and the mail job or the outbox has it). Anything the event must bring about
// belongs in the transaction: a server killed after the commit never runs what comes after it,
// and Stripe's retry then finds the event recorded (issue 13).

/** Thrown inside the transaction when a concurrent delivery of the same event got there first. */
export class DuplicateEvent extends Error {
  constructor(eventId: string) {
    super(`Stripe event ${eventId} was already handled`);
    this.name = "DuplicateEvent";
  }
}

/** Best effort: a failure is logged, and nothing else depends on it. */
export type AfterCommitTask = {
  run: () => Promise<unknown>;
  name: string;
};

export class WebhookContext {
  committed = false;
  readonly tasks: AfterCommitTask[] = [];

  constructor(readonly event: Stripe.Event) {}

  /** Runs `work` and records the event, in one transaction. */
  async commit<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
    this.beginCommit();
    return db.$transaction(async (tx) => {
      await this.record(tx);
      return work(tx);
    });
  }

  /** Like `commit`, under the workspace's wallet lock, for handlers that post ledger entries. */
  async commitWithWallet<T>(workspaceId: string, work: (session: WalletSession) => Promise<T>): Promise<T> {
    this.beginCommit();
    return withWallet(workspaceId, async (session) => {
      await this.record(session.tx);
      return work(session);
    });
  }

  afterCommit(name: string, run: () => Promise<unknown>): void {
    this.tasks.push({ name, run });
  }

  private beginCommit() {
    if (this.committed) throw new Error(`Handler for ${this.event.type} committed twice`);
    this.committed = true;
  }

  private async record(tx: Prisma.TransactionClient) {
    // The unique id makes a concurrent second delivery wait for the first and then find it.
    const { count } = await tx.stripeEvent.createMany({
      data: [{ id: this.event.id, type: this.event.type }],
      skipDuplicates: true,
    });
    if (count === 0) throw new DuplicateEvent(this.event.id);
  }
}

export type WebhookHandler = (event: Stripe.Event, ctx: WebhookContext) => Promise<void>;
