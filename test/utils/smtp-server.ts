import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the server answers to a command: accept (null), or an SMTP error code and text. */
export type RcptAnswer = { readonly code: number; readonly text: string } | null;

export interface SmtpMessage {
  /** Envelope recipients. */
  readonly to: readonly string[];
  /** The user the client authenticated as, if it did. */
  readonly user: string | null;
  readonly raw: Buffer;
}

export interface TestSmtpServer {
  /** `smtp://user:password@127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Messages accepted, in order of arrival. */
  readonly messages: SmtpMessage[];
  /**
   * Messages that arrived in full but were never acknowledged, because the client went away
   * while `beforeAccept` held the answer: a real server keeps none of them.
   */
  readonly dropped: SmtpMessage[];
  /** Every RCPT TO the server was asked, in order, accepted or not. */
  readonly rcptAttempts: string[];
  /** RCPT TO attempts for one address. */
  attemptsFor(address: string): number;
  /** Accepted messages to one address, parsed as a mail client would. */
  parsedFor(address: string): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  readonly user?: string;
  readonly password?: string;
  /**
   * Decides the answer to each RCPT TO; `attempt` counts this address's attempts from 1.
   * Accepts everything when omitted.
   */
  readonly rcpt?: (address: string, attempt: number) => RcptAnswer;
  /** Decides the answer to a login; accepts every login when omitted. */
  readonly auth?: (user: string, password: string) => RcptAnswer;
  /**
   * Runs when a message has arrived in full, before the server answers its DATA; the answer
   * waits for it (e.g. returning `clientGone` holds the send in flight until the client
   * disconnects). Answers at once when omitted.
   */
  readonly beforeAccept?: (message: SmtpMessage, clientGone: Promise<void>) => Promise<void> | void;
}

const smtpError = (answer: NonNullable<RcptAnswer>) =>
  Object.assign(new Error(answer.text), { responseCode: answer.code });

/**
 * An SMTP server on a random loopback port that keeps what it receives: plain SMTP (no
 * STARTTLS), authentication optional but recorded.
 */
export async function startSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const messages: SmtpMessage[] = [];
  const dropped: SmtpMessage[] = [];
  /** Resolves when the session's connection closes. */
  const gone = new Map<string, { promise: Promise<void>; resolve: () => void }>();
  const goneOf = (sessionId: string) => {
    let entry = gone.get(sessionId);
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      entry = { promise, resolve };
      gone.set(sessionId, entry);
    }
    return entry;
  };
  const closed = new Set<string>();
  const rcptAttempts: string[] = [];
  const attemptsFor = (address: string) =>
    rcptAttempts.filter((candidate) => candidate === address.toLowerCase()).length;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      const answer = options.auth?.(auth.username ?? '', auth.password ?? '') ?? null;
      if (answer) callback(smtpError(answer));
      else callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      rcptAttempts.push(recipient);
      const answer = options.rcpt?.(recipient, attemptsFor(recipient)) ?? null;
      callback(answer ? smtpError(answer) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const message: SmtpMessage = {
          to: session.envelope.rcptTo.map((address) => address.address.toLowerCase()),
          user: typeof session.user === 'string' ? session.user : null,
          raw: Buffer.concat(chunks),
        };
        const clientGone = goneOf(session.id).promise;
        void Promise.resolve(options.beforeAccept?.(message, clientGone)).then(() => {
          // The client left before hearing the answer: the message was never accepted.
          if (closed.has(session.id)) dropped.push(message);
          else messages.push(message);
          callback();
        });
      });
    },
    onClose(session) {
      closed.add(session.id);
      goneOf(session.id).resolve();
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const user = encodeURIComponent(options.user ?? 'assay');
  const password = encodeURIComponent(options.password ?? 'smtp password');
  return {
    url: `smtp://${user}:${password}@127.0.0.1:${port}`,
    port,
    messages,
    dropped,
    rcptAttempts,
    attemptsFor,
    parsedFor: (address) =>
      Promise.all(
        messages
          .filter((message) => message.to.includes(address.toLowerCase()))
          .map((message) => simpleParser(message.raw)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
