/** One message as a transport sends it. */
export interface OutgoingMail {
  /** The stored message's id: a transport may use it to name what it writes. */
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** Where outgoing mail goes (a folder of files, an SMTP server); chosen by configuration. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
