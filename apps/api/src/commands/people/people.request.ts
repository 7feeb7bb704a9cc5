import { ReasonField } from '../../http/validators.js';

/** Forgetting a person needs a reason for auditors; it must not name the person. */
export class ForgetPersonRequest {
  @ReasonField() reason!: string;
}
