import { Injectable } from '@nestjs/common';
import { AuditService, type AuditValues } from '#audit';
import {
  DomainException,
  TransactionalConnection,
  type FieldProblem,
  type RequestContext,
} from '#core';
import { normalizeEmail } from '#identity';
import { VendorContact, type ContactLanguage } from './vendor-contact.entity.js';
import { cleanText, emailProblem, optionalText, requiredTextProblem } from './vendor-input.js';
import { VendorService } from './vendor.service.js';

export interface ContactFields {
  readonly name?: string;
  readonly email?: string;
  readonly role?: string | null;
  readonly language?: ContactLanguage;
  /** Makes this the vendor's primary contact (the previous one stops being it). */
  readonly primary?: boolean;
}

const auditView = (contact: VendorContact): AuditValues => ({
  vendorId: contact.vendorId,
  name: contact.name,
  email: contact.email,
  role: contact.role,
  language: contact.language,
  primary: contact.isPrimary,
});

function validate(input: ContactFields): void {
  const problems: FieldProblem[] = [
    ...requiredTextProblem('input.name', input.name),
    ...(input.email !== undefined ? emailProblem('input.email', input.email) : []),
  ];
  if (problems.length) throw DomainException.badUserInput('Invalid contact', problems);
}

/** The people at a vendor. A vendor has at most one primary contact; its first one is it. */
@Injectable()
export class VendorContactService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly vendors: VendorService,
    private readonly audit: AuditService,
  ) {}

  async add(
    ctx: RequestContext,
    vendorId: string,
    input: ContactFields & { name: string; email: string },
  ): Promise<VendorContact> {
    validate(input);
    return this.connection.transaction(ctx, async (tx) => {
      const vendor = await this.vendors.lockForChange(tx, vendorId);
      const contacts = await this.connection.repository(tx, VendorContact);
      const email = normalizeEmail(input.email);
      await this.checkEmailFree(tx, vendorId, email, null);
      const hasPrimary = await contacts.existsBy({ vendorId, isPrimary: true });
      const primary = input.primary === true || !hasPrimary;
      if (primary && hasPrimary)
        await contacts.update({ vendorId, isPrimary: true }, { isPrimary: false });
      const contact = contacts.create({
        organizationId: vendor.organizationId,
        vendorId,
        name: cleanText(input.name),
        email,
        role: optionalText(input.role),
        language: input.language ?? 'en',
        isPrimary: primary,
      });
      await contacts.insert(contact);
      await this.audit.record(tx, {
        action: 'vendor_contact.added',
        entityType: 'vendor_contact',
        entityId: contact.id,
        after: auditView(contact),
      });
      return contact;
    });
  }

  async update(ctx: RequestContext, id: string, input: ContactFields): Promise<VendorContact> {
    validate(input);
    return this.connection.transaction(ctx, async (tx) => {
      const contacts = await this.connection.repository(tx, VendorContact);
      const contact = await this.find(tx, id);
      await this.vendors.lockForChange(tx, contact.vendorId);
      const before = auditView(contact);
      if (input.name !== undefined) contact.name = cleanText(input.name);
      if (input.email !== undefined) {
        contact.email = normalizeEmail(input.email);
        await this.checkEmailFree(tx, contact.vendorId, contact.email, contact.id);
      }
      if (input.role !== undefined) contact.role = optionalText(input.role);
      if (input.language !== undefined) contact.language = input.language;
      if (input.primary === true && !contact.isPrimary) {
        await contacts.update(
          { vendorId: contact.vendorId, isPrimary: true },
          { isPrimary: false },
        );
        contact.isPrimary = true;
      } else if (input.primary === false && contact.isPrimary) {
        throw DomainException.conflict(
          'A vendor keeps a primary contact: make another one primary',
          {
            fields: [{ path: 'input.primary', message: 'make another contact primary instead' }],
          },
        );
      }
      const saved = await contacts.save(contact);
      await this.audit.record(tx, {
        action: 'vendor_contact.updated',
        entityType: 'vendor_contact',
        entityId: contact.id,
        before,
        after: auditView(saved),
      });
      return saved;
    });
  }

  /** Removes a contact; when it was the primary one, the longest-standing other becomes it. */
  async remove(ctx: RequestContext, id: string): Promise<VendorContact> {
    return this.connection.transaction(ctx, async (tx) => {
      const contacts = await this.connection.repository(tx, VendorContact);
      const contact = await this.find(tx, id);
      await this.vendors.lockForChange(tx, contact.vendorId);
      await contacts.delete({ id });
      if (contact.isPrimary) {
        const successor = await contacts.findOne({
          where: { vendorId: contact.vendorId },
          order: { createdAt: 'ASC', id: 'ASC' },
        });
        if (successor) await contacts.update({ id: successor.id }, { isPrimary: true });
      }
      await this.audit.record(tx, {
        action: 'vendor_contact.removed',
        entityType: 'vendor_contact',
        entityId: contact.id,
        before: auditView(contact),
      });
      return contact;
    });
  }

  async findByIds(ctx: RequestContext, ids: readonly string[]): Promise<VendorContact[]> {
    if (ids.length === 0) return [];
    return (await this.connection.repository(ctx, VendorContact))
      .createQueryBuilder('contact')
      .where('contact.id IN (:...ids)', { ids })
      .getMany();
  }

  /** The contacts of these vendors: each vendor's primary first, then by name. */
  async contactsOf(ctx: RequestContext, vendorIds: readonly string[]): Promise<VendorContact[]> {
    if (vendorIds.length === 0) return [];
    return (await this.connection.repository(ctx, VendorContact))
      .createQueryBuilder('contact')
      .where('contact.vendor_id IN (:...vendorIds)', { vendorIds })
      .orderBy('contact.vendor_id')
      .addOrderBy('contact.is_primary', 'DESC')
      .addOrderBy('contact.name')
      .getMany();
  }

  private async find(ctx: RequestContext, id: string): Promise<VendorContact> {
    const [contact] = await this.findByIds(ctx, [id]);
    if (!contact) throw DomainException.notFound('Vendor contact');
    return contact;
  }

  private async checkEmailFree(
    ctx: RequestContext,
    vendorId: string,
    email: string,
    exceptId: string | null,
  ): Promise<void> {
    const existing = await (
      await this.connection.repository(ctx, VendorContact)
    ).findOneBy({ vendorId, email });
    if (existing && existing.id !== exceptId) {
      throw DomainException.conflict('The vendor has a contact with this email already', {
        fields: [{ path: 'input.email', message: 'already a contact of this vendor' }],
      });
    }
  }
}
