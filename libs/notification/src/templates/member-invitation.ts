import { formatDate, layout, type Locale, type RenderedEmail } from './template.js';

export interface MemberInvitationParams {
  readonly organizationName: string;
  readonly role: string;
  readonly apiUrl: string;
  readonly expiresAt: string;
  /** Sealed at rest. */
  readonly token: string;
}

const ROLE_NAMES: Record<Locale, Record<string, string>> = {
  en: {
    ADMIN: 'administrator',
    PROCUREMENT: 'procurement',
    RISK_OWNER: 'risk owner',
    VIEWER: 'viewer',
  },
  'zh-CN': { ADMIN: '管理员', PROCUREMENT: '采购', RISK_OWNER: '风险负责人', VIEWER: '查看者' },
};

export function memberInvitation(params: MemberInvitationParams, locale: Locale): RenderedEmail {
  const role = ROLE_NAMES[locale][params.role] ?? params.role;
  const expires = formatDate(new Date(params.expiresAt), locale);
  if (locale === 'zh-CN') {
    return layout(`邀请您加入 Assay 上的「${params.organizationName}」`, [
      `您受邀以${role}身份加入「${params.organizationName}」的 Assay 供应商隐私风险评估工作区。`,
      `邀请令牌（仅可使用一次，有效期至 ${expires}）：\n${params.token}`,
      `请在 ${params.apiUrl} 调用 acceptMemberInvitation 并提供此令牌；若您尚无账户，请同时设置密码。`,
      '如果您并不认识该组织，请忽略本邮件。',
    ]);
  }
  return layout(`You are invited to ${params.organizationName} on Assay`, [
    `You have been invited to join ${params.organizationName} on Assay, the vendor privacy risk workspace, as ${role}.`,
    `Your invitation token (it works once, until ${expires}):\n${params.token}`,
    `Accept it with acceptMemberInvitation at ${params.apiUrl}, setting a password if you have no account yet.`,
    'If you do not know this organization, ignore this email.',
  ]);
}
