import { ReasonField } from '../http/validators.js';

/** A void says a record was made in error and never happened; it needs the admin role and a reason. */
export class VoidRequest {
  @ReasonField() reason!: string;
}
