import { ArgsType, Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from '#core';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/**
 * `first`/`after` of every connection field. They carry no validation rules: GraphQL types them,
 * and paginate() refuses a `first` out of range and a cursor it did not make (BAD_USER_INPUT,
 * path `first` or `after`) before it reads anything, so a page's arguments skip the validation
 * pipe.
 */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many items, at most ${MAX_PAGE_SIZE}.`,
  })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/**
 * A page as GraphQL returns it; edges and page info (with their cursors) are made and
 * `totalCount` counted only when a client selects them.
 */
export class ConnectionValue<T> {
  constructor(
    readonly nodes: T[],
    private readonly page: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean },
    private readonly cursor: (index: number) => string,
    private readonly count: () => Promise<number>,
  ) {}

  get pageInfo(): PageInfo {
    const last = this.nodes.length - 1;
    return {
      hasNextPage: this.page.hasNextPage,
      hasPreviousPage: this.page.hasPreviousPage,
      startCursor: last >= 0 ? this.cursor(0) : null,
      endCursor: last >= 0 ? this.cursor(last) : null,
    };
  }

  get edges(): Edge<T>[] {
    return this.nodes.map((node, index) => ({ node, cursor: this.cursor(index) }));
  }

  get totalCount(): Promise<number> {
    return this.count();
  }
}

/** The Relay connection and edge types of `node`, named `<name>Connection` and `<name>Edge`. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionValue<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [node], {
      description: 'The nodes of the edges, for clients that need no cursors.',
    })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Items matching the filter, across all pages.' })
    totalCount!: number;
  }

  return ConnectionType as unknown as Type<ConnectionValue<T>>;
}

/** Maps a page of entities to a connection of models. */
export function toConnection<Entity, Model>(
  page: Page<Entity>,
  map: (entity: Entity) => Model,
  after?: string | null,
): ConnectionValue<Model> {
  return new ConnectionValue(
    page.nodes.map(map),
    { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(after) },
    page.cursor,
    page.totalCount,
  );
}
