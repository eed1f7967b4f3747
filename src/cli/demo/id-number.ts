/** The resident ID rules live with the registries; the demo generator uses them from there. */
export * from '../../modules/orgs/id-number.ts';
