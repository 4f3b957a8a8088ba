import "server-only";
import type Stripe from "stripe";
import { db, type Prisma } from "@/lib/db";
import { withWallet, type WalletSession } from "@/lib/ledger/post";

// What a webhook handler may do: commit its effect ONCE, in one transaction that also records
// the event id (so a replay finds it and changes nothing, and a failure rolls both back), and
// queue work for after the commit (e-mail delivery, telling auto-recharge the outcome).

/** Thrown inside the transaction when a concurrent delivery of the same event got there first. */
export class DuplicateEvent extends Error {
  constructor(eventId: string) {
    super(`Stripe event ${eventId} was already handled`);
    this.name = "DuplicateEvent";
  }
}

export type AfterCommitTask = {
  run: () => Promise<unknown>;
  /**
   * A required task that fails makes the webhook answer 500 and forgets the event id, so Stripe
   * delivers it again and the (idempotent) handler runs again. Optional ones are only logged.
   */
  required: boolean;
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

  afterCommit(name: string, run: () => Promise<unknown>, options: { required?: boolean } = {}): void {
    this.tasks.push({ name, run, required: options.required ?? false });
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
