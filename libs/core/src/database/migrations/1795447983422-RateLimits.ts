import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimits1795447983422 implements MigrationInterface {
  name = 'RateLimits1795447983422';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit" ("key" character varying(200) NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "failures" integer NOT NULL, "strikes" integer NOT NULL DEFAULT '0', "blocked_until" TIMESTAMP(3) WITH TIME ZONE, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e6c0c0608decdf78e4d4b263397" PRIMARY KEY ("key"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit"`);
  }
}
