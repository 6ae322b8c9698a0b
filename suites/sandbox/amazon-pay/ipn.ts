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

/** The SNS envelope form: `Message` is the IPN as a JSON string; the signature is not verifiable here and need not be (seed 002). */
export function snsDelivery(message: IpnMessage, messageId: string): IpnDelivery {
  const envelope = {
    Type: "Notification",
    MessageId: messageId,
    TopicArn: "arn:aws:sns:us-east-1:000000000000:A01234567890",
    Message: JSON.stringify(message),
    Timestamp: "2026-01-01T00:00:00.000Z",
    SignatureVersion: "1",
    Signature: "c2FuZGJveA==",
    SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-sandbox.pem",
    UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe",
  };
  return { body: JSON.stringify(envelope), headers: { "content-type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification" } };
}
