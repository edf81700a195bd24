import type { OnModuleInit } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '#core';
import { VendorContactService, type ContactLanguage } from '#vendor';
import { Allow } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import {
  AddVendorContactInput,
  RemoveVendorContactInput,
  UpdateVendorContactInput,
} from './vendor.input.js';
import { VENDOR_CONTACT_TYPE, toVendorContactModel } from './vendor.mapper.js';
import { VendorContactModel } from './vendor.model.js';
import {
  AddVendorContactPayload,
  RemoveVendorContactPayload,
  UpdateVendorContactPayload,
} from './vendor.payload.js';
import { READ_VENDORS, WRITE_VENDORS, vendorRowId } from './vendor.resolver.js';

const contactRowId = (globalId: string) =>
  fromGlobalId(globalId, { path: 'input.contactId', expectedType: VENDOR_CONTACT_TYPE }).id;

@Resolver(() => VendorContactModel)
export class VendorContactResolver implements OnModuleInit {
  constructor(
    private readonly contacts: VendorContactService,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(VENDOR_CONTACT_TYPE, {
      access: READ_VENDORS,
      fetch: async ({ ctx }, id) => {
        const [contact] = await this.contacts.findByIds(ctx, [id]);
        return contact ? toVendorContactModel(contact) : null;
      },
    });
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => AddVendorContactPayload, {
    description: 'A person at the vendor; the email is normalized and unique per vendor.',
  })
  async addVendorContact(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AddVendorContactInput,
  ): Promise<AddVendorContactPayload> {
    const contact = await this.contacts.add(ctx, vendorRowId(input.vendorId, 'input.vendorId'), {
      name: input.name,
      email: input.email,
      role: input.role,
      language: input.language as ContactLanguage,
      primary: input.primary,
    });
    return { contact: toVendorContactModel(contact) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => UpdateVendorContactPayload)
  async updateVendorContact(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateVendorContactInput,
  ): Promise<UpdateVendorContactPayload> {
    const contact = await this.contacts.update(ctx, contactRowId(input.contactId), {
      name: input.name,
      email: input.email,
      role: input.role,
      language: input.language as ContactLanguage | undefined,
      primary: input.primary,
    });
    return { contact: toVendorContactModel(contact) };
  }

  @Allow(WRITE_VENDORS)
  @Mutation(() => RemoveVendorContactPayload, {
    description: 'When it was the primary contact, the longest-standing other one becomes it.',
  })
  async removeVendorContact(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RemoveVendorContactInput,
  ): Promise<RemoveVendorContactPayload> {
    await this.contacts.remove(ctx, contactRowId(input.contactId));
    return { removedContactId: input.contactId };
  }
}
