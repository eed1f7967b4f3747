/** Tag colours of the notice kinds on the portal. */
export const noticeKindColors: Record<string, string> = {
  prequalification: 'cyan',
  tender: 'blue',
  invitation: 'geekblue',
  correction: 'orange',
  termination: 'red',
  failure: 'volcano',
  result: 'green',
  contract: 'purple',
  acceptance: 'lime',
};
