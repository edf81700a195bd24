import { formatDate, layout, type Locale, type RenderedEmail } from './template.js';

export interface PasswordResetParams {
  readonly apiUrl: string;
  readonly expiresAt: string;
  /** Sealed at rest. */
  readonly token: string;
}

export function passwordReset(params: PasswordResetParams, locale: Locale): RenderedEmail {
  const expires = formatDate(new Date(params.expiresAt), locale);
  if (locale === 'zh-CN') {
    return layout('重置您的 Assay 密码', [
      '有人请求重置您的 Assay 账户密码。',
      `重置令牌（仅可使用一次，有效期至 ${expires}）：\n${params.token}`,
      `请在 ${params.apiUrl} 调用 resetPassword 并提供此令牌和新密码。重置后，您在所有设备上的登录都将结束。`,
      '如果不是您本人操作，请忽略本邮件，您的密码不会改变。',
    ]);
  }
  return layout('Reset your Assay password', [
    'Someone asked to reset the password of your Assay account.',
    `Your reset token (it works once, until ${expires}):\n${params.token}`,
    `Use it with resetPassword at ${params.apiUrl}, with your new password. Every sign-in of yours then ends.`,
    'If it was not you, ignore this email: your password does not change.',
  ]);
}
