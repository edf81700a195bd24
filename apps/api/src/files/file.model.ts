import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Node } from '../graphql/relay/node.interface.js';

@ObjectType('File', {
  implements: () => [Node],
  description:
    'An uploaded file (POST /files). Its content is downloaded from `downloadPath` with the same credentials.',
})
export class FileModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The name it was uploaded with, sanitized.' })
  name!: string;

  @Field({ description: 'Sniffed from the content, never taken from the client.' })
  mediaType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;

  @Field({ description: 'SHA-256 of the content, lower-case hex.' })
  sha256!: string;

  @Field()
  createdAt!: Date;

  @Field({ description: 'Where to GET the content, relative to the API (`/files/<id>`).' })
  downloadPath!: string;
}
