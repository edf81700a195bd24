/** What a member may do in an organization (DESIGN.md, "Who uses it"). */
export enum Role {
  Admin = 'ADMIN',
  Procurement = 'PROCUREMENT',
  RiskOwner = 'RISK_OWNER',
  Viewer = 'VIEWER',
}

/** What an API key may do: read everything a viewer may, or also change what it is allowed to. */
export enum ApiKeyScope {
  Read = 'read',
  Write = 'write',
}

/**
 * Who is acting. A user, an API key and a vendor contact always act inside one organization
 * (RequestContext.organizationId); the system acts on its own behalf.
 */
export type Actor =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'system'; readonly name: string }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: Role;
      readonly sessionId: string;
    }
  | { readonly kind: 'apiKey'; readonly apiKeyId: string; readonly scopes: readonly ApiKeyScope[] }
  | {
      readonly kind: 'vendorContact';
      readonly contactId: string;
      readonly vendorId: string;
      readonly assessmentIds: readonly string[];
    };

/** The id an audit event records for an actor. */
export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'apiKey':
      return actor.apiKeyId;
    case 'vendorContact':
      return actor.contactId;
    case 'system':
      return actor.name;
    case 'anonymous':
      return null;
  }
}
