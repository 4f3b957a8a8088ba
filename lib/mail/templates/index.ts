// The product's e-mails, one file each. Pure functions: they build subject, plain text and HTML
// from values, in the workspace's language, with the copy from the message files (messages.ts).
export { cardLabel, mailLocale, mailTranslator, type CardLabel, type MailContent, type MailLocale } from "./messages";
export { escapeHtml } from "./layout";
export { receiptMail, type ReceiptMailInput } from "./receipt";
export { autoRechargeSucceededMail, type AutoRechargeSucceededMailInput } from "./auto-recharge-succeeded";
export { autoRechargeFailedMail, type AutoRechargeFailedMailInput } from "./auto-recharge-failed";
export { autoRechargeDisabledMail, type AutoRechargeDisabledMailInput } from "./auto-recharge-disabled";
export { lowBalanceMail, type LowBalanceMailInput } from "./low-balance";
export { callsPausedMail, type CallsPausedMailInput } from "./calls-paused";
export { weeklySummaryMail, type WeeklySummaryMailInput } from "./weekly-summary";
export { invitationMail, type InvitationMailInput } from "./invitation";
