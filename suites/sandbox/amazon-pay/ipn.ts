import { DEFAULT_EPOCH_MS } from "../../clock/clock.js";
import { signedNotification, SNS_REGION, type SnsSignatureVersion } from "./sns.js";

/**
 * Instant Payment Notifications as Amazon Pay sends them (reference B9): a
 * v2 message naming an object whose state the receiver must GET, delivered
 * as plain JSON or inside an AWS SNS envelope whose Message is that JSON as a
 * string. NotificationVersion comes from the sandbox config ("v2" per seed 002).
 */
export interface IpnMessage {
  readonly MerchantID: string;
  readonly ObjectType: "CHARGE_PERMISSION" | "CHARGE" | "REFUND" | "CHARGEBACK";
  readonly ObjectId: string;
  readonly ChargePermissionId: string;
  readonly NotificationType: "STATE_CHANGE" | "ATTRIBUTE_CHANGE";
  readonly NotificationId: string;
  readonly NotificationVersion: string;
}

export interface IpnDelivery {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export function ipnMessage(options: Omit<IpnMessage, "MerchantID" | "NotificationType" | "NotificationVersion"> & { notificationVersion: string; notificationType?: IpnMessage["NotificationType"] }): IpnMessage {
  return {
    MerchantID: "AFAKEMERCHANT01",
    ObjectType: options.ObjectType,
    ObjectId: options.ObjectId,
    ChargePermissionId: options.ChargePermissionId,
    NotificationType: options.notificationType ?? "STATE_CHANGE",
    NotificationId: options.NotificationId,
    NotificationVersion: options.notificationVersion,
  };
}

export function plainDelivery(message: IpnMessage): IpnDelivery {
  return { body: JSON.stringify(message), headers: { "content-type": "text/plain" } };
}

/**
 * The SNS envelope form: `Message` is the IPN as a JSON string, signed as SNS
 * signs it (SignatureVersion 1 or 2) with the sandbox's test key, whose
 * certificate the sandbox serves at SigningCertURL (sns.ts). Verifying is the
 * integration's choice: seed 002 says it need not.
 */
export function snsDelivery(message: IpnMessage, messageId: string, options: { readonly signatureVersion?: SnsSignatureVersion; readonly timestamp?: number } = {}): IpnDelivery {
  const envelope = signedNotification({
    messageId,
    topicArn: `arn:aws:sns:${SNS_REGION}:000000000000:A01234567890`,
    message: JSON.stringify(message),
    timestamp: new Date(options.timestamp ?? DEFAULT_EPOCH_MS).toISOString(),
    signatureVersion: options.signatureVersion ?? "1",
  });
  return { body: JSON.stringify(envelope), headers: { "content-type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification" } };
}

/** How an IPN reaches the integration: plain JSON, or in an SNS envelope signed with SignatureVersion 1 or 2. */
export type IpnWrapping = "plain" | SnsSignatureVersion;

/**
 * The delivery of one IPN as the adapter's `handleIpn` receives it, stamped
 * `at` (the sandbox's time it is delivered). SNS sends a retry with the same
 * MessageId, so the MessageId follows the NotificationId.
 */
export function ipnDelivery(options: { readonly message: IpnMessage; readonly wrapping: IpnWrapping; readonly at: number }): IpnDelivery {
  const { message, wrapping } = options;
  return wrapping === "plain" ? plainDelivery(message) : snsDelivery(message, `sns-${message.NotificationId}`, { signatureVersion: wrapping, timestamp: options.at });
}
