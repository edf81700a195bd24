import { Field, ID, InterfaceType } from '@nestjs/graphql';

/** Relay's Node: every object that can be fetched again by its global id. */
@InterfaceType('Node', {
  description: 'An object with a globally unique, opaque id, refetchable with `node(id:)`.',
})
export abstract class Node {
  @Field(() => ID)
  id!: string;
}
