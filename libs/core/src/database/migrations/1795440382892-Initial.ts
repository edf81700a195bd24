import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795440382892 implements MigrationInterface {
  name = 'Initial1795440382892';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pipeline_check" ("id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "run_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "hold_ms" integer NOT NULL DEFAULT '0', "completed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_505ec71a7ae9194bfb22e5921ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pipeline_check_completed_at_idx" ON "pipeline_check"  ("completed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "pipeline_check_delivery" ("id" uuid NOT NULL, "check_id" uuid NOT NULL, "job_id" character varying(200) NOT NULL, "attempt" integer NOT NULL, "worker" character varying(200) NOT NULL, "outcome" character varying(20) NOT NULL, "delivered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1d7f1247035f6f39b872555ef56" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pipeline_check_delivery_check_id_idx" ON "pipeline_check_delivery"  ("check_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "worker_heartbeat" ("queue" character varying(100) NOT NULL, "worker" character varying(200) NOT NULL, "beat_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "beats" bigint NOT NULL DEFAULT '1', CONSTRAINT "PK_480da7de543609c7803a600dbe3" PRIMARY KEY ("queue"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_message" ("id" uuid NOT NULL, "job_name" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "job_id" character varying(200) NOT NULL, "available_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_2f36ee5236f2793f3e7bd554589" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_message_dispatched_at_idx" ON "outbox_message"  ("dispatched_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_message_pending_idx" ON "outbox_message"  ("id") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "pipeline_check_delivery" ADD CONSTRAINT "FK_e52596c9f9bbe078caee4dd5ce9" FOREIGN KEY ("check_id") REFERENCES "pipeline_check"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "pipeline_check_delivery" DROP CONSTRAINT "FK_e52596c9f9bbe078caee4dd5ce9"`,
    );
    await queryRunner.query(`DROP INDEX "public"."outbox_message_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_message_dispatched_at_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_message"`);
    await queryRunner.query(`DROP TABLE "worker_heartbeat"`);
    await queryRunner.query(`DROP INDEX "public"."pipeline_check_delivery_check_id_idx"`);
    await queryRunner.query(`DROP TABLE "pipeline_check_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."pipeline_check_completed_at_idx"`);
    await queryRunner.query(`DROP TABLE "pipeline_check"`);
  }
}
