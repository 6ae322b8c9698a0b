import { ipnMessage, type IpnMessage } from "./ipn.js";

/**
 * An IPN the sandbox made for a state change nobody asked for in a request:
 * a pending charge or refund that settled, an authorization that expired, a
 * buyer who closed a charge permission. `at` is when it was due on the
 * sandbox's clock (the change's lastUpdatedTimestamp), not when it was made:
 * objects are brought up to the clock only when something looks.
 */
export interface PayNotification {
  readonly at: number;
  readonly message: IpnMessage;
  /** What the object became: the state a GET of it shows from `at` on, until it changes again. */
  readonly state: string;
  readonly reasonCode: string | null;
}

// Unique for the life of the process, not per sandbox: an adapter remembers the
// notifications it handled across runs (and sandboxes), as a real endpoint does, and
// must never take a new one for a duplicate. The sequence itself is deterministic.
let processSerial = 0;

/** The notifications a sandbox made, in the order they were due, and which of them were handed out. */
export class PayNotifications {
  readonly #made: { readonly notification: PayNotification; readonly seq: number; taken: boolean }[] = [];

  constructor(private readonly notificationVersion: string) {}

  record(options: { readonly objectType: IpnMessage["ObjectType"]; readonly objectId: string; readonly chargePermissionId: string; readonly at: number; readonly state: string; readonly reasonCode: string | null }): void {
    processSerial += 1;
    const message = ipnMessage({
      ObjectType: options.objectType,
      ObjectId: options.objectId,
      ChargePermissionId: options.chargePermissionId,
      NotificationId: `N01-${String(processSerial).padStart(7, "0")}`,
      notificationVersion: this.notificationVersion,
    });
    this.#made.push({ notification: { at: options.at, message, state: options.state, reasonCode: options.reasonCode }, seq: this.#made.length, taken: false });
  }

  /** Every notification made since the last reset, in the order they were due. */
  get all(): readonly PayNotification[] {
    return this.#sorted().map((made) => made.notification);
  }

  /** The notifications not handed out before, in the order they were due (ties: in the order they were made). */
  take(): readonly PayNotification[] {
    const fresh = this.#sorted().filter((made) => !made.taken);
    for (const made of fresh) made.taken = true;
    return fresh.map((made) => made.notification);
  }

  clear(): void {
    this.#made.length = 0;
  }

  #sorted() {
    return [...this.#made].sort((a, b) => a.notification.at - b.notification.at || a.seq - b.seq);
  }
}
