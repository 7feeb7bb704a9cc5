import { conflict, ruleBroken } from '../shared/errors.js';
import type { Existing } from '../shared/guards.js';
import type { IntroductionState } from './introduction.state.js';

interface ConversionRequest {
  readonly innovatorId: string;
  readonly partnerId: string;
  /** True when the partnership it was converted into was voided, which re-opens the introduction. */
  readonly previousPartnershipVoided: boolean;
}

/**
 * One partnership per introduction, naming the same innovator and partner. Shared by
 * ConfirmPartnership and ConvertIntroduction, which are appended together and must agree.
 */
export function assertConvertible(
  introduction: Existing<IntroductionState>,
  request: ConversionRequest,
): void {
  const { status, introductionId } = introduction;
  if (status === 'converted' && !request.previousPartnershipVoided) {
    throw conflict('INTRODUCTION.ALREADY_CONVERTED', `Introduction ${introductionId} is already converted`, {
      partnershipId: introduction.partnershipId,
    });
  }
  if (status === 'closed' || status === 'voided') {
    throw ruleBroken('INTRODUCTION.NOT_OPEN', `Introduction ${introductionId} is ${status}`, { status });
  }
  const fields = (['innovatorId', 'partnerId'] as const).filter(
    (field) => request[field] !== introduction[field],
  );
  if (fields.length > 0) {
    throw ruleBroken(
      'INTRODUCTION.MISMATCH',
      `${fields.join(' and ')} differ from introduction ${introductionId}`,
      {
        fields,
        expected: { innovatorId: introduction.innovatorId, partnerId: introduction.partnerId },
        actual: { innovatorId: request.innovatorId, partnerId: request.partnerId },
      },
    );
  }
}
