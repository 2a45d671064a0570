import { graphql } from '../graphql.js';

/** The units an account or a service token can belong to: every department and town (villages are searched). */
export const ScopesQuery = graphql(`
  query Scopes {
    departments {
      id
      name
    }
    regions(level: TOWN) {
      id
      name
    }
  }
`);
