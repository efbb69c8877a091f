/** Group unified credit (集团统一授信, domain.md section 2): one overall limit for a group, decided by head office. */
export type RequestGroupLimit = { type: 'RequestGroupLimit'; groupLimitId: string; groupId: string; amount: string; validFrom: string; validTo: string };
export type ApproveGroupLimit = { type: 'ApproveGroupLimit'; groupLimitId: string };
export type RejectGroupLimit = { type: 'RejectGroupLimit'; groupLimitId: string; reason: string };
/** Always a request, like the first grant: head office decides every change of the envelope. */
export type RenewGroupLimit = { type: 'RenewGroupLimit'; groupLimitId: string; amount: string; validTo: string };
export type CancelGroupLimit = { type: 'CancelGroupLimit'; groupLimitId: string };
/** 额度调剂: moves unused room from one member's allocation to another's, in one command. */
export type ReallocateGroupLimit = { type: 'ReallocateGroupLimit'; groupLimitId: string; fromLimitId: string; toLimitId: string; amount: string };

export type GroupLimitCommand = RequestGroupLimit | ApproveGroupLimit | RejectGroupLimit | RenewGroupLimit | CancelGroupLimit | ReallocateGroupLimit;
