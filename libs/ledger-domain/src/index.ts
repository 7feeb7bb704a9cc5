export * from './shared/decider.js';
export * from './shared/money.js';
export * from './shared/errors.js';
export * from './shared/dates.js';
export * from './shared/organisation.js';
export * from './catalogue.js';

export * from './programme/programme.events.js';
export * from './programme/programme.commands.js';
export * from './programme/programme.state.js';
export * from './programme/programme.decider.js';

export * from './innovator/innovator.events.js';
export * from './innovator/innovator.commands.js';
export * from './innovator/innovator.state.js';
export * from './innovator/innovator.decider.js';

export * from './partner/partner.events.js';
export * from './partner/partner.commands.js';
export * from './partner/partner.state.js';
export * from './partner/partner.decider.js';

export * from './grant/grant.events.js';
export * from './grant/grant.commands.js';
export * from './grant/grant.state.js';
export * from './grant/grant.decider.js';

export * from './introduction/introduction.events.js';
export * from './introduction/introduction.commands.js';
export * from './introduction/introduction.state.js';
export * from './introduction/introduction.decider.js';

export * from './partnership/partnership.events.js';
export * from './partnership/partnership.commands.js';
export * from './partnership/partnership.state.js';
export * from './partnership/partnership.decider.js';

export * from './project/project.events.js';
export * from './project/project.commands.js';
export * from './project/project.state.js';
export * from './project/project.decider.js';

export * from './person/personal-data.js';
export * from './person/person.events.js';
export * from './person/person.commands.js';
export * from './person/person.state.js';
export * from './person/person.decider.js';

export * from './upcasting/upcaster.js';
export * from './upcasting/upcaster-chain.js';
export * from './upcasting/ledger-upcasters.js';
