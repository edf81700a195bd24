import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecondFactor1795447690186 implements MigrationInterface {
  name = 'SecondFactor1795447690186';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "second_factor" ("user_id" uuid NOT NULL, "secret_sealed" text NOT NULL, "confirmed_at" TIMESTAMP(3) WITH TIME ZONE, "last_used_step" bigint, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ed3b12c71bfc8b301ef340e1717" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "recovery_code" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b7f1e23329e93a80e25fd281922" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "recovery_code_user_id_idx" ON "recovery_code"  ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factor" ADD CONSTRAINT "FK_ed3b12c71bfc8b301ef340e1717" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recovery_code" ADD CONSTRAINT "FK_f5c95d9ca2047afa670093e2028" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "recovery_code" DROP CONSTRAINT "FK_f5c95d9ca2047afa670093e2028"`,
    );
    await queryRunner.query(
      `ALTER TABLE "second_factor" DROP CONSTRAINT "FK_ed3b12c71bfc8b301ef340e1717"`,
    );
    await queryRunner.query(`DROP INDEX "public"."recovery_code_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "recovery_code"`);
    await queryRunner.query(`DROP TABLE "second_factor"`);
  }
}
