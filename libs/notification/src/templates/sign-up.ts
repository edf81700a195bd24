import { formatDate, layout, type Locale, type RenderedEmail } from './template.js';

export interface SignUpParams {
  readonly organizationName: string;
  readonly apiUrl: string;
  readonly expiresAt: string;
  /** Sealed at rest. */
  readonly token: string;
}

export function signUp(params: SignUpParams, locale: Locale): RenderedEmail {
  const expires = formatDate(new Date(params.expiresAt), locale);
  if (locale === 'zh-CN') {
    return layout(`确认在 Assay 上创建「${params.organizationName}」`, [
      `有人使用您的邮箱申请在 Assay 上创建组织「${params.organizationName}」，并由您担任管理员。`,
      `确认令牌（仅可使用一次，有效期至 ${expires}）：\n${params.token}`,
      `请在 ${params.apiUrl} 调用 completeSignUp 并提供此令牌；若您尚无账户，请同时设置密码。`,
      '如果不是您本人操作，请忽略本邮件，不会创建任何内容。',
    ]);
  }
  return layout(`Confirm ${params.organizationName} on Assay`, [
    `Someone asked to create the organization ${params.organizationName} on Assay with you as its administrator.`,
    `Your confirmation token (it works once, until ${expires}):\n${params.token}`,
    `Use it with completeSignUp at ${params.apiUrl}, setting a password if you have no account yet.`,
    'If it was not you, ignore this email: nothing is created.',
  ]);
}
