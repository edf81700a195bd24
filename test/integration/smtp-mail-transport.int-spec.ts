import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  MailDeliveryError,
  SMTP_TIMEOUTS,
  SmtpMailTransport,
  renderEmail,
  type OutgoingEmail,
} from '#notification';
import { startSmtpServer, type TestSmtpServer } from '../utils/smtp-server.js';

/** Special characters, percent-encoded in the URL: the transport must decode them. */
const PASSWORD = 'p@ss:w/rd secret';
const FROM = 'Assay <no-reply@assay.example>';

const email = (to: string): OutgoingEmail => ({
  ...renderEmail(
    'password-reset',
    {
      apiUrl: 'https://assay.example/graphql',
      expiresAt: '2099-01-01T00:00:00Z',
      token: 'a'.repeat(43),
    },
    'zh-CN',
  ),
  to,
  messageId: '0190f5d4-9b1e-7c3a-8f00-123456789abc',
  locale: 'zh-CN',
});

async function failureOf(promise: Promise<unknown>): Promise<MailDeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MailDeliveryError);
    return error as MailDeliveryError;
  }
  throw new Error('expected the send to fail');
}

/** SmtpMailTransport against a real SMTP server on loopback. */
describe('SmtpMailTransport', () => {
  let smtp: TestSmtpServer;
  let transport: SmtpMailTransport;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    smtp = await startSmtpServer({
      user: 'mailer',
      password: PASSWORD,
      rcpt: (address, attempt) => {
        if (address.startsWith('gone@')) return { code: 550, text: '5.1.1 No such user' };
        if (address.startsWith('busy@') && attempt === 1)
          return { code: 451, text: '4.7.1 Greylisted, try again' };
        return null;
      },
      auth: (user, password) =>
        user === 'mailer' && password === PASSWORD
          ? null
          : // A server that echoes what it was given must not leak it through the error.
            { code: 535, text: `5.7.8 Bad credentials for ${user}/${password}` },
    });
    transport = new SmtpMailTransport(FROM, smtp.url);
  });

  afterAll(async () => {
    transport?.onModuleDestroy();
    await smtp?.close();
  });

  it('logs in with the URL’s (decoded) credentials and sends both parts, in the email’s language', async () => {
    await transport.send(email('dpo@vendor.example'));
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.user).toBe('mailer');
    const [parsed] = await smtp.parsedFor('dpo@vendor.example');
    expect(parsed!.subject).toBe('重置您的 Assay 密码');
    expect(parsed!.from?.value[0]).toMatchObject({
      name: 'Assay',
      address: 'no-reply@assay.example',
    });
    expect(parsed!.messageId).toBe('<0190f5d4-9b1e-7c3a-8f00-123456789abc@assay>');
    expect(parsed!.headers.get('content-language')).toBe('zh-CN');
    expect(parsed!.text).toContain('a'.repeat(43));
    expect(parsed!.html).toContain('a'.repeat(43));
    expect(transport.server).toBe(`127.0.0.1:${smtp.port}`);
  });

  it('calls a 5xx refusal permanent, with the server’s answer and host but no credentials', async () => {
    const failure = await failureOf(transport.send(email('gone@vendor.example')));
    expect(failure.permanent).toBe(true);
    expect(failure.message).toContain('550');
    expect(failure.message).toContain('No such user');
    expect(failure.message).toContain(`127.0.0.1:${smtp.port}`);
    expect(failure.message).not.toContain(PASSWORD);
    expect(failure.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('calls a 4xx answer temporary; the next attempt goes through', async () => {
    const failure = await failureOf(transport.send(email('busy@vendor.example')));
    expect(failure.permanent).toBe(false);
    expect(failure.message).toContain('451');
    await transport.send(email('busy@vendor.example'));
    expect(await smtp.parsedFor('busy@vendor.example')).toHaveLength(1);
  });

  it('keeps retrying a refused login (the operator can fix it) and never repeats the password', async () => {
    const wrong = new SmtpMailTransport(
      FROM,
      smtp.url.replace(encodeURIComponent(PASSWORD), 'not%20the%20password'),
    );
    try {
      const failure = await failureOf(wrong.send(email('dpo@vendor.example')));
      expect(failure.permanent).toBe(false);
      expect(failure.message).toContain('535');
      expect(failure.message).not.toContain('not the password');
      expect(failure.message).toContain('[redacted]');
    } finally {
      wrong.onModuleDestroy();
    }
  });

  it('fails an unreachable server as temporary, naming only its host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new SmtpMailTransport(
      FROM,
      `smtp://u:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`,
    );
    try {
      const failure = await failureOf(unreachable.send(email('dpo@vendor.example')));
      expect(failure.permanent).toBe(false);
      expect(failure.message).toContain(`127.0.0.1:${port}`);
      expect(failure.message).not.toContain('p@ss');
      expect(failure.message).not.toContain(encodeURIComponent(PASSWORD));
    } finally {
      unreachable.onModuleDestroy();
    }
  });

  describe('a server that accepts connections but never greets', () => {
    let silent: Server;
    const sockets = new Set<Socket>();

    beforeAll(async () => {
      silent = createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('gives up after the greeting timeout instead of holding the job', async () => {
      const port = (silent.address() as AddressInfo).port;
      const stuck = new SmtpMailTransport(FROM, `smtp://127.0.0.1:${port}`);
      const started = Date.now();
      try {
        const failure = await failureOf(stuck.send(email('dpo@vendor.example')));
        expect(failure.permanent).toBe(false);
      } finally {
        stuck.onModuleDestroy();
      }
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(SMTP_TIMEOUTS.greetingTimeout - 500);
      expect(elapsed).toBeLessThan(SMTP_TIMEOUTS.greetingTimeout + 5_000);
    }, 30_000);
  });
});
