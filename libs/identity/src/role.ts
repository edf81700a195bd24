/** What a member may do in an organization (DESIGN.md, "Who uses it"). */
export enum Role {
  Admin = 'ADMIN',
  Procurement = 'PROCUREMENT',
  RiskOwner = 'RISK_OWNER',
  Viewer = 'VIEWER',
}
