import type { OnModuleInit } from '@nestjs/common';
import { Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '#core';
import { MEMBER_ROLES, type AccessRule } from '../graphql/access/access-rule.js';
import { NodeRegistry } from '../graphql/relay/node-registry.js';
import { FileByIdLoader } from './file.loaders.js';
import { FILE_TYPE, toFileModel } from './file.mapper.js';
import { FileModel } from './file.model.js';

/** Who may fetch a File through `node(id:)`: every member, and read keys. */
const READ_FILES: AccessRule = { roles: MEMBER_ROLES, apiKey: ApiKeyScope.Read };

@Resolver(() => FileModel)
export class FileResolver implements OnModuleInit {
  constructor(
    private readonly byId: FileByIdLoader,
    private readonly nodes: NodeRegistry,
  ) {}

  onModuleInit(): void {
    this.nodes.register(FILE_TYPE, {
      access: READ_FILES,
      fetch: async ({ loaders }, id) => {
        const file = await loaders.get(this.byId).load(id);
        return file && toFileModel(file);
      },
    });
  }
}
