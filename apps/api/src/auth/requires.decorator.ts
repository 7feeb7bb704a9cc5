import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@ledger/auth';

export const REQUIRED_PERMISSION = 'ledger:required-permission';
export const PUBLIC_ROUTE = 'ledger:public-route';

/** The permission a route needs (SPEC §7). A route without one is refused to everybody. */
export const Requires = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

/** A route anyone may call without a token (the API documentation, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
