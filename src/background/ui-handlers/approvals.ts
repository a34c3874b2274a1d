import type { ApprovalMessages } from '../../shared/ui-api';
import type { AreaHandlers } from './types';

export const approvalHandlers: AreaHandlers<ApprovalMessages> = {};
