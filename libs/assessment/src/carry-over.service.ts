import { Injectable } from '@nestjs/common';
import { AuditService } from '#audit';
import {
  Clock,
  DomainException,
  TransactionalConnection,
  type FieldProblem,
  type RequestContext,
} from '#core';
import { AssessmentStatus, assertAssessmentMove, vendorMayAnswer } from './assessment-status.js';
import { Assessment } from './assessment.entity.js';
import { AssessmentService } from './assessment.service.js';
import { Answer } from './answer.entity.js';
import { VendorAssessmentService } from './vendor-assessment.service.js';

const MAX_CONFIRM_KEYS = 500;

/** The vendor contact's confirmation of carried-over answers, unchanged. */
@Injectable()
export class CarryOverService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly assessments: AssessmentService,
    private readonly vendorAssessments: VendorAssessmentService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Confirms carried-over answers as they are. A key that is not a carried-over answer of the
   * assessment is BAD_USER_INPUT; confirming one twice changes nothing the second time.
   */
  async confirm(
    ctx: RequestContext,
    assessmentId: string,
    questionKeys: readonly string[],
  ): Promise<{ assessment: Assessment; answers: Answer[] }> {
    if (questionKeys.length === 0 || questionKeys.length > MAX_CONFIRM_KEYS) {
      throw DomainException.badUserInput('Invalid question keys', [
        { path: 'input.questionKeys', message: `give 1 to ${MAX_CONFIRM_KEYS} question keys` },
      ]);
    }
    await this.vendorAssessments.find(ctx, assessmentId);
    return this.connection.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.lock(tx, assessmentId);
      if (!vendorMayAnswer(assessment.status)) {
        throw DomainException.conflict(
          `The assessment is ${assessment.status}; answers cannot be confirmed now`,
          { current: { status: assessment.status } },
        );
      }
      const repository = await this.connection.repository(tx, Answer);
      const keys = [...new Set(questionKeys)];
      const byKey = new Map(
        (
          await repository
            .createQueryBuilder('answer')
            .where('answer.assessment_id = :assessmentId AND answer.question_key IN (:...keys)', {
              assessmentId,
              keys,
            })
            .setLock('pessimistic_write')
            .getMany()
        ).map((answer) => [answer.questionKey, answer]),
      );
      const problems: FieldProblem[] = [];
      questionKeys.forEach((key, index) => {
        if (!byKey.get(key)?.carriedOver) {
          problems.push({
            path: `input.questionKeys[${index}]`,
            message: `"${key}" is not a carried-over answer of this assessment`,
          });
        }
      });
      if (problems.length > 0)
        throw DomainException.badUserInput('Invalid question keys', problems);
      const now = this.clock.now();
      const confirmed: string[] = [];
      const answers: Answer[] = [];
      for (const key of keys) {
        const answer = byKey.get(key)!;
        if (!answer.confirmedAt) {
          answer.confirmedAt = now;
          answers.push(await repository.save(answer));
          confirmed.push(key);
        } else {
          answers.push(answer);
        }
      }
      if (confirmed.length > 0) {
        if (assessment.status === AssessmentStatus.Sent) {
          assertAssessmentMove(assessment.status, AssessmentStatus.InProgress);
          assessment.status = AssessmentStatus.InProgress;
          await (await this.connection.repository(tx, Assessment)).save(assessment);
        }
        await this.audit.record(tx, {
          action: 'assessment.answers_confirmed',
          entityType: 'assessment',
          entityId: assessment.id,
          before: null,
          after: { questionKeys: confirmed, status: assessment.status },
        });
      }
      return { assessment, answers };
    });
  }
}
